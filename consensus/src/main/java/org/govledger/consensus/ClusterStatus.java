package org.govledger.consensus;

import java.util.List;
import java.util.Optional;

/**
 * What a node of a Raft cluster knows about the cluster, for health and metrics.
 *
 * @param self this node's id
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE} or {@code LISTENER}
 * @param term the current Raft term
 * @param leader the leader's id, if one is known
 * @param commitIndex the last log index known to be committed
 * @param appliedIndex the last log index this node applied to its ledger
 * @param logStartIndex the first log index this node still keeps (older entries are in its
 *     ledger store only)
 * @param blocksFetched blocks this node took from a peer, since it started, because the entries
 *     it missed were no longer kept
 * @param forwarding what this node, while following, did with the transactions it admitted
 * @param peers on the leader, how far each follower's log matches (empty elsewhere)
 */
public record ClusterStatus(
    String self,
    String role,
    long term,
    Optional<String> leader,
    long commitIndex,
    long appliedIndex,
    long logStartIndex,
    long blocksFetched,
    Forwarding forwarding,
    List<Peer> peers) {
  public ClusterStatus {
    peers = List.copyOf(peers);
  }

  /**
   * Transactions since this node started: {@code forwarded} were taken by the leader to order;
   * {@code notTaken} the leader could not take (unreachable, not leading any more, full), so this
   * node ordered them itself; {@code resent} were forwarded, not seen in a block once the leader
   * changed or after a while, and ordered from here again.
   */
  public record Forwarding(long forwarded, long notTaken, long resent) {}

  /** A follower as the leader sees it: its matched log index and how far that is behind. */
  public record Peer(String id, long matchIndex, long lag, long lastContactMillis) {}
}
