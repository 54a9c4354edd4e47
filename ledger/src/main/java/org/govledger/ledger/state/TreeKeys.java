package org.govledger.ledger.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * The layout of the tree's key space (below the caller's prefix). One leading byte per kind:
 *
 * <ul>
 *   <li>{@code 'n' || NodeKey}: an encoded internal {@link Node} at a depth that is a multiple of
 *       {@link StateTree#PAGE_LEVELS}, holding the levels below it down to the next such depth
 *       (a page; leaves are inside their parents too);
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
 *   <li>{@code 'o'}: the oldest version kept, once something was pruned;
 *   <li>{@code 'c'}: where deleting stale records stopped, while a bounded pruning has a backlog
 *       (see {@link #encodeCursor}); absent when every record below the oldest version is done.
 * </ul>
 *
 * Versions are 8 bytes big-endian, so the store's order is version order.
 */
final class TreeKeys {
  static final byte[] LATEST = {'l'};
  static final byte[] OLDEST = {'o'};
  static final byte[] PRUNE_CURSOR = {'c'};

  private static final byte NODE = 'n';
  private static final byte ROOT = 'r';
  private static final byte STALE = 's';
  private static final byte HISTORY = 'v';
  /** Marks a stale-record entry that names a history value rather than a node. */
  private static final int HISTORY_FLAG = 0x8000;

  private TreeKeys() {}

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

  /**
   * What one version made stale, located in its record but not decoded: pruning only needs each
   * node's store key, which is {@code 'n'} and the node key's encoding exactly as the record holds
   * it, so it never builds the node keys themselves.
   */
  static final class StaleRecord {
    private final byte[] record;
    private final int[] nodeOffsets;
    private final int[] nodeLengths;
    private final int nodeCount;
    private final java.util.List<byte[]> historyKeyHashes = new java.util.ArrayList<>();

    StaleRecord(byte[] record) {
      this.record = record;
      int[] offsets = new int[Math.max(16, record.length / 24)];
      int[] lengths = new int[offsets.length];
      int count = 0;
      int at = 0;
      while (at < record.length) {
        if (at + 2 > record.length) {
          throw new IllegalStateException("corrupt stale record: entry header cut off at " + at);
        }
        int header = ((record[at] & 0xff) << 8) | (record[at + 1] & 0xff);
        int length = header & ~HISTORY_FLAG;
        at += 2;
        if (at + length > record.length) {
          throw new IllegalStateException(
              "corrupt stale record: entry of " + length + " bytes at " + at + " runs past its end");
        }
        if ((header & HISTORY_FLAG) != 0) {
          historyKeyHashes.add(Arrays.copyOfRange(record, at, at + length));
        } else {
          if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
          }
          offsets[count] = at;
          lengths[count] = length;
          count++;
        }
        at += length;
      }
      this.nodeOffsets = offsets;
      this.nodeLengths = lengths;
      this.nodeCount = count;
    }

    int nodeCount() {
      return nodeCount;
    }

    /** The store key of the {@code i}-th stale node: what {@link #node(NodeKey)} gives for it. */
    byte[] nodeStoreKey(int i) {
      byte[] key = new byte[1 + nodeLengths[i]];
      key[0] = NODE;
      System.arraycopy(record, nodeOffsets[i], key, 1, nodeLengths[i]);
      return key;
    }

    java.util.List<byte[]> historyKeyHashes() {
      return historyKeyHashes;
    }
  }

  /**
   * Where a pruning stopped: the stale records before version {@code staleSince} are deleted, and
   * of that version's record the first {@code nodesDone} nodes.
   */
  record PruneCursor(long staleSince, int nodesDone) {}

  /** A prune cursor: {@code staleSince || nodesDone}, 8 and 4 bytes big-endian. */
  static byte[] encodeCursor(PruneCursor cursor) {
    return ByteBuffer.allocate(Long.BYTES + Integer.BYTES)
        .putLong(cursor.staleSince())
        .putInt(cursor.nodesDone())
        .array();
  }

  static PruneCursor decodeCursor(byte[] bytes) {
    if (bytes.length != Long.BYTES + Integer.BYTES) {
      throw new IllegalStateException("corrupt prune cursor: " + bytes.length + " bytes, want 12");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new PruneCursor(b.getLong(), b.getInt());
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
