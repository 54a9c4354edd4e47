package org.govledger.ledger.merkle;

/**
 * Signs the text of a C2SP signed note with one key. Each signature algorithm (Ed25519, ECDSA
 * P-256, SM2) implements it; the key never leaves the implementation.
 */
public interface NoteSigner {
  /** The key name that appears in the signature line: non-empty, no spaces, no {@code +}. */
  String name();

  /** The 32-bit key ID, by convention the first four bytes of {@link NoteVerifiers#keyId}. */
  int keyId();

  /** The signature of {@code text}, the UTF-8 note text including its final newline. */
  byte[] sign(byte[] text);
}
