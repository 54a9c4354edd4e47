package org.govledger.ledger.state;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.govledger.ledger.crypto.HashFunction;

/**
 * Reads the tree's stored internal nodes (pages, see {@link Node.Internal}) decoded, keeping the
 * newest page of each position above depth {@link #CACHED_DEPTH} in memory, so that an update
 * does not go to the store, nor decode again, for the upper levels every update walks.
 *
 * <p>One slot per position, not per node key: every update writes the upper levels again under
 * its own version, so a cache of full keys held only versions that no later update reads. A page
 * an update wrote is put in once its batch is in the store ({@link #written}), replacing the older
 * version at its position; a read hits only if the cached version is the one asked for. Pages are
 * immutable once written, so a hit is never wrong; reads of older versions (proofs at an earlier
 * height) go to the store and never push out a newer page. Decoded pages are kept, not their
 * bytes, because decoding a page hashes its inner nodes.
 *
 * <p>Why only the upper levels: below them a page is touched again only once blocks have spread
 * changes over the whole tree. With 300,000 keys one of the 65,536 pages at depth 16 is touched
 * about every 200 blocks of 330 changes, long after an LRU of recent pages has dropped it; keeping
 * 30,000 decoded pages anyway (about 60 MB) made a 3-node cluster with 512 MB per node spend 0.69 of
 * a core in ZGC, more than the pages saved. The four levels of pages above depth 16 are at most
 * 4,369 (about 22 MB when full), so each has a fixed slot: no eviction, no hashing of keys.
 */
final class PageReader {
  /** Pages at depths below this are kept: depths 0, 4, 8 and 12. */
  static final int CACHED_DEPTH = 16;

  private final NodeReader inner;
  private final HashFunction hash;
  private final Optional<AtomicReferenceArray<Cached>> slots;

  /** A reader that keeps the upper pages if {@code cache}, else reads every page from the store. */
  PageReader(NodeReader inner, HashFunction hash, boolean cache) {
    this.inner = inner;
    this.hash = hash;
    this.slots = cache
        ? Optional.of(new AtomicReferenceArray<>(slot(CACHED_DEPTH, new byte[CACHED_DEPTH / 8])))
        : Optional.empty();
  }

  /** The page stored under {@code at}, if there is one. */
  Optional<Node.Internal> read(NodeKey at) {
    int slot = cached(at) ? slot(at.depth(), at.path()) : -1;
    if (slot >= 0) {
      Cached hit = slots.orElseThrow().get(slot);
      if (hit != null && hit.version() == at.version()) {
        return Optional.of(hit.page());
      }
    }
    Optional<byte[]> bytes = inner.read(TreeKeys.node(at));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    if (!(Node.decode(bytes.get(), hash) instanceof Node.Internal page)) {
      throw new IllegalStateException("corrupt state: node " + at + " is not an internal node");
    }
    if (slot >= 0) {
      keepNewest(slot, at.version(), page);
    }
    return Optional.of(page);
  }

  /** Takes in a page the caller has just written to the store under {@code at}. */
  void written(NodeKey at, Node.Internal page) {
    if (cached(at)) {
      keepNewest(slot(at.depth(), at.path()), at.version(), page);
    }
  }

  private boolean cached(NodeKey at) {
    // A store written before pages holds nodes at other depths too; those are not kept.
    return slots.isPresent() && at.depth() < CACHED_DEPTH
        && at.depth() % StateTree.PAGE_LEVELS == 0;
  }

  /**
   * The slot of the position at {@code depth} (a multiple of the page height) with path bits
   * {@code path}: the positions of all shallower page depths come first.
   */
  private static int slot(int depth, byte[] path) {
    int before = 0;
    for (int d = 0; d < depth; d += StateTree.PAGE_LEVELS) {
      before += 1 << d;
    }
    int bits = 0;
    for (byte b : path) {
      bits = bits << 8 | (b & 0xff);
    }
    return before + (bits >>> (8 * path.length - depth));
  }

  private void keepNewest(int slot, long version, Node.Internal page) {
    AtomicReferenceArray<Cached> array = slots.orElseThrow();
    Cached fresh = new Cached(version, page);
    while (true) {
      Cached old = array.get(slot);
      if ((old != null && old.version() > version) || array.compareAndSet(slot, old, fresh)) {
        return;
      }
    }
  }

  private record Cached(long version, Node.Internal page) {}
}
