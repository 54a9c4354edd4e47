package org.govledger.ledger.tx;

/** A transaction was refused; {@link #rejection()} says why. Nothing was changed. */
public final class TxRejectedException extends RuntimeException {
  private final Rejection rejection;

  public TxRejectedException(Rejection rejection) {
    super(rejection.message());
    this.rejection = rejection;
  }

  public TxRejectedException(String code, String message) {
    this(new Rejection(code, message));
  }

  public Rejection rejection() {
    return rejection;
  }

  public String code() {
    return rejection.code();
  }
}
