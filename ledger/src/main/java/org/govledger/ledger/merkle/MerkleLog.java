package org.govledger.ledger.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.govledger.ledger.crypto.HashFunction;

/**
 * An append-only RFC 9162 Merkle log over stored complete subtrees. It keeps only its size and
 * its frontier in memory: the roots of the perfect subtrees that make up the tree, one per set bit
 * of the size, largest first. Appending k leaves costs about 2k hash computations and no reads;
 * {@link #open} recovers the frontier of any size with one read per set bit; roots of older sizes
 * and proofs read O(log n) nodes and hash the right edge of the tree on the fly.
 *
 * <p>Instances are immutable and safe to share between threads, provided the {@link
 * TreeNodeReader} is. {@link #append} does not change this log: it returns the nodes to store and
 * the log at the new size. The intended use is one writer that stores {@link AppendResult#nodes()}
 * in its commit batch and, once the batch is durable, publishes {@link AppendResult#log()} (for
 * example through a volatile field) to readers, who can then prove anything up to that size.
 * Asking the returned log for proofs before its nodes are stored fails with an {@link
 * IllegalStateException} naming the missing node.
 */
public final class MerkleLog {
  private final HashFunction hash;
  private final TreeNodeReader nodes;
  private final long size;
  private final List<byte[]> frontier;

  private MerkleLog(HashFunction hash, TreeNodeReader nodes, long size, List<byte[]> frontier) {
    this.hash = hash;
    this.nodes = nodes;
    this.size = size;
    this.frontier = frontier;
  }

  /** The log with no leaves. */
  public static MerkleLog empty(HashFunction hash, TreeNodeReader nodes) {
    return new MerkleLog(
        Objects.requireNonNull(hash, "hash"), Objects.requireNonNull(nodes, "nodes"), 0, List.of());
  }

  /** The log of {@code size} leaves whose nodes {@code nodes} holds; reads its frontier. */
  public static MerkleLog open(HashFunction hash, TreeNodeReader nodes, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    MerkleLog empty = empty(hash, nodes);
    return new MerkleLog(hash, nodes, size, Collections.unmodifiableList(empty.frontier(size)));
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The root of the tree of all {@link #size()} leaves; no reads. */
  public byte[] root() {
    return fold(frontier);
  }

  /** The root of the tree of the first {@code treeSize} leaves, for {@code treeSize <= size()}. */
  public byte[] root(long treeSize) {
    requireSize("tree size", treeSize);
    return treeSize == size ? root() : fold(frontier(treeSize));
  }

  /**
   * Appends leaf hashes (each {@link MerkleHashing#leafHash} of the leaf's data). Returns the new
   * size and root, every complete subtree the leaves complete (the leaves themselves at level 0,
   * then each interior node as soon as both its children exist), and the log at the new size.
   */
  public AppendResult append(List<byte[]> leafHashes) {
    List<byte[]> stack = new ArrayList<>(frontier);
    List<TreeNode> created = new ArrayList<>(2 * leafHashes.size());
    long n = size;
    for (byte[] leaf : leafHashes) {
      if (leaf.length != hash.length()) {
        throw new IllegalArgumentException(
            "leaf hash " + n + " has " + leaf.length + " bytes, want " + hash.length());
      }
      if (n == Long.MAX_VALUE) {
        throw new IllegalStateException("log is full");
      }
      byte[] h = leaf.clone();
      created.add(new TreeNode(0, n, h));
      int level = 0;
      long index = n;
      while ((index & 1) == 1) {
        h = MerkleHashing.nodeHash(hash, stack.remove(stack.size() - 1), h);
        level++;
        index >>>= 1;
        created.add(new TreeNode(level, index, h));
      }
      stack.add(h);
      n++;
    }
    MerkleLog next = new MerkleLog(hash, nodes, n, Collections.unmodifiableList(stack));
    return new AppendResult(n, next.root(), created, next);
  }

  /** The proof that leaf {@code index} is in the tree of {@code treeSize} leaves. */
  public InclusionProof inclusionProof(long index, long treeSize) {
    requireSize("tree size", treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + treeSize);
    }
    // PATH(m, D[lo:hi]) of RFC 9162 section 2.1.3.1, unrolled; collected top-down.
    List<byte[]> topDown = new ArrayList<>();
    long lo = 0;
    long hi = treeSize;
    while (hi - lo > 1) {
      long k = MerkleHashing.largestPowerOfTwoBelow(hi - lo);
      if (index < lo + k) {
        topDown.add(subtreeRoot(lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(subtreeRoot(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(topDown);
    return new InclusionProof(index, treeSize, topDown);
  }

  /**
   * The proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2}
   * leaves, for {@code size1 <= size2 <= size()}. Empty when the sizes are equal or {@code size1}
   * is 0 (see {@link ConsistencyProof}).
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    requireSize("size2", size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("size1 " + size1 + " is not in [0, " + size2 + "]");
    }
    if (size1 == 0 || size1 == size2) {
      return new ConsistencyProof(size1, size2, List.of());
    }
    // SUBPROOF(m, D[lo:hi], b) of RFC 9162 section 2.1.4.1, unrolled; m counts from lo.
    List<byte[]> topDown = new ArrayList<>();
    long m = size1;
    long lo = 0;
    long hi = size2;
    boolean wholeOldTree = true;
    while (m != hi - lo) {
      long k = MerkleHashing.largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        topDown.add(subtreeRoot(lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(subtreeRoot(lo, lo + k));
        m -= k;
        lo += k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      topDown.add(subtreeRoot(lo, hi));
    }
    Collections.reverse(topDown);
    return new ConsistencyProof(size1, size2, topDown);
  }

  /**
   * {@code MTH(D[lo:hi])} for a range the proof algorithms ask for: {@code lo} is a multiple of a
   * power of two at least {@code hi - lo}, so the range is one stored node, or (on the right edge)
   * a few stored nodes, one per set bit of {@code hi - lo}, hashed together from the right.
   */
  private byte[] subtreeRoot(long lo, long hi) {
    long width = hi - lo;
    if (Long.bitCount(width) == 1) {
      int level = Long.numberOfTrailingZeros(width);
      return read(level, lo >>> level);
    }
    return fold(perfectSubtrees(lo, width));
  }

  /** The roots of the perfect subtrees of the first {@code treeSize} leaves, largest first. */
  private List<byte[]> frontier(long treeSize) {
    return perfectSubtrees(0, treeSize);
  }

  private List<byte[]> perfectSubtrees(long start, long width) {
    List<byte[]> out = new ArrayList<>(Long.bitCount(width));
    for (int level = TreeNode.MAX_LEVEL; level >= 0; level--) {
      if (((width >>> level) & 1) == 1) {
        out.add(read(level, start >>> level));
        start += 1L << level;
      }
    }
    return out;
  }

  /** Hashes perfect subtrees, largest first, into the root of their concatenation. */
  private byte[] fold(List<byte[]> subtrees) {
    if (subtrees.isEmpty()) {
      return MerkleHashing.emptyRoot(hash);
    }
    byte[] r = subtrees.get(subtrees.size() - 1);
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      r = MerkleHashing.nodeHash(hash, subtrees.get(i), r);
    }
    return r.clone();
  }

  private byte[] read(int level, long index) {
    byte[] h =
        nodes
            .node(level, index)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tree node at level " + level + " index " + index + " is not stored"));
    if (h.length != hash.length()) {
      throw new IllegalStateException(
          "tree node at level " + level + " index " + index + " has " + h.length
              + " bytes, want " + hash.length());
    }
    return h;
  }

  private void requireSize(String what, long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          what + " " + treeSize + " is not in [0, " + size + "], the log's size");
    }
  }

  @Override
  public String toString() {
    return "MerkleLog[hash=" + hash.name() + ", size=" + size + "]";
  }
}
