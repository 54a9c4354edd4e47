package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.crypto.Verifier;
import org.govledger.ledger.json.Canonical;

/**
 * A public key as a JSON Web Key (RFC 7517): an issuer's key, or a holder's key in {@code
 * cnf.jwk}. Ed25519 is {@code {"kty":"OKP","crv":"Ed25519","x":...}} (RFC 8037); P-256 is {@code
 * {"kty":"EC","crv":"P-256","x":...,"y":...}} (RFC 7518 section 6.2); SM2 is the same EC form
 * with {@code "crv":"SM2"}, a curve name of our own (not registered with IANA).
 *
 * <p>A value: equal keys are equal. It keeps the verifier it built while checking the key, so
 * checking a signature does not decode the point again (decoding costs about as much as a
 * verification).
 */
public final class PublicJwk {
  private static final int COORDINATE_LENGTH = 32;

  private final CryptoSuite suite;
  private final byte[] publicKey;
  private final Verifier verifier;

  /**
   * @param suite the crypto suite the key belongs to
   * @param publicKey the key in the suite's encoding: 32 raw bytes for Ed25519, the 65-byte
   *     uncompressed SEC1 point {@code 04 || X || Y} for P-256 and SM2; copied
   * @throws IllegalArgumentException if the key is not a valid public key of the suite in the
   *     encoding above
   */
  public PublicJwk(CryptoSuite suite, byte[] publicKey) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.publicKey = publicKey.clone();
    if (suite != CryptoSuite.ED25519_SHA256 && publicKey.length != 1 + 2 * COORDINATE_LENGTH) {
      throw new IllegalArgumentException(suite.id() + " public key must be the 65-byte"
          + " uncompressed point 04 || X || Y; got " + publicKey.length + " bytes");
    }
    this.verifier = suite.verifier(this.publicKey);
  }

  public CryptoSuite suite() {
    return suite;
  }

  /** The public key of {@code key}. */
  public static PublicJwk of(SigningKey key) {
    return new PublicJwk(key.suite(), key.publicKey());
  }

  /** The key in the suite's encoding (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The JWS algorithm this key verifies. */
  public JwsAlgorithm algorithm() {
    return JwsAlgorithm.forSuite(suite);
  }

  /** The verifier for this key (built once, thread-safe). */
  public Verifier verifier() {
    return verifier;
  }

  /** The JWK: only {@code kty}, {@code crv}, {@code x} and for EC keys {@code y}. */
  public ObjectNode toJson() {
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    if (suite == CryptoSuite.ED25519_SHA256) {
      jwk.put("kty", "OKP");
      jwk.put("crv", "Ed25519");
      jwk.put("x", Base64Url.encode(publicKey));
    } else {
      jwk.put("kty", "EC");
      jwk.put("crv", suite == CryptoSuite.P256_SHA256 ? "P-256" : "SM2");
      jwk.put("x", Base64Url.encode(Arrays.copyOfRange(publicKey, 1, 1 + COORDINATE_LENGTH)));
      jwk.put("y", Base64Url.encode(
          Arrays.copyOfRange(publicKey, 1 + COORDINATE_LENGTH, publicKey.length)));
    }
    return jwk;
  }

  /**
   * The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order
   * without white space, which is what RFC 8785 canonical JSON of {@link #toJson()} gives.
   */
  public String thumbprint() {
    byte[] members = Canonical.canonicalize(toJson());
    return Base64Url.encode(HashFunctions.sha256().digest(members));
  }

  /**
   * Reads a public JWK. Members other than {@code kty}, {@code crv}, {@code x}, {@code y} (such
   * as {@code kid}, {@code use}, {@code alg}) are ignored, except {@code d}: a JWK carrying a
   * private key is refused rather than silently used, since whoever sent it has leaked the key.
   *
   * @throws CredentialException {@link CredentialException#BAD_KEY} naming what is wrong
   */
  public static PublicJwk fromJson(JsonNode jwk) throws CredentialException {
    if (jwk == null || !jwk.isObject()) {
      throw badKey("a JWK must be a JSON object");
    }
    if (jwk.has("d")) {
      throw badKey("the JWK holds a private key (member \"d\"); send the public key only, and"
          + " treat that private key as compromised");
    }
    String kty = text(jwk, "kty");
    switch (kty) {
      case "OKP" -> {
        String crv = text(jwk, "crv");
        if (!crv.equals("Ed25519")) {
          throw badKey("unsupported OKP curve \"" + crv + "\"; supported: Ed25519");
        }
        if (jwk.has("y")) {
          throw badKey("an OKP JWK has no member \"y\"");
        }
        return create(CryptoSuite.ED25519_SHA256, coordinate(jwk, "x"), "Ed25519");
      }
      case "EC" -> {
        String crv = text(jwk, "crv");
        CryptoSuite suite = switch (crv) {
          case "P-256" -> CryptoSuite.P256_SHA256;
          case "SM2" -> CryptoSuite.SM2_SM3;
          default -> throw badKey("unsupported EC curve \"" + crv + "\"; supported: P-256, SM2");
        };
        byte[] point = new byte[1 + 2 * COORDINATE_LENGTH];
        point[0] = 0x04;
        System.arraycopy(coordinate(jwk, "x"), 0, point, 1, COORDINATE_LENGTH);
        System.arraycopy(coordinate(jwk, "y"), 0, point, 1 + COORDINATE_LENGTH,
            COORDINATE_LENGTH);
        return create(suite, point, crv);
      }
      default -> throw badKey("unsupported kty \"" + kty + "\"; supported: OKP (Ed25519), EC"
          + " (P-256, SM2)");
    }
  }

  /**
   * Keys read from JWKs, by suite and bytes: a holder presents the same key again and again, and
   * decoding it costs about as much as checking a signature. Bounded; cleared when full.
   */
  private static final java.util.Map<String, PublicJwk> DECODED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_DECODED = 50_000;

  private static PublicJwk create(CryptoSuite suite, byte[] key, String curve)
      throws CredentialException {
    String cacheKey = suite.id() + ":" + Base64Url.encode(key);
    PublicJwk known = DECODED.get(cacheKey);
    if (known != null) {
      return known;
    }
    try {
      PublicJwk decoded = new PublicJwk(suite, key);
      if (DECODED.size() >= MAX_DECODED) {
        DECODED.clear();
      }
      DECODED.put(cacheKey, decoded);
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new CredentialException(CredentialException.BAD_KEY,
          "the JWK is not a valid " + curve + " public key: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode jwk, String member) throws CredentialException {
    JsonNode value = jwk.get(member);
    if (value == null) {
      throw badKey("the JWK has no member \"" + member + "\"");
    }
    if (!value.isTextual()) {
      throw badKey("the JWK member \"" + member + "\" must be a string");
    }
    return value.textValue();
  }

  private static byte[] coordinate(JsonNode jwk, String member) throws CredentialException {
    byte[] bytes;
    try {
      bytes = Base64Url.decode(text(jwk, member), "the JWK member \"" + member + "\"");
    } catch (CredentialException e) {
      throw new CredentialException(CredentialException.BAD_KEY, e.getMessage(), e);
    }
    if (bytes.length != COORDINATE_LENGTH) {
      throw badKey("the JWK member \"" + member + "\" has " + bytes.length + " bytes, want "
          + COORDINATE_LENGTH);
    }
    return bytes;
  }

  private static CredentialException badKey(String message) {
    return new CredentialException(CredentialException.BAD_KEY, message);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicJwk that
        && suite == that.suite
        && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return 31 * suite.hashCode() + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "PublicJwk[" + suite.id() + ", " + HexFormat.of().formatHex(publicKey) + "]";
  }
}
