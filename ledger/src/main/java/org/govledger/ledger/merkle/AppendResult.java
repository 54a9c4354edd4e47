package org.govledger.ledger.merkle;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MerkleLog#append} produced: the new size and root, the complete-subtree nodes the
 * caller must write in the same atomic batch as the rest of the block, and the log at the new
 * size, to be used once that batch is committed.
 */
public record AppendResult(long size, byte[] root, List<TreeNode> nodes, MerkleLog log) {
  public AppendResult {
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    root = Objects.requireNonNull(root, "root").clone();
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(log, "log");
    if (log.size() != size) {
      throw new IllegalArgumentException("log has size " + log.size() + ", want " + size);
    }
  }

  /** The root of the tree at {@link #size}; a fresh copy. */
  @Override
  public byte[] root() {
    return root.clone();
  }
}
