package org.govledger.ledger.merkle;

import java.util.Arrays;
import java.util.Objects;

/**
 * The hash of one complete subtree of a Merkle log, as {@link MerkleLog#append} produces it for
 * the caller to store: the subtree at {@code level} (0 for a leaf) and {@code index} covers leaves
 * {@code [index * 2^level, (index + 1) * 2^level)}.
 */
public record TreeNode(int level, long index, byte[] hash) {
  /** The highest level a node of a tree with at most {@link Long#MAX_VALUE} leaves can have. */
  public static final int MAX_LEVEL = 62;

  public TreeNode {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level " + level + " is not in [0, " + MAX_LEVEL + "]");
    }
    if (index < 0 || index > (Long.MAX_VALUE >>> level)) {
      throw new IllegalArgumentException("index " + index + " is out of range at level " + level);
    }
    hash = Objects.requireNonNull(hash, "hash").clone();
  }

  /** The subtree's hash; a fresh copy. */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeNode other
        && level == other.level
        && index == other.index
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "TreeNode[level=" + level + ", index=" + index + ", hash=" + ProofChecks.hex(hash) + "]";
  }
}
