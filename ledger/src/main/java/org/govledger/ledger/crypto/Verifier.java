package org.govledger.ledger.crypto;

import org.govledger.ledger.VerificationException;

/**
 * Checks signatures against one public key. Implementations decode and validate the key once, are
 * immutable and thread-safe, so one instance per known signer can be cached and shared.
 */
public interface Verifier {
  /**
   * Returns normally if {@code signature} is a valid signature of {@code message}; there is no
   * boolean to forget to check.
   *
   * @throws VerificationException if the signature is malformed, non-canonical or does not verify;
   *     the message says which
   */
  void verify(byte[] message, byte[] signature) throws VerificationException;
}
