package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.govledger.ledger.crypto.SigningKey;

/**
 * Issues SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc) signed with one of the ledger's keys.
 *
 * <p>The issuer-signed JWT has header {@code {"alg", "kid", "typ":"dc+sd-jwt"}} and payload
 * {@code iss}, {@code iat}, {@code nbf}, optional {@code exp}, {@code vct}, {@code cnf.jwk}, the
 * visible claims, {@code _sd_alg}, and {@code _sd}: one digest per disclosable claim, sorted so
 * that their order reveals nothing about the claims'. Each salt is 128 bits from the caller's
 * {@link SecureRandom}, base64url-encoded (RFC 9901 section 9.3). Disclosures and the JWT are
 * RFC 8785 canonical JSON, so the same claims, salts and key give the same bytes.
 *
 * <p>{@code _sd_alg} is {@code sha-256}, or {@code sm3} when the issuer's key is SM2 (a name of
 * our own: other SD-JWT implementations will not know it). No decoy digests are added.
 *
 * <p>Thread-safe if the signing key is.
 */
public final class SdJwtIssuer {
  /** The {@code typ} of an SD-JWT VC (SD-JWT VC section 3.2.1). */
  public static final String TYP = "dc+sd-jwt";

  private static final int SALT_BYTES = 16;

  private final SigningKey key;
  private final String issuer;
  private final String keyId;

  /**
   * @param key the issuer's signing key
   * @param issuer the {@code iss} value, for example {@code urn:govledger:agency:sz-psb}
   * @param keyId the {@code kid} under which verifiers find the issuer's public key
   */
  public SdJwtIssuer(SigningKey key, String issuer, String keyId) {
    this.key = Objects.requireNonNull(key, "key");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    if (issuer.isEmpty() || keyId.isEmpty()) {
      throw new IllegalArgumentException("issuer and keyId must not be empty");
    }
  }

  /** The public key verifiers need, to publish under this issuer and key id. */
  public PublicJwk publicJwk() {
    return PublicJwk.of(key);
  }

  /** Issues one credential; every top-level claim of {@code claims.claims()} is disclosable. */
  public IssuedCredential issue(CredentialClaims claims, SecureRandom random) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(random, "random");
    DigestAlgorithm digest = DigestAlgorithm.forSuite(key.suite());
    List<Disclosure> disclosures = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> claim : claims.claims().properties()) {
      Disclosure disclosure =
          Disclosure.create(salt(random), Optional.of(claim.getKey()), claim.getValue());
      disclosures.add(disclosure);
      digests.add(disclosure.digest(digest.hash()));
    }
    digests.sort(null);
    String jwt = Jws.sign(header(), payload(claims, digests, digest), key);
    StringBuilder compact = new StringBuilder(jwt).append('~');
    disclosures.forEach(d -> compact.append(d.encoded()).append('~'));
    return new IssuedCredential(compact.toString(), jwt, disclosures);
  }

  private ObjectNode header() {
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("alg", JwsAlgorithm.forSuite(key.suite()).jwsName());
    header.put("kid", keyId);
    header.put("typ", TYP);
    return header;
  }

  private ObjectNode payload(CredentialClaims claims, List<String> digests,
      DigestAlgorithm digest) {
    ObjectNode payload = claims.visibleClaims();
    payload.put("iss", issuer);
    payload.put("iat", claims.issuedAt());
    payload.put("nbf", claims.notBefore());
    claims.expiresAt().ifPresent(exp -> payload.put("exp", exp));
    payload.put("vct", claims.vct());
    payload.putObject("cnf").set("jwk", claims.holderKey().toJson());
    if (!digests.isEmpty()) {
      ArrayNode sd = payload.putArray("_sd");
      digests.forEach(sd::add);
    }
    payload.put("_sd_alg", digest.sdAlg());
    return payload;
  }

  private static String salt(SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return Base64Url.encode(salt);
  }

  @Override
  public String toString() {
    return "SdJwtIssuer[" + issuer + ", kid " + keyId + ", " + key.suite().id() + "]";
  }
}
