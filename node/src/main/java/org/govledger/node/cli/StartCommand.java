package org.govledger.node.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.govledger.consensus.BlockCut;
import org.govledger.consensus.raft.LogRetention;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.EngineOptions;
import org.govledger.node.Node;
import org.govledger.node.config.ClusterPlace;
import org.govledger.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Starts a node: RocksDB store, API and status page.",
        "With an empty data directory it creates demo keys, a genesis for ledger 'demo' and a"
            + " few demo records (turn off with --no-demo)."})
final class StartCommand implements Callable<Integer> {
  @Option(names = "--data", description = "data directory (default: ${DEFAULT-VALUE})")
  Path data = Path.of("data");

  @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--block-max-txs", description = "cut a block at this many transactions (default: ${DEFAULT-VALUE})")
  int blockMaxTxs = BlockCut.DEFAULT.maxTxs();

  @Option(names = "--block-max-wait-ms", description = "or this long after the first one arrived;"
      + " in a cluster each node waits this times the number of nodes, so that the cluster cuts"
      + " no more blocks than one node would (default: ${DEFAULT-VALUE})")
  long blockMaxWaitMs = BlockCut.DEFAULT.maxWaitMillis();

  @Option(names = "--mempool", description = "transactions that may wait before the API answers 503 (default: ${DEFAULT-VALUE})")
  int mempool = NodeConfig.defaults().mempoolCapacity();

  @Option(names = "--state-history", description = "blocks of world-state history kept provable (default: ${DEFAULT-VALUE})")
  long stateHistory = EngineOptions.DEFAULT.stateHistoryBlocks();

  @Option(names = "--no-sync", description = "do not fsync each block (benchmarks only: a crash can lose acknowledged blocks)")
  boolean noSync;

  @Option(names = "--suite", description = "crypto suite of a new demo ledger: ed25519-sha256, p256-sha256 or sm2-sm3 (default: ${DEFAULT-VALUE})")
  String suite = "ed25519-sha256";

  @Option(names = "--no-demo", description = "do not create demo keys and genesis; the data directory must have them")
  boolean noDemo;

  @Option(names = "--cluster", paramLabel = "FILE", description = "run as one node of a Raft cluster described in FILE (see `govledger cluster init`); needs --id")
  Path cluster;

  @Option(names = "--id", paramLabel = "NAME", description = "this node's id in the cluster file")
  String id;

  @Option(names = "--join", description = "this node joins a running cluster: it waits until the admins' add-node decision (see `govledger cluster add-node`) is committed")
  boolean join;

  @Option(names = "--raft-snapshot-every", paramLabel = "ENTRIES", description = "a cluster node notes every this many applied Raft log entries that its store holds them, and drops older entries (default: ${DEFAULT-VALUE})")
  long snapshotEvery = LogRetention.DEFAULT.snapshotEvery();

  @Option(names = "--raft-keep-entries", paramLabel = "ENTRIES", description = "Raft log entries kept before the last such note, so that a node that was down briefly replays the log; one that missed more fetches blocks from the leader (default: ${DEFAULT-VALUE})")
  long keepEntries = LogRetention.DEFAULT.keepEntries();

  @Option(names = "--raft-segment-bytes", paramLabel = "BYTES", description = "size of one Raft log file; only whole files are dropped (default: ${DEFAULT-VALUE})")
  long segmentBytes = LogRetention.DEFAULT.segmentBytes();

  @Override
  public Integer call() throws Exception {
    if (join && cluster == null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--join needs --cluster FILE --id NAME");
    }
    if ((cluster == null) != (id == null)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--cluster and --id go together: the cluster file, and which of its nodes this is");
    }
    NodeConfig d = NodeConfig.defaults();
    NodeConfig config = new NodeConfig(data, host, port, new BlockCut(blockMaxTxs, blockMaxWaitMs),
        mempool, d.maxTxBytes(), !noSync, !noDemo, new EngineOptions(stateHistory),
        CryptoSuite.fromId(suite), java.util.Optional.ofNullable(cluster)
            .map(f -> new ClusterPlace(f, id, join,
                new LogRetention(snapshotEvery, keepEntries, segmentBytes))));
    Node node = Node.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.println("govledger node ready: http://" + host + ":" + node.port() + "/  (data in "
        + data.toAbsolutePath() + "; Ctrl-C stops it)");
    System.out.println("READY port=" + node.port());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
