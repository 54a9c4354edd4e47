package org.govledger.ledger.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * A tree node: a leaf holding the hashes of one key and its value, or an internal node with two
 * children of which at most one is empty. Only internal nodes are stored on their own; a leaf is
 * stored inside its parent (see {@link ChildRef}). Encodings start with the same tag byte as the
 * hash prefix.
 */
sealed interface Node permits Node.Leaf, Node.Internal {
  byte LEAF_TAG = 0x00;
  byte INTERNAL_TAG = 0x01;

  byte[] encode();

  /** Decodes a stored node; a malformed one means the store is corrupt, which no caller can fix. */
  static Node decode(byte[] bytes, HashFunction hash) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte tag = in.get();
      Node node =
          switch (tag) {
            case LEAF_TAG -> Leaf.read(in, hash.length());
            case INTERNAL_TAG -> Internal.read(in, hash);
            default -> throw new IllegalStateException("corrupt state node: unknown tag " + tag);
          };
      if (in.hasRemaining()) {
        throw new IllegalStateException(
            "corrupt state node: " + in.remaining() + " trailing bytes");
      }
      return node;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalStateException("corrupt state node: " + e.getMessage(), e);
    }
  }

  private static byte[] take(ByteBuffer in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length " + length + " exceeds the node");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  /**
   * A leaf: the hashes of its key and value, and nothing else. The key and value themselves live
   * outside the tree (the current value in the caller's state table, {@link CurrentValues}; a
   * superseded one in the tree's history, {@link TreeKeys#history}): storing them here too made
   * each leaf about five times larger, and leaves are written again whenever a neighbour moves
   * them.
   */
  record Leaf(byte[] keyHash, byte[] valueHash) implements Node {
    public Leaf {
      keyHash = keyHash.clone();
      valueHash = valueHash.clone();
      if (keyHash.length != valueHash.length) {
        throw new IllegalArgumentException("key hash and value hash differ in length: "
            + keyHash.length + " and " + valueHash.length);
      }
    }

    static Leaf of(HashFunction hash, byte[] key, byte[] value) {
      return new Leaf(TreeHasher.keyHash(hash, key), TreeHasher.valueHash(hash, value));
    }

    @Override
    public byte[] keyHash() {
      return keyHash.clone();
    }

    @Override
    public byte[] valueHash() {
      return valueHash.clone();
    }

    boolean hasKeyHash(byte[] other) {
      return Arrays.equals(keyHash, other);
    }

    boolean hasValueHash(byte[] other) {
      return Arrays.equals(valueHash, other);
    }

    byte[] hash(HashFunction hash) {
      return TreeHasher.leaf(hash, keyHash, valueHash);
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(1 + keyHash.length + valueHash.length)
          .put(LEAF_TAG)
          .put(keyHash)
          .put(valueHash)
          .array();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Leaf l
          && Arrays.equals(keyHash, l.keyHash)
          && Arrays.equals(valueHash, l.valueHash);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(keyHash) * 31 + Arrays.hashCode(valueHash);
    }

    @Override
    public String toString() {
      return "Leaf[keyHash=" + java.util.HexFormat.of().formatHex(keyHash) + "]";
    }

    private static Leaf read(ByteBuffer in, int hashLength) {
      return new Leaf(take(in, hashLength), take(in, hashLength));
    }
  }

  /**
   * An internal node: for each child its {@link ChildRef}, or empty. Encoded as a flags byte (two
   * bits a child, left in the low bits: {@code 00} none, {@code 01} an internal node stored on its
   * own, {@code 11} a leaf, {@code 10} an internal node inside this one) followed by each present
   * child, left first: a stored child as version || hash, a leaf as its key hash || value hash, an
   * inner node as its own flags byte and children, without its hash, which is computed when read. A
   * version is an unsigned LEB128 varint (7 bits a byte, low bits first): block heights take 2 to 4
   * bytes for years, not 8.
   *
   * <p>A stored node is a page: the tree stores internal nodes only at every {@link
   * StateTree#PAGE_LEVELS}-th depth, each holding the levels below it down to the next such depth.
   * A path of 18 levels is then 5 store entries rather than 18, and an update writes, marks stale
   * and later deletes that many; a page's bytes are about those of the binary nodes it holds, since
   * each of them held two child hashes too.
   */
  record Internal(Optional<ChildRef> left, Optional<ChildRef> right) implements Node {
    /** Nesting deeper than a key hash has bits means a corrupt page. */
    private static final int MAX_NESTING = TreeHasher.MAX_DEPTH;

    public Internal {
      if (left.isEmpty() && right.isEmpty()) {
        throw new IllegalArgumentException("an internal node needs at least one child");
      }
    }

    Optional<ChildRef> child(int bit) {
      return bit == 0 ? left : right;
    }

    byte[] hash(HashFunction hash) {
      // At most one child is empty; its placeholder is made only then.
      return TreeHasher.internal(
          hash,
          left.isPresent() ? left.get().hashBytes() : TreeHasher.placeholder(hash),
          right.isPresent() ? right.get().hashBytes() : TreeHasher.placeholder(hash));
    }

    @Override
    public byte[] encode() {
      ByteBuffer out = ByteBuffer.allocate(1 + encodedSize()).put(INTERNAL_TAG);
      writeTo(out);
      return out.array();
    }

    /** The bytes of this node's encoding after the tag: its flags and its children. */
    private int encodedSize() {
      int size = 1;
      for (Optional<ChildRef> c : Arrays.asList(left, right)) {
        if (c.isPresent()) {
          ChildRef r = c.get();
          size += r.isLeaf() ? 2 * r.hashBytes().length
              : r.inline().isPresent() ? r.inline().get().encodedSize()
              : varintLength(r.version()) + r.hashBytes().length;
        }
      }
      return size;
    }

    private void writeTo(ByteBuffer out) {
      out.put((byte) (flags(left) | flags(right) << 2));
      if (left.isPresent()) {
        putChild(out, left.get());
      }
      if (right.isPresent()) {
        putChild(out, right.get());
      }
    }

    private static void putChild(ByteBuffer out, ChildRef child) {
      if (child.isLeaf()) {
        Leaf leaf = child.leaf().orElseThrow();
        out.put(leaf.keyHash).put(leaf.valueHash);
      } else if (child.inline().isPresent()) {
        child.inline().get().writeTo(out);
      } else {
        putVarint(out, child.version()).put(child.hashBytes());
      }
    }

    private static int flags(Optional<ChildRef> child) {
      if (child.isEmpty()) {
        return 0b00;
      }
      ChildRef c = child.get();
      return c.isLeaf() ? 0b11 : c.inline().isPresent() ? 0b10 : 0b01;
    }

    private static Internal read(ByteBuffer in, HashFunction hash) {
      return read(in, hash, 0);
    }

    private static Internal read(ByteBuffer in, HashFunction hash, int nesting) {
      if (nesting > MAX_NESTING) {
        throw new IllegalArgumentException("nodes nested deeper than " + MAX_NESTING);
      }
      int flags = in.get();
      if ((flags & ~0b1111) != 0) {
        throw new IllegalArgumentException("unknown internal node flags " + flags);
      }
      Optional<ChildRef> left = readChild(in, flags & 0b11, hash, nesting);
      Optional<ChildRef> right = readChild(in, (flags >>> 2) & 0b11, hash, nesting);
      return new Internal(left, right);
    }

    private static Optional<ChildRef> readChild(
        ByteBuffer in, int flags, HashFunction hash, int nesting) {
      return switch (flags) {
        case 0b00 -> Optional.empty();
        case 0b11 -> Optional.of(ChildRef.leaf(hash, Leaf.read(in, hash.length())));
        case 0b10 -> {
          Internal inner = read(in, hash, nesting + 1);
          yield Optional.of(ChildRef.inline(inner.hash(hash), inner));
        }
        default -> {
          long version = getVarint(in);
          yield Optional.of(ChildRef.node(take(in, hash.length()), version));
        }
      };
    }

    private static int varintLength(long value) {
      return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    }

    private static ByteBuffer putVarint(ByteBuffer out, long value) {
      long rest = value;
      while ((rest & ~0x7fL) != 0) {
        out.put((byte) ((rest & 0x7f) | 0x80));
        rest >>>= 7;
      }
      return out.put((byte) rest);
    }

    private static long getVarint(ByteBuffer in) {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        byte b = in.get();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (shift > 0 && b == 0) {
            throw new IllegalArgumentException("version varint has a redundant last byte");
          }
          return value;
        }
      }
      throw new IllegalArgumentException("version varint longer than 9 bytes");
    }
  }
}
