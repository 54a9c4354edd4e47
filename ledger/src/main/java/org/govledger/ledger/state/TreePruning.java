package org.govledger.ledger.state;

import java.util.List;
import org.govledger.ledger.store.WriteBatch;

/**
 * The result of {@link StateTree#prune}: deletions of nodes and root pointers that only versions
 * before {@link #oldestVersion()} needed, for the caller to add to an atomic batch.
 */
public final class TreePruning {
  private final byte[] prefix;
  private final long oldestVersion;
  private final List<TreeWrite> writes;
  private final int nodesDeleted;
  private final boolean caughtUp;

  TreePruning(
      byte[] prefix, long oldestVersion, List<TreeWrite> writes, int nodesDeleted,
      boolean caughtUp) {
    this.prefix = prefix.clone();
    this.oldestVersion = oldestVersion;
    this.writes = List.copyOf(writes);
    this.nodesDeleted = nodesDeleted;
    this.caughtUp = caughtUp;
  }

  /** The oldest version whose proofs still work once this pruning is written. */
  public long oldestVersion() {
    return oldestVersion;
  }

  /** How many tree nodes the pruning deletes. */
  public int nodesDeleted() {
    return nodesDeleted;
  }

  /**
   * True if, once written, nothing that only versions before {@link #oldestVersion()} need is left;
   * false if a bounded pruning left some for the next one.
   */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Adds every deletion, under the tree's prefix, to {@code batch}. */
  public void writeTo(WriteBatch batch) {
    TreeWrite.writeAll(prefix, writes, batch);
  }
}
