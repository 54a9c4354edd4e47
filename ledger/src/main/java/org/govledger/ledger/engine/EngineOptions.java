package org.govledger.ledger.engine;

/**
 * How an engine runs, with the defaults in one place.
 *
 * @param stateHistoryBlocks how many recent blocks' world state stays provable ({@code GET
 *     /state?height=}); older state tree versions are pruned as blocks commit, so that the store
 *     grows with the state, not with every change ever made. Block headers, transactions and the
 *     Merkle log are never pruned.
 */
public record EngineOptions(long stateHistoryBlocks) {
  public static final EngineOptions DEFAULT = new EngineOptions(1_000);

  public EngineOptions {
    if (stateHistoryBlocks < 1) {
      throw new IllegalArgumentException(
          "state history must keep at least the latest block, got " + stateHistoryBlocks);
    }
  }
}
