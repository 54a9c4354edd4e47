package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.json.Canonical;

/**
 * JWS Compact Serialization (RFC 7515 section 7.1) of JSON objects, signed with the ledger's
 * keys. Headers and payloads we write are RFC 8785 canonical JSON, so the same input always gives
 * the same bytes; what we read may be any strict JSON.
 */
final class Jws {
  private Jws() {}

  /**
   * One parsed JWS. {@code header} and {@code payload} are this object's own trees: callers in
   * this package copy them before handing them out.
   */
  record Parsed(String compact, String signingInput, ObjectNode header, ObjectNode payload,
      byte[] signature) {
    String alg() {
      return header.get("alg").textValue();
    }
  }

  /** Signs {@code payload} under {@code header} and returns {@code header.payload.signature}. */
  static String sign(ObjectNode header, ObjectNode payload, SigningKey key) {
    String input = Base64Url.encode(Canonical.canonicalize(header)) + "."
        + Base64Url.encode(Canonical.canonicalize(payload));
    return input + "." + Base64Url.encode(key.sign(ascii(input)));
  }

  /**
   * Splits and decodes a compact JWS. The header must hold a string {@code alg} and no {@code
   * crit}; the signature may be empty here (an {@code alg} of {@code none}), which {@link
   * #verify} then refuses with a clear reason.
   *
   * @param what names the JWS in errors, for example "issuer-signed JWT"
   */
  static Parsed parse(String compact, String what) throws CredentialException {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed(what + " must have three base64url parts separated by '.', found "
          + parts.length);
    }
    if (parts[0].isEmpty() || parts[1].isEmpty()) {
      throw malformed(what + " has an empty " + (parts[0].isEmpty() ? "header" : "payload"));
    }
    ObjectNode header = UntrustedJson.object(
        Base64Url.decode(parts[0], what + " header"), what + " header");
    ObjectNode payload = UntrustedJson.object(
        Base64Url.decode(parts[1], what + " payload"), what + " payload");
    byte[] signature = Base64Url.decode(parts[2], what + " signature");
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw malformed(what + " header must have a string \"alg\"");
    }
    if (header.has("crit")) {
      throw malformed(what + " header has \"crit\"; no critical header extensions are"
          + " supported (RFC 7515 section 4.1.11)");
    }
    return new Parsed(compact, parts[0] + "." + parts[1], header, payload, signature);
  }

  /**
   * Checks that {@code jws} is signed by {@code key} with the key's own algorithm.
   *
   * @throws CredentialException {@link CredentialException#UNSUPPORTED_ALGORITHM} for {@code
   *     none} or an unknown {@code alg}, {@link CredentialException#BAD_SIGNATURE} for an {@code
   *     alg} that does not fit the key or a signature that does not verify
   */
  static void verify(Parsed jws, PublicJwk key, String what) throws CredentialException {
    String alg = jws.alg();
    if (alg.equalsIgnoreCase("none")) {
      throw new CredentialException(CredentialException.UNSUPPORTED_ALGORITHM, what
          + " has alg \"" + alg + "\": unsigned JWTs are refused (RFC 9901 sections 4.1, 7.1)");
    }
    JwsAlgorithm algorithm = JwsAlgorithm.fromJwsName(alg).orElseThrow(() ->
        new CredentialException(CredentialException.UNSUPPORTED_ALGORITHM, what + " has alg \""
            + alg + "\"; supported: EdDSA, ES256, SM2"));
    if (algorithm != key.algorithm()) {
      throw new CredentialException(CredentialException.BAD_SIGNATURE, what + " has alg \""
          + alg + "\" but its key is " + key.suite().id() + ", which signs with \""
          + key.algorithm().jwsName() + "\"");
    }
    try {
      key.verifier().verify(ascii(jws.signingInput()), jws.signature());
    } catch (VerificationException e) {
      throw new CredentialException(CredentialException.BAD_SIGNATURE,
          what + " signature does not verify: " + e.getMessage(), e);
    }
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }
}
