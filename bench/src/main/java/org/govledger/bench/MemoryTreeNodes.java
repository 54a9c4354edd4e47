package org.govledger.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.ledger.merkle.TreeNode;
import org.govledger.ledger.merkle.TreeNodeReader;

/** A Merkle log's complete-subtree hashes in a map, so that log benchmarks measure no storage. */
final class MemoryTreeNodes implements TreeNodeReader {
  private final Map<Position, byte[]> nodes = new ConcurrentHashMap<>();

  private record Position(int level, long index) {}

  void putAll(List<TreeNode> created) {
    for (TreeNode n : created) {
      nodes.put(new Position(n.level(), n.index()), n.hash());
    }
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    return Optional.ofNullable(nodes.get(new Position(level, index))).map(byte[]::clone);
  }
}
