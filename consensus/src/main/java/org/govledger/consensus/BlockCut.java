package org.govledger.consensus;

/**
 * When a batch becomes a block: as soon as {@code maxTxs} transactions wait, or {@code maxWaitMillis}
 * after the first of them arrived, whichever comes first.
 */
public record BlockCut(int maxTxs, long maxWaitMillis) {
  public static final BlockCut DEFAULT = new BlockCut(4_000, 5);

  public BlockCut {
    if (maxTxs < 1 || maxTxs > 100_000) {
      throw new IllegalArgumentException("block size must be 1..100000 transactions, got " + maxTxs);
    }
    if (maxWaitMillis < 0 || maxWaitMillis > 60_000) {
      throw new IllegalArgumentException("block wait must be 0..60000 ms, got " + maxWaitMillis);
    }
  }

  /**
   * The cut for a cluster of {@code nodes} members: the same size, {@code nodes} times the wait
   * (at most a minute). Every member applies every block, so a block's fixed work (two
   * signatures, the state tree's upper nodes, a synced write, a log entry) is paid {@code nodes}
   * times; blocks {@code nodes} times as big at the same rate keep that work per transaction
   * what it is on one node.
   */
  public BlockCut sharedBy(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, got " + nodes);
    }
    return new BlockCut(maxTxs, Math.min(60_000, maxWaitMillis * nodes));
  }
}
