package org.govledger.ledger.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.govledger.ledger.VerificationException;

/**
 * A signature to check: {@code signature} over {@code message} by the key of {@code verifier}.
 * {@link #verifyAll} checks many at once.
 */
public record SignedMessage(Verifier verifier, byte[] message, byte[] signature) {
  /** Below this many Ed25519 signatures, checking them one by one is as fast. */
  private static final int MIN_BATCH = 4;

  public SignedMessage {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Checks every item, with the same verdict for each as {@link Verifier#verify} gives it alone:
   * empty if valid, else why not. Ed25519 signatures are checked together in one batch, which
   * costs much less than checking them one by one; if the batch fails, each is checked alone to
   * find which.
   */
  public static List<Optional<VerificationException>> verifyAll(List<SignedMessage> items) {
    List<Optional<VerificationException>> out = new ArrayList<>(items.size());
    List<Ed25519Verifier> keys = new ArrayList<>();
    List<byte[]> messages = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (SignedMessage m : items) {
      if (m.verifier() instanceof Ed25519Verifier e) {
        keys.add(e);
        messages.add(m.message());
        signatures.add(m.signature());
      }
    }
    boolean edAllValid = keys.size() >= MIN_BATCH && Ed25519Batch.allValid(keys, messages, signatures);
    for (SignedMessage m : items) {
      if (edAllValid && m.verifier() instanceof Ed25519Verifier) {
        out.add(Optional.empty());
      } else {
        out.add(m.check());
      }
    }
    return out;
  }

  private Optional<VerificationException> check() {
    try {
      verifier.verify(message, signature);
      return Optional.empty();
    } catch (VerificationException e) {
      return Optional.of(e);
    }
  }
}
