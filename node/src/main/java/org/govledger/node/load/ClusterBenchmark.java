package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.node.ClusterSetup;

/**
 * The cluster workload of {@code govledger bench}: the ledger workload's pre-signed transactions
 * against one node and then against a 3-node Raft cluster on this same machine (three JVMs, every
 * node checking every signature), with the load spread over the three nodes; then the catch-up of
 * a follower killed while the cluster went on committing.
 */
final class ClusterBenchmark {
  private static final int NODES = 3;
  /** Senders per node in an open-loop run; one node alone gets as many. */
  private static final int OPEN_LOOP_SENDERS = 128;
  /** What the first warm-up slice is given transactions for, per second. */
  private static final double WARM_TX_PER_SECOND = 5_000;

  private final Path dir;
  private final Benchmark.Settings s;
  private final PrintStream out;

  ClusterBenchmark(Path dir, Benchmark.Settings settings, PrintStream out) {
    this.dir = dir;
    this.s = settings;
    this.out = out;
  }

  private record Run(LoadRun.Result r, double cpu) {}

  void run(MachineLimits.Measured limits) throws Exception {
    int perRun = (int) Math.min(200_000, s.duration().toSeconds()
        * Math.min(limits.ed25519AllCores(), 12_000));

    java.nio.file.Files.createDirectories(dir);
    Run soloSaturated;
    Run soloFixed;
    JitWarmUp.Outcome soloWarmUp;
    JitWarmUp.Outcome soloRateWarmUp;
    JitWarmUp.Outcome clusterWarmUp;
    JitWarmUp.Outcome clusterRateWarmUp;
    Path soloData = dir.resolve("solo");
    try (ChildNode node = ChildNode.start(soloData, s.nodeJvm())) {
      int soloCount = warmCount() + perRun + 2 * fixedCount();
      Benchmark.step(out, "cluster: signing %d transactions for one node", soloCount);
      Supply txs = new Supply(soloData, soloCount);
      List<URI> one = List.of(node.uri());
      soloWarmUp = warm(List.of(node), txs, "one node");
      Benchmark.step(out, "cluster: one node at saturation (%d s)", s.duration().toSeconds());
      soloSaturated = load(one, txs.take(perRun), 0);
      soloRateWarmUp = warmAtRate(List.of(node), txs, "one node");
      Benchmark.step(out, "cluster: one node at %.0f tx/s offered", s.rate());
      soloFixed = load(one, txs.take(fixedCount()), s.rate());
    }

    ClusterSetup.Layout layout = ClusterSetup.create(dir.resolve("cluster"), NODES, "127.0.0.1",
        LoopbackPorts.consecutive(NODES), 18_081, CryptoSuite.ED25519_SHA256);
    ChildNode[] nodes = new ChildNode[NODES];
    Run clusterSaturated;
    Run clusterFixed;
    long missed;
    double catchUpSeconds;
    double catchUpStartSeconds;
    double catchUpHalfSeconds = Double.NaN;
    double outageRate;
    try {
      for (int i = 0; i < NODES; i++) {
        nodes[i] = start(layout, i);
      }
      awaitLeader(nodes);
      // saturation and the outage take a run's worth each
      int clusterCount = warmCount() + 2 * perRun + 2 * fixedCount();
      Benchmark.step(out, "cluster: signing %d transactions for the cluster", clusterCount);
      Supply txs = new Supply(layout.dataDir("n1"), clusterCount);
      List<URI> all = Arrays.stream(nodes).map(ChildNode::uri).toList();
      clusterWarmUp = warm(Arrays.asList(nodes), txs, "3 nodes");
      Benchmark.step(out, "cluster: 3 nodes at saturation, load spread over all three (%d s)",
          s.duration().toSeconds());
      clusterSaturated = load(all, txs.take(perRun), 0);
      clusterRateWarmUp = warmAtRate(Arrays.asList(nodes), txs, "3 nodes");
      Benchmark.step(out, "cluster: 3 nodes at %.0f tx/s offered", s.rate());
      clusterFixed = load(all, txs.take(fixedCount()), s.rate());

      int follower = follower(nodes);
      long before = height(nodes[follower]);
      long logBefore = logSize(nodes[follower]);
      nodes[follower].kill();
      nodes[follower] = null;
      List<URI> rest = new ArrayList<>();
      for (ChildNode n : nodes) {
        if (n != null) {
          rest.add(n.uri());
        }
      }
      Benchmark.step(out, "cluster: n%d killed; the other two commit for %d s", follower + 1,
          s.duration().toSeconds());
      Run outage = load(rest, txs.take(perRun), 0);
      outageRate = outage.r().txPerSecond();
      long target = logSize(rest.get(0));
      missed = target - logBefore;
      Benchmark.step(out, "cluster: n%d restarted; catching up %d transactions (from height %d)",
          follower + 1, missed, before);
      long t0 = System.nanoTime();
      nodes[follower] = start(layout, follower);
      catchUpStartSeconds = (System.nanoTime() - t0) / 1e9;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      // One client for the polls: each new one starts its own HTTP selector thread, 50 a second
      // on the cores the replaying node needs.
      GovLedgerClient api = new GovLedgerClient(nodes[follower].uri());
      long half = logBefore + missed / 2;
      for (long at = logSize(api); at < target; at = logSize(api)) {
        if (at >= half && Double.isNaN(catchUpHalfSeconds)) {
          catchUpHalfSeconds = (System.nanoTime() - t0) / 1e9;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("n" + (follower + 1) + " did not catch up in 10 minutes");
        }
        Thread.sleep(20);
      }
      catchUpSeconds = (System.nanoTime() - t0) / 1e9;
      if (Double.isNaN(catchUpHalfSeconds)) { // caught up before the first look
        catchUpHalfSeconds = catchUpSeconds;
      }
    } finally {
      for (ChildNode n : nodes) {
        if (n != null) {
          n.close();
        }
      }
    }

    double replayRate = missed / catchUpSeconds;
    out.println();
    out.println("warm-up at saturation: one node " + soloWarmUp + "; 3 nodes " + clusterWarmUp);
    out.printf("warm-up at %.0f tx/s: one node %s; 3 nodes %s%n", s.rate(), soloRateWarmUp,
        clusterRateWarmUp);
    out.printf("one node, saturation    : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms  CPU %3.0f%%%n",
        soloSaturated.r().txPerSecond(), soloSaturated.r().latencyMillis(0.5),
        soloSaturated.r().latencyMillis(0.99), soloSaturated.cpu() * 100);
    out.printf("3 nodes, saturation     : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms  CPU %3.0f%%%n",
        clusterSaturated.r().txPerSecond(), clusterSaturated.r().latencyMillis(0.5),
        clusterSaturated.r().latencyMillis(0.99), clusterSaturated.cpu() * 100);
    out.printf("one node, %5.0f tx/s     : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms%n",
        s.rate(), soloFixed.r().txPerSecond(), soloFixed.r().latencyMillis(0.5),
        soloFixed.r().latencyMillis(0.99));
    out.printf("3 nodes, %5.0f tx/s      : %8.0f tx/s committed  p50 %6.1f ms  p99 %6.1f ms%n",
        s.rate(), clusterFixed.r().txPerSecond(), clusterFixed.r().latencyMillis(0.5),
        clusterFixed.r().latencyMillis(0.99));
    out.printf("catch-up: %d transactions missed while 2 nodes committed %.0f tx/s; replayed in"
        + " %.1f s (%.1f s of it JVM start until ready; the first half by %.1f s) = %.0f tx/s%n",
        missed, outageRate, catchUpSeconds, catchUpStartSeconds, catchUpHalfSeconds, replayRate);
    out.printf("errors: one node %s / %s, cluster %s / %s%n", soloSaturated.r().errorsByStatus(),
        soloFixed.r().errorsByStatus(), clusterSaturated.r().errorsByStatus(),
        clusterFixed.r().errorsByStatus());
    out.println();
    out.printf("ratios: cluster / one node tx/s = %.2f; cluster tx/s / all-core verify limit = %.2f;"
        + " cluster p99 / one-node p99 at %.0f tx/s = %.2f; catch-up replay / cluster commit rate"
        + " = %.1f%n", clusterSaturated.r().txPerSecond() / soloSaturated.r().txPerSecond(),
        clusterSaturated.r().txPerSecond() / limits.ed25519AllCores(), s.rate(),
        clusterFixed.r().latencyMillis(0.99) / soloFixed.r().latencyMillis(0.99),
        replayRate / clusterSaturated.r().txPerSecond());
  }

  private ChildNode start(ClusterSetup.Layout layout, int i) throws IOException {
    String id = "n" + (i + 1);
    return ChildNode.start(layout.dataDir(id), s.nodeJvm(), "--cluster",
        layout.clusterFile().toString(), "--id", id);
  }

  /**
   * Pre-signed transactions handed out in slices; what a run leaves of its slice is not used
   * again (a transaction sent twice would be refused as a replay). A slice larger than what is
   * left is signed first, before the run it is for starts.
   */
  private static final class Supply {
    private final Path data;
    private final List<byte[]> txs = new ArrayList<>();
    private int next;

    Supply(Path data, int count) throws IOException {
      this.data = data;
      txs.addAll(Benchmark.presign(data, count));
    }

    List<byte[]> take(int n) throws IOException {
      if (txs.size() - next < n) {
        txs.subList(0, next).clear(); // handed out already
        next = 0;
        txs.addAll(Benchmark.presign(data, n - txs.size()));
      }
      List<byte[]> slice = List.copyOf(txs.subList(next, next + n));
      next += n;
      return slice;
    }
  }

  private int fixedCount() {
    return (int) (s.rate() * s.duration().toSeconds()) + 1;
  }

  /**
   * Warms the nodes up at saturation until their JIT settles. Each slice gets half as many
   * transactions again as the last one committed in its time, so that it lasts its time without
   * signing many that are never sent.
   */
  private JitWarmUp.Outcome warm(List<ChildNode> nodes, Supply txs, String who) throws Exception {
    List<URI> uris = nodes.stream().map(ChildNode::uri).toList();
    double[] perSecond = {WARM_TX_PER_SECOND};
    return JitWarmUp.run(nodes, s.warmup(), () -> {
      List<byte[]> slice = txs.take((int) (1.5 * perSecond[0] * s.warmup().toSeconds()));
      return () -> perSecond[0] =
          Math.max(100, loadEach(uris, slice, 0, s.warmup()).txPerSecond());
    }, out, "cluster: " + who + ", warm-up at saturation");
  }

  /**
   * Runs the fixed rate, unmeasured, in slices of the warm-up time until the nodes' JIT settles:
   * single-transaction requests take code paths the saturation's batches did not, and three JVMs
   * compiling them at once on the same cores would otherwise start the measured run with a queue
   * it then never works off. One slice of 10 s left the three compilers using 0.38 of a core
   * through the measured run.
   */
  private JitWarmUp.Outcome warmAtRate(List<ChildNode> nodes, Supply txs, String who)
      throws Exception {
    List<URI> uris = nodes.stream().map(ChildNode::uri).toList();
    int perSlice = (int) (s.rate() * s.warmup().toSeconds()) + 1;
    return JitWarmUp.run(nodes, s.warmup(), () -> {
      List<byte[]> slice = txs.take(perSlice);
      return () -> loadEach(uris, slice, s.rate(), s.warmup());
    }, out, String.format("cluster: %s, warm-up at %.0f tx/s", who, s.rate()));
  }

  /** Transactions signed ahead for the first warm-up slice. */
  private int warmCount() {
    return (int) (s.warmup().toSeconds() * WARM_TX_PER_SECOND * 1.5);
  }

  private Run load(List<URI> nodes, List<byte[]> txs, double rate) throws Exception {
    SystemCpu before = SystemCpu.read();
    LoadRun.Result r = loadEach(nodes, txs, rate, s.duration());
    return new Run(r, SystemCpu.read().busySince(before));
  }

  /**
   * The same load generator against each node at once, each with its share of the
   * transactions, connections and rate; the results merged.
   */
  private LoadRun.Result loadEach(List<URI> nodes, List<byte[]> txs, double rate,
      java.time.Duration duration) throws Exception {
    int n = nodes.size();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<LoadRun.Result>> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<byte[]> share = new ArrayList<>();
        for (int k = i; k < txs.size(); k += n) {
          share.add(txs.get(k));
        }
        URI node = nodes.get(i);
        parts.add(pool.submit(() -> rate > 0
            // open loop: enough senders per node that slow commits delay answers, not sending
            ? new LoadRun(node).run(share, OPEN_LOOP_SENDERS, rate / n, duration, 1)
            : new LoadRun(node).run(share, Math.max(1, s.inFlight() / n), 0, duration, s.batch())));
      }
      List<LoadRun.Result> results = new ArrayList<>();
      for (Future<LoadRun.Result> f : parts) {
        results.add(f.get());
      }
      return merge(results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static LoadRun.Result merge(List<LoadRun.Result> results) {
    long committed = 0;
    long refused = 0;
    double seconds = 0;
    Map<Integer, Long> errors = new HashMap<>();
    int latencies = 0;
    for (LoadRun.Result r : results) {
      committed += r.committed();
      refused += r.refused();
      seconds = Math.max(seconds, r.seconds());
      r.errorsByStatus().forEach((k, v) -> errors.merge(k, v, Long::sum));
      latencies += r.latencyMicrosSorted().length;
    }
    long[] all = new long[latencies];
    int at = 0;
    for (LoadRun.Result r : results) {
      long[] l = r.latencyMicrosSorted();
      System.arraycopy(l, 0, all, at, l.length);
      at += l.length;
    }
    Arrays.sort(all);
    return new LoadRun.Result(committed, refused, Map.copyOf(errors), seconds, all);
  }

  private static JsonNode health(URI node) throws ClientException {
    return new GovLedgerClient(node).get("/api/v1/health");
  }

  private static long height(ChildNode node) throws ClientException {
    return health(node.uri()).path("height").asLong();
  }

  private static long logSize(ChildNode node) throws ClientException {
    return logSize(node.uri());
  }

  private static long logSize(URI node) throws ClientException {
    return logSize(new GovLedgerClient(node));
  }

  private static long logSize(GovLedgerClient node) throws ClientException {
    return node.get("/api/v1/health").path("logSize").asLong();
  }

  private static void awaitLeader(ChildNode[] nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (health(nodes[0].uri()).path("orderer").path("cluster").path("leader").isTextual()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the cluster elected no leader in 60 s");
  }

  /** The index of a node that is not the leader. */
  private static int follower(ChildNode[] nodes) throws ClientException {
    String leader = health(nodes[0].uri()).path("orderer").path("cluster").path("leader").asText();
    for (int i = 0; i < nodes.length; i++) {
      if (!("n" + (i + 1)).equals(leader)) {
        return i;
      }
    }
    throw new IllegalStateException("every node is the leader?");
  }

}
