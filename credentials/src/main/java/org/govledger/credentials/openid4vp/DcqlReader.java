package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.UntrustedJson;
import org.govledger.credentials.openid4vp.DcqlQuery.ClaimQuery;
import org.govledger.credentials.openid4vp.DcqlQuery.CredentialQuery;

/**
 * Reads DCQL JSON into a {@link DcqlQuery}: first what DCQL itself requires (section 6), then
 * what this package supports, so that the error says which of the two the query broke.
 */
final class DcqlReader {
  private DcqlReader() {}

  static DcqlQuery read(JsonNode node) throws CredentialException {
    if (node == null || !node.isObject()) {
      throw malformed("a DCQL query must be a JSON object, not " + UntrustedJson.kind(node));
    }
    if (node.has("credential_sets")) {
      throw unsupported("the DCQL query has \"credential_sets\"; this verifier asks for every"
          + " credential query it lists, so alternatives and optional sets are not supported");
    }
    JsonNode credentials = node.get("credentials");
    if (credentials == null) {
      throw missing("the DCQL query has no \"credentials\" (required, section 6)");
    }
    if (!credentials.isArray() || credentials.isEmpty()) {
      throw malformed("\"credentials\" must be a non-empty array of credential queries");
    }
    List<CredentialQuery> queries = new ArrayList<>();
    for (int i = 0; i < credentials.size(); i++) {
      queries.add(credentialQuery(credentials.get(i), "credential query " + i));
    }
    try {
      return new DcqlQuery(queries);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static CredentialQuery credentialQuery(JsonNode node, String where)
      throws CredentialException {
    if (!node.isObject()) {
      throw malformed(where + " must be an object, not " + UntrustedJson.kind(node));
    }
    String id = text(node, "id", where);
    String named = "credential query \"" + (id.length() <= DcqlQuery.MAX_ID_LENGTH ? id : where)
        + "\"";
    try {
      DcqlQuery.checkId(id, named + " id");
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    String format = text(node, "format", named);
    if (!format.equals(DcqlQuery.FORMAT_SD_JWT_VC)) {
      throw unsupported(named + " asks for format \"" + shorten(format) + "\"; supported: "
          + DcqlQuery.FORMAT_SD_JWT_VC + " (SD-JWT VC)");
    }
    boolean multiple = flag(node, "multiple", named, false);
    if (!flag(node, "require_cryptographic_holder_binding", named, true)) {
      throw unsupported(named + " sets require_cryptographic_holder_binding to false; govledger"
          + " presentations always carry a key binding JWT");
    }
    for (String feature : List.of("trusted_authorities", "claim_sets")) {
      if (node.has(feature)) {
        throw unsupported(named + " has \"" + feature + "\", which is not supported");
      }
    }
    List<String> vctValues = vctValues(node.get("meta"), named);
    List<ClaimQuery> claims = claims(node.get("claims"), named);
    try {
      return new CredentialQuery(id, vctValues, claims, multiple);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static List<String> vctValues(JsonNode meta, String named) throws CredentialException {
    if (meta == null) {
      throw missing(named + " has no \"meta\" (required, section 6.1)");
    }
    if (!meta.isObject()) {
      throw malformed(named + " \"meta\" must be an object, not " + UntrustedJson.kind(meta));
    }
    JsonNode values = meta.get("vct_values");
    if (values == null) {
      throw missing(named + " has no meta.vct_values (required for dc+sd-jwt, appendix B.3.5)");
    }
    if (!values.isArray() || values.isEmpty()) {
      throw malformed(named + " meta.vct_values must be a non-empty array of strings");
    }
    List<String> vcts = new ArrayList<>();
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        throw malformed(named + " meta.vct_values must hold strings, not "
            + UntrustedJson.kind(value));
      }
      vcts.add(value.textValue());
    }
    return vcts;
  }

  private static List<ClaimQuery> claims(JsonNode claims, String named)
      throws CredentialException {
    List<ClaimQuery> result = new ArrayList<>();
    if (claims == null) {
      return result;
    }
    if (!claims.isArray() || claims.isEmpty()) {
      throw malformed(named + " \"claims\" must be a non-empty array when present");
    }
    for (int i = 0; i < claims.size(); i++) {
      result.add(claim(claims.get(i), named + " claim " + i));
    }
    return result;
  }

  private static ClaimQuery claim(JsonNode node, String where) throws CredentialException {
    if (!node.isObject()) {
      throw malformed(where + " must be an object, not " + UntrustedJson.kind(node));
    }
    Optional<String> id = Optional.empty();
    if (node.has("id")) {
      id = Optional.of(text(node, "id", where));
    }
    if (node.has("values")) {
      throw unsupported(where + " has \"values\"; value matching is not supported (and a"
          + " verifier must not rely on it, section 6.4.1)");
    }
    JsonNode path = node.get("path");
    if (path == null) {
      throw missing(where + " has no \"path\" (required, section 6.3)");
    }
    checkPathPointer(path, where);
    if (path.size() != 1 || !path.get(0).isTextual()) {
      throw unsupported(where + " has a path of " + path.size() + " component(s); supported:"
          + " one claim name, [\"name\"], for a top-level claim");
    }
    try {
      return new ClaimQuery(id, path.get(0).textValue());
    } catch (IllegalArgumentException e) {
      throw malformed(where + ": " + e.getMessage());
    }
  }

  /** A claims path pointer: a non-empty array of strings, nulls and non-negative integers. */
  private static void checkPathPointer(JsonNode path, String where) throws CredentialException {
    if (!path.isArray() || path.isEmpty()) {
      throw malformed(where + " \"path\" must be a non-empty array (section 7)");
    }
    for (JsonNode component : path) {
      boolean ok = component.isTextual() || component.isNull()
          || (component.isIntegralNumber() && component.canConvertToLong()
              && component.longValue() >= 0);
      if (!ok) {
        throw malformed(where + " \"path\" may hold only strings, null and non-negative"
            + " integers, not " + UntrustedJson.kind(component) + " (section 7)");
      }
    }
  }

  private static String text(JsonNode node, String member, String where)
      throws CredentialException {
    JsonNode value = node.get(member);
    if (value == null) {
      throw missing(where + " has no \"" + member + "\" (required)");
    }
    if (!value.isTextual()) {
      throw malformed(where + " \"" + member + "\" must be a string, not "
          + UntrustedJson.kind(value));
    }
    return value.textValue();
  }

  private static boolean flag(JsonNode node, String member, String where, boolean absent)
      throws CredentialException {
    JsonNode value = node.get(member);
    if (value == null) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw malformed(where + " \"" + member + "\" must be a boolean, not "
          + UntrustedJson.kind(value));
    }
    return value.booleanValue();
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }

  private static CredentialException missing(String message) {
    return new CredentialException(Openid4vpCodes.MISSING_PARAMETER, message);
  }

  private static CredentialException unsupported(String message) {
    return new CredentialException(Openid4vpCodes.UNSUPPORTED_QUERY, message);
  }
}
