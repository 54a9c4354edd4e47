package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.JwsAlgorithm;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.json.Canonical;

/**
 * JWS Compact Serialization (RFC 7515 section 7.1) of a request object, on the ledger's keys and
 * the credentials module's algorithms ({@code EdDSA}, {@code ES256}, {@code SM2}). What we write
 * is RFC 8785 canonical JSON; what we read is strict JSON in strict base64url (one encoding per
 * byte string).
 */
final class CompactJws {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private CompactJws() {}

  /** A split and decoded JWS; {@code header} has a string {@code alg} and no {@code crit}. */
  record Parsed(String signingInput, ObjectNode header, ObjectNode payload, byte[] signature) {}

  static String sign(ObjectNode header, ObjectNode payload, SigningKey key) {
    String input = ENCODER.encodeToString(Canonical.canonicalize(header)) + "."
        + ENCODER.encodeToString(Canonical.canonicalize(payload));
    return input + "." + ENCODER.encodeToString(key.sign(ascii(input)));
  }

  static Parsed parse(String compact, int maxLength, String what) throws CredentialException {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed(what + " must be a compact JWS of three base64url parts separated by"
          + " '.', found " + parts.length + " part(s)");
    }
    if (parts[0].isEmpty() || parts[1].isEmpty()) {
      throw malformed(what + " has an empty " + (parts[0].isEmpty() ? "header" : "payload"));
    }
    ObjectNode header = JsonInput.object(decode(parts[0], what + " header"), maxLength,
        what + " header");
    ObjectNode payload = JsonInput.object(decode(parts[1], what + " payload"), maxLength,
        what + " payload");
    byte[] signature = decode(parts[2], what + " signature");
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw malformed(what + " header must have a string \"alg\"");
    }
    if (header.has("crit")) {
      throw malformed(what + " header has \"crit\"; no critical header extensions are"
          + " supported (RFC 7515 section 4.1.11)");
    }
    return new Parsed(parts[0] + "." + parts[1], header, payload, signature);
  }

  /** Refuses {@code none} and algorithms other than ours, before any key is looked up. */
  static JwsAlgorithm algorithm(Parsed jws, String what) throws CredentialException {
    String alg = jws.header().get("alg").textValue();
    if (alg.equalsIgnoreCase("none")) {
      throw new CredentialException(CredentialException.UNSUPPORTED_ALGORITHM, what
          + " has alg \"" + alg + "\": an unsigned request object is refused");
    }
    return JwsAlgorithm.fromJwsName(alg).orElseThrow(() -> new CredentialException(
        CredentialException.UNSUPPORTED_ALGORITHM, what + " has alg \"" + alg
            + "\"; supported: EdDSA, ES256, SM2"));
  }

  static void verify(Parsed jws, PublicJwk key, String what) throws CredentialException {
    JwsAlgorithm algorithm = algorithm(jws, what);
    if (algorithm != key.algorithm()) {
      throw new CredentialException(CredentialException.BAD_SIGNATURE, what + " has alg \""
          + algorithm.jwsName() + "\" but the verifier's key signs with \""
          + key.algorithm().jwsName() + "\"");
    }
    try {
      key.verifier().verify(ascii(jws.signingInput()), jws.signature());
    } catch (VerificationException e) {
      throw new CredentialException(CredentialException.BAD_SIGNATURE,
          what + " signature does not verify: " + e.getMessage(), e);
    }
  }

  /** Strict base64url: only the 64 URL-safe characters, no padding, unused bits zero. */
  static byte[] decode(String text, String what) throws CredentialException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw malformed(what + " is not base64url: character at offset " + i
            + " is not one of A-Z a-z 0-9 - _ (no padding)");
      }
    }
    if (text.length() % 4 == 1) {
      throw malformed(what + " is not base64url: a length of 4n+1 characters cannot be decoded");
    }
    byte[] bytes = Base64.getUrlDecoder().decode(text);
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw malformed(what + " is not canonical base64url: the unused bits of its last"
          + " character are not zero");
    }
    return bytes;
  }

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }
}
