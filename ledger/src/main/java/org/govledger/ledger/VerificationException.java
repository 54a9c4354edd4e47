package org.govledger.ledger;

/**
 * A signature, proof or checkpoint did not verify. Checked, so that a caller cannot forget that
 * verification can fail; the message says what was expected and what was found.
 */
public class VerificationException extends Exception {
  public VerificationException(String message) {
    super(message);
  }

  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
