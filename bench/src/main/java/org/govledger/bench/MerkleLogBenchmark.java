package org.govledger.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.merkle.AppendResult;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.merkle.MerkleLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending a block's worth (1,000) of leaf hashes to the RFC 9162 Merkle log, which the engine
 * does for every block on its single commit thread: about 1,000 interior SHA-256 hashes, the new
 * frontier, and the list of complete-subtree nodes to store. Score × 1,000 = leaves per second.
 *
 * <p>The log starts at 2^20 − 1 leaves, read back with {@link MerkleLog#open} from an in-memory
 * {@link org.govledger.ledger.merkle.TreeNodeReader}, and each append builds on the previous one.
 * Append never reads the reader, so the nodes it returns are dropped rather than kept: storing
 * them is the store's cost, measured by {@link RocksDbWriteBenchmark} and {@link EngineBenchmark},
 * and keeping millions in a map would measure the garbage collector instead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class MerkleLogBenchmark {
  private static final int BATCH = 1_000;
  private static final int INITIAL_SIZE = (1 << 20) - 1;

  private List<byte[]> leaves;
  private MerkleLog log;

  @Setup(Level.Trial)
  public void setUp() {
    HashFunction sha256 = HashFunctions.sha256();
    leaves = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      byte[] data = ("transaction " + i).getBytes(StandardCharsets.UTF_8);
      leaves.add(MerkleHashing.leafHash(sha256, data));
    }
    MemoryTreeNodes nodes = new MemoryTreeNodes();
    MerkleLog growing = MerkleLog.empty(sha256, nodes);
    List<byte[]> chunk = new ArrayList<>();
    for (int i = 0; i < INITIAL_SIZE; i++) {
      chunk.add(leaves.get(i % BATCH));
      if (chunk.size() == 65_536 || i == INITIAL_SIZE - 1) {
        AppendResult r = growing.append(chunk);
        nodes.putAll(r.nodes());
        growing = r.log();
        chunk.clear();
      }
    }
    log = MerkleLog.open(sha256, nodes, INITIAL_SIZE);
    if (!Arrays.equals(log.root(), growing.root())) {
      throw new IllegalStateException("the reopened log has another root than the one built");
    }
  }

  @Benchmark
  public AppendResult append1000() {
    AppendResult result = log.append(leaves);
    log = result.log();
    return result;
  }
}
