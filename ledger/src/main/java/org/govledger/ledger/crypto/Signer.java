package org.govledger.ledger.crypto;

/** Produces signatures with one private key. Implementations are thread-safe. */
public interface Signer {
  /**
   * Signs {@code message} and returns the raw signature ({@link CryptoSuite#signatureLength()}
   * bytes). The message is signed as given; the suite hashes it as its scheme prescribes.
   */
  byte[] sign(byte[] message);
}
