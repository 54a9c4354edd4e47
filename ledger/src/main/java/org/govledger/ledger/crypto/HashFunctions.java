package org.govledger.ledger.crypto;

/** The hash functions a ledger can be configured with. */
public final class HashFunctions {
  private HashFunctions() {}

  /** SHA-256 (FIPS 180-4), used by RFC 9162 and the {@code ed25519-sha256} and {@code p256-sha256} suites. */
  public static HashFunction sha256() {
    return Sha256.INSTANCE;
  }
}
