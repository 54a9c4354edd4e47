package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * What an internal node knows of one child: its hash, and either the version that wrote it (an
 * internal node, stored on its own: the version with the child's position gives its {@link
 * NodeKey}) or the leaf itself. Leaves are kept inside their parent rather than stored on their
 * own: a leaf is just two hashes, and its own entry (key, version, and its hash again in the
 * parent) cost more than the leaf.
 *
 * @param hash the child's hash
 * @param version the version that wrote an internal child; 0 for a leaf
 * @param leaf the leaf, if the child is one
 */
record ChildRef(byte[] hash, long version, Optional<Node.Leaf> leaf) {
  ChildRef {
    hash = hash.clone();
    if (leaf.isPresent() && version != 0) {
      throw new IllegalArgumentException("a leaf is not stored on its own and has no version");
    }
  }

  static ChildRef node(byte[] hash, long version) {
    return new ChildRef(hash, version, Optional.empty());
  }

  static ChildRef leaf(HashFunction hash, Node.Leaf leaf) {
    return new ChildRef(leaf.hash(hash), 0, Optional.of(leaf));
  }

  boolean isLeaf() {
    return leaf.isPresent();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChildRef c
        && version == c.version
        && leaf.equals(c.leaf)
        && Arrays.equals(hash, c.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash) ^ Long.hashCode(version) ^ leaf.hashCode();
  }

  @Override
  public String toString() {
    return "ChildRef[version=" + version + ", leaf=" + isLeaf() + "]";
  }
}
