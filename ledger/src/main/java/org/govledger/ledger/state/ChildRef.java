package org.govledger.ledger.state;

import java.util.Arrays;

/**
 * What an internal node knows of one child: its hash, the version that wrote it (which with the
 * child's position gives its {@link NodeKey}) and whether it is a leaf, so that a deletion can tell
 * whether a lone remaining sibling must move up without reading it first.
 */
record ChildRef(byte[] hash, long version, boolean leaf) {
  ChildRef {
    hash = hash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChildRef c
        && version == c.version
        && leaf == c.leaf
        && Arrays.equals(hash, c.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash) ^ Long.hashCode(version) ^ Boolean.hashCode(leaf);
  }

  @Override
  public String toString() {
    return "ChildRef[version=" + version + ", leaf=" + leaf + "]";
  }
}
