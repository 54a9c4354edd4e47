package org.govledger.credentials;

import java.util.Optional;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;

/**
 * The {@code _sd_alg} values (RFC 9901 section 4.1.1) this module computes Disclosure digests
 * and {@code sd_hash} with. {@code sha-256} is the IANA hash name every implementation supports;
 * {@code sm3} is our name for SM3 (GB/T 32905), used when the issuer's key is SM2, so that an
 * {@code sm2-sm3} ledger needs no other hash.
 */
enum DigestAlgorithm {
  SHA_256("sha-256", HashFunctions.sha256()),
  SM3("sm3", HashFunctions.sm3());

  /** The value assumed when {@code _sd_alg} is absent (RFC 9901 section 4.1.1). */
  static final DigestAlgorithm DEFAULT = SHA_256;

  private final String sdAlg;
  private final HashFunction hash;

  DigestAlgorithm(String sdAlg, HashFunction hash) {
    this.sdAlg = sdAlg;
    this.hash = hash;
  }

  String sdAlg() {
    return sdAlg;
  }

  HashFunction hash() {
    return hash;
  }

  static DigestAlgorithm forSuite(CryptoSuite suite) {
    return suite == CryptoSuite.SM2_SM3 ? SM3 : SHA_256;
  }

  static Optional<DigestAlgorithm> fromSdAlg(String sdAlg) {
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.sdAlg.equals(sdAlg)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
