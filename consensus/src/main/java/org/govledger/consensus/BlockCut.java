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
}
