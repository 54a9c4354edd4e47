package org.govledger.consensus.raft;

/** The cluster could not order a batch: no leader with a majority was reachable in time. */
public final class ClusterUnavailableException extends RuntimeException {
  public ClusterUnavailableException(String message) {
    super(message);
  }
}
