package org.govledger.consensus;

import java.util.Optional;

/**
 * A snapshot of an orderer's state.
 *
 * @param kind {@code solo} or {@code raft}
 * @param queued transactions waiting to be ordered
 * @param capacity most transactions that may wait
 * @param committedBlocks blocks committed since start
 * @param committedTxs transactions committed since start
 * @param refusedTxs transactions refused at execution since start
 * @param cluster this node's place in its Raft group (empty for solo)
 */
public record OrdererStatus(
    String kind,
    int queued,
    int capacity,
    long committedBlocks,
    long committedTxs,
    long refusedTxs,
    Optional<ClusterStatus> cluster) {}
