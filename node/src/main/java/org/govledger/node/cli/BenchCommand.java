package org.govledger.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.govledger.node.ScratchDirectory;
import org.govledger.node.load.Benchmark;
import org.govledger.node.load.Benchmark.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures a node: starts nodes in child JVMs (-Xmx512m) on loopback, drives them"
        + " over HTTP with pre-signed anchor/put transactions (each submitted with wait=true), and"
        + " prints in one run: the machine's Ed25519 verifications/s (1 core, all cores) and synced"
        + " RocksDB writes/s; committed tx/s at saturation with sync on and off; p50/p99"
        + " submit-to-commit latency at saturation and at --rate; CPU use; bytes on disk per"
        + " transaction after compaction; the node's heap.",
        "Takes about 2 x (warm-up + duration) + duration + 30 s."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--duration", description = "seconds measured per scenario (default: ${DEFAULT-VALUE})")
  int durationSeconds = 20;

  @Option(names = "--warmup", description = "seconds of warm-up before each saturation run (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 10;

  @Option(names = "--in-flight", description = "requests outstanding at saturation (default: ${DEFAULT-VALUE})")
  int inFlight = 32;

  @Option(names = "--batch", description = "transactions per request at saturation, 1 for the single endpoint (default: ${DEFAULT-VALUE})")
  int batch = 50;

  @Option(names = "--rate", description = "offered tx/s of the latency run (default: ${DEFAULT-VALUE}, 100 million a day)")
  double rate = 1157;

  @Option(names = "--node-heap", description = "heap of each node JVM (default: ${DEFAULT-VALUE})")
  String nodeHeap = "512m";

  @Option(names = "--work-dir", description = "where the nodes' data goes (default: a temp dir, removed after)")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Settings s = new Settings(Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
        inFlight, batch, rate, List.of("-Xmx" + nodeHeap, "-Xms" + nodeHeap));
    if (workDir != null) {
      new Benchmark(Files.createDirectories(workDir), s, System.out).run();
      return 0;
    }
    try (ScratchDirectory dir = ScratchDirectory.create(
        Path.of(System.getProperty("java.io.tmpdir")), "govledger-bench")) {
      new Benchmark(dir.path(), s, System.out).run();
    }
    return 0;
  }
}
