package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.store.Store;

/**
 * Keeps the newest node of each recently used tree position in memory, so that an update does not
 * go to the store for the paths the last few blocks rewrote.
 *
 * <p>Keyed by position, not by the node's full key: every update writes the upper levels again
 * under its own version, so a cache of full keys held only versions that no later update reads,
 * and each block read its whole upper path from the store. Here a node an update wrote is put in
 * once its batch is in the store ({@link #written}), replacing the older version at its position;
 * a read hits only if the cached version is the one asked for. Nodes are immutable once written,
 * so a hit is never wrong; reads of older versions (proofs at an earlier height) go to the store
 * and never push out a newer node. Only nodes are cached, never the root and version pointers,
 * which change. Bounded by count, least recently used out first.
 */
final class CachingNodeReader implements NodeReader {
  private final NodeReader inner;
  private final Map<Position, Cached> cache;

  CachingNodeReader(NodeReader inner, int maxNodes) {
    this.inner = inner;
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Position, Cached> eldest) {
        return size() > maxNodes;
      }
    };
  }

  @Override
  public Optional<byte[]> read(byte[] key) {
    if (!TreeKeys.isNode(key)) {
      return inner.read(key);
    }
    Position at = Position.of(key);
    long version = TreeKeys.nodeVersion(key);
    synchronized (cache) {
      Cached hit = cache.get(at);
      if (hit != null && hit.version() == version) {
        return Optional.of(hit.bytes().clone());
      }
    }
    Optional<byte[]> read = inner.read(key);
    read.ifPresent(v -> keepNewest(at, version, v.clone()));
    return read;
  }

  /** Takes in a node the caller has just written to the store under {@code key}. */
  void written(byte[] key, byte[] value) {
    keepNewest(Position.of(key), TreeKeys.nodeVersion(key), value.clone());
  }

  @Override
  public List<Store.Entry> scan(byte[] from, byte[] to, int limit) {
    return inner.scan(from, to, limit);
  }

  private void keepNewest(Position at, long version, byte[] bytes) {
    synchronized (cache) {
      Cached old = cache.get(at);
      if (old == null || old.version() <= version) {
        cache.put(at, new Cached(version, bytes));
      }
    }
  }

  private record Cached(long version, byte[] bytes) {}

  /**
   * A node key without its version: the depth and path bits. Hashed with a mix of all its bytes,
   * since positions of one depth share their leading bytes.
   */
  private static final class Position {
    private final byte[] bytes;
    private final int hash;

    private Position(byte[] bytes) {
      this.bytes = bytes;
      long h = 0xcbf29ce484222325L;
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      this.hash = (int) h;
    }

    static Position of(byte[] nodeKey) {
      return new Position(Arrays.copyOf(nodeKey, nodeKey.length - Long.BYTES));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Position other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
