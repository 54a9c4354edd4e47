package org.govledger.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
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
 * The whole commit of one block: {@code Engine.apply} of an {@link OrderedBatch} of 1,000 signed
 * {@code anchor/put} transactions, none seen at admission, so the engine checks every signature
 * (in parallel on all cores), runs the contract for each, appends them to the Merkle log, updates
 * the state tree, signs the block and writes it all in one batch. The score is blocks per second;
 * × 1,000 it is the transactions per second one node can commit, before HTTP and ordering.
 *
 * <p>{@code store=memory} is the CPU cost alone; {@code store=rocksdb} adds the synced write
 * ({@link RocksDbConfig#defaults()}, sync on) under {@code java.io.tmpdir}. One ledger lives for
 * the whole trial and grows by 1,000 records a block, as a real one does; state versions are not
 * pruned (the engine does not prune yet). Every invocation gets 1,000 fresh transactions, signed
 * before it starts (not measured), because the engine refuses a replay and the anchor contract a
 * digest anchored twice; a block that does not accept all 1,000 stops the run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Longer warm-up than the others: a few blocks a second give the JIT few invocations to learn
// from, and the score was still rising after 2 × 3 s.
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class EngineBenchmark {
  private static final int BLOCK_TXS = 1_000;

  @Param({"memory", "rocksdb"})
  public String store;

  private AnchorWorkload workload;
  private ExecutorService verifyPool;
  private TempDirectory dir;
  private Store backing;
  private Engine engine;
  private long blockTime;
  private OrderedBatch next;
  private BlockOutcome outcome;

  @Setup(Level.Trial)
  public void openLedger() {
    workload = new AnchorWorkload(CryptoSuite.ED25519_SHA256, 11);
    int cores = Runtime.getRuntime().availableProcessors();
    verifyPool = Executors.newFixedThreadPool(cores, r -> {
      Thread t = new Thread(r, "bench-verify");
      t.setDaemon(true);
      return t;
    });
    backing = switch (store) {
      case "memory" -> new MemoryStore();
      case "rocksdb" -> {
        dir = new TempDirectory("govledger-bench-engine-");
        yield RocksDbStore.open(dir.path(), RocksDbConfig.defaults());
      }
      default -> throw new IllegalArgumentException("store is memory or rocksdb, not " + store);
    };
    engine = Engine.open(backing, workload.genesis(), List.of(new AnchorContract()),
        workload.nodeKey(), verifyPool);
    blockTime = workload.genesisTime();
  }

  /** Signs the next block's 1,000 transactions; about as long as the block takes to apply. */
  @Setup(Level.Invocation)
  public void signNextBlock() {
    blockTime += 1_000;
    next = new OrderedBatch(blockTime, workload.nodeId(), workload.nextSigned(BLOCK_TXS));
  }

  @Benchmark
  public BlockOutcome apply() {
    outcome = engine.apply(next);
    return outcome;
  }

  @TearDown(Level.Invocation)
  public void checkAllAccepted() {
    if (outcome.committed().size() != BLOCK_TXS) {
      throw new IllegalStateException("block committed " + outcome.committed().size() + " of "
          + BLOCK_TXS + " transactions; refused: " + outcome.rejected());
    }
  }

  @TearDown(Level.Trial)
  public void closeLedger() {
    verifyPool.shutdownNow();
    backing.close();
    if (dir != null) {
      dir.close();
    }
  }
}
