package org.govledger.ledger.merkle;

import org.govledger.ledger.VerificationException;

/**
 * Verifies signatures on C2SP signed notes made with one known key, identified by its name and
 * 32-bit key ID. Ed25519 verifiers come from {@link NoteVerifiers}; other algorithms implement
 * this interface.
 */
public interface NoteVerifier {
  /** The key name, as it appears in signature lines. */
  String name();

  /** The 32-bit key ID, as it appears in the first four bytes of a signature. */
  int keyId();

  /**
   * Checks that {@code signature} (without the key ID) is this key's signature of {@code text}.
   *
   * @throws VerificationException if it is not
   */
  void verify(byte[] text, byte[] signature) throws VerificationException;
}
