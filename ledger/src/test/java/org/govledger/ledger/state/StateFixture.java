package org.govledger.ledger.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/** A state tree on a {@link MemoryStore}, committing each update the way the engine will. */
final class StateFixture {
  static final HashFunction SHA256 = HashFunctions.sha256();
  static final byte[] PREFIX = ReferenceTree.bytes("ledger-1/state/");
  static final byte[] VALUES = ReferenceTree.bytes("ledger-1/values/");

  final Store store;
  final ValueTable values;
  final StateTree tree;
  private final boolean tellTree;

  StateFixture() {
    this(new MemoryStore(), true);
  }

  /**
   * A tree on {@code store}; {@code tellTree} whether each commit tells the tree its update is
   * written, as the engine does, so that the tree caches the nodes it wrote.
   */
  StateFixture(Store store, boolean tellTree) {
    this.store = store;
    this.values = new ValueTable(store, VALUES);
    this.tree = new StateTree(SHA256, PREFIX, store, values);
    this.tellTree = tellTree;
  }

  /** Applies {@code changes} (value empty = delete) as {@code version} and commits it. */
  TreeUpdate commit(long version, Map<String, Optional<String>> changes) {
    List<StateChange> list = new ArrayList<>();
    changes.forEach(
        (k, v) -> list.add(new StateChange(ReferenceTree.bytes(k), v.map(ReferenceTree::bytes))));
    return commit(version, list);
  }

  TreeUpdate commit(long version, List<StateChange> changes) {
    TreeUpdate update = tree.update(version, changes);
    WriteBatch batch = new WriteBatch();
    update.writeTo(batch);
    values.writeTo(changes, batch);
    store.write(batch);
    if (tellTree) {
      tree.written(update);
    }
    return update;
  }

  void prune(long oldestKept) {
    WriteBatch batch = new WriteBatch();
    tree.prune(oldestKept).writeTo(batch);
    store.write(batch);
  }

  TreePruning prune(long oldestKept, int maxDeletes) {
    WriteBatch batch = new WriteBatch();
    TreePruning pruning = tree.prune(oldestKept, maxDeletes);
    pruning.writeTo(batch);
    store.write(batch);
    return pruning;
  }

  /** Entries the store holds under the tree's prefix. */
  int storedEntries() {
    byte[] end = PREFIX.clone();
    end[end.length - 1]++;
    return store.scan(PREFIX, end, Integer.MAX_VALUE).size();
  }
}
