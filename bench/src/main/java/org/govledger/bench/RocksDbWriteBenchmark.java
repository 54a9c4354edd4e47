package org.govledger.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.store.WriteBatch;
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
 * Synced RocksDB batch writes per second: {@code RocksDbStore.write} of one {@link WriteBatch},
 * from one thread, on the disk under {@code java.io.tmpdir}. A block commits as one synced batch,
 * so with {@code sync=true} this is the ceiling on blocks per second, whatever the CPU does; with
 * {@code sync=false} it shows what the fsync costs. {@code entries=1} (100-byte value) is the
 * bare cost of a durable write; {@code entries=4000} (about 400-byte values) is the size of a full
 * block's transactions.
 *
 * <p>Keys are new in every batch, cycling through a window of 500,000 (about 200 MB at 400 bytes)
 * so that a long run overwrites rather than filling the disk. The Java batch is built inside the
 * measurement (a few microseconds against the write it precedes), as the engine builds its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class RocksDbWriteBenchmark {
  private static final long KEY_WINDOW = 500_000;
  private static final byte[] KEY_PREFIX = "bench/".getBytes(StandardCharsets.US_ASCII);

  @Param({"true", "false"})
  public boolean sync;

  @Param({"1", "4000"})
  public int entries;

  private TempDirectory dir;
  private RocksDbStore store;
  private byte[] value;
  private long next;

  @Setup(Level.Trial)
  public void open() {
    dir = new TempDirectory("govledger-bench-rocksdb-");
    store = RocksDbStore.open(dir.path(), RocksDbConfig.defaults().withSync(sync));
    value = new byte[entries == 1 ? 100 : 400];
    new Random(3).nextBytes(value); // incompressible, as hashes and signatures are
  }

  @Benchmark
  public void write() {
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < entries; i++) {
      batch.put(key(next), value);
      next = (next + 1) % KEY_WINDOW;
    }
    store.write(batch);
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    dir.close();
  }

  private static byte[] key(long n) {
    return ByteBuffer.allocate(KEY_PREFIX.length + Long.BYTES).put(KEY_PREFIX).putLong(n).array();
  }
}
