package org.govledger.credentials;

import java.util.Optional;
import org.govledger.ledger.crypto.CryptoSuite;

/**
 * The JWS {@code alg} values this module signs and accepts, one per ledger crypto suite. Every
 * signature is the suite's raw 64 bytes, which is exactly the JWS form for both EdDSA (RFC 8037)
 * and ES256 (RFC 7518 section 3.4, {@code R || S}).
 */
public enum JwsAlgorithm {
  /** {@code EdDSA} with an Ed25519 key (RFC 8037 section 3.1). */
  EDDSA("EdDSA", CryptoSuite.ED25519_SHA256),
  /** {@code ES256}: ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4). */
  ES256("ES256", CryptoSuite.P256_SHA256),
  /**
   * {@code SM2}: SM2 signatures with SM3 (GB/T 32918.2, user id {@code 1234567812345678}), raw
   * {@code r || s}. Not a registered JWS algorithm: a name of our own, so only parties that
   * know this module's convention can verify it.
   */
  SM2("SM2", CryptoSuite.SM2_SM3);

  private final String jwsName;
  private final CryptoSuite suite;

  JwsAlgorithm(String jwsName, CryptoSuite suite) {
    this.jwsName = jwsName;
    this.suite = suite;
  }

  /** The value of the JWS {@code alg} header, for example {@code ES256}. */
  public String jwsName() {
    return jwsName;
  }

  /** The ledger crypto suite whose keys sign with this algorithm. */
  public CryptoSuite suite() {
    return suite;
  }

  /** The algorithm that keys of {@code suite} sign with. */
  public static JwsAlgorithm forSuite(CryptoSuite suite) {
    for (JwsAlgorithm algorithm : values()) {
      if (algorithm.suite == suite) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("no JWS algorithm for crypto suite " + suite);
  }

  /** The algorithm with this {@code alg} header value (case-sensitive), if it is one of ours. */
  public static Optional<JwsAlgorithm> fromJwsName(String jwsName) {
    for (JwsAlgorithm algorithm : values()) {
      if (algorithm.jwsName.equals(jwsName)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
