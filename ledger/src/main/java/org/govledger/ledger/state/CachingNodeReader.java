package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.store.Store;

/**
 * Keeps recently read tree nodes in memory. Every block's update walks the upper levels of the
 * tree again, and each of those reads was a store lookup; nodes are immutable once written (their
 * key names their version), so a cached node is never wrong. Only node keys are cached, never the
 * root and version pointers, which change. Bounded, least recently used first out.
 */
final class CachingNodeReader implements NodeReader {
  private final NodeReader inner;
  private final Map<Key, byte[]> cache;

  CachingNodeReader(NodeReader inner, int maxNodes) {
    this.inner = inner;
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
        return size() > maxNodes;
      }
    };
  }

  @Override
  public Optional<byte[]> read(byte[] key) {
    if (!TreeKeys.isNode(key)) {
      return inner.read(key);
    }
    Key k = new Key(key);
    synchronized (cache) {
      byte[] hit = cache.get(k);
      if (hit != null) {
        return Optional.of(hit.clone());
      }
    }
    Optional<byte[]> read = inner.read(key);
    read.ifPresent(v -> {
      synchronized (cache) {
        cache.put(k, v.clone());
      }
    });
    return read;
  }

  @Override
  public List<Store.Entry> scan(byte[] from, byte[] to, int limit) {
    return inner.scan(from, to, limit);
  }

  /** A byte-array key with value equality. */
  private record Key(byte[] bytes) {
    Key {
      bytes = bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
