package org.govledger.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.govledger.ledger.crypto.HashFunction;

/**
 * One batch update of the tree at one version: walks the old tree once along the paths of the
 * changed key hashes (sorted, so that a shared upper path is visited and hashed once) and rebuilds
 * those paths bottom up. Unchanged subtrees are referred to by their old versions, never copied.
 *
 * <p>A subtree is rebuilt into one of three shapes ({@link Subtree}): empty; a {@link Stored}
 * child (an internal node untouched or just written, or a leaf inside its old parent); or a {@link
 * Loose} leaf whose final position is not known yet, because a leaf sits as high as it can and so
 * moves up when its siblings go and down when a neighbour arrives. A loose leaf is placed into the
 * first internal node above it, or into the root pointer; leaves are never written on their own.
 *
 * <p>A leaf holds only its key's and value's hashes. When an update replaces or deletes a value,
 * the old one is read from the caller's {@link CurrentValues} (not yet overwritten: the update's
 * batch is not written) and kept in the tree's history, so that proofs at older versions can still
 * show it; it goes stale with the version, like the nodes.
 *
 * <p>Single use: it collects writes and stale nodes as it goes. A big update rebuilds the root's
 * right half on another thread, into a collector of its own whose lists are appended after the
 * left half's, so the writes and the stale record come out in the same order as on one thread
 * and every node stores the same bytes.
 */
final class BatchUpdate {
  /** Changes below which splitting the work costs more than it saves. */
  static final int PARALLEL_MIN_CHANGES = 512;

  private final HashFunction hash;
  private final PageReader reader;
  private final CurrentValues values;
  private final long version;
  private final List<Change> changes;
  private final Optional<Executor> parallel;
  private final List<TreeWrite> writes = new ArrayList<>();
  private final List<NodeKey> stale = new ArrayList<>();
  private final List<TreeUpdate.Page> pages = new ArrayList<>();
  private final List<byte[]> superseded = new ArrayList<>();

  private BatchUpdate(
      HashFunction hash,
      PageReader reader,
      CurrentValues values,
      long version,
      List<Change> changes,
      Optional<Executor> parallel) {
    this.hash = hash;
    this.reader = reader;
    this.values = values;
    this.version = version;
    this.changes = changes;
    this.parallel = parallel;
  }

  /** A change with its key hash computed once. */
  private record Change(byte[] keyHash, byte[] key, Optional<byte[]> value) {}

  private sealed interface Subtree permits Empty, Stored, Loose {}

  private record Empty() implements Subtree {}

  private record Stored(ChildRef ref) implements Subtree {}

  /**
   * A leaf to be placed; {@code oldValueHash} is its value hash before this update, if its key was
   * in the tree.
   */
  private record Loose(Node.Leaf leaf, Optional<byte[]> oldValueHash) implements Subtree {
    /** Whether the key's value changed in this update (or the key is new). */
    boolean modified() {
      return oldValueHash.isEmpty() || !leaf.hasValueHash(oldValueHash.get());
    }
  }

  private static final Empty EMPTY = new Empty();

  /** The new root, after adding every write (nodes, stale index, root pointer) to the lists. */
  static TreeUpdate run(
      HashFunction hash,
      PageReader reader,
      CurrentValues values,
      byte[] prefix,
      long version,
      Optional<ChildRef> base,
      Collection<StateChange> changes,
      Optional<Executor> parallel) {
    List<Change> sorted = sorted(hash, changes);
    BatchUpdate update = new BatchUpdate(hash, reader, values, version, sorted,
        sorted.size() >= PARALLEL_MIN_CHANGES ? parallel : Optional.empty());
    Subtree top =
        update.process(base.<Subtree>map(Stored::new).orElse(EMPTY), 0, 0, update.changes.size());
    Optional<ChildRef> root = update.place(top);
    return update.finish(prefix, root);
  }

  private static List<Change> sorted(HashFunction hash, Collection<StateChange> changes) {
    List<Change> out = new ArrayList<>(changes.size());
    for (StateChange c : changes) {
      byte[] key = c.key();
      out.add(new Change(TreeHasher.keyHash(hash, key), key, c.value()));
    }
    out.sort(Comparator.comparing(Change::keyHash, Arrays::compareUnsigned));
    for (int i = 1; i < out.size(); i++) {
      if (Arrays.equals(out.get(i - 1).keyHash(), out.get(i).keyHash())) {
        // Either one key twice (which change wins would be a guess) or a hash collision.
        throw new IllegalArgumentException("the same key appears twice in one update");
      }
    }
    return out;
  }

  private TreeUpdate finish(byte[] prefix, Optional<ChildRef> root) {
    if (!stale.isEmpty() || !superseded.isEmpty()) {
      writes.add(
          TreeWrite.put(TreeKeys.staleFrom(version), TreeKeys.encodeStale(stale, superseded)));
    }
    writes.add(TreeWrite.put(TreeKeys.root(version), TreeKeys.encodeRoot(root)));
    writes.add(TreeWrite.put(TreeKeys.LATEST, TreeKeys.encodeVersion(version)));
    byte[] rootHash = root.map(ChildRef::hash).orElse(TreeHasher.placeholder(hash));
    return new TreeUpdate(prefix, version, rootHash, writes, stale, pages);
  }

  /**
   * Applies {@code changes[lo, hi)}, whose key hashes all lie below this position, to {@code
   * existing}.
   */
  private Subtree process(Subtree existing, int depth, int lo, int hi) {
    if (lo == hi) {
      return existing;
    }
    byte[] anyKeyHash = changes.get(lo).keyHash();
    if (existing instanceof Stored stored) {
      ChildRef ref = stored.ref();
      if (ref.isLeaf()) {
        existing = existingLeaf(ref.leaf().orElseThrow());
      } else {
        Node.Internal internal = ref.inline().isPresent()
            ? ref.inline().get()
            : load(NodeKey.of(ref.version(), depth, anyKeyHash));
        int mid = split(depth, lo, hi);
        Halves halves = processHalves(child(internal, 0), child(internal, 1), depth, lo, mid, hi);
        return combine(halves.left(), halves.right(), depth, anyKeyHash, Optional.of(ref),
            Optional.of(internal));
      }
    }
    return processLeaf(
        existing instanceof Loose loose ? Optional.of(loose) : Optional.empty(), depth, lo, hi);
  }

  /** Applies changes to a position holding at most one leaf. */
  private Subtree processLeaf(Optional<Loose> leaf, int depth, int lo, int hi) {
    int puts = 0;
    int lastPut = -1;
    boolean leafChanged = false;
    for (int i = lo; i < hi; i++) {
      Change c = changes.get(i);
      leafChanged |= leaf.isPresent() && leaf.get().leaf().hasKeyHash(c.keyHash());
      if (c.value().isPresent()) {
        puts++;
        lastPut = i;
      }
    }
    boolean leafStays = leaf.isPresent() && !leafChanged;
    int survivors = puts + (leafStays ? 1 : 0);
    if (survivors >= 2) {
      int mid = split(depth, lo, hi);
      Optional<Loose> onLeft = leaf.filter(l -> TreeHasher.bit(l.leaf().keyHash(), depth) == 0);
      Optional<Loose> onRight = leaf.filter(l -> TreeHasher.bit(l.leaf().keyHash(), depth) == 1);
      Halves halves = processHalves(onLeft.<Subtree>map(l -> l).orElse(EMPTY),
          onRight.<Subtree>map(l -> l).orElse(EMPTY), depth, lo, mid, hi);
      return combine(halves.left(), halves.right(), depth, changes.get(lo).keyHash(),
          Optional.empty(), Optional.empty());
    }
    if (leafStays) {
      return leaf.get();
    }
    // Below, a leaf that neither stays nor takes the put was deleted by one of the changes.
    if (survivors == 0) {
      leaf.ifPresent(l -> retire(l, true));
      return EMPTY;
    }
    Change put = changes.get(lastPut);
    Node.Leaf fresh =
        new Node.Leaf(put.keyHash(), TreeHasher.valueHash(hash, put.value().orElseThrow()));
    if (leaf.isPresent() && leaf.get().leaf().hasKeyHash(put.keyHash())) {
      return new Loose(fresh, leaf.get().oldValueHash());
    }
    leaf.ifPresent(l -> retire(l, true));
    return new Loose(fresh, Optional.empty());
  }

  /**
   * Rebuilds both halves below {@code depth}: at the root of a big update the right half on the
   * executor, at once with the left half here; otherwise one after the other. Only the root
   * splits, so no task ever waits for another task of the same executor.
   */
  private Halves processHalves(Subtree left, Subtree right, int depth, int lo, int mid, int hi) {
    if (depth > 0 || parallel.isEmpty() || lo == mid || mid == hi) {
      return new Halves(process(left, depth + 1, lo, mid), process(right, depth + 1, mid, hi));
    }
    BatchUpdate rightPart =
        new BatchUpdate(hash, reader, values, version, changes, Optional.empty());
    CompletableFuture<Subtree> rightDone =
        CompletableFuture.supplyAsync(() -> rightPart.process(right, depth + 1, mid, hi),
            parallel.get());
    Subtree leftDone = process(left, depth + 1, lo, mid);
    Subtree rightResult;
    try {
      rightResult = rightDone.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    writes.addAll(rightPart.writes);
    stale.addAll(rightPart.stale);
    superseded.addAll(rightPart.superseded);
    pages.addAll(rightPart.pages);
    return new Halves(leftDone, rightResult);
  }

  /** A position's two rebuilt halves. */
  private record Halves(Subtree left, Subtree right) {}

  /**
   * The subtree at {@code depth} from its rebuilt halves. {@code existingRef} refers to the
   * internal node that stood here before, if any ({@code existing}): it is kept if nothing below it
   * changed; otherwise, if it was stored on its own, it is marked stale (an inner node of a page
   * goes with its page).
   */
  private Subtree combine(
      Subtree left,
      Subtree right,
      int depth,
      byte[] anyKeyHash,
      Optional<ChildRef> existingRef,
      Optional<Node.Internal> existing) {
    if (left instanceof Empty && right instanceof Empty) {
      markStale(existingRef, depth, anyKeyHash);
      return EMPTY;
    }
    if (left instanceof Empty || right instanceof Empty) {
      int side = left instanceof Empty ? 1 : 0;
      Optional<Loose> lone = asLoose(side == 0 ? left : right);
      if (lone.isPresent()) {
        // A single leaf below: it moves up to this position or higher.
        markStale(existingRef, depth, anyKeyHash);
        return lone.get();
      }
    }
    Node.Internal node = new Node.Internal(place(left), place(right));
    if (existing.isPresent() && existing.get().equals(node)) {
      return new Stored(existingRef.orElseThrow());
    }
    markStale(existingRef, depth, anyKeyHash);
    return write(depth, anyKeyHash, node);
  }

  /** Marks the node {@code existingRef} names stale, if it was stored on its own. */
  private void markStale(Optional<ChildRef> existingRef, int depth, byte[] anyKeyHash) {
    if (existingRef.isPresent() && existingRef.get().isStored()) {
      stale.add(NodeKey.of(existingRef.get().version(), depth, anyKeyHash));
    }
  }

  /** The subtree as a loose leaf if it is one leaf, so that it can move up. */
  private static Optional<Loose> asLoose(Subtree subtree) {
    if (subtree instanceof Loose loose) {
      return Optional.of(loose);
    }
    if (subtree instanceof Stored stored && stored.ref().isLeaf()) {
      return Optional.of(existingLeaf(stored.ref().leaf().orElseThrow()));
    }
    return Optional.empty();
  }

  /**
   * The reference to the subtree once placed. A leaf is not written on its own, wherever it lands:
   * it goes into its parent (or the root pointer).
   */
  private Optional<ChildRef> place(Subtree subtree) {
    if (subtree instanceof Stored stored) {
      return Optional.of(stored.ref());
    }
    if (!(subtree instanceof Loose loose)) {
      return Optional.empty();
    }
    retire(loose, false);
    return Optional.of(ChildRef.leaf(hash, loose.leaf()));
  }

  /**
   * A new internal node at {@code depth}: stored as a page at a page depth, else kept inside the
   * page above it, which this update writes too, since the node's hash changed all the way up.
   */
  private Subtree write(int depth, byte[] anyKeyHash, Node.Internal node) {
    byte[] nodeHash = node.hash(hash);
    if (depth % StateTree.PAGE_LEVELS != 0) {
      return new Stored(ChildRef.inline(nodeHash, node));
    }
    NodeKey at = NodeKey.of(version, depth, anyKeyHash);
    writes.add(TreeWrite.put(TreeKeys.node(at), node.encode()));
    pages.add(new TreeUpdate.Page(at, node));
    return new Stored(ChildRef.node(nodeHash, version));
  }

  private static Loose existingLeaf(Node.Leaf leaf) {
    return new Loose(leaf, Optional.of(leaf.valueHash()));
  }

  /**
   * Settles a leaf leaving this update: if its key was deleted or got a new value, keeps the old
   * value for the versions before this one.
   */
  private void retire(Loose leaf, boolean deleted) {
    if (leaf.oldValueHash().isPresent() && (deleted || leaf.modified())) {
      keepOldValue(leaf.leaf().keyHash(), leaf.oldValueHash().get());
    }
  }

  private void keepOldValue(byte[] keyHash, byte[] valueHash) {
    Change change = changes.get(find(keyHash));
    byte[] old =
        values
            .get(change.key())
            .filter(v -> Arrays.equals(TreeHasher.valueHash(hash, v), valueHash))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the current value of a changed state key does not match its leaf:"
                            + " the state table and the tree disagree"));
    writes.add(TreeWrite.put(TreeKeys.history(keyHash, version), old));
    superseded.add(keyHash);
  }

  /** The index of the change to the key hashing to {@code keyHash}; it must be there. */
  private int find(byte[] keyHash) {
    int i =
        java.util.Collections.binarySearch(
            changes,
            new Change(keyHash, new byte[0], Optional.empty()),
            Comparator.comparing(Change::keyHash, Arrays::compareUnsigned));
    if (i < 0) {
      throw new IllegalStateException("a leaf changed without a change to its key");
    }
    return i;
  }

  private static Subtree child(Node.Internal node, int bit) {
    return node.child(bit).<Subtree>map(Stored::new).orElse(EMPTY);
  }

  /** The first index in {@code [lo, hi)} whose key hash has bit {@code depth} set. */
  private int split(int depth, int lo, int hi) {
    // All key hashes in the range agree on the bits before depth and are sorted, so the bit at
    // depth goes from 0 to 1 exactly once.
    int a = lo;
    int b = hi;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (TreeHasher.bit(changes.get(m).keyHash(), depth) == 0) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  private Node.Internal load(NodeKey at) {
    return reader.read(at)
        .orElseThrow(() -> new IllegalStateException("state node missing: " + at));
  }
}
