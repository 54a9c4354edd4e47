package org.govledger.ledger.crypto;

/**
 * A private key of one {@link CryptoSuite}, able to sign. {@code toString()} shows the suite and
 * the public key only, so a key that reaches a log does not leak.
 */
public interface SigningKey extends Signer {
  CryptoSuite suite();

  /**
   * The public key in the suite's encoding (a fresh copy): 32 raw bytes for Ed25519 (RFC 8032),
   * 65-byte uncompressed SEC1 point {@code 04 || X || Y} for P-256 and SM2.
   */
  byte[] publicKey();

  /**
   * The raw private key (a fresh copy), for writing a key file: the 32-byte seed for Ed25519, the
   * 32-byte big-endian scalar for P-256 and SM2. {@link CryptoSuite#signingKey(byte[])} reads it
   * back. Handle with care: this is the secret.
   */
  byte[] privateKeyBytes();
}
