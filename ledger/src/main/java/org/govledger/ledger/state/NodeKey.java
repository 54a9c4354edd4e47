package org.govledger.ledger.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a tree node is stored: the version that wrote it and its position (the first {@code depth}
 * bits of the key hashes below it). Nodes are immutable, so a node is written once under its key
 * and deleted only by pruning once no retained version refers to it.
 *
 * <p>Encoded as depth (2 bytes, big-endian, since a leaf can sit at depth 256) || the path bits
 * packed most significant first, unused low bits zero || version (8 bytes, big-endian). Position
 * first puts the versions of one node next to each other in an ordered store; successive versions
 * of a node usually differ in one child only, so block compression stores the other child's hash
 * once for both. (Version first, which kept one update's nodes together, cost about 30 bytes more
 * for every node kept for the state history.)
 *
 * @param version the version (block height) that wrote the node; not negative
 * @param depth 0 for the root, up to 256
 * @param path {@code ceil(depth / 8)} bytes holding the path bits, unused low bits zero
 */
public record NodeKey(long version, int depth, byte[] path) {
  private static final int FIXED_BYTES = Long.BYTES + Short.BYTES;

  public NodeKey {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, got " + version);
    }
    if (depth < 0 || depth > TreeHasher.MAX_DEPTH) {
      throw new IllegalArgumentException("depth must be in [0, 256], got " + depth);
    }
    if (path.length != pathBytes(depth)) {
      throw new IllegalArgumentException(
          "path for depth "
              + depth
              + " must have "
              + pathBytes(depth)
              + " bytes, got "
              + path.length);
    }
    if (!Arrays.equals(path, truncate(path, depth))) {
      throw new IllegalArgumentException("path bits beyond depth " + depth + " must be zero");
    }
    path = path.clone();
  }

  /**
   * The key of the node at {@code depth} on the path of {@code keyHash}, written at {@code
   * version}.
   */
  static NodeKey of(long version, int depth, byte[] keyHash) {
    return new NodeKey(version, depth, truncate(keyHash, depth));
  }

  /** Decodes {@link #encode()}. */
  public static NodeKey decode(byte[] bytes) {
    if (bytes.length < FIXED_BYTES) {
      throw new IllegalArgumentException(
          "node key needs at least " + FIXED_BYTES + " bytes, got " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int depth = Short.toUnsignedInt(in.getShort());
    if (depth > TreeHasher.MAX_DEPTH || bytes.length != FIXED_BYTES + pathBytes(depth)) {
      throw new IllegalArgumentException(
          "node key of depth " + depth + " must have " + (FIXED_BYTES + pathBytes(depth))
              + " bytes, got " + bytes.length);
    }
    byte[] path = new byte[pathBytes(depth)];
    in.get(path);
    long version = in.getLong();
    return new NodeKey(version, depth, path);
  }

  public byte[] encode() {
    return ByteBuffer.allocate(FIXED_BYTES + path.length)
        .putShort((short) depth)
        .put(path)
        .putLong(version)
        .array();
  }

  @Override
  public byte[] path() {
    return path.clone();
  }

  /** Whether {@code other} is at the same position, whatever version wrote it. */
  boolean samePosition(NodeKey other) {
    return depth == other.depth && Arrays.equals(path, other.path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && version == k.version && samePosition(k);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(version) + depth) + Arrays.hashCode(path);
  }

  @Override
  public String toString() {
    return "NodeKey[version="
        + version
        + ", depth="
        + depth
        + ", path="
        + HexFormat.of().formatHex(path)
        + "]";
  }

  private static int pathBytes(int depth) {
    return (depth + 7) >>> 3;
  }

  /** The first {@code depth} bits of {@code bits}, in {@code ceil(depth / 8)} bytes. */
  private static byte[] truncate(byte[] bits, int depth) {
    byte[] out = Arrays.copyOf(bits, pathBytes(depth));
    int rest = depth & 7;
    if (rest != 0) {
      out[out.length - 1] &= (byte) (0xff << (8 - rest));
    }
    return out;
  }
}
