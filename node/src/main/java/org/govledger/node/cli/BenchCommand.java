package org.govledger.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.govledger.node.ScratchDirectory;
import org.govledger.node.load.Benchmark;
import org.govledger.node.load.Benchmark.Settings;
import org.govledger.node.load.Benchmark.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures a node: starts nodes in child JVMs (ZGC, -Xmx512m; 1g each in a cluster) on"
        + " loopback, drives them"
        + " over HTTP, and prints in one run the machine's limits (Ed25519 verifications/s on 1 core"
        + " and all cores, and on all cores in batches of 64; P-256 verifications/s on all cores; synced"
        + " RocksDB writes/s) next to the"
        + " node's figures, with the ratios between them.",
        "Workload ledger: pre-signed anchor/put transactions, each submitted with wait=true;"
        + " committed tx/s at saturation with sync on and off; p50/p99 submit-to-commit latency at"
        + " saturation and at --rate (one transaction per request, measured after 1 s at that rate);"
        + " CPU use; bytes on disk per transaction after compaction; the node's heap. Takes about"
        + " 2 x (warm-up + duration) + duration + 30 s.",
        "Workload certificates (a node of its own, on a fresh demo ledger): the demo agencies issue"
        + " e-certificates at saturation (--in-flight threads each build and sign an SD-JWT VC and"
        + " submit its certificate/issue with wait=true; this building and signing runs on the same"
        + " cores as the node); then verifiers at --verify-rate offered, open loop, latency from each"
        + " request's due time, first with nothing else running, then while the agencies issue at"
        + " --issue-rate offered alongside; then verification at saturation. Verifiers cycle through"
        + " 200 certificates issued beforehand, every other one presented with a KB-JWT. CPU use is"
        + " shown for the whole machine and split into node and load generator. Takes about"
        + " 2 x warm-up + 4 x duration + 20 s.",
        "Workload consent (a node of its own, on a fresh demo ledger): complete sharing-by-consent"
        + " flows, each 5 calls over HTTP: the verifier sz-bank posts a signed request; the holder's wallet"
        + " fetches and checks it, posts a signed consent (consent/record, committed before the answer) and"
        + " presents two claims of an identity card with a KB-JWT; the node checks it and admits"
        + " consent/access, answering without waiting for the block: the verifier's check; the verifier"
        + " reads the result, handed over once that access record is committed (claims released). Both"
        + " sides' signing runs on the same cores as the node. A warm-up until the node's JIT settles"
        + " (see --warmup); then --consent-flows flows at once, closed loop (flows/s); then flows offered"
        + " at --flow-rate, open loop: flows/s achieved and p50/p99/max of each step and of whole flows; if"
        + " that rate is not sustained, up to 3 lower rates. Takes about 1 to 2 minutes of warm-up + 2 x"
        + " duration + 15 s, plus a duration per lower rate.",
        "Workload cluster (not part of all): the ledger workload's transactions against one node,"
        + " then against a 3-node Raft cluster on this machine (three JVMs, every node checking every"
        + " signature), the load spread over the three: tx/s at saturation and p50/p99 at --rate,"
        + " with the ratio of the two; then a follower is killed, the other two commit for a"
        + " duration, and the follower's catch-up (replay) rate is measured from its restart."
        + " Each node gets a 1 GB heap unless --node-heap says otherwise. Each phase is warmed up"
        + " in slices of --warmup (at saturation, then at --rate) until every node's JIT settles."
        + " Takes about 5 to 10 minutes with the defaults.",
        "Workload all (the default) runs ledger, then certificates, then consent, then bills."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--duration", description = "seconds measured per scenario (default: ${DEFAULT-VALUE})")
  int durationSeconds = 20;

  @Option(names = "--warmup", description = "seconds of warm-up before each saturation run; the consent workload"
      + " warms up in slices of this until its node's JIT compiles for less than a tenth of a slice, at most 12"
      + " slices (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 10;

  @Option(names = "--in-flight", description = "requests outstanding at saturation; agency threads issuing"
      + " certificates at saturation (default: 64 for the ledger workload, which a node with batch"
      + " signature checks answers faster than 32 keep busy; 32 for the others)")
  Integer inFlight;

  @Option(names = "--batch", description = "transactions per request at saturation, 1 for the single endpoint (default: ${DEFAULT-VALUE})")
  int batch = 50;

  @Option(names = "--rate", description = "offered tx/s of the latency run (default: ${DEFAULT-VALUE}, 100 million a day)")
  double rate = 1157;

  @Option(names = "--workload", converter = WorkloadConverter.class,
      description = "ledger, certificates, consent, bills or all (default: all)")
  Workload workload = Workload.ALL;

  @Option(names = "--verify-rate", description = "offered verifications/s of the certificate latency run (default: ${DEFAULT-VALUE})")
  double verifyRate = 1000;

  @Option(names = "--issue-rate", description = "offered issues/s alongside that run, open loop (default: ${DEFAULT-VALUE})")
  double issueRate = 200;

  @Option(names = "--consent-flows", description = "consent flows in progress at once at saturation (default: ${DEFAULT-VALUE})")
  int consentFlows = 64;

  @Option(names = "--flow-rate", description = "offered consent flows/s of the open-loop run (default: ${DEFAULT-VALUE})")
  double flowRate = 500;

  @Option(names = "--node-heap", description = "heap of each node JVM (default: 512m; 1g with"
      + " --workload cluster, where three JVMs' ZGC with 512m each took a quarter of the machine)")
  String nodeHeap;

  @Option(names = "--node-gc", converter = NodeGcConverter.class, description = "garbage collector"
      + " of each node JVM: zgc, as ./govledger start uses, or g1, the JVM's own default, whose young"
      + " pauses of 15-60 ms on 2 cores show in the latency tail (default: zgc)")
  NodeGc nodeGc = NodeGc.ZGC;

  /** The collectors a node may run with. */
  enum NodeGc {
    ZGC("-XX:+UseZGC"),
    G1("-XX:+UseG1GC");

    final String flag;

    NodeGc(String flag) {
      this.flag = flag;
    }
  }

  /**
   * The node JVMs' options: the heap asked for, the collector, and exit on running out of memory,
   * as {@code ./govledger} starts a node.
   */
  private List<String> nodeJvm() {
    String heap = nodeHeap != null ? nodeHeap : workload == Workload.CLUSTER ? "1g" : "512m";
    return List.of("-Xmx" + heap, "-Xms" + heap, nodeGc.flag, "-XX:+ExitOnOutOfMemoryError");
  }

  /** Collector names in lower case, as the help shows them. */
  static final class NodeGcConverter implements ITypeConverter<NodeGc> {
    @Override
    public NodeGc convert(String value) {
      for (NodeGc gc : NodeGc.values()) {
        if (gc.name().toLowerCase(Locale.ROOT).equals(value)) {
          return gc;
        }
      }
      throw new TypeConversionException("--node-gc is zgc or g1, not " + value);
    }
  }

  @Option(names = "--work-dir", description = "where the nodes' data goes (default: a temp dir, removed after)")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Settings s = new Settings(Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
        inFlight == null ? 32 : inFlight, inFlight == null ? 64 : inFlight, batch, rate, nodeJvm(),
        workload, verifyRate, issueRate, consentFlows, flowRate);
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

  /** Workload names in lower case, as the help shows them. */
  static final class WorkloadConverter implements ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
      for (Workload w : Workload.values()) {
        if (w.name().toLowerCase(Locale.ROOT).equals(value)) {
          return w;
        }
      }
      throw new TypeConversionException(
          "--workload is ledger, certificates, consent, bills, cluster or all, not " + value);
    }
  }
}
