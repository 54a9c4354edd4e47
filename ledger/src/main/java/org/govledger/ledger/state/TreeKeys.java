package org.govledger.ledger.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * The layout of the tree's key space (below the caller's prefix). One leading byte per kind:
 *
 * <ul>
 *   <li>{@code 'n' || NodeKey}: an encoded internal {@link Node} (leaves are inside their parents);
 *   <li>{@code 'r' || version}: the root at that version (see {@link #encodeRoot});
 *   <li>{@code 'v' || keyHash || supersededAt}: a value that stopped being the key's value at
 *       version {@code supersededAt} (replaced or deleted then), kept so that proofs at the
 *       versions before it can show it: leaves hold only value hashes, and the caller's table
 *       holds only the current value;
 *   <li>{@code 's' || staleSince}: the nodes and history values that stopped being part of the
 *       tree at version {@code staleSince}, so that only versions before it need them (see {@link
 *       #encodeStale}); one record per version rather than one per node, because a block makes
 *       thousands of nodes stale and each record costs a store write;
 *   <li>{@code 'l'}: the latest version written;
 *   <li>{@code 'o'}: the oldest version kept, once something was pruned.
 * </ul>
 *
 * Versions are 8 bytes big-endian, so the store's order is version order.
 */
final class TreeKeys {
  static final byte[] LATEST = {'l'};
  static final byte[] OLDEST = {'o'};

  private static final byte NODE = 'n';
  private static final byte ROOT = 'r';
  private static final byte STALE = 's';
  private static final byte HISTORY = 'v';
  /** Marks a stale-record entry that names a history value rather than a node. */
  private static final int HISTORY_FLAG = 0x8000;

  private TreeKeys() {}

  /** Whether {@code key} names a node (immutable) rather than a pointer or index entry. */
  static boolean isNode(byte[] key) {
    return key.length > 1 && key[0] == NODE;
  }

  static byte[] node(NodeKey key) {
    byte[] encoded = key.encode();
    return ByteBuffer.allocate(1 + encoded.length).put(NODE).put(encoded).array();
  }

  static byte[] root(long version) {
    return versioned(ROOT, version);
  }

  /** The first stale-index key for nodes that went stale at {@code staleSince} or later. */
  static byte[] staleFrom(long staleSince) {
    return versioned(STALE, staleSince);
  }

  /** The value of the key hashing to {@code keyHash} that version {@code supersededAt} replaced. */
  static byte[] history(byte[] keyHash, long supersededAt) {
    return ByteBuffer.allocate(1 + keyHash.length + Long.BYTES)
        .put(HISTORY)
        .put(keyHash)
        .putLong(supersededAt)
        .array();
  }

  /** The first history key of {@code keyHash} superseded after {@code version}. */
  static byte[] historyAfter(byte[] keyHash, long version) {
    return history(keyHash, version + 1);
  }

  /** One past the last history key of {@code keyHash}. */
  static byte[] historyEnd(byte[] keyHash) {
    return history(keyHash, -1); // 0xff... sorts after every version
  }

  /** What one version made stale: tree nodes, and the key hashes whose old value it superseded. */
  record Stale(java.util.List<NodeKey> nodes, java.util.List<byte[]> historyKeyHashes) {}

  /**
   * A stale record: each entry a 2-byte length and its bytes, a node key's encoding or, with the
   * length's top bit set, the key hash of a history value superseded at the record's version.
   */
  static byte[] encodeStale(java.util.List<NodeKey> keys, java.util.List<byte[]> historyKeyHashes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(keys.size() * 24);
    for (NodeKey k : keys) {
      writeEntry(out, k.encode(), 0);
    }
    for (byte[] keyHash : historyKeyHashes) {
      writeEntry(out, keyHash, HISTORY_FLAG);
    }
    return out.toByteArray();
  }

  private static void writeEntry(java.io.ByteArrayOutputStream out, byte[] entry, int flag) {
    int header = entry.length | flag;
    out.write(header >>> 8);
    out.write(header);
    out.writeBytes(entry);
  }

  static Stale decodeStale(byte[] record) {
    java.util.List<NodeKey> keys = new java.util.ArrayList<>();
    java.util.List<byte[]> history = new java.util.ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(record);
    while (b.hasRemaining()) {
      int header = b.getShort() & 0xffff;
      byte[] entry = new byte[header & ~HISTORY_FLAG];
      b.get(entry);
      if ((header & HISTORY_FLAG) != 0) {
        history.add(entry);
      } else {
        keys.add(NodeKey.decode(entry));
      }
    }
    return new Stale(keys, history);
  }

  static byte[] encodeVersion(long version) {
    return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
  }

  static long decodeVersion(byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      throw new IllegalStateException("corrupt state version: " + bytes.length + " bytes, want 8");
    }
    return ByteBuffer.wrap(bytes).getLong();
  }

  /**
   * A root pointer: {@code 0x00} for the empty tree; {@code 0x01 || version || hash} naming the
   * root node, which sits at depth 0 and may be older than the pointer's version when an update
   * changed nothing; or, for a tree of one key, {@code 0x02 || key hash || value hash}, its leaf.
   */
  static byte[] encodeRoot(Optional<ChildRef> root) {
    if (root.isEmpty()) {
      return new byte[] {0x00};
    }
    ChildRef ref = root.get();
    if (ref.isLeaf()) {
      Node.Leaf leaf = ref.leaf().orElseThrow();
      byte[] keyHash = leaf.keyHash();
      return ByteBuffer.allocate(1 + 2 * keyHash.length)
          .put((byte) 0x02)
          .put(keyHash)
          .put(leaf.valueHash())
          .array();
    }
    byte[] hash = ref.hash();
    return ByteBuffer.allocate(1 + Long.BYTES + hash.length)
        .put((byte) 0x01)
        .putLong(ref.version())
        .put(hash)
        .array();
  }

  static Optional<ChildRef> decodeRoot(byte[] bytes, HashFunction hash) {
    int hashLength = hash.length();
    if (bytes.length == 1 && bytes[0] == 0x00) {
      return Optional.empty();
    }
    if (bytes.length == 1 + 2 * hashLength && bytes[0] == 0x02) {
      return Optional.of(ChildRef.leaf(hash, new Node.Leaf(
          Arrays.copyOfRange(bytes, 1, 1 + hashLength),
          Arrays.copyOfRange(bytes, 1 + hashLength, bytes.length))));
    }
    if (bytes.length != 1 + Long.BYTES + hashLength || bytes[0] != 0x01) {
      throw new IllegalStateException("corrupt state root pointer of " + bytes.length + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    long version = in.getLong();
    byte[] root = new byte[hashLength];
    in.get(root);
    return Optional.of(ChildRef.node(root, version));
  }

  private static byte[] versioned(byte kind, long version) {
    return ByteBuffer.allocate(1 + Long.BYTES).put(kind).putLong(version).array();
  }
}
