package org.govledger.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.govledger.consensus.ClusterStatus;
import org.govledger.consensus.raft.ClusterMember;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.node.ClusterSetup;
import org.govledger.node.Node;
import org.govledger.node.config.ClusterPlace;
import org.govledger.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Runs several nodes as one Raft cluster (Apache Ratis).",
    subcommands = {ClusterCommand.Init.class, ClusterCommand.Demo.class, ClusterCommand.AddNode.class,
        ClusterCommand.Check.class})
final class ClusterCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = {"Writes a cluster directory: cluster.json, one data directory per node with"
          + " its key, and one genesis naming every node.",
          "Then start each node with the command this prints."})
  static final class Init implements Callable<Integer> {
    @Option(names = "--dir", description = "directory to create (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("cluster");

    @Option(names = "--nodes", description = "how many nodes (default: ${DEFAULT-VALUE})")
    int nodes = 3;

    @Option(names = "--host", description = "address every node listens on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--raft-port", description = "first node's Raft port; the next nodes count up (default: ${DEFAULT-VALUE})")
    int raftPort = 9101;

    @Option(names = "--api-port", description = "first node's HTTP port; the next nodes count up (default: ${DEFAULT-VALUE})")
    int apiPort = 8081;

    @Option(names = "--suite", description = "crypto suite: ed25519-sha256, p256-sha256 or sm2-sm3 (default: ${DEFAULT-VALUE})")
    String suite = CryptoSuite.ED25519_SHA256.id();

    @Override
    public Integer call() throws Exception {
      ClusterSetup.Layout layout = ClusterSetup.create(dir, nodes, host, raftPort, apiPort,
          CryptoSuite.fromId(suite));
      System.out.println("cluster of " + nodes + " nodes written to " + dir.toAbsolutePath());
      System.out.println("start each node (in its own terminal or machine):");
      for (ClusterMember m : layout.cluster().members()) {
        int port = apiPort + layout.cluster().members().indexOf(m);
        System.out.println("  ./govledger start --data " + layout.dataDir(m.id()) + " --cluster "
            + layout.clusterFile() + " --id " + m.id() + " --port " + port);
      }
      return 0;
    }
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = {"Starts a 3-node cluster on loopback in this one process, with demo data.",
          "The first run creates the cluster directory; later runs start it again."})
  static final class Demo implements Callable<Integer> {
    @Option(names = "--dir", description = "cluster directory (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("cluster-demo");

    @Option(names = "--raft-port", description = "first node's Raft port (default: ${DEFAULT-VALUE})")
    int raftPort = 9101;

    @Option(names = "--api-port", description = "first node's HTTP port (default: ${DEFAULT-VALUE})")
    int apiPort = 8081;

    @Override
    public Integer call() throws Exception {
      boolean fresh = !Files.exists(dir.resolve("cluster.json"));
      ClusterSetup.Layout layout = fresh
          ? ClusterSetup.create(dir, 3, "127.0.0.1", raftPort, apiPort, CryptoSuite.ED25519_SHA256)
          : ClusterSetup.open(dir);
      List<Node> nodes = new ArrayList<>();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(Node::close), "shutdown"));
      List<ClusterMember> members = layout.cluster().members();
      for (int i = 0; i < members.size(); i++) {
        ClusterMember m = members.get(i);
        int port = m.api().map(Demo::port).orElse(apiPort + i);
        nodes.add(Node.start(NodeConfig.defaults().withDataDir(layout.dataDir(m.id()))
            .withPort(port).withCluster(new ClusterPlace(layout.clusterFile(), m.id()))));
        System.out.println("node " + m.id() + ": http://127.0.0.1:" + port + "/  (Raft on "
            + m.raftAddress() + ")");
      }
      ClusterStatus leader = awaitLeader(nodes.get(0));
      System.out.println("leader: " + leader.leader().orElse("?") + " (term " + leader.term() + ")");
      if (fresh) {
        System.out.println("adding demo data through node " + members.get(0).id() + " ...");
        nodes.get(0).seedDemoData();
        System.out.println("demo data committed (height "
            + nodes.get(0).engine().view().head().height() + ")");
      }
      System.out.println("cluster ready; Ctrl-C stops all three nodes");
      System.out.println("READY");
      System.out.flush();
      new CountDownLatch(1).await();
      return 0;
    }

    private static int port(String api) {
      return java.net.URI.create(api).getPort();
    }

    private static ClusterStatus awaitLeader(Node node) throws InterruptedException {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        ClusterStatus s = node.orderer().status().cluster().orElseThrow();
        if (s.leader().isPresent()) {
          return s;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("no leader was elected within 60 s; see the log for why"
          + " (ports in use? another cluster on the same ports?)");
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Compares the nodes' chains block by block: every header must hash to its"
          + " stated hash, link to the node's previous block, and equal the block most nodes"
          + " have. Names each node that differs and the first block where it does.",
          "Exit code 0 if all agree, 1 if not."})
  static final class Check implements Callable<Integer> {
    @Option(names = "--cluster", paramLabel = "FILE", description = "take the nodes' API addresses from this cluster file")
    Path cluster;

    @Option(names = "--node", paramLabel = "URL", description = "a node's API address (repeat for each node)")
    List<String> urls = new ArrayList<>();

    @Option(names = "--from", description = "first block height to compare (default: ${DEFAULT-VALUE})")
    long from = 0;

    @Override
    public Integer call() throws Exception {
      List<org.govledger.client.ChainComparison.Peer> peers = new ArrayList<>();
      if (cluster != null) {
        for (ClusterMember m : org.govledger.consensus.raft.Cluster.read(cluster).members()) {
          String api = m.api().orElseThrow(() -> new IllegalArgumentException("node " + m.id()
              + " has no \"api\" address in " + cluster + "; give --node URL instead"));
          peers.add(new org.govledger.client.ChainComparison.Peer(m.id(),
              new org.govledger.client.GovLedgerClient(java.net.URI.create(api))));
        }
      }
      for (String u : urls) {
        var api = new org.govledger.client.GovLedgerClient(java.net.URI.create(u));
        // a cluster node names itself in its health; a solo node goes by its address
        String name = api.get("/api/v1/health").path("orderer").path("cluster").path("node")
            .asText(u);
        peers.add(new org.govledger.client.ChainComparison.Peer(name, api));
      }
      var comparison = new org.govledger.client.ChainComparison(peers);
      var result = comparison.run(from, h -> {
        if (h % 10_000 == 0 && h > 0) {
          System.err.println("  compared " + h + " blocks ...");
        }
      });
      if (result.agree()) {
        System.out.println("cluster check OK: " + peers.size() + " nodes have the same blocks "
            + result.from() + ".." + result.to());
        return 0;
      }
      System.out.println("cluster check FAILED over blocks " + result.from() + ".." + result.to() + ":");
      result.findings().forEach(f -> System.out.println("  " + f));
      return 1;
    }
  }

  @Command(name = "add-node", mixinStandardHelpOptions = true,
      description = {"Prepares a new node for a running cluster made by `cluster init`: its data"
          + " directory (the genesis, a new node key, a TLS certificate from the cluster's CA), its"
          + " entry in cluster.json, and DIR/ID/add-node.json, the governance proposal that lets it in.",
          "Then start it with --join, and have the admins submit the proposal (this prints both"
          + " commands); once the proposal is executed, the leader adds the node and it catches up."})
  static final class AddNode implements Callable<Integer> {
    @Option(names = "--dir", description = "cluster directory (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("cluster");

    @Option(names = "--id", required = true, description = "the new node's id")
    String id;

    @Option(names = "--host", description = "address it listens on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--raft-port", required = true, description = "its Raft port")
    int raftPort;

    @Option(names = "--api-port", required = true, description = "its HTTP port")
    int apiPort;

    @Override
    public Integer call() throws Exception {
      ClusterMember m = ClusterSetup.addNode(dir, id, host, raftPort, apiPort);
      ClusterSetup.Layout layout = ClusterSetup.open(dir);
      String leaderApi = layout.cluster().members().get(0).api().orElse("http://127.0.0.1:8081");
      System.out.println("node " + m.id() + " prepared in " + layout.dataDir(m.id()));
      System.out.println("1. start it:   ./govledger start --data " + layout.dataDir(m.id())
          + " --cluster " + layout.clusterFile() + " --id " + m.id() + " --port " + apiPort
          + " --join");
      System.out.println("2. let it in:  ./govledger submit --node " + leaderApi + " --key "
          + layout.dataDir(layout.cluster().members().get(0).id()).resolve("keys/admin.json")
          + " --type governance/propose --body @" + layout.dataDir(m.id()).resolve("add-node.json")
          + " --wait");
      System.out.println("   (with more than one admin required, the others approve the proposal)");
      return 0;
    }
  }
}
