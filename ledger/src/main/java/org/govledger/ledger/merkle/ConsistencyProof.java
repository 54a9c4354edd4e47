package org.govledger.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;

/**
 * A proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves
 * (RFC 9162 section 2.1.4), so that the log only appended in between.
 *
 * <p>Two cases RFC 9162 leaves open are settled here. Equal sizes: the proof is empty and the two
 * roots must be equal. {@code size1 == 0}: RFC 9162 defines no proof from the empty tree; every
 * tree extends it, so the proof is empty, and {@link #verify} checks that {@code root1} is the
 * root of the empty tree ({@link MerkleHashing#emptyRoot}) rather than ignoring it.
 */
public record ConsistencyProof(long size1, long size2, List<byte[]> path) {
  public ConsistencyProof {
    if (size1 < 0) {
      throw new IllegalArgumentException("size1 is negative: " + size1);
    }
    if (size2 < 0) {
      throw new IllegalArgumentException("size2 is negative: " + size2);
    }
    path = ProofChecks.copyOf(path);
  }

  /** The path hashes, lowest first; a fresh copy. */
  @Override
  public List<byte[]> path() {
    return ProofChecks.copyOf(path);
  }

  /**
   * The number of hashes in a consistency proof from {@code size1} to {@code size2}, for {@code 0
   * < size1 < size2}. The proof is the inclusion proof of the last leaf of the old tree, minus the
   * levels inside the old tree's rightmost complete subtree, plus that subtree's root unless it is
   * the whole old tree.
   */
  static int expectedLength(long size1, long size2) {
    int shift = Long.numberOfTrailingZeros(size1);
    int inner = ProofChecks.bitLength((size1 - 1) ^ (size2 - 1));
    int border = Long.bitCount((size1 - 1) >>> inner);
    int seed = size1 == Long.lowestOneBit(size1) ? 0 : 1;
    return seed + inner - shift + border;
  }

  /**
   * Checks that {@code root1}, the root of the tree of {@link #size1} leaves, and {@code root2},
   * the root of the tree of {@link #size2} leaves, are roots of the same append-only log, by RFC
   * 9162 section 2.1.4.2.
   *
   * @throws VerificationException saying what failed: a hash of the wrong length, sizes in the
   *     wrong order, a path of the wrong length, or a computed root differing from the given one
   */
  public void verify(HashFunction hash, byte[] root1, byte[] root2) throws VerificationException {
    int n = hash.length();
    ProofChecks.requireLength("root1", root1, n);
    ProofChecks.requireLength("root2", root2, n);
    if (size1 > size2) {
      throw new VerificationException(
          "size1 " + size1 + " is greater than size2 " + size2 + ": a log cannot shrink");
    }
    if (size1 == size2 || size1 == 0) {
      if (!path.isEmpty()) {
        throw new VerificationException(
            "consistency proof from size " + size1 + " to " + size2 + " has " + path.size()
                + " hashes, want 0");
      }
      if (size1 == 0) {
        ProofChecks.requireEqual("root1 of the empty tree", root1, MerkleHashing.emptyRoot(hash));
      }
      if (size1 == size2) {
        ProofChecks.requireEqual("root2 of a tree of the same size", root2, root1);
      }
      return;
    }
    int want = expectedLength(size1, size2);
    if (path.size() != want) {
      throw new VerificationException(
          "consistency proof from size " + size1 + " to " + size2 + " has " + path.size()
              + " hashes, want " + want);
    }
    for (int i = 0; i < path.size(); i++) {
      ProofChecks.requireLength("consistency proof hash " + i, path.get(i), n);
    }
    checkPath(hash, root1, root2);
  }

  /** Steps 2 to 7 of RFC 9162 section 2.1.4.2, verbatim. */
  private void checkPath(HashFunction hash, byte[] root1, byte[] root2)
      throws VerificationException {
    List<byte[]> p = new ArrayList<>(path.size() + 1);
    if (size1 == Long.lowestOneBit(size1)) {
      p.add(root1);
    }
    p.addAll(path);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = p.get(0);
    byte[] sr = p.get(0);
    for (byte[] c : p.subList(1, p.size())) {
      if (sn == 0) {
        throw new VerificationException("consistency proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHashing.nodeHash(hash, c, fr);
        sr = MerkleHashing.nodeHash(hash, c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHashing.nodeHash(hash, sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new VerificationException("consistency proof is shorter than the path to the root");
    }
    ProofChecks.requireEqual("root1", fr, root1);
    ProofChecks.requireEqual("root2", sr, root2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyProof other
        && size1 == other.size1
        && size2 == other.size2
        && ProofChecks.equal(path, other.path);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(size1) + Long.hashCode(size2)) + ProofChecks.hashCode(path);
  }

  @Override
  public String toString() {
    return "ConsistencyProof[size1=" + size1 + ", size2=" + size2 + ", path="
        + ProofChecks.toString(path) + "]";
  }
}
