package org.govledger.ledger.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.state.StateChange;
import org.govledger.ledger.state.StateProof;
import org.govledger.ledger.state.StateTree;
import org.govledger.ledger.state.TreeUpdate;
import org.govledger.ledger.state.ValueTable;
import org.govledger.ledger.state.VersionNotAvailableException;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/** The authenticated index of the world state, one version per block height. */
final class WorldState {
  /** Deletions any version may make beyond one and a half times its own stale nodes. */
  static final int PRUNE_ALLOWANCE = 128;

  private final StateTree tree;

  WorldState(HashFunction hash, LedgerKeys keys, Store store) {
    // The engine writes each key's current value to its state table in the block's batch; the
    // tree reads it there rather than keeping a second copy in its leaves.
    this.tree = new StateTree(hash, keys.stateTreePrefix(), store,
        new ValueTable(store, keys.stateValue(new byte[0])));
  }

  /**
   * Adds the tree's writes for {@code version} to {@code batch} and, if {@code oldestKept} is
   * above 0, the deletions that make versions before it unprovable; returns the update, whose root
   * is the new state root. Once the batch is written, hand the update to {@link #written}.
   * Each version deletes at most {@link #pruneBudget one and a half times what it makes stale, plus
   * PRUNE_ALLOWANCE}: enough to catch up on a backlog, and never a whole burst's worth of nodes in
   * one small block. A big update rebuilds half the tree on {@code parallel}.
   */
  TreeUpdate update(long version, SortedMap<byte[], Optional<byte[]>> changes, long oldestKept,
      Executor parallel, WriteBatch batch) {
    List<StateChange> list = new ArrayList<>(changes.size());
    for (Map.Entry<byte[], Optional<byte[]>> e : changes.entrySet()) {
      list.add(new StateChange(e.getKey(), e.getValue()));
    }
    var update = tree.update(version, list, parallel);
    update.writeTo(batch);
    // The tree prunes only versions already in the store, so this version's own stale nodes
    // wait for the next block even when only the latest block is kept.
    long prunable = Math.min(oldestKept, version - 1);
    if (prunable > 0) {
      tree.prune(prunable, pruneBudget(update.staleNodes().size())).writeTo(batch);
    }
    return update;
  }

  /**
   * How many nodes a version that makes {@code staleNodes} stale may delete: a function of the
   * block alone, so that a replay prunes exactly the same keys. In steady state a version deletes
   * what the version leaving the history made stale, about as much as its own; only a backlog (the
   * stale nodes of a burst, once it leaves the history) meets the bound. The bound keeps that
   * cleanup from costing the small blocks after a burst more than their own commit: with twice
   * their stale nodes plus 1,024, blocks of 30 transactions committed in 213-241 µs of CPU per
   * transaction while a burst's backlog drained, against 109-119 µs before; with one and a half
   * times plus 128, in 154-185 µs. A backlog still drains by half a block's stale nodes plus 128
   * per block.
   */
  static int pruneBudget(int staleNodes) {
    return PRUNE_ALLOWANCE + staleNodes + staleNodes / 2;
  }

  /** Tells the tree that {@code update}'s batch is in the store (see {@link StateTree#written}). */
  void written(TreeUpdate update) {
    tree.written(update);
  }

  StateProof prove(byte[] key, long version) throws VersionNotAvailableException {
    return tree.prove(key, version);
  }
}
