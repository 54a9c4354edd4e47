package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.ledger.state.ReferenceTree.bytes;
import static org.govledger.ledger.state.StateFixture.PREFIX;
import static org.govledger.ledger.state.StateFixture.SHA256;
import static org.govledger.ledger.state.StateFixture.VALUES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/**
 * The tree keeps the nodes an update wrote, once told that its batch is in the store, so that the
 * next update walks the same upper path in memory. These tests count the nodes read from a real
 * in-memory store.
 */
class StateTreeCacheTest {
  private static final int KEYS = 2_000;

  @Test
  void anUpdateAfterWritten_readsNoNodeThatTheLastUpdateWrote() {
    Ledger told = new Ledger(true);
    Ledger notTold = new Ledger(false);
    for (Ledger l : List.of(told, notTold)) {
      l.commit(0, allKeys("first"));
      l.commit(1, List.of(StateChange.put(bytes("key-7"), bytes("second"))));
      l.store.nodeReads = 0;
      l.commit(2, List.of(StateChange.put(bytes("key-7"), bytes("third"))));
    }

    // key-7's whole path was written by version 1; the tree that was told reads none of it.
    assertThat(told.store.nodeReads).isZero();
    // About log2(2,000) = 11 levels, stored as pages of 4: the pages at depths 0, 4 and 8.
    assertThat(notTold.store.nodeReads).isGreaterThanOrEqualTo(3);
    assertThat(told.tree.root(2)).get().isEqualTo(notTold.tree.root(2).orElseThrow());
  }

  @Test
  void cachedNodes_neverAnswerForAnotherVersion_proofsAtEveryVersionAgree() throws Exception {
    Ledger told = new Ledger(true);
    Ledger notTold = new Ledger(false);
    for (Ledger l : List.of(told, notTold)) {
      l.commit(0, allKeys("v0"));
      for (int v = 1; v <= 6; v++) {
        List<StateChange> changes = new ArrayList<>();
        for (int k = v; k < KEYS; k += 97) {
          changes.add(k % 3 == 0
              ? StateChange.delete(bytes("key-" + k))
              : StateChange.put(bytes("key-" + k), bytes("v" + v)));
        }
        l.commit(v, changes);
      }
    }

    for (int v = 0; v <= 6; v++) {
      byte[] root = notTold.tree.root(v).orElseThrow();
      assertThat(told.tree.root(v)).get().isEqualTo(root);
      for (int k = 0; k < KEYS; k += 61) {
        StateProof cached = told.tree.prove(bytes("key-" + k), v);
        StateProof fromStore = notTold.tree.prove(bytes("key-" + k), v);
        cached.verify(SHA256, root);
        assertThat(cached.value().map(Arrays::toString))
            .isEqualTo(fromStore.value().map(Arrays::toString));
      }
    }
  }

  @Test
  void written_refusesAnUpdateWhoseBatchIsNotInTheStore() {
    Ledger l = new Ledger(true);
    l.commit(0, allKeys("first"));
    TreeUpdate unwritten =
        l.tree.update(1, List.of(StateChange.put(bytes("key-1"), bytes("lost"))));

    assertThatThrownBy(() -> l.tree.written(unwritten))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update of version 1 is not the latest written")
        .hasMessageContaining("latest is 0");
  }

  @Test
  void written_refusesAnUpdateOfATreeUnderAnotherPrefix() {
    Ledger l = new Ledger(true);
    l.commit(0, allKeys("first"));
    MemoryStore other = new MemoryStore();
    StateTree elsewhere =
        new StateTree(SHA256, bytes("ledger-2/state/"), other, new ValueTable(other, VALUES));
    TreeUpdate foreign = elsewhere.update(0, List.of(StateChange.put(bytes("k"), bytes("v"))));

    assertThatThrownBy(() -> l.tree.written(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another prefix");
  }

  private static List<StateChange> allKeys(String value) {
    List<StateChange> out = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      out.add(StateChange.put(bytes("key-" + k), bytes(value)));
    }
    return out;
  }

  /** A state fixture on a {@link CountingStore}. */
  private static final class Ledger {
    final CountingStore store = new CountingStore();
    final StateFixture fixture;
    final StateTree tree;

    Ledger(boolean tellTree) {
      fixture = new StateFixture(store, tellTree);
      tree = fixture.tree;
    }

    void commit(long version, List<StateChange> changes) {
      fixture.commit(version, changes);
    }
  }

  /** A memory store that counts reads of tree nodes (keys under the prefix starting with 'n'). */
  private static final class CountingStore implements Store {
    private final MemoryStore inner = new MemoryStore();
    int nodeReads;

    @Override
    public Optional<byte[]> get(byte[] key) {
      if (key.length > PREFIX.length
          && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
          && key[PREFIX.length] == 'n') {
        nodeReads++;
      }
      return inner.get(key);
    }

    @Override
    public List<Entry> scan(byte[] from, byte[] to, int limit) {
      return inner.scan(from, to, limit);
    }

    @Override
    public void write(WriteBatch batch) {
      inner.write(batch);
    }

    @Override
    public long diskBytes() {
      return inner.diskBytes();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
