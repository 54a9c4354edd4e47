package org.govledger.ledger.merkle;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link TreeNodeReader} over a concurrent map, counting reads; for tests. */
final class InMemoryTreeNodes implements TreeNodeReader {
  private record Key(int level, long index) {}

  private final Map<Key, byte[]> nodes = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  @Override
  public Optional<byte[]> node(int level, long index) {
    reads.incrementAndGet();
    byte[] hash = nodes.get(new Key(level, index));
    return hash == null ? Optional.empty() : Optional.of(hash.clone());
  }

  /** Stores nodes; refuses to change a stored node, since complete subtrees never change. */
  void putAll(List<TreeNode> batch) {
    for (TreeNode n : batch) {
      byte[] previous = nodes.putIfAbsent(new Key(n.level(), n.index()), n.hash());
      if (previous != null && !Arrays.equals(previous, n.hash())) {
        throw new IllegalStateException("node rewritten: " + n);
      }
    }
  }

  long reads() {
    return reads.get();
  }

  int count() {
    return nodes.size();
  }

  /** All stored nodes, ordered by level then index. */
  List<TreeNode> snapshot() {
    Map<Key, byte[]> sorted =
        new TreeMap<>(
            (a, b) ->
                a.level() != b.level()
                    ? Integer.compare(a.level(), b.level())
                    : Long.compare(a.index(), b.index()));
    sorted.putAll(nodes);
    return sorted.entrySet().stream()
        .map(e -> new TreeNode(e.getKey().level(), e.getKey().index(), e.getValue()))
        .toList();
  }

  /** Appends leaf hashes to {@code log} and stores the new nodes, as a committing caller would. */
  MerkleLog appendAndStore(MerkleLog log, List<byte[]> leafHashes) {
    AppendResult result = log.append(leafHashes);
    putAll(result.nodes());
    return result.log();
  }
}
