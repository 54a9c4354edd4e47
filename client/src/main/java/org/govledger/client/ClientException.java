package org.govledger.client;

import java.util.Optional;

/**
 * The node refused a request or could not be reached. Carries the HTTP status, the problem type
 * (a stable code such as {@code bad-signature}) and, when known, the transaction id, so that a
 * caller can decide whether to retry or to look the transaction up.
 */
public final class ClientException extends Exception {
  private final int status;
  private final String type;
  private final Optional<String> txId;

  public ClientException(int status, String type, String detail, Optional<String> txId) {
    super(detail + " (HTTP " + status + ", " + type + ")");
    this.status = status;
    this.type = type;
    this.txId = txId;
  }

  public int status() {
    return status;
  }

  /** The problem type's code, for example {@code duplicate} or {@code anchor.exists}. */
  public String type() {
    return type;
  }

  public Optional<String> txId() {
    return txId;
  }

  /** True when retrying later may succeed (the node was busy or unreachable). */
  public boolean retryable() {
    return status == 503 || status == 0;
  }
}
