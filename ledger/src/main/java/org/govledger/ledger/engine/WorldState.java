package org.govledger.ledger.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.state.StateChange;
import org.govledger.ledger.state.StateProof;
import org.govledger.ledger.state.StateTree;
import org.govledger.ledger.state.ValueTable;
import org.govledger.ledger.state.VersionNotAvailableException;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/** The authenticated index of the world state, one version per block height. */
final class WorldState {
  private final StateTree tree;

  WorldState(HashFunction hash, LedgerKeys keys, Store store) {
    // The engine writes each key's current value to its state table in the block's batch; the
    // tree reads it there rather than keeping a second copy in its leaves.
    this.tree = new StateTree(hash, keys.stateTreePrefix(), store,
        new ValueTable(store, keys.stateValue(new byte[0])));
  }

  /** Adds the tree's writes for {@code version} to {@code batch}; returns the new state root. */
  byte[] update(long version, SortedMap<byte[], Optional<byte[]>> changes, WriteBatch batch) {
    List<StateChange> list = new ArrayList<>(changes.size());
    for (Map.Entry<byte[], Optional<byte[]>> e : changes.entrySet()) {
      list.add(new StateChange(e.getKey(), e.getValue()));
    }
    var update = tree.update(version, list);
    update.writeTo(batch);
    return update.root();
  }

  /** Adds the deletions that make versions before {@code oldestKept} unprovable. */
  void prune(long oldestKept, WriteBatch batch) {
    tree.prune(oldestKept).writeTo(batch);
  }

  StateProof prove(byte[] key, long version) throws VersionNotAvailableException {
    return tree.prove(key, version);
  }
}
