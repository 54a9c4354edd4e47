package org.govledger.ledger.merkle;

import java.util.List;
import java.util.Objects;
import org.govledger.ledger.crypto.HashFunction;

/**
 * Merkle tree hashing of RFC 9162 section 2.1, over any {@link HashFunction}: leaves are hashed
 * with the prefix {@code 0x00} and interior nodes with {@code 0x01}, so that a leaf can never be
 * passed off as a node. Pure functions of bytes; every method returns a fresh array.
 */
public final class MerkleHashing {
  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};

  private MerkleHashing() {}

  /** {@code HASH(0x00 || data)}: the hash of the leaf with the given data. */
  public static byte[] leafHash(HashFunction hash, byte[] data) {
    Objects.requireNonNull(data, "data");
    return hash.digest(LEAF_PREFIX, data);
  }

  /** {@code HASH(0x01 || left || right)}: the hash of an interior node. */
  public static byte[] nodeHash(HashFunction hash, byte[] left, byte[] right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    return hash.digest(NODE_PREFIX, left, right);
  }

  /** {@code HASH()}: the root of the empty tree, the hash of the empty string. */
  public static byte[] emptyRoot(HashFunction hash) {
    return hash.digest();
  }

  /**
   * The Merkle tree hash {@code MTH(D[n])} of the leaves with the given data, computed from its
   * recursive definition: split at the largest power of two smaller than {@code n}. Holds every
   * leaf in memory; the reference that {@link MerkleLog} is tested against.
   */
  public static byte[] root(HashFunction hash, List<byte[]> leafData) {
    if (leafData.isEmpty()) {
      return emptyRoot(hash);
    }
    if (leafData.size() == 1) {
      return leafHash(hash, leafData.get(0));
    }
    int k = (int) largestPowerOfTwoBelow(leafData.size());
    return nodeHash(
        hash,
        root(hash, leafData.subList(0, k)),
        root(hash, leafData.subList(k, leafData.size())));
  }

  /** The largest power of two strictly smaller than {@code n}, for {@code n >= 2}. */
  static long largestPowerOfTwoBelow(long n) {
    if (n < 2) {
      throw new IllegalArgumentException("no power of two below " + n);
    }
    return Long.highestOneBit(n - 1);
  }
}
