package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/**
 * Internal nodes are stored as pages of {@link StateTree#PAGE_LEVELS} levels, on a real in-memory
 * store; a store from before pages, with every internal node under its own key, is still read and
 * updated.
 */
class StateTreePagesTest {
  private static final int KEYS = 2_000;

  @Test
  void nodesAreStoredOnlyAtEveryFourthDepth_oneEntryPerPage() {
    StateFixture f = new StateFixture();
    Map<String, String> state = new TreeMap<>();
    Map<String, Optional<String>> changes = new TreeMap<>();
    for (int i = 0; i < KEYS; i++) {
      state.put("key-" + i, "v" + i);
      changes.put("key-" + i, Optional.of("v" + i));
    }

    TreeUpdate update = f.commit(0, changes);

    List<NodeKey> stored = storedNodes(f.store);
    assertThat(stored).isNotEmpty().allSatisfy(k -> assertThat(k.depth() % 4).isZero());
    // log2(2,000) = 11 levels, about 2,000 internal nodes, a fraction of them stored.
    assertThat(stored).hasSize(ReferenceTree.internalNodeCount(state, StateTree.PAGE_LEVELS));
    assertThat(stored.size()).isLessThan(ReferenceTree.internalNodeCount(state, 1) / 3);
    assertThat(update.nodeWrites()).isEqualTo(stored.size());
    assertThat(f.tree.root(0)).hasValue(ReferenceTree.root(state));
  }

  @Test
  void aStoreOfBinaryNodes_fromBeforePages_isReadUpdatedAndPruned() throws Exception {
    Map<String, Optional<String>> first = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      first.put("key-" + i, Optional.of("v" + i));
    }
    Map<String, Optional<String>> second = new TreeMap<>();
    for (int i = 0; i < 300; i += 7) {
      second.put("key-" + i, i % 2 == 0 ? Optional.of("w" + i) : Optional.empty());
    }
    second.put("key-new", Optional.of("new"));
    StateFixture paged = new StateFixture();
    paged.commit(0, first);
    paged.commit(1, second);

    MemoryStore old = new MemoryStore();
    StateFixture written = new StateFixture(old, false);
    written.commit(0, first);
    int pages = storedNodes(old).size();
    unpage(old);
    assertThat(storedNodes(old)).hasSizeGreaterThan(2 * pages)
        .anySatisfy(k -> assertThat(k.depth() % 4).isNotZero());
    StateFixture reopened = new StateFixture(old, true);
    reopened.commit(1, second);
    reopened.prune(1);

    assertThat(reopened.tree.root(1)).hasValue(paged.tree.root(1).orElseThrow());
    byte[] root = reopened.tree.root(1).orElseThrow();
    for (String key : List.of("key-0", "key-7", "key-8", "key-299", "key-new", "absent")) {
      StateProof proof = reopened.tree.prove(ReferenceTree.bytes(key), 1);
      proof.verify(StateFixture.SHA256, root);
      assertThat(proof.value().map(StateTreePagesTest::text))
          .isEqualTo(paged.tree.prove(ReferenceTree.bytes(key), 1).value()
              .map(StateTreePagesTest::text));
    }
  }

  /** The node keys of every stored internal node. */
  private static List<NodeKey> storedNodes(Store store) {
    byte[] from = StoreNodeReader.prefixed(StateFixture.PREFIX, new byte[] {'n'});
    byte[] to = StoreNodeReader.prefixed(StateFixture.PREFIX, new byte[] {'n' + 1});
    return store.scan(from, to, Integer.MAX_VALUE).stream()
        .map(e -> NodeKey.decode(Arrays.copyOfRange(e.key(), from.length, e.key().length)))
        .toList();
  }

  /**
   * Rewrites every page as the store held it before pages: each inner node under its own key, with
   * the page's version, and its parent referring to it by that version.
   */
  private static void unpage(Store store) {
    WriteBatch batch = new WriteBatch();
    for (NodeKey page : storedNodes(store)) {
      byte[] key = StoreNodeReader.prefixed(StateFixture.PREFIX, TreeKeys.node(page));
      Node.Internal node =
          (Node.Internal) Node.decode(store.get(key).orElseThrow(), StateFixture.SHA256);
      batch.delete(key);
      storeEach(node, page.version(), page.depth(), Arrays.copyOf(page.path(), 32), batch);
    }
    store.write(batch);
  }

  private static void storeEach(
      Node.Internal node, long version, int depth, byte[] path, WriteBatch batch) {
    Optional<ChildRef> left = separate(node.left(), version, depth, path, 0, batch);
    Optional<ChildRef> right = separate(node.right(), version, depth, path, 1, batch);
    NodeKey at = NodeKey.of(version, depth, path);
    batch.put(StoreNodeReader.prefixed(StateFixture.PREFIX, TreeKeys.node(at)),
        new Node.Internal(left, right).encode());
  }

  private static Optional<ChildRef> separate(Optional<ChildRef> child, long version, int depth,
      byte[] path, int bit, WriteBatch batch) {
    if (child.isEmpty() || child.get().inline().isEmpty()) {
      return child;
    }
    byte[] childPath = path.clone();
    if (bit == 1) {
      childPath[depth >>> 3] |= (byte) (0x80 >>> (depth & 7));
    }
    storeEach(child.get().inline().get(), version, depth + 1, childPath, batch);
    return Optional.of(ChildRef.node(child.get().hash(), version));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

}
