package org.govledger.ledger.crypto;

/**
 * A cryptographic hash, chosen per ledger by its {@link CryptoSuite}: SHA-256 or SM3. Pure and
 * thread-safe; every method returns a fresh array.
 */
public interface HashFunction {
  /** Stable name, for example {@code sha256} or {@code sm3}. */
  String name();

  /** Digest length in bytes (32 for both SHA-256 and SM3). */
  int length();

  /** The digest of the concatenation of {@code parts}, without copying them together first. */
  byte[] digest(byte[]... parts);
}
