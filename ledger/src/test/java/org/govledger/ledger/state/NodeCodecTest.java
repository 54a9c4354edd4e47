package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NodeCodecTest {

  @Property
  void nodeKey_roundTrips(
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int version,
      @ForAll @IntRange(min = 0, max = 256) int depth,
      @ForAll @Size(32) byte[] keyHash) {
    NodeKey key = NodeKey.of(version, depth, keyHash);

    assertThat(NodeKey.decode(key.encode())).isEqualTo(key);
    assertThat(key.encode()).hasSize(10 + (depth + 7) / 8);
  }

  @Property
  void staleRecord_namesEachNodesStoreKeyAndEachHistoryKeyHash(
      @ForAll @Size(max = 40) java.util.List<@IntRange(min = 0, max = 256) Integer> depths,
      @ForAll @Size(max = 5) java.util.List<@Size(32) byte[]> historyKeyHashes,
      @ForAll @Size(32) byte[] keyHash) {
    java.util.List<NodeKey> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < depths.size(); i++) {
      nodes.add(NodeKey.of(i, depths.get(i), keyHash));
    }

    TreeKeys.StaleRecord record =
        new TreeKeys.StaleRecord(TreeKeys.encodeStale(nodes, historyKeyHashes));

    assertThat(record.nodeCount()).isEqualTo(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      assertThat(record.nodeStoreKey(i)).isEqualTo(TreeKeys.node(nodes.get(i)));
    }
    assertThat(record.historyKeyHashes()).containsExactlyElementsOf(historyKeyHashes);
  }

  @Test
  void staleRecord_cutOff_isNamedCorrupt() {
    byte[] whole = TreeKeys.encodeStale(
        java.util.List.of(NodeKey.of(3, 9, new byte[32])), java.util.List.of());

    assertThatThrownBy(() -> new TreeKeys.StaleRecord(java.util.Arrays.copyOf(whole, whole.length - 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt stale record");
  }

  @Property
  void leaf_roundTrips(@ForAll @Size(max = 100) byte[] key, @ForAll @Size(max = 300) byte[] value) {
    Node.Leaf leaf = Node.Leaf.of(StateFixture.SHA256, key, value);

    Node.Leaf decoded = (Node.Leaf) Node.decode(leaf.encode(), StateFixture.SHA256);

    assertThat(decoded).isEqualTo(leaf);
    assertThat(leaf.encode()).hasSize(65);
    assertThat(decoded.hash(StateFixture.SHA256)).isEqualTo(leaf.hash(StateFixture.SHA256));
  }

  @Property
  void internal_roundTrips(
      @ForAll @Size(32) byte[] hash,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long version,
      @ForAll boolean leftPresent,
      @ForAll boolean leftLeaf,
      @ForAll boolean rightLeaf) {
    Optional<ChildRef> left =
        leftPresent ? Optional.of(child(hash, version, leftLeaf)) : Optional.empty();
    Node.Internal node = new Node.Internal(left, Optional.of(child(hash, version + 1, rightLeaf)));

    assertThat(Node.decode(node.encode(), StateFixture.SHA256)).isEqualTo(node);
  }

  @Test
  void internal_storesVersionsAsVarints() {
    byte[] hash = new byte[32];
    Node.Internal node = new Node.Internal(
        Optional.of(ChildRef.node(hash, 127)), Optional.of(ChildRef.node(hash, 300)));

    assertThat(node.encode()).hasSize(2 + (1 + 32) + (2 + 32));
  }

  @Test
  void internal_holdsALeafChildAsItsTwoHashes() {
    Node.Leaf leaf = Node.Leaf.of(StateFixture.SHA256, new byte[] {1}, new byte[] {2});
    Node.Internal node = new Node.Internal(
        Optional.of(ChildRef.leaf(StateFixture.SHA256, leaf)), Optional.empty());

    assertThat(node.encode()).hasSize(2 + 64);
    assertThat(Node.decode(node.encode(), StateFixture.SHA256)).isEqualTo(node);
  }

  @Test
  void page_holdsItsInnerNodesWithoutTheirHashes_andComputesThemWhenRead() {
    Node.Leaf leaf = Node.Leaf.of(StateFixture.SHA256, new byte[] {1}, new byte[] {2});
    byte[] stored = new byte[32];
    stored[0] = 7;
    Node.Internal inner = new Node.Internal(Optional.of(ChildRef.node(stored, 300)),
        Optional.of(ChildRef.leaf(StateFixture.SHA256, leaf)));
    Node.Internal page = new Node.Internal(
        Optional.of(ChildRef.inline(inner.hash(StateFixture.SHA256), inner)), Optional.empty());

    byte[] encoded = page.encode();
    Node.Internal decoded = (Node.Internal) Node.decode(encoded, StateFixture.SHA256);

    // tag and flags, then the inner node's flags, its stored child (2-byte varint and hash) and
    // its leaf: no 32 bytes for the inner node's own hash.
    assertThat(encoded).hasSize(2 + 1 + (2 + 32) + 64);
    assertThat(decoded).isEqualTo(page);
    assertThat(decoded.left().orElseThrow().inline()).hasValue(inner);
    assertThat(decoded.left().orElseThrow().hash()).isEqualTo(inner.hash(StateFixture.SHA256));
    assertThat(decoded.hash(StateFixture.SHA256)).isEqualTo(page.hash(StateFixture.SHA256));
  }

  @Test
  void decode_ofInnerNodesNestedDeeperThanAKeyHashHasBits_reportsCorruption() {
    byte[] encoded = new byte[1 + 300];
    encoded[0] = Node.INTERNAL_TAG;
    java.util.Arrays.fill(encoded, 1, encoded.length, (byte) 0b0010); // left: an inner node, again

    assertThatThrownBy(() -> Node.decode(encoded, StateFixture.SHA256))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nested deeper than 256");
  }

  @Test
  void aChildInsideItsParent_hasNoVersion() {
    Node.Leaf leaf = Node.Leaf.of(StateFixture.SHA256, new byte[] {1}, new byte[] {2});
    Node.Internal inner =
        new Node.Internal(Optional.of(ChildRef.leaf(StateFixture.SHA256, leaf)), Optional.empty());

    assertThatThrownBy(() -> new ChildRef(new byte[32], 5, Optional.empty(), Optional.of(inner)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no version");
  }

  /** An internal child, or a leaf made from {@code hash} (so that the test sees both kinds). */
  private static ChildRef child(byte[] hash, long version, boolean leaf) {
    return leaf
        ? ChildRef.leaf(StateFixture.SHA256, new Node.Leaf(hash, hash))
        : ChildRef.node(hash, version);
  }

  @Test
  void decode_ofVersionWithARedundantByte_reportsCorruption() {
    byte[] encoded = new byte[2 + 2 + 32];
    encoded[0] = Node.INTERNAL_TAG;
    encoded[1] = 0b0001; // left present, an internal node
    encoded[2] = (byte) 0x80; // version 0 spelled in two bytes
    encoded[3] = 0x00;

    assertThatThrownBy(() -> Node.decode(encoded, StateFixture.SHA256))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("redundant");
  }

  @Test
  void nodeKeys_ofOnePosition_sortTogetherInVersionOrder() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[0] = 0x40; // differs from a at bit 1
    byte[] aAt1 = NodeKey.of(1, 2, a).encode();
    byte[] aAt9 = NodeKey.of(9, 2, a).encode();
    byte[] bAt0 = NodeKey.of(0, 2, b).encode();

    assertThat(java.util.Arrays.compareUnsigned(aAt1, aAt9)).isNegative();
    assertThat(java.util.Arrays.compareUnsigned(aAt9, bAt0)).isNegative();
  }

  @Test
  void nodeKey_withPathBitsBeyondDepth_isRefused() {
    assertThatThrownBy(() -> new NodeKey(1, 3, new byte[] {(byte) 0xff}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beyond depth 3");
  }

  @Test
  void decode_ofTruncatedNode_reportsCorruption() {
    byte[] encoded = Node.Leaf.of(StateFixture.SHA256, new byte[] {1}, new byte[] {2}).encode();
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);

    assertThatThrownBy(() -> Node.decode(truncated, StateFixture.SHA256))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("corrupt state node");
  }
}
