package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.govledger.ledger.crypto.SigningKey;

/**
 * The Key Binding JWT (RFC 9901 section 4.3): header {@code {"alg":..., "typ":"kb+jwt"}},
 * payload {@code iat}, {@code aud}, {@code nonce} and {@code sd_hash}, the base64url hash (per
 * {@code _sd_alg}) of the SD-JWT it follows, up to and including the last {@code ~}.
 */
final class KeyBindingJwt {
  static final String TYP = "kb+jwt";

  private KeyBindingJwt() {}

  static String create(String sdJwt, DigestAlgorithm digest, SigningKey holderKey,
      String audience, String nonce, long iat) {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(nonce, "nonce");
    if (audience.isEmpty() || nonce.isEmpty() || iat < 0) {
      throw new IllegalArgumentException(
          "a KB-JWT needs a non-empty audience and nonce and a non-negative iat");
    }
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("alg", JwsAlgorithm.forSuite(holderKey.suite()).jwsName());
    header.put("typ", TYP);
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("iat", iat);
    payload.put("aud", audience);
    payload.put("nonce", nonce);
    payload.put("sd_hash", sdHash(sdJwt, digest));
    return Jws.sign(header, payload, holderKey);
  }

  static String sdHash(String sdJwt, DigestAlgorithm digest) {
    return Base64Url.encode(digest.hash().digest(Jws.ascii(sdJwt)));
  }

  /**
   * The checks every KB-JWT must pass, required or not: typed {@code kb+jwt}, signed by the
   * holder key with its own algorithm, and {@code sd_hash} over this very presentation.
   */
  static void checkBinding(Jws.Parsed kb, PublicJwk holderKey, SdJwt sdJwt)
      throws CredentialException {
    JsonNode typ = kb.header().get("typ");
    if (typ == null || !typ.isTextual() || !typ.textValue().equals(TYP)) {
      throw keyBinding("KB-JWT typ must be \"" + TYP + "\", found "
          + (typ == null ? "none" : typ.toString()));
    }
    Jws.verify(kb, holderKey, "KB-JWT");
    String want = sdHash(sdJwt.sdHashInput(), sdJwt.digestAlgorithm());
    String got = string(kb.payload(), "sd_hash");
    if (!got.equals(want)) {
      throw keyBinding("KB-JWT sd_hash mismatch: got " + got + ", want " + want + " ("
          + sdJwt.digestAlgorithm().sdAlg() + " of the issuer-signed JWT and the "
          + sdJwt.disclosures().size() + " Disclosures presented)");
    }
  }

  /** The transaction checks of a required KB-JWT: audience, nonce and freshness. */
  static void checkTransaction(Jws.Parsed kb, KeyBindingPolicy.Required policy, long now)
      throws CredentialException {
    String aud = string(kb.payload(), "aud");
    if (!aud.equals(policy.audience())) {
      throw keyBinding("KB-JWT aud mismatch: got \"" + aud + "\", want \"" + policy.audience()
          + "\"");
    }
    String nonce = string(kb.payload(), "nonce");
    if (!nonce.equals(policy.nonce())) {
      throw keyBinding("KB-JWT nonce mismatch: got \"" + nonce + "\", want \"" + policy.nonce()
          + "\"");
    }
    JsonNode iatNode = kb.payload().get("iat");
    if (iatNode == null || !iatNode.isIntegralNumber()) {
      throw keyBinding("KB-JWT must have an integer iat");
    }
    long iat = iatNode.longValue();
    long skew = policy.clockSkew().toSeconds();
    if (iat > now + skew) {
      throw keyBinding("KB-JWT iat " + iat + " is " + (iat - now) + " s in the future (allowed"
          + " skew " + skew + " s)");
    }
    long maxAge = policy.maxAge().toSeconds();
    if (now - iat > maxAge + skew) {
      throw keyBinding("KB-JWT is stale: iat " + iat + " is " + (now - iat) + " s old, over"
          + " the maximum age of " + maxAge + " s (+" + skew + " s skew)");
    }
  }

  private static String string(ObjectNode payload, String claim) throws CredentialException {
    JsonNode value = payload.get(claim);
    if (value == null || !value.isTextual()) {
      throw keyBinding("KB-JWT must have a string " + claim
          + (value == null ? "" : ", not " + UntrustedJson.kind(value)));
    }
    return value.textValue();
  }

  private static CredentialException keyBinding(String message) {
    return new CredentialException(CredentialException.KEY_BINDING, message);
  }
}
