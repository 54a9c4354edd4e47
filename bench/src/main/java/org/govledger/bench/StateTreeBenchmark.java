package org.govledger.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.state.StateChange;
import org.govledger.ledger.state.StateTree;
import org.govledger.ledger.state.TreeUpdate;
import org.govledger.ledger.state.ValueTable;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.WriteBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One block's state-root computation: {@code StateTree.update} of 1,000 or 4,000 keys (a block of
 * the default 4,000-transaction limit writes about that many) as the next version of a sparse
 * Merkle tree holding 100,000 keys in a {@link MemoryStore}. It reads the old paths, rehashes them
 * bottom up and collects the node writes; it runs on the engine's single commit thread.
 *
 * <p>Each version sets new values for randomly chosen existing keys, so the tree stays at 100,000
 * keys and every iteration measures the same shape. Outside the measurement (per invocation) the
 * update's writes go into the store, so the next version builds on it, and the versions before
 * it are pruned, so memory stays flat. The store is in memory: this measures the tree, not the
 * disk. Score × keys = keys per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3) // tens of updates a second: the JIT needs longer than 2 × 3 s
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class StateTreeBenchmark {
  private static final int PREFILLED_KEYS = 100_000;
  private static final int VALUE_BYTES = 100;
  private static final byte[] PREFIX = "bench/state/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALUES = "bench/values/".getBytes(StandardCharsets.US_ASCII);

  @Param({"1000", "4000"})
  public int keysPerVersion;

  private final Random random = new Random(7);
  private MemoryStore store;
  private StateTree tree;
  private ValueTable values;
  private long version;
  private List<StateChange> changes;
  private TreeUpdate pending;

  @Setup(Level.Trial)
  public void prefill() {
    store = new MemoryStore();
    values = new ValueTable(store, VALUES);
    tree = new StateTree(HashFunctions.sha256(), PREFIX, store, values);
    List<StateChange> all = new ArrayList<>(PREFILLED_KEYS);
    for (int i = 0; i < PREFILLED_KEYS; i++) {
      all.add(StateChange.put(key(i), value()));
    }
    version = 0;
    write(tree.update(version, all), all);
  }

  /** Draws this version's distinct random keys and their new values. */
  @Setup(Level.Invocation)
  public void drawChanges() {
    changes = new ArrayList<>(keysPerVersion);
    BitSet chosen = new BitSet(PREFILLED_KEYS);
    while (changes.size() < keysPerVersion) {
      int i = random.nextInt(PREFILLED_KEYS);
      if (!chosen.get(i)) {
        chosen.set(i);
        changes.add(StateChange.put(key(i), value()));
      }
    }
  }

  @Benchmark
  public TreeUpdate update() {
    pending = tree.update(version + 1, changes);
    return pending;
  }

  /** Makes the update durable so the next one builds on it, then prunes what it made stale. */
  @TearDown(Level.Invocation)
  public void commit() {
    write(pending, changes);
    version++;
    WriteBatch prune = new WriteBatch();
    tree.prune(version).writeTo(prune);
    store.write(prune);
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * Writes the tree's nodes and, as a node's state table would, the current values; then tells
   * the tree, as the engine does, so that the next update finds this one's nodes in its cache.
   */
  private void write(TreeUpdate update, List<StateChange> changed) {
    WriteBatch batch = new WriteBatch();
    update.writeTo(batch);
    values.writeTo(changed, batch);
    store.write(batch);
    tree.written(update);
  }

  private static byte[] key(int i) {
    return ("record/" + i).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] value() {
    byte[] v = new byte[VALUE_BYTES];
    random.nextBytes(v);
    return v;
  }
}
