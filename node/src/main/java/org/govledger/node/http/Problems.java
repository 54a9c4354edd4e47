package org.govledger.node.http;

import org.govledger.consensus.MempoolFullException;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.TxId;

/** How a refused transaction maps to an HTTP problem. */
final class Problems {
  private Problems() {}

  static Problem of(Rejection r) {
    return switch (r.code()) {
      case Rejection.MALFORMED, Rejection.WRONG_LEDGER, Rejection.BAD_SIGNATURE ->
          new Problem(400, r.code(), "Transaction refused", r.message());
      case Rejection.TOO_LARGE -> new Problem(413, r.code(), "Transaction too large", r.message());
      case Rejection.UNKNOWN_SIGNER, Rejection.FORBIDDEN ->
          new Problem(403, r.code(), "Signer not allowed", r.message());
      case Rejection.DUPLICATE -> new Problem(409, r.code(), "Duplicate transaction", r.message());
      default -> new Problem(422, r.code(), "Transaction refused by its contract", r.message());
    };
  }

  static Problem mempoolFull(MempoolFullException e) {
    return new Problem(503, "mempool-full", "Node busy", e.getMessage(), e.retryAfterSeconds());
  }

  static Problem commitFailed(TxId id, Throwable err) {
    Throwable t = err;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof org.govledger.consensus.raft.ClusterUnavailableException) {
      // Not the node's fault and not the transaction's: the cluster has no working majority.
      return new Problem(503, "cluster-unavailable", "Cluster unavailable",
          "transaction " + id + ": " + t.getMessage(), 2);
    }
    return new Problem(500, "commit-failed", "Commit failed",
        "transaction " + id + " could not be committed: " + t.getMessage());
  }
}
