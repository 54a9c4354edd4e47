package org.govledger.ledger.state;

import java.util.List;
import org.govledger.ledger.store.WriteBatch;

/**
 * The result of {@link StateTree#update}: the new root, and every write that makes it durable (new
 * nodes, the stale-node index, the root pointer of the version), for the caller to add to the same
 * atomic batch as the block. Nothing is visible to the tree until that batch is written.
 */
public final class TreeUpdate {
  private final byte[] prefix;
  private final long version;
  private final byte[] root;
  private final List<TreeWrite> writes;
  private final List<NodeKey> staleNodes;
  private final List<Page> pages;

  /** A page (a stored internal node with the levels below it) the update writes, decoded. */
  record Page(NodeKey at, Node.Internal node) {}

  TreeUpdate(
      byte[] prefix,
      long version,
      byte[] root,
      List<TreeWrite> writes,
      List<NodeKey> staleNodes,
      List<Page> pages) {
    this.prefix = prefix.clone();
    this.version = version;
    this.root = root.clone();
    this.writes = List.copyOf(writes);
    this.staleNodes = List.copyOf(staleNodes);
    this.pages = List.copyOf(pages);
  }

  /** The version (block height) this update wrote. */
  public long version() {
    return version;
  }

  /** The state root at {@link #version()}. */
  public byte[] root() {
    return root.clone();
  }

  /** Nodes that are not part of the tree from this version on; kept until pruned. */
  public List<NodeKey> staleNodes() {
    return staleNodes;
  }

  /**
   * How many tree nodes the update stores (not counting index entries and pointers): the pages it
   * writes, each an internal node with the levels below it down to the next page depth.
   */
  public int nodeWrites() {
    return pages.size();
  }

  /** How many entries {@link #writeTo} puts into a batch. */
  public int writeCount() {
    return writes.size();
  }

  /** Sum of key and value lengths (including the prefix) that {@link #writeTo} adds. */
  public long payloadBytes() {
    long bytes = 0;
    for (TreeWrite w : writes) {
      bytes += prefix.length + w.key().length + w.value().map(v -> v.length).orElse(0);
    }
    return bytes;
  }

  boolean hasPrefix(byte[] treePrefix) {
    return java.util.Arrays.equals(prefix, treePrefix);
  }

  /** The pages this update writes, decoded. */
  List<Page> pages() {
    return pages;
  }

  /** Adds every write, under the tree's prefix, to {@code batch}. */
  public void writeTo(WriteBatch batch) {
    TreeWrite.writeAll(prefix, writes, batch);
  }
}
