package org.govledger.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.store.Store;

/**
 * The world state's authenticated index: a binary sparse Merkle tree over H(key), versioned by
 * block height. A leaf hashes as H(0x00 || H(key) || H(value)), an internal node as H(0x01 || left
 * || right), an empty subtree is all zero bytes, and a subtree holding one key is that key's leaf
 * (so depth grows with log2 of the number of keys, not with 256).
 *
 * <p>Leaves hold only hashes. The caller keeps each key's current value ({@link CurrentValues})
 * and writes it in the same batch as the update; the tree keeps the values that updates replaced,
 * for as long as the versions that had them are kept.
 *
 * <p>The tree only reads; {@link #update} and {@link #prune} return the writes for the caller to
 * put into its own atomic batch, so a block and its state commit together. Versions must be written
 * in order, one at a time, each batch written before the next update is computed. Concurrent
 * readers of written versions are safe: nodes are immutable once written.
 */
public final class StateTree {
  // Root pointers are read in pages so that one scan never holds too many entries.
  private static final int SCAN_PAGE = 4096;
  // Stale records are read a few at a time: one can hold a whole burst's nodes, and a bounded
  // pruning mostly needs one or two; reading 4096 of them at once made every block read the backlog.
  private static final int STALE_PAGE = 4;

  private final HashFunction hash;
  private final byte[] prefix;
  /**
   * Levels of the tree each stored node holds: internal nodes are stored only at depths that are a
   * multiple of this, each with the nodes below it down to the next such depth inside (see {@link
   * Node.Internal}). Four levels make a page of at most 15 nodes and 16 children, about 550 bytes
   * when full; eight would write a 9 KB page for every changed key.
   */
  static final int PAGE_LEVELS = 4;

  private final NodeReader reader;
  private final PageReader pages;
  private final CurrentValues values;
  /**
   * The stale record the last bounded pruning stopped at, read and parsed. A burst's record takes
   * many small blocks to delete; reading and parsing it again in each of them (a few hundred KB)
   * made a young collection every quarter second while a backlog drained. A record never changes
   * once its version is written, so the copy stays right until pruning deletes the record.
   */
  private final AtomicReference<StoppedAt> partlyPruned = new AtomicReference<>();

  private record StoppedAt(byte[] key, TreeKeys.StaleRecord record) {}

  /**
   * A tree stored in {@code store} under {@code prefix} (for example the ledger id and "state/"),
   * whose keys' current values the caller keeps in {@code values}.
   */
  public StateTree(HashFunction hash, byte[] prefix, Store store, CurrentValues values) {
    this(hash, prefix, new StoreNodeReader(store, prefix), true, values);
  }

  /** A tree read through {@code reader}; its updates write keys without a prefix. */
  public StateTree(HashFunction hash, NodeReader reader, CurrentValues values) {
    this(hash, new byte[0], reader, false, values);
  }

  private StateTree(
      HashFunction hash,
      byte[] prefix,
      NodeReader reader,
      boolean cachePages,
      CurrentValues values) {
    this.hash = hash;
    this.prefix = prefix.clone();
    this.reader = reader;
    this.pages = new PageReader(reader, hash, cachePages);
    this.values = values;
  }

  /** The root of the tree with no keys: the placeholder, all zero bytes. */
  public byte[] emptyRoot() {
    return TreeHasher.placeholder(hash);
  }

  /** The latest version written, if any. */
  public OptionalLong latestVersion() {
    return readVersion(TreeKeys.LATEST);
  }

  /**
   * The oldest version whose state can still be read: the first written, or the pruning horizon.
   */
  public OptionalLong oldestVersion() {
    OptionalLong oldest = readVersion(TreeKeys.OLDEST);
    if (oldest.isPresent()) {
      return oldest;
    }
    List<Store.Entry> first = reader.scan(TreeKeys.root(0), TreeKeys.root(Long.MAX_VALUE), 1);
    return first.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(TreeKeys.decodeVersion(Arrays.copyOfRange(first.get(0).key(), 1, 9)));
  }

  /** The state root at {@code version}, if that version was written and is not pruned. */
  public Optional<byte[]> root(long version) {
    try {
      return Optional.of(rootHash(rootRef(version)));
    } catch (VersionNotAvailableException e) {
      return Optional.empty();
    }
  }

  /**
   * Applies {@code changes} (at most one per key; a delete of an absent key does nothing) as
   * version {@code version}, which must follow the latest version (any version, if none yet).
   */
  public TreeUpdate update(long version, Collection<StateChange> changes) {
    return update(version, changes, Optional.empty());
  }

  /**
   * Like {@link #update(long, Collection)}; a big update rebuilds half the tree on {@code
   * parallel} at once with the other half here. The result is the same either way.
   */
  public TreeUpdate update(long version, Collection<StateChange> changes, Executor parallel) {
    return update(version, changes, Optional.of(parallel));
  }

  private TreeUpdate update(
      long version, Collection<StateChange> changes, Optional<Executor> parallel) {
    OptionalLong latest = latestVersion();
    if (latest.isPresent() && version != latest.getAsLong() + 1) {
      throw new IllegalArgumentException(
          "state version must follow the latest: want "
              + (latest.getAsLong() + 1)
              + ", got "
              + version);
    }
    if (version < 0) {
      throw new IllegalArgumentException("state version must not be negative, got " + version);
    }
    Optional<ChildRef> base = Optional.empty();
    if (latest.isPresent()) {
      base =
          readRoot(latest.getAsLong())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "state root of latest version " + latest.getAsLong() + " missing"));
    }
    return BatchUpdate.run(hash, pages, values, prefix, version, base, changes, parallel);
  }

  /**
   * Tells the tree that {@code update}'s batch is in the store, so that the nodes it wrote are read
   * from memory by the next update rather than from the store: each block rewrites the upper levels
   * under its own version, and the next block walks them again. Optional, and only a matter of
   * speed: a tree that is never told reads those nodes from the store.
   *
   * @throws IllegalArgumentException if {@code update} was made by a tree under another prefix
   * @throws IllegalStateException if the store's latest version is not {@code update}'s, that is
   *     its batch was not written (or a later one was)
   */
  public void written(TreeUpdate update) {
    if (!update.hasPrefix(prefix)) {
      throw new IllegalArgumentException("the update belongs to a tree under another prefix");
    }
    OptionalLong latest = latestVersion();
    if (latest.isEmpty() || latest.getAsLong() != update.version()) {
      throw new IllegalStateException("the update of version " + update.version()
          + " is not the latest written: the store's latest is "
          + (latest.isPresent() ? latest.getAsLong() : "none"));
    }
    for (TreeUpdate.Page page : update.pages()) {
      pages.written(page.at(), page.node());
    }
  }

  /** A proof of {@code key}'s value, or of its absence, at {@code version}. */
  public StateProof prove(byte[] key, long version) throws VersionNotAvailableException {
    Optional<ChildRef> at = rootRef(version);
    byte[] root = rootHash(at);
    byte[] keyHash = TreeHasher.keyHash(hash, key);
    List<byte[]> siblings = new ArrayList<>();
    for (int depth = 0; at.isPresent(); depth++) {
      if (at.get().leaf().isPresent()) {
        Node.Leaf leaf = at.get().leaf().get();
        return leaf.hasKeyHash(keyHash)
            ? new StateProof(
                key,
                Optional.of(valueAt(key, leaf, version)),
                version,
                root,
                siblings,
                Optional.empty())
            : new StateProof(
                key,
                Optional.empty(),
                version,
                root,
                siblings,
                Optional.of(new StateProof.LeafDigest(leaf.keyHash(), leaf.valueHash())));
      }
      Node.Internal internal = at.get().inline().isPresent()
          ? at.get().inline().get()
          : load(NodeKey.of(at.get().version(), depth, keyHash), version);
      int bit = TreeHasher.bit(keyHash, depth);
      siblings.add(
          internal.child(1 - bit).map(ChildRef::hash).orElse(TreeHasher.placeholder(hash)));
      at = internal.child(bit);
    }
    return new StateProof(key, Optional.empty(), version, root, siblings, Optional.empty());
  }

  /**
   * The value {@code leaf} (the key's own) stands for at {@code version}: the first value
   * superseded after that version if there is one, else the current value.
   */
  private byte[] valueAt(byte[] key, Node.Leaf leaf, long version)
      throws VersionNotAvailableException {
    byte[] keyHash = leaf.keyHash();
    // A block may commit between reading the history and the current value, moving the value
    // wanted into the history; reading again then finds it there.
    for (int attempt = 0; attempt < 3; attempt++) {
      List<Store.Entry> later =
          reader.scan(
              TreeKeys.historyAfter(keyHash, version), TreeKeys.historyEnd(keyHash), 1);
      Optional<byte[]> value =
          later.isEmpty() ? values.get(key) : Optional.of(later.get(0).value());
      if (value.isPresent() && leaf.hasValueHash(TreeHasher.valueHash(hash, value.get()))) {
        return value.get();
      }
    }
    VersionNotAvailableException gone = unavailable(version);
    if (gone.pruned()) {
      throw gone;
    }
    throw new IllegalStateException(
        "state value missing: neither the history nor the current value of the key matches its"
            + " leaf at version " + version);
  }

  /**
   * Deletes what only versions before {@code oldestKept} need: nodes that went stale at or before
   * it, and older root pointers. Proofs at {@code oldestKept} and later keep working.
   */
  public TreePruning prune(long oldestKept) {
    return prune(oldestKept, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #prune(long)}, but deletes at most {@code maxDeletes} nodes and history values
   * (finishing a version's history values once its nodes are done); later calls carry on where
   * this one stopped before they take newer versions. Versions before {@code oldestKept} are
   * unprovable at once either way: only their deletion is spread out. This keeps a block's commit
   * from paying for an older, larger block: after a burst, small blocks would otherwise each
   * delete a burst-sized block's nodes.
   */
  public TreePruning prune(long oldestKept, int maxDeletes) {
    long latest =
        latestVersion()
            .orElseThrow(() -> new IllegalStateException("nothing to prune: no version written"));
    if (oldestKept > latest) {
      throw new IllegalArgumentException(
          "cannot prune the latest version " + latest + ": asked to keep from " + oldestKept);
    }
    if (maxDeletes < 1) {
      throw new IllegalArgumentException("a pruning must delete something, got " + maxDeletes);
    }
    List<TreeWrite> writes = new ArrayList<>();
    long horizon = readVersion(TreeKeys.OLDEST).orElse(0);
    long oldest = Math.max(oldestKept, horizon);
    for (Store.Entry e : scanAll(TreeKeys.root(horizon), TreeKeys.root(oldest))) {
      writes.add(TreeWrite.delete(e.key()));
    }
    writes.add(TreeWrite.put(TreeKeys.OLDEST, TreeKeys.encodeVersion(oldest)));
    // Start where the last pruning stopped: below it lie only the tombstones of what it deleted,
    // and iterating over those made each block's pruning slower than the rest of its commit.
    Optional<byte[]> saved = reader.read(TreeKeys.PRUNE_CURSOR);
    TreeKeys.PruneCursor from =
        saved.map(TreeKeys::decodeCursor).orElse(new TreeKeys.PruneCursor(horizon, 0));
    StaleDeletion deletion = new StaleDeletion(writes, from, maxDeletes);
    // A node that went stale at version s was last used by version s - 1.
    byte[] next = TreeKeys.staleFrom(from.staleSince());
    byte[] end = TreeKeys.staleFrom(oldest + 1);
    StoppedAt last = partlyPruned.getAndSet(null);
    boolean more = true;
    if (last != null && Arrays.equals(last.key(), next) && Arrays.compare(next, end) < 0) {
      more = deletion.take(last.key(), last.record());
      next = Arrays.copyOf(next, next.length + 1);
    }
    if (more) {
      scan(next, end, STALE_PAGE,
          e -> deletion.take(e.key(), new TreeKeys.StaleRecord(e.value())));
    }
    Optional<TreeKeys.PruneCursor> stopped = deletion.stoppedAt();
    deletion.stoppedRecord().ifPresent(partlyPruned::set);
    if (stopped.isPresent()) {
      writes.add(TreeWrite.put(TreeKeys.PRUNE_CURSOR, TreeKeys.encodeCursor(stopped.get())));
    } else if (saved.isPresent()) {
      writes.add(TreeWrite.delete(TreeKeys.PRUNE_CURSOR));
    }
    return new TreePruning(prefix, oldest, writes, deletion.nodes, stopped.isEmpty());
  }

  /** The deletions of one pruning, taken stale record by stale record until the budget is spent. */
  private static final class StaleDeletion {
    private final List<TreeWrite> writes;
    private final TreeKeys.PruneCursor from;
    private int budget;
    private int nodes;
    private TreeKeys.PruneCursor stoppedAt;
    private StoppedAt stoppedRecord;

    StaleDeletion(List<TreeWrite> writes, TreeKeys.PruneCursor from, int budget) {
      this.writes = writes;
      this.from = from;
      this.budget = budget;
    }

    /**
     * Deletes what the stale record under {@code key} names, or part of it; false once the budget
     * is spent.
     */
    boolean take(byte[] key, TreeKeys.StaleRecord stale) {
      long staleSince = TreeKeys.decodeVersion(Arrays.copyOfRange(key, 1, 9));
      if (budget <= 0) {
        stoppedAt = new TreeKeys.PruneCursor(staleSince, 0);
        stoppedRecord = new StoppedAt(key, stale);
        return false;
      }
      int count = stale.nodeCount();
      int done = staleSince == from.staleSince() ? Math.min(from.nodesDone(), count) : 0;
      int upTo = count - done <= budget ? count : done + budget;
      for (int i = done; i < upTo; i++) {
        writes.add(TreeWrite.delete(stale.nodeStoreKey(i)));
      }
      nodes += upTo - done;
      budget -= upTo - done;
      if (upTo < count) {
        stoppedAt = new TreeKeys.PruneCursor(staleSince, upTo);
        stoppedRecord = new StoppedAt(key, stale);
        return false;
      }
      for (byte[] keyHash : stale.historyKeyHashes()) {
        writes.add(TreeWrite.delete(TreeKeys.history(keyHash, staleSince)));
      }
      budget -= stale.historyKeyHashes().size();
      writes.add(TreeWrite.delete(key));
      return true;
    }

    /** Where the next pruning must start, if this one left records below the horizon. */
    Optional<TreeKeys.PruneCursor> stoppedAt() {
      return Optional.ofNullable(stoppedAt);
    }

    /** The record the next pruning starts in, if this one stopped before the horizon. */
    Optional<StoppedAt> stoppedRecord() {
      return Optional.ofNullable(stoppedRecord);
    }
  }

  private List<Store.Entry> scanAll(byte[] from, byte[] to) {
    List<Store.Entry> out = new ArrayList<>();
    scan(from, to, SCAN_PAGE, out::add);
    return out;
  }

  /**
   * Hands the entries in {@code [from, to)} to {@code each} in key order, reading {@code page} at a
   * time, until there are no more or {@code each} returns false.
   */
  private void scan(byte[] from, byte[] to, int page, Predicate<Store.Entry> each) {
    byte[] next = from;
    while (true) {
      List<Store.Entry> entries = reader.scan(next, to, page);
      for (Store.Entry e : entries) {
        if (!each.test(e)) {
          return;
        }
      }
      if (entries.size() < page) {
        return;
      }
      byte[] last = entries.get(entries.size() - 1).key();
      next = Arrays.copyOf(last, last.length + 1);
    }
  }

  private Optional<ChildRef> rootRef(long version) throws VersionNotAvailableException {
    Optional<Optional<ChildRef>> root = readRoot(version);
    if (root.isPresent()) {
      return root.get();
    }
    throw unavailable(version);
  }

  private VersionNotAvailableException unavailable(long version) {
    OptionalLong oldest = readVersion(TreeKeys.OLDEST);
    if (oldest.isPresent() && version < oldest.getAsLong()) {
      return new VersionNotAvailableException(
          version,
          true,
          "state version " + version + " pruned: oldest kept is " + oldest.getAsLong());
    }
    OptionalLong latest = latestVersion();
    String known = latest.isPresent() ? "latest is " + latest.getAsLong() : "none written yet";
    return new VersionNotAvailableException(
        version, false, "state version " + version + " not written: " + known);
  }

  private Optional<Optional<ChildRef>> readRoot(long version) {
    return reader.read(TreeKeys.root(version)).map(b -> TreeKeys.decodeRoot(b, hash));
  }

  private byte[] rootHash(Optional<ChildRef> root) {
    return root.map(ChildRef::hash).orElse(TreeHasher.placeholder(hash));
  }

  private OptionalLong readVersion(byte[] key) {
    Optional<byte[]> bytes = reader.read(key);
    return bytes.isPresent()
        ? OptionalLong.of(TreeKeys.decodeVersion(bytes.get()))
        : OptionalLong.empty();
  }

  /**
   * Reads a node of {@code version}'s tree; a node gone missing means a concurrent prune or
   * corruption.
   */
  private Node.Internal load(NodeKey at, long version) throws VersionNotAvailableException {
    Optional<Node.Internal> page = pages.read(at);
    if (page.isEmpty()) {
      VersionNotAvailableException gone = unavailable(version);
      if (gone.pruned()) {
        throw gone;
      }
      throw new IllegalStateException("state node missing: " + at + " of version " + version);
    }
    return page.get();
  }
}
