package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import org.govledger.ledger.crypto.SigningKey;

/**
 * Proof that a request comes from the holder of a wallet key, in the manner of DPoP (RFC 9449):
 * a JWS the wallet signs for one request, carrying its public key, the subject it acts for, the
 * method and path, the time and a unique id. The receiver checks the signature here, and then
 * whether the key is one the identity authority bound to that subject (the ledger's business),
 * and that the id was not seen before (a replay).
 *
 * <p>Header {@code {"typ":"govledger-holder+jwt","alg":..,"jwk":{..}}}; payload {@code {"sub",
 * "htm","htu","iat","jti"}}. It travels in the {@code Authorization} header as {@code Holder
 * <jws>}.
 */
public final class HolderProof {
  public static final String TYP = "govledger-holder+jwt";
  public static final String SCHEME = "Holder";
  private static final int MAX_LENGTH = 4096;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private HolderProof() {}

  /** What a checked proof says. */
  public record Claims(String subject, PublicJwk key, String jti, long iat) {}

  /**
   * A proof for one request.
   *
   * @param path the request path, for example {@code /api/v1/wallets/abc/documents}
   * @param jti a unique id for this request (16 or more random characters)
   */
  public static String sign(SigningKey holderKey, String subject, String method, String path,
      long iatEpochSeconds, String jti) {
    Objects.requireNonNull(subject, "subject");
    if (jti == null || jti.length() < 16 || jti.length() > 64) {
      throw new IllegalArgumentException("jti must be 16-64 characters, random per request");
    }
    PublicJwk jwk = PublicJwk.of(holderKey);
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("typ", TYP);
    header.put("alg", jwk.algorithm().jwsName());
    header.set("jwk", jwk.toJson());
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("sub", subject);
    payload.put("htm", method);
    payload.put("htu", path);
    payload.put("iat", iatEpochSeconds);
    payload.put("jti", jti);
    return Jws.sign(header, payload, holderKey);
  }

  /**
   * The value of an {@code Authorization} header for one request, signed now with a fresh random
   * {@code jti}: {@code Holder <proof>}. What a wallet, a verifier or an agency sends.
   *
   * @param party the subject id a holder acts for, or a verifier's or agency's id
   */
  public static String authorization(SigningKey key, String party, String method, String path) {
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    return SCHEME + " " + sign(key, party, method, path, java.time.Instant.now().getEpochSecond(),
        Base64Url.encode(jti));
  }

  /**
   * Checks a proof's form, signature, method, path and age; not whether its key belongs to the
   * subject.
   *
   * @throws CredentialException naming what is wrong
   */
  public static Claims verify(String proof, String method, String path, long nowEpochSeconds,
      Duration maxSkew) throws CredentialException {
    if (proof == null || proof.isEmpty()) {
      throw new CredentialException(CredentialException.MALFORMED,
          "the request needs an Authorization: Holder <proof> header signed with a wallet key");
    }
    if (proof.length() > MAX_LENGTH) {
      throw new CredentialException(CredentialException.TOO_LARGE,
          "a holder proof is at most " + MAX_LENGTH + " characters");
    }
    Jws.Parsed jws = Jws.parse(proof, "holder proof");
    if (!TYP.equals(jws.header().path("typ").asText())) {
      throw new CredentialException(CredentialException.MALFORMED,
          "holder proof header must have typ \"" + TYP + "\"");
    }
    PublicJwk key = PublicJwk.fromJson(jws.header().path("jwk"));
    Jws.verify(jws, key, "holder proof");
    JsonNode p = jws.payload();
    String sub = text(p, "sub");
    String jti = text(p, "jti");
    if (!method.equals(text(p, "htm")) || !path.equals(text(p, "htu"))) {
      throw new CredentialException(CredentialException.KEY_BINDING,
          "the holder proof was made for another request (htm/htu do not match " + method + " " + path + ")");
    }
    if (!p.path("iat").canConvertToLong() || !p.path("iat").isIntegralNumber()) {
      throw new CredentialException(CredentialException.MALFORMED, "holder proof needs an integer iat");
    }
    long iat = p.path("iat").asLong();
    if (Math.abs(nowEpochSeconds - iat) > maxSkew.toSeconds()) {
      throw new CredentialException(CredentialException.KEY_BINDING, "the holder proof was made at " + iat
          + ", more than " + maxSkew.toSeconds() + " s from now (" + nowEpochSeconds + "); make a fresh one");
    }
    if (jti.length() < 16 || jti.length() > 64) {
      throw new CredentialException(CredentialException.MALFORMED, "holder proof jti must be 16-64 characters");
    }
    return new Claims(sub, key, jti, iat);
  }

  private static String text(JsonNode p, String name) throws CredentialException {
    JsonNode n = p.get(name);
    if (n == null || !n.isTextual()) {
      throw new CredentialException(CredentialException.MALFORMED, "holder proof needs a string \"" + name + "\"");
    }
    return n.textValue();
  }
}
