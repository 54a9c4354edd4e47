package org.govledger.ledger.tx;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why a transaction was refused: a stable machine-readable {@code code} (it becomes the
 * problem+json {@code type} at the API) and a message a person can act on. Refusal changes
 * nothing: a rejected transaction never reaches the state or the log.
 */
public record Rejection(String code, String message) {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  // The codes the ledger itself uses; contracts add their own as "<contract>.<reason>".
  public static final String MALFORMED = "malformed";
  public static final String TOO_LARGE = "too-large";
  public static final String WRONG_LEDGER = "wrong-ledger";
  public static final String UNKNOWN_SIGNER = "unknown-signer";
  public static final String BAD_SIGNATURE = "bad-signature";
  public static final String DUPLICATE = "duplicate";
  public static final String FORBIDDEN = "forbidden";
  public static final String UNKNOWN_CONTRACT = "unknown-contract";
  public static final String CONTRACT_FAILED = "contract-failed";

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("rejection code must be dotted lower-case words: " + code);
    }
  }

  /** Throws this rejection as an exception. */
  public TxRejectedException toException() {
    return new TxRejectedException(this);
  }
}
