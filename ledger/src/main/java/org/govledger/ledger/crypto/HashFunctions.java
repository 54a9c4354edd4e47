package org.govledger.ledger.crypto;

/** The hash functions a ledger can be configured with. */
public final class HashFunctions {
  private HashFunctions() {}

  /** SHA-256 (FIPS 180-4), used by RFC 9162 and the {@code ed25519-sha256} and {@code p256-sha256} suites. */
  public static HashFunction sha256() {
    return Sha256.INSTANCE;
  }

  /** SM3 (GB/T 32905-2016), used by the {@code sm2-sm3} suite. */
  public static HashFunction sm3() {
    return Sm3.INSTANCE;
  }
}
