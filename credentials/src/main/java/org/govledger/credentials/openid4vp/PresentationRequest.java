package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.UntrustedJson;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.SigningKey;

/**
 * A verifier's signed request for presentations: an OpenID4VP 1.0 Authorization Request as a
 * Request Object (section 5, RFC 9101) with {@code response_type=vp_token}, {@code
 * response_mode=direct_post} (section 8.2), a {@code dcql_query} (section 6), and our own {@code
 * purpose}, the reason shown to the holder before they consent.
 *
 * <p>The verifier is a pre-registered client (section 5.9.2): {@code client_id} carries no Client
 * Identifier Prefix, and the wallet finds its key in the ledger's verifier registry ({@link
 * VerifierKeys}) by {@code client_id} and the JWS {@code kid}. A {@code client_id} with a prefix
 * this specification defines ({@code x509_hash:} and the others) is refused by {@link #verify}.
 *
 * @param clientId the verifier's registered id; the holder's key binding JWT uses it as {@code aud}
 * @param responseUri where the wallet posts the {@link VpResponse} (http or https)
 * @param nonce fresh randomness binding the presentations to this request
 * @param state fresh randomness the wallet sends back, so the response finds its session
 * @param dcqlQuery what is asked for
 * @param issuedAt {@code iat}, epoch seconds
 * @param expiresAt {@code exp}, epoch seconds; at most {@link #MAX_LIFETIME} after {@code iat}
 * @param purpose why the verifier asks, in words for the holder (1 to 500 characters)
 */
public record PresentationRequest(String clientId, String responseUri, String nonce,
    String state, DcqlQuery dcqlQuery, long issuedAt, long expiresAt, String purpose) {
  /** The JWS {@code typ} of a request object (section 5, RFC 9101 section 10.8). */
  public static final String TYP = "oauth-authz-req+jwt";
  public static final String RESPONSE_TYPE = "vp_token";
  public static final String RESPONSE_MODE = "direct_post";
  /** The {@code aud} of a request object for a statically configured wallet (section 5.8). */
  public static final String AUDIENCE = "https://self-issued.me/v2";
  /** The longest a request object may be valid, {@code exp - iat}. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
  /** How far in the future {@code iat} may be, for clocks that disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  /** The longest request object accepted, in characters of compact JWS. */
  public static final int MAX_LENGTH = 32 * 1024;
  public static final int MAX_PURPOSE_LENGTH = 500;

  /** The Client Identifier Prefixes of section 5.9.3; a {@code client_id} using one is refused. */
  public static final Set<String> CLIENT_ID_PREFIXES = Set.of("redirect_uri",
      "openid_federation", "decentralized_identifier", "verifier_attestation", "x509_san_dns",
      "x509_hash", "origin");

  /** {@code nonce} and {@code state}: ASCII URL-safe characters only (section 5.2). */
  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final String WHAT = "request object";

  /** @throws IllegalArgumentException naming the first value that breaks the rules above */
  public PresentationRequest {
    checkClientId(clientId);
    RequestUri.httpUriProblem(responseUri, "response_uri").ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    checkUrlSafe(nonce, "nonce");
    checkUrlSafe(state, "state");
    Objects.requireNonNull(dcqlQuery, "dcqlQuery");
    if (issuedAt < 0 || expiresAt <= issuedAt) {
      throw new IllegalArgumentException("need 0 <= iat < exp; got iat " + issuedAt + ", exp "
          + expiresAt);
    }
    if (expiresAt - issuedAt > MAX_LIFETIME.toSeconds()) {
      throw new IllegalArgumentException("a request object may be valid for at most "
          + MAX_LIFETIME.toSeconds() + " s; exp - iat is " + (expiresAt - issuedAt) + " s");
    }
    checkPurpose(purpose);
  }

  /** 16 random bytes in base64url (22 characters): a fresh {@code nonce} or {@code state}. */
  public static String randomValue(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return CompactJws.encode(bytes);
  }

  /** The Request Object's claims, as {@link #sign} signs them. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("client_id", clientId);
    json.put("response_uri", responseUri);
    json.put("response_type", RESPONSE_TYPE);
    json.put("response_mode", RESPONSE_MODE);
    json.set("dcql_query", dcqlQuery.toJson());
    json.put("nonce", nonce);
    json.put("state", state);
    json.put("aud", AUDIENCE);
    json.put("iat", issuedAt);
    json.put("exp", expiresAt);
    json.put("purpose", purpose);
    return json;
  }

  /**
   * The signed Request Object: a compact JWS with header {@code {"alg", "kid", "typ":
   * "oauth-authz-req+jwt"}}, served at the request URI as {@code
   * application/oauth-authz-req+jwt}.
   *
   * @param kid the id under which the verifier registry holds {@code verifierKey}'s public key
   */
  public String sign(SigningKey verifierKey, String kid) {
    if (kid == null || kid.isEmpty()) {
      throw new IllegalArgumentException("kid must name the key in the verifier registry");
    }
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("alg", PublicJwk.of(verifierKey).algorithm().jwsName());
    header.put("kid", kid);
    header.put("typ", TYP);
    return CompactJws.sign(header, toJson(), verifierKey);
  }

  /**
   * Checks a signed Request Object as a wallet does, in this order: size and form, {@code typ},
   * {@code alg} (never {@code none}), {@code kid}, {@code client_id} (no Client Identifier
   * Prefix), the key in {@code keys}, the signature, the parameters ({@link #fromJson}), then
   * {@code exp} against now and {@code iat} against now plus {@link #CLOCK_SKEW}.
   *
   * @throws CredentialException with one code per failure: {@code malformed}, {@code too-large},
   *     {@link Openid4vpCodes#WRONG_TYP}, {@code unsupported-algorithm}, {@link
   *     Openid4vpCodes#MISSING_PARAMETER}, {@link Openid4vpCodes#UNSUPPORTED_CLIENT_ID_PREFIX},
   *     {@link Openid4vpCodes#UNKNOWN_VERIFIER}, {@code bad-signature}, those of {@link
   *     #fromJson}, {@link Openid4vpCodes#EXPIRED}, {@link Openid4vpCodes#ISSUED_IN_FUTURE}
   */
  public static PresentationRequest verify(String jws, VerifierKeys keys, long nowEpochSeconds)
      throws CredentialException {
    Objects.requireNonNull(keys, "keys");
    if (jws == null || jws.isEmpty()) {
      throw new CredentialException(CredentialException.MALFORMED, "the request object is empty");
    }
    if (jws.length() > MAX_LENGTH) {
      throw new CredentialException(CredentialException.TOO_LARGE, "the request object is "
          + jws.length() + " characters, over the limit of " + MAX_LENGTH);
    }
    CompactJws.Parsed parsed = CompactJws.parse(jws, MAX_LENGTH, WHAT);
    checkTyp(parsed.header().get("typ"));
    CompactJws.algorithm(parsed, WHAT);
    String kid = requiredText(parsed.header(), "kid", "header");
    String clientId = requiredText(parsed.payload(), "client_id", "payload");
    refusePrefix(clientId);
    PublicJwk key = keys.lookup(clientId, kid).orElseThrow(() -> new CredentialException(
        Openid4vpCodes.UNKNOWN_VERIFIER, "no key \"" + shorten(kid) + "\" is registered for"
            + " verifier \"" + shorten(clientId) + "\" (unknown verifier, unknown or revoked"
            + " key)"));
    CompactJws.verify(parsed, key, WHAT);
    PresentationRequest request = fromJson(parsed.payload());
    if (request.expiresAt() <= nowEpochSeconds) {
      throw new CredentialException(Openid4vpCodes.EXPIRED, "the request object expired at "
          + request.expiresAt() + ", " + (nowEpochSeconds - request.expiresAt())
          + " s ago (now " + nowEpochSeconds + "); ask the verifier for a new QR code");
    }
    if (request.issuedAt() > nowEpochSeconds + CLOCK_SKEW.toSeconds()) {
      throw new CredentialException(Openid4vpCodes.ISSUED_IN_FUTURE, "the request object was"
          + " issued at " + request.issuedAt() + ", " + (request.issuedAt() - nowEpochSeconds)
          + " s in the future (now " + nowEpochSeconds + ", allowed skew "
          + CLOCK_SKEW.toSeconds() + " s)");
    }
    return request;
  }

  /**
   * Reads the Request Object's claims, without signature or clock checks. Unknown parameters are
   * ignored (section 5); {@code iss} too.
   *
   * @throws CredentialException {@link Openid4vpCodes#MISSING_PARAMETER} for an absent required
   *     parameter ({@code iat}, {@code exp} and {@code purpose} are required here although the
   *     specification does not require them), {@code malformed} for a wrong type or value,
   *     {@link Openid4vpCodes#LIFETIME_TOO_LONG}, {@link Openid4vpCodes#UNSUPPORTED_REQUEST} for
   *     another response type or mode, {@code redirect_uri}, {@code scope}, {@code
   *     transaction_data}, {@code client_metadata} or another {@code aud}, and the codes of
   *     {@link DcqlQuery#fromJson}
   */
  public static PresentationRequest fromJson(JsonNode payload) throws CredentialException {
    return RequestObjectReader.read(payload);
  }

  static void refusePrefix(String clientId) throws CredentialException {
    int colon = clientId.indexOf(':');
    if (colon >= 0 && CLIENT_ID_PREFIXES.contains(clientId.substring(0, colon))) {
      throw new CredentialException(Openid4vpCodes.UNSUPPORTED_CLIENT_ID_PREFIX, "client_id"
          + " uses the Client Identifier Prefix \"" + clientId.substring(0, colon) + "\";"
          + " govledger wallets accept only verifiers pre-registered on the ledger, whose"
          + " client_id has no prefix (OpenID4VP 1.0 section 5.9.2)");
    }
  }

  private static void checkTyp(JsonNode typ) throws CredentialException {
    if (typ == null) {
      throw new CredentialException(Openid4vpCodes.WRONG_TYP, "the request object header has"
          + " no \"typ\"; it must be \"" + TYP + "\" (OpenID4VP 1.0 section 5)");
    }
    String value = typ.isTextual() ? typ.textValue() : "";
    if (!value.equalsIgnoreCase(TYP) && !value.equalsIgnoreCase("application/" + TYP)) {
      throw new CredentialException(Openid4vpCodes.WRONG_TYP, "the request object header has"
          + " typ " + (typ.isTextual() ? "\"" + shorten(value) + "\"" : UntrustedJson.kind(typ))
          + "; it must be \"" + TYP + "\" (OpenID4VP 1.0 section 5)");
    }
  }

  private static String requiredText(ObjectNode node, String member, String part)
      throws CredentialException {
    JsonNode value = node.get(member);
    if (value == null) {
      throw new CredentialException(Openid4vpCodes.MISSING_PARAMETER,
          "the request object " + part + " has no \"" + member + "\"");
    }
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw new CredentialException(CredentialException.MALFORMED, "the request object "
          + part + " \"" + member + "\" must be a non-empty string, not " + UntrustedJson.kind(value));
    }
    return value.textValue();
  }

  static void checkClientId(String clientId) {
    if (clientId == null || clientId.isEmpty() || clientId.length() > 256
        || !clientId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException("client_id must be 1-256 printable ASCII characters"
          + " without spaces");
    }
  }

  private static void checkUrlSafe(String value, String name) {
    if (value == null || !URL_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must be 1-256 ASCII URL-safe characters"
          + " (A-Z a-z 0-9 - . _ ~, section 5.2)");
    }
  }

  private static void checkPurpose(String purpose) {
    if (purpose == null || purpose.isBlank() || purpose.length() > MAX_PURPOSE_LENGTH
        || purpose.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("purpose must be 1-" + MAX_PURPOSE_LENGTH
          + " characters of text for the holder, not blank, without control characters");
    }
  }

  static String shorten(String text) {
    String printable = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : "?";
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
  }
}
