package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * What an internal node knows of one child: its hash, and where the child is. An internal child is
 * either stored on its own (the version that wrote it, with the child's position, gives its {@link
 * NodeKey}) or inside its parent's page ({@link Node.Internal}, held here); a leaf is always inside
 * its parent. Leaves are kept inside their parent rather than stored on their own: a leaf is just
 * two hashes, and its own entry (key, version, and its hash again in the parent) cost more than the
 * leaf. Internal nodes are stored only at every {@link StateTree#PAGE_LEVELS}-th depth, with the
 * levels below them down to the next such depth inside: see {@link Node.Internal}.
 *
 * @param hash the child's hash
 * @param version the version that wrote a child stored on its own; 0 for a leaf or a child inside
 *     its parent's page
 * @param leaf the leaf, if the child is one
 * @param inline the internal child, if it is inside its parent's page
 */
record ChildRef(byte[] hash, long version, Optional<Node.Leaf> leaf,
    Optional<Node.Internal> inline) {
  ChildRef {
    hash = hash.clone();
    if (leaf.isPresent() && inline.isPresent()) {
      throw new IllegalArgumentException("a child is a leaf or an internal node, not both");
    }
    if ((leaf.isPresent() || inline.isPresent()) && version != 0) {
      throw new IllegalArgumentException(
          "a child inside its parent is not stored on its own and has no version");
    }
  }

  static ChildRef node(byte[] hash, long version) {
    return new ChildRef(hash, version, Optional.empty(), Optional.empty());
  }

  static ChildRef leaf(HashFunction hash, Node.Leaf leaf) {
    return new ChildRef(leaf.hash(hash), 0, Optional.of(leaf), Optional.empty());
  }

  /** An internal child kept inside its parent's page; {@code hash} must be {@code node}'s hash. */
  static ChildRef inline(byte[] hash, Node.Internal node) {
    return new ChildRef(hash, 0, Optional.empty(), Optional.of(node));
  }

  boolean isLeaf() {
    return leaf.isPresent();
  }

  /** Whether the child is an internal node stored on its own, under its own key. */
  boolean isStored() {
    return leaf.isEmpty() && inline.isEmpty();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /**
   * The hash itself, not a copy, for this package's encoding and hashing, which only read it: a
   * copy for each child of each node was a tenth of what a block's commit allocated.
   */
  byte[] hashBytes() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    // An inline child is compared by its hash alone, which commits to everything below it.
    return o instanceof ChildRef c
        && version == c.version
        && leaf.equals(c.leaf)
        && inline.isPresent() == c.inline.isPresent()
        && Arrays.equals(hash, c.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash) ^ Long.hashCode(version) ^ leaf.hashCode();
  }

  @Override
  public String toString() {
    return "ChildRef[version=" + version + ", leaf=" + isLeaf() + ", inline=" + inline.isPresent()
        + "]";
  }
}
