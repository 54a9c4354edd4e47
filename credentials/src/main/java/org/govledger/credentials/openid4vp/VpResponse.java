package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.UntrustedJson;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.json.Canonical;

/**
 * The wallet's Authorization Response with response mode {@code direct_post} (OpenID4VP 1.0
 * section 8.2): an {@code application/x-www-form-urlencoded} body with {@code vp_token} and
 * {@code state}. The VP Token (section 8.1) is a JSON object whose keys are the ids of the
 * Credential Queries answered and whose values are non-empty arrays of presentations; for
 * {@code dc+sd-jwt} each presentation is an SD-JWT+KB string (appendix B.3.6).
 *
 * <p>{@code toString()} shows query ids and counts only: presentations carry personal data.
 *
 * @param vpToken query id to presentations, in the order given (copied, unmodifiable)
 * @param state the request's {@code state}, echoed back
 */
public record VpResponse(Map<String, List<String>> vpToken, String state) {
  /** The largest body accepted, in characters: a few presentations of {@link SdJwt#MAX_LENGTH}. */
  public static final int MAX_LENGTH = 512 * 1024;

  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** @throws IllegalArgumentException for an empty token, a bad id, an empty list or string */
  public VpResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    vpToken.forEach((id, presentations) -> {
      DcqlQuery.checkId(id, "vp_token key");
      List<String> list = List.copyOf(presentations);
      if (list.isEmpty() || list.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("vp_token entry \"" + id + "\" must be a non-empty"
            + " array of non-empty presentations (section 8.1)");
      }
      copy.put(id, list);
    });
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("vp_token must answer at least one credential query");
    }
    vpToken = Collections.unmodifiableMap(copy);
    if (state == null || !URL_SAFE.matcher(state).matches()) {
      throw new IllegalArgumentException("state must be 1-256 ASCII URL-safe characters");
    }
  }

  /** The presentations given for one credential query (empty if it was not answered). */
  public List<String> presentations(String queryId) {
    return vpToken.getOrDefault(queryId, List.of());
  }

  /** The VP Token as JSON. */
  public ObjectNode vpTokenJson() {
    ObjectNode token = JsonNodeFactory.instance.objectNode();
    vpToken.forEach((id, presentations) -> {
      ArrayNode array = token.putArray(id);
      presentations.forEach(array::add);
    });
    return token;
  }

  /** The POST body: {@code vp_token=<JSON, RFC 8785 canonical>&state=<state>}. */
  public String toFormBody() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("vp_token", new String(Canonical.canonicalize(vpTokenJson()),
        StandardCharsets.UTF_8));
    parameters.put("state", state);
    return FormEncoding.encode(parameters);
  }

  /**
   * Reads a {@code direct_post} body. Other parameters (such as {@code iss}) are ignored, as
   * section 8.1 requires.
   *
   * @throws CredentialException {@link Openid4vpCodes#WALLET_ERROR} if the wallet sent an {@code
   *     error} instead, {@link Openid4vpCodes#MISSING_PARAMETER} without {@code vp_token} or
   *     {@code state}, {@code too-large}, and {@code malformed} for bad encoding or shape
   */
  public static VpResponse parseForm(String body) throws CredentialException {
    Objects.requireNonNull(body, "body");
    if (body.length() > MAX_LENGTH) {
      throw new CredentialException(CredentialException.TOO_LARGE, "the response body is "
          + body.length() + " characters, over the limit of " + MAX_LENGTH);
    }
    Map<String, String> parameters = FormEncoding.decode(body, "the response body",
        CredentialException.MALFORMED);
    String error = parameters.get("error");
    if (error != null) {
      throw new CredentialException(Openid4vpCodes.WALLET_ERROR, "the wallet answered with"
          + " error " + (ERROR_CODE.matcher(error).matches() ? "\"" + error + "\"" : "(unreadable)")
          + " instead of a VP Token (section 8.5)");
    }
    return fromParameters(parameters.get("vp_token"), parameters.get("state"));
  }

  /**
   * Reads the two parameters, for callers whose HTTP framework already decoded the form.
   *
   * @param vpToken the {@code vp_token} parameter (JSON text), or null if absent
   * @param state the {@code state} parameter, or null if absent
   */
  public static VpResponse fromParameters(String vpToken, String state)
      throws CredentialException {
    if (vpToken == null) {
      throw new CredentialException(Openid4vpCodes.MISSING_PARAMETER,
          "the response has no vp_token (section 8.1)");
    }
    if (state == null) {
      throw new CredentialException(Openid4vpCodes.MISSING_PARAMETER,
          "the response has no state; every govledger request has one");
    }
    ObjectNode token = JsonInput.object(vpToken, MAX_LENGTH, "vp_token");
    Map<String, List<String>> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : token.properties()) {
      entries.put(entry.getKey(), presentations(entry.getKey(), entry.getValue()));
    }
    try {
      return new VpResponse(entries, state);
    } catch (IllegalArgumentException e) {
      throw new CredentialException(CredentialException.MALFORMED, e.getMessage());
    }
  }

  private static List<String> presentations(String id, JsonNode value)
      throws CredentialException {
    String named = "vp_token entry " + FormEncoding.quoted(id);
    if (!value.isArray()) {
      throw new CredentialException(CredentialException.MALFORMED, named + " must be an array"
          + " of presentations, not " + UntrustedJson.kind(value) + " (section 8.1)");
    }
    List<String> presentations = new ArrayList<>();
    for (JsonNode presentation : value) {
      if (!presentation.isTextual()) {
        throw new CredentialException(CredentialException.MALFORMED, named + " must hold"
            + " strings (SD-JWT presentations, appendix B.3.6), not "
            + UntrustedJson.kind(presentation));
      }
      presentations.add(presentation.textValue());
    }
    return presentations;
  }

  /**
   * Checks that this response answers {@code query} as section 8.1 says: an entry for every
   * Credential Query (we ask for all of them), none for a query not asked, and one presentation
   * per entry unless the query allows {@code multiple}.
   *
   * @throws CredentialException {@link Openid4vpCodes#RESPONSE_MISMATCH} naming the query
   */
  public void checkAnswers(DcqlQuery query) throws CredentialException {
    Set<String> unasked = new TreeSet<>(vpToken.keySet());
    unasked.removeAll(query.queryIds());
    if (!unasked.isEmpty()) {
      throw mismatch("vp_token answers credential queries that were not asked: " + unasked);
    }
    for (DcqlQuery.CredentialQuery asked : query.credentials()) {
      int count = presentations(asked.id()).size();
      if (count == 0) {
        throw mismatch("vp_token has no answer to credential query \"" + asked.id() + "\"");
      }
      if (count > 1 && !asked.multiple()) {
        throw mismatch("vp_token has " + count + " presentations for credential query \""
            + asked.id() + "\", which allows one (multiple is false)");
      }
    }
  }

  private static CredentialException mismatch(String message) {
    return new CredentialException(Openid4vpCodes.RESPONSE_MISMATCH, message);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("VpResponse[");
    vpToken.forEach((id, list) -> text.append(id).append('=').append(list.size())
        .append(" presentation(s), "));
    return text.append("state=").append(state).append(']').toString();
  }
}
