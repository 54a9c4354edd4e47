package org.govledger.consensus.raft;

/**
 * How much of the replicated log a node keeps.
 *
 * <p>The ledger store is its own snapshot: every block is written durably together with the log
 * entry that made it. So every {@code snapshotEvery} applied entries a node only records that
 * its store holds everything up to there, and drops the log before that point but for the last
 * {@code keepEntries} entries. A node that was away for longer than that (or a new one) no longer
 * finds its entries in the leader's log; it catches up by blocks from the leader instead (see
 * {@link CatchUp}), checking each one as if it had replayed the entry.
 *
 * @param snapshotEvery applied entries between two snapshots (at least 1)
 * @param keepEntries entries kept before the last snapshot, so that a node that was down
 *     briefly replays the log rather than fetching blocks
 * @param segmentBytes size of one log file; only whole files are dropped
 */
public record LogRetention(long snapshotEvery, long keepEntries, long segmentBytes) {
  /**
   * The log then holds 10,000 to 20,000 entries, each a batch of one to a block's worth of
   * transactions: minutes of a busy cluster, hours of a quiet one.
   */
  public static final LogRetention DEFAULT = new LogRetention(10_000, 10_000, 32L << 20);

  public LogRetention {
    if (snapshotEvery < 1 || keepEntries < 0 || segmentBytes < 1024) {
      throw new IllegalArgumentException("log retention needs snapshotEvery >= 1, keepEntries >= 0"
          + " and segmentBytes >= 1024; got " + snapshotEvery + ", " + keepEntries + ", "
          + segmentBytes);
    }
  }
}
