package org.govledger.ledger.merkle;

import java.util.List;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;

/**
 * A proof that the leaf at {@code leafIndex} is in the tree of {@code treeSize} leaves (RFC 9162
 * section 2.1.3): the sibling hashes on the way from the leaf up to the root, lowest first.
 *
 * <p>The constructor only checks what no proof can violate (non-negative numbers, no nulls); an
 * index outside the tree or a path of the wrong length is reported by {@link #verify}, because a
 * proof from the network must fail as a {@link VerificationException}.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {
  public InclusionProof {
    if (leafIndex < 0) {
      throw new IllegalArgumentException("leaf index is negative: " + leafIndex);
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size is negative: " + treeSize);
    }
    path = ProofChecks.copyOf(path);
  }

  /** The path hashes, lowest first; a fresh copy. */
  @Override
  public List<byte[]> path() {
    return ProofChecks.copyOf(path);
  }

  /**
   * The number of hashes in the inclusion proof of leaf {@code index} in a tree of {@code size}
   * leaves: the siblings below the point where the leaf's path leaves the left, complete part of
   * the tree ("inner"), plus one per complete subtree on the right border above it.
   */
  static int expectedLength(long index, long size) {
    int inner = ProofChecks.bitLength(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  /**
   * Checks that {@code leafHash} is the leaf at {@link #leafIndex} of the tree of {@link
   * #treeSize} leaves whose root is {@code root}, by RFC 9162 section 2.1.3.2.
   *
   * @throws VerificationException saying what failed: a hash of the wrong length, an index not in
   *     the tree, a path of the wrong length, or the computed root differing from {@code root}
   */
  public void verify(HashFunction hash, byte[] leafHash, byte[] root) throws VerificationException {
    int n = hash.length();
    ProofChecks.requireLength("leaf hash", leafHash, n);
    ProofChecks.requireLength("root", root, n);
    if (leafIndex >= treeSize) {
      throw new VerificationException(
          "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
    }
    int want = expectedLength(leafIndex, treeSize);
    if (path.size() != want) {
      throw new VerificationException(
          "inclusion proof for leaf " + leafIndex + " in tree of size " + treeSize + " has "
              + path.size() + " hashes, want " + want);
    }
    for (int i = 0; i < path.size(); i++) {
      ProofChecks.requireLength("inclusion proof hash " + i, path.get(i), n);
    }
    ProofChecks.requireEqual("root", rootFromPath(hash, leafHash), root);
  }

  /** Steps 2 to 5 of RFC 9162 section 2.1.3.2, verbatim. */
  private byte[] rootFromPath(HashFunction hash, byte[] leafHash) throws VerificationException {
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        throw new VerificationException("inclusion proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHashing.nodeHash(hash, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHashing.nodeHash(hash, r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new VerificationException("inclusion proof is shorter than the path to the root");
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionProof other
        && leafIndex == other.leafIndex
        && treeSize == other.treeSize
        && ProofChecks.equal(path, other.path);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(leafIndex) + Long.hashCode(treeSize))
        + ProofChecks.hashCode(path);
  }

  @Override
  public String toString() {
    return "InclusionProof[leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path="
        + ProofChecks.toString(path) + "]";
  }
}
