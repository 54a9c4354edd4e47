package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;

/**
 * Reads the tree's stored internal nodes (pages, see {@link Node.Internal}) decoded, keeping the
 * newest page of each of the most recently used positions in memory, so that an update does not go
 * to the store, nor decode again, for the paths the last few blocks rewrote.
 *
 * <p>Keyed by position, not by the node's full key: every update writes the upper levels again
 * under its own version, so a cache of full keys held only versions that no later update reads.
 * Here a page an update wrote is put in once its batch is in the store ({@link #written}),
 * replacing the older version at its position; a read hits only if the cached version is the one
 * asked for. Pages are immutable once written, so a hit is never wrong; reads of older versions
 * (proofs at an earlier height) go to the store and never push out a newer page. Decoded pages are
 * kept, not their bytes, because decoding a page hashes its inner nodes.
 *
 * <p>Only pages above {@code depthLimit} are kept: those every update walks. Below, a page is
 * touched again only once blocks have spread changes over the whole tree: with 300,000 keys,
 * one of the 65,536 pages at depth 16 about every 200 blocks of 330 changes, by which time an LRU of
 * recent pages has long dropped it. Keeping them anyway, 30,000 decoded pages (about 60 MB) made a
 * 3-node cluster with 512 MB per node spend 0.69 of a core in ZGC, more than the pages saved. Four
 * levels of pages above depth 16 are at most 4,369 (about 22 MB when full); the count bound is a
 * backstop.
 */
final class PageReader {
  private final NodeReader inner;
  private final HashFunction hash;
  private final int capacity;
  private final int depthLimit;
  private final Map<Position, Cached> cache;

  /**
   * A reader keeping at most {@code capacity} pages, each at a depth below {@code depthLimit}; a
   * capacity of 0 keeps nothing.
   */
  PageReader(NodeReader inner, HashFunction hash, int capacity, int depthLimit) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity must not be negative, got " + capacity);
    }
    this.inner = inner;
    this.hash = hash;
    this.capacity = capacity;
    this.depthLimit = depthLimit;
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Position, Cached> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The page stored under {@code at}, if there is one. */
  Optional<Node.Internal> read(NodeKey at) {
    byte[] key = TreeKeys.node(at);
    Position position = cached(at) ? Position.of(key) : null;
    if (position != null) {
      synchronized (cache) {
        Cached hit = cache.get(position);
        if (hit != null && hit.version() == at.version()) {
          return Optional.of(hit.page());
        }
      }
    }
    Optional<byte[]> bytes = inner.read(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    if (!(Node.decode(bytes.get(), hash) instanceof Node.Internal page)) {
      throw new IllegalStateException("corrupt state: node " + at + " is not an internal node");
    }
    if (position != null) {
      keepNewest(position, at.version(), page);
    }
    return Optional.of(page);
  }

  /** Takes in a page the caller has just written to the store under {@code at}. */
  void written(NodeKey at, Node.Internal page) {
    if (cached(at)) {
      keepNewest(Position.of(TreeKeys.node(at)), at.version(), page);
    }
  }

  private boolean cached(NodeKey at) {
    return capacity > 0 && at.depth() < depthLimit;
  }

  private void keepNewest(Position at, long version, Node.Internal page) {
    synchronized (cache) {
      Cached old = cache.get(at);
      if (old == null || old.version() <= version) {
        cache.put(at, new Cached(version, page));
      }
    }
  }

  private record Cached(long version, Node.Internal page) {}

  /**
   * A node's store key without its version: the depth and path bits. Hashed with a mix of all its
   * bytes, since positions of one depth share their leading bytes.
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
