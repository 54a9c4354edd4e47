package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;

/**
 * The node benchmark behind {@code govledger bench}: every figure the ledger's targets are
 * stated in, measured in one run on this machine, and printed with the ratios that matter.
 */
public final class Benchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Which scenarios to run. */
  public enum Workload {
    LEDGER, CERTIFICATES, CONSENT, BILLS, CLUSTER, ALL;

    boolean ledger() {
      return this == LEDGER || this == ALL;
    }

    boolean certificates() {
      return this == CERTIFICATES || this == ALL;
    }

    boolean consent() {
      return this == CONSENT || this == ALL;
    }

    boolean bills() {
      return this == BILLS || this == ALL;
    }
  }

  /**
   * What to run.
   *
   * @param inFlight requests outstanding at saturation in the cluster and bills workloads, and
   *     agency threads issuing certificates at saturation
   * @param ledgerInFlight requests outstanding at the ledger workload's saturation
   * @param verifyRate offered verifications per second of the certificate latency run
   * @param issueRate offered issues per second alongside it
   * @param consentFlows consent flows in progress at once at saturation
   * @param flowRate offered consent flows per second of the open-loop run
   */
  public record Settings(
      Duration duration, Duration warmup, int inFlight, int ledgerInFlight, int batch, double rate,
      List<String> nodeJvm, Workload workload, double verifyRate, double issueRate, int consentFlows,
      double flowRate) {}

  private final Path dir;
  private final Settings s;
  private final PrintStream out;

  public Benchmark(Path dir, Settings settings, PrintStream out) {
    this.dir = dir;
    this.s = settings;
    this.out = out;
  }

  public void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("machine: %d cores, Java %s; nodes run with %s; ledger saturation: %d requests of"
        + " %d transactions in flight; workload %s%n", cores, System.getProperty("java.version"),
        s.nodeJvm(), s.ledgerInFlight(), s.batch(), s.workload().name().toLowerCase(Locale.ROOT));
    // a quick run (--duration 1) probes each limit for half as long as it measures the node
    double probe = Math.min(3, Math.max(0.5, s.duration().toSeconds() / 2.0));
    MachineLimits.Measured limits = MachineLimits.measure(dir, cores, probe,
        s.workload().certificates() || s.workload().consent() || s.workload().bills());
    out.printf("limits: Ed25519 verify %.0f/s on 1 core (V), %.0f/s on %d cores, %.0f/s on %d cores in"
        + " batches of %d; synced RocksDB batch writes %.0f/s%s%n", limits.ed25519OneCore(),
        limits.ed25519AllCores(), cores, limits.ed25519BatchAllCores(), cores, MachineLimits.BATCH,
        limits.syncedWrites(), Double.isNaN(limits.p256AllCores()) ? ""
            : String.format(Locale.ROOT, "; P-256 verify %.0f/s on %d cores", limits.p256AllCores(), cores));
    if (s.workload().ledger()) {
      ledger(limits);
    }
    if (s.workload().certificates()) {
      new CertificateBenchmark(dir.resolve("certificates"), s, out).run(limits);
    }
    if (s.workload().consent()) {
      new ConsentBenchmark(dir.resolve("consent"), s, out).run(limits);
    }
    if (s.workload().bills()) {
      new BillingBenchmark(dir.resolve("bills"), s, out).run(limits);
    }
    if (s.workload() == Workload.CLUSTER) {
      new ClusterBenchmark(dir.resolve("cluster"), s, out).run(limits);
    }
  }

  private void ledger(MachineLimits.Measured limits) throws Exception {
    double v1 = limits.ed25519OneCore();
    double vn = limits.ed25519AllCores();
    Path dataOn = dir.resolve("sync-on");
    Path dataOff = dir.resolve("sync-off");
    List<byte[]> txs;
    Measured on;
    Measured fixed;
    long logSize;
    long rawBytes;
    JsonNode health;
    try (ChildNode node = ChildNode.start(dataOn, s.nodeJvm())) {
      int count = (int) Math.min(600_000, (s.warmup().toSeconds() + s.duration().toSeconds())
          * Math.min(limits.ed25519BatchAllCores(), 30_000)
          + s.rate() * (RATE_WARMUP.toSeconds() + s.duration().toSeconds()));
      out.printf("signing %d transactions before measuring …%n", count);
      txs = presign(dataOn, count);
      rawBytes = txs.stream().mapToLong(t -> t.length).sum() / txs.size();
      step("saturation with sync on (%d s warm-up, %d s measured)", s.warmup().toSeconds(),
          s.duration().toSeconds());
      on = saturate(node, txs);
      step("latency at %.0f tx/s offered (%d s warm-up at that rate, %d s measured)", s.rate(),
          RATE_WARMUP.toSeconds(), s.duration().toSeconds());
      fixed = measure(node, txs.subList(on.used, txs.size()), s.rate(), RATE_WARMUP);
      health = new GovLedgerClient(node.uri()).get("/api/v1/health");
      logSize = health.path("logSize").asLong();
    }
    step("compacting the store to measure bytes per transaction");
    double bytesPerTx = compactedBytes(dataOn.resolve("store")) / (double) logSize;

    Files.createDirectories(dataOff);
    Files.copy(dataOn.resolve("genesis.json"), dataOff.resolve("genesis.json"));
    copyDir(dataOn.resolve("keys"), dataOff.resolve("keys"));
    Measured off;
    try (ChildNode node = ChildNode.start(dataOff, s.nodeJvm(), "--no-sync")) {
      step("saturation with sync off");
      off = saturate(node, txs);
    }

    out.println();
    out.printf("saturation, sync on : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms  CPU %3.0f%%  %s%n",
        on.r.txPerSecond(), on.r.latencyMillis(0.5), on.r.latencyMillis(0.99), on.cpu * 100,
        on.blockShare());
    out.printf("saturation, sync off: %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms  CPU %3.0f%%  %s%n",
        off.r.txPerSecond(), off.r.latencyMillis(0.5), off.r.latencyMillis(0.99), off.cpu * 100,
        off.blockShare());
    out.printf("offered %.0f tx/s   : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms  CPU %3.0f%%  %s%n",
        s.rate(), fixed.r.txPerSecond(), fixed.r.latencyMillis(0.5), fixed.r.latencyMillis(0.99),
        fixed.cpu * 100, fixed.blockShare());
    out.printf("errors: sync on %s, sync off %s, fixed rate %s%n", on.r.errorsByStatus(),
        off.r.errorsByStatus(), fixed.r.errorsByStatus());
    out.printf("disk: %.0f bytes per committed transaction after compaction (raw signed"
        + " transaction %d bytes: %.2f x); %d transactions%n", bytesPerTx, rawBytes,
        bytesPerTx / rawBytes, logSize);
    out.printf("node heap after the runs: %d MiB used of %d MiB%n",
        health.path("heapUsedBytes").asLong() >> 20, health.path("heapMaxBytes").asLong() >> 20);
    out.println();
    out.printf("ratios: committed tx/s (sync on) / all-core verify limit = %.2f (/ all-core batch"
        + " verify limit = %.2f); sync on / sync off = %.2f; committed tx/s / V = %.2f%n",
        on.r.txPerSecond() / vn, on.r.txPerSecond() / limits.ed25519BatchAllCores(),
        on.r.txPerSecond() / off.r.txPerSecond(), on.r.txPerSecond() / v1);
  }

  private void step(String what, Object... args) {
    step(out, what, args);
  }

  /** A progress line: what the benchmark is about to do. */
  static void step(PrintStream out, String what, Object... args) {
    out.printf("… " + what + "%n", args);
    out.flush();
  }

  /** Connections sending at a fixed rate: enough that none waits for its previous answer. */
  private static final int RATE_CONNECTIONS = 128;
  /** How long a fixed rate runs, unmeasured, before it is measured. */
  static final Duration RATE_WARMUP = Duration.ofSeconds(1);

  /**
   * One measured run: its load, the machine's CPU, the transactions it used (warm-up included)
   * and the blocks the node cut while it was measured.
   */
  private record Measured(LoadRun.Result r, double cpu, int used, long blocks) {
    /** {@code blocks 431 (774 tx each)}: a block's fixed cost is shared by this many. */
    String blockShare() {
      return String.format("blocks %d (%.0f tx each)", blocks,
          blocks == 0 ? 0.0 : r.committed() / (double) blocks);
    }
  }

  private Measured saturate(ChildNode node, List<byte[]> txs) throws Exception {
    LoadRun load = new LoadRun(node.uri());
    int warm = (int) Math.min(txs.size() / 4, s.warmup().toSeconds() * 5_000);
    load.run(txs.subList(0, warm), s.ledgerInFlight(), 0, s.warmup(), s.batch());
    Measured m = measure(node, txs.subList(warm, txs.size()), 0);
    return new Measured(m.r, m.cpu, warm + m.used, m.blocks);
  }

  private Measured measure(ChildNode node, List<byte[]> txs, double rate) throws Exception {
    long heightBefore = height(node);
    SystemCpu before = SystemCpu.read();
    // At a fixed rate, one transaction per request: the latency a single client sees.
    LoadRun.Result r = rate > 0
        ? new LoadRun(node.uri()).run(txs, RATE_CONNECTIONS, rate, s.duration(), 1)
        : new LoadRun(node.uri()).run(txs, s.ledgerInFlight(), 0, s.duration(), s.batch());
    double cpu = SystemCpu.read().busySince(before);
    return new Measured(r, cpu, (int) r.sent(), height(node) - heightBefore);
  }

  private static long height(ChildNode node) throws Exception {
    return new GovLedgerClient(node.uri()).get("/api/v1/health").path("height").asLong();
  }

  /**
   * Like {@link #measure(ChildNode, List, double)} at {@code rate}, after {@code warmup} at the
   * same rate that is not measured: the first requests of a run at a fixed rate open their
   * connections and reach the single-transaction endpoint's code before the JIT has compiled it,
   * which the saturation phase, sending batches, never warmed.
   */
  private Measured measure(ChildNode node, List<byte[]> txs, double rate, Duration warmup)
      throws Exception {
    LoadRun.Result warm = new LoadRun(node.uri()).run(txs, RATE_CONNECTIONS, rate, warmup, 1);
    int used = (int) warm.sent();
    Measured m = measure(node, txs.subList(used, txs.size()), rate);
    return new Measured(m.r, m.cpu, used + m.used, m.blocks);
  }

  /** Pre-signs anchor/put transactions with the node's demo client key, on all cores. */
  static List<byte[]> presign(Path data, int count) throws IOException {
    TxSigner signer = new TxSigner("demo", KeyFile.read(data.resolve("keys/client.json")));
    SecureRandom random = new SecureRandom();
    byte[] seed = new byte[16];
    random.nextBytes(seed);
    String prefix = HexFormat.of().formatHex(seed);
    return new ArrayList<>(IntStream.range(0, count).parallel().mapToObj(i -> {
      ObjectNode body = MAPPER.createObjectNode();
      body.put("digest", HexFormat.of().formatHex(org.govledger.ledger.crypto.CryptoSuite
          .ED25519_SHA256.hash().digest((prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      body.put("note", "load test record " + i);
      return signer.sign("anchor/put", body, prefix.substring(0, 8) + "-" + i).encoded();
    }).toList());
  }

  private static long compactedBytes(Path store) {
    try (RocksDbStore db = RocksDbStore.open(store, RocksDbConfig.defaults())) {
      db.compact();
      return db.diskBytes();
    }
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
