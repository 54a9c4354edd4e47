package org.govledger.consensus;

/** The queue of transactions waiting for a block is full; the client should retry later. */
public final class MempoolFullException extends RuntimeException {
  private final int retryAfterSeconds;

  public MempoolFullException(int capacity, int retryAfterSeconds) {
    super("the node has " + capacity + " transactions waiting for a block, its limit; retry in "
        + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
