package org.govledger.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.consensus.Orderer;
import org.govledger.consensus.SoloOrderer;
import org.govledger.consensus.raft.Cluster;
import org.govledger.consensus.raft.NodeTls;
import org.govledger.consensus.raft.RaftOrderer;
import org.govledger.consensus.raft.RaftTimeouts;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.node.billing.BillingRoutes;
import org.govledger.node.certificate.CertificateRoutes;
import org.govledger.node.consent.PresentationRoutes;
import org.govledger.node.consent.QrRoutes;
import org.govledger.node.consent.SharingRoutes;
import org.govledger.node.delegation.DelegationRoutes;
import org.govledger.node.config.NodeConfig;
import org.govledger.node.wallet.WalletKey;
import org.govledger.node.wallet.WalletRoutes;
import org.govledger.node.wallet.WalletStore;
import org.govledger.services.certificate.CertificateVerifier;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.node.http.HttpApi;
import org.govledger.node.http.ProofOfPossession;
import org.govledger.node.metrics.NodeMetrics;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: the one place where store, engine, orderer and HTTP API are wired together. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final RocksDbStore store;
  private final RocksDbStore walletStore;
  private final ExecutorService verifyPool;
  private final Engine engine;
  private final Orderer orderer;
  private final NodeConfig config;
  private final Genesis genesis;
  private final Catalogue catalogue;
  private final WalletStore wallet;
  private final HttpApi api;
  private final int port;

  private Node(NodeConfig config) throws IOException {
    this.config = config;
    // A cluster's nodes must share one genesis, so a cluster node never makes its own.
    boolean fresh = config.cluster().isEmpty() && config.demo()
        && DemoSetup.ensure(config, config.demoSuite());
    if (config.cluster().isPresent() && !java.nio.file.Files.exists(config.genesisFile())) {
      throw new IOException("no genesis document at " + config.genesisFile() + ": every node of"
          + " a cluster starts from the same genesis.json and its own keys/node.json; `govledger"
          + " cluster init` makes them");
    }
    genesis = DemoSetup.readGenesis(config.genesisFile());
    SigningKey nodeKey = KeyFile.read(config.nodeKeyFile());
    store = RocksDbStore.open(config.storeDir(), RocksDbConfig.defaults().withSync(config.syncWrites()));
    verifyPool = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), daemonThreads("verify"));
    catalogue = Contracts.catalogue(config);
    List<Contract> contracts = Contracts.forLedger(genesis.suite(), catalogue);
    engine = Engine.open(store, genesis, contracts, nodeKey, verifyPool, config.engine());
    orderer = config.cluster().isPresent()
        ? raftOrderer(config, engine)
        : new SoloOrderer(engine, config.cut(), config.mempoolCapacity(), Clock.systemUTC());
    TransactionCodec codec = new TransactionCodec(genesis.suite().hash(), config.maxTxBytes());
    NodeMetrics metrics = new NodeMetrics(engine.view(), orderer, store::diskBytes);
    walletStore = RocksDbStore.open(config.walletDir(), RocksDbConfig.defaults().withSync(config.syncWrites()));
    wallet = new WalletStore(walletStore, WalletKey.readOrCreate(config.walletKeyFile()),
        new SecureRandom(), walletStore::compact);
    CertificateVerifier verifier = new CertificateVerifier(catalogue, engine.view(), Clock.systemUTC());
    ProofOfPossession proofs = new ProofOfPossession(Clock.systemUTC());
    LocalSubmitter submitter = new LocalSubmitter(engine, orderer);
    api = new HttpApi(engine, orderer, codec, metrics, List.of(
        new CertificateRoutes(engine.view(), catalogue, verifier),
        new WalletRoutes(wallet, engine.view(), catalogue, verifier, proofs, Clock.systemUTC()),
        new PresentationRoutes(engine.view(), catalogue, verifier, submitter, Clock.systemUTC()),
        new SharingRoutes(wallet, engine.view(), verifier, submitter, proofs, Clock.systemUTC()),
        new DelegationRoutes(engine.view(), wallet, verifier, submitter, proofs, Clock.systemUTC()),
        new BillingRoutes(engine.view(), wallet, submitter, proofs, Clock.systemUTC()),
        new QrRoutes()));
    port = api.start(config.host(), config.port());
    LOG.info("ledger {} at height {}, node key {}, listening on http://{}:{}",
        genesis.ledger(), engine.view().head().height(), engine.nodeKeyId(), config.host(), port);
    if (fresh) {
      seedDemoData();
    }
  }

  /**
   * Adds the demo records (anchored digests, agencies, holders, certificates) through this node.
   * A solo node does it when it creates a demo ledger; a demo cluster does it once, through its
   * first node, when all its nodes are up.
   */
  public void seedDemoData() throws IOException {
    addDemoData(config);
    new DemoCertificates(config, genesis, catalogue, this::commitAll, wallet).create();
  }

  /** How this node orders transactions (solo, or its place in a Raft cluster). */
  public Orderer orderer() {
    return orderer;
  }

  private static Orderer raftOrderer(NodeConfig config, Engine engine) throws IOException {
    var place = config.cluster().orElseThrow();
    Cluster cluster = Cluster.read(place.clusterFile());
    Optional<NodeTls> tls = Optional.of(NodeTls.read(config.tlsDir()));
    return place.joining()
        ? RaftOrderer.join(engine, cluster, place.nodeId(), config.raftDir(), tls, config.cut(),
            config.mempoolCapacity(), RaftTimeouts.DEFAULT, place.retention(), Clock.systemUTC())
        : RaftOrderer.start(engine, cluster, place.nodeId(), config.raftDir(), tls, config.cut(),
            config.mempoolCapacity(), RaftTimeouts.DEFAULT, place.retention(), Clock.systemUTC());
  }

  /** Starts a node; creates demo keys and genesis first if the config asks and none exist. */
  public static Node start(NodeConfig config) throws IOException {
    return new Node(config);
  }

  public int port() {
    return port;
  }

  public Engine engine() {
    return engine;
  }

  /** A few anchored digests, so that a new demo ledger has blocks to look at. */
  private void addDemoData(NodeConfig config) throws IOException {
    TxSigner client = new TxSigner(DemoSetup.DEMO_LEDGER,
        KeyFile.read(config.keysDir().resolve("client.json")));
    SecureRandom random = new SecureRandom();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    List<org.govledger.ledger.tx.Transaction> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      ObjectNode body = mapper.createObjectNode();
      body.put("digest", HexFormat.of().formatHex(digest));
      body.put("note", "demo document " + (i + 1));
      txs.add(client.sign("anchor/put", body));
    }
    commitAll(txs);
    LOG.info("demo data: 5 anchored digests; keys are in {}", config.keysDir());
  }

  /**
   * Submits transactions in this order, then waits until all are committed; a refusal is
   * thrown. Submitted together they share blocks, so demo data does not wait a block cut per
   * transaction.
   */
  private void commitAll(List<org.govledger.ledger.tx.Transaction> txs) {
    List<java.util.concurrent.CompletableFuture<org.govledger.consensus.TxOutcome>> pending =
        new java.util.ArrayList<>();
    for (var tx : txs) {
      engine.admit(tx);
      while (true) {
        try {
          pending.add(orderer.submit(tx));
          break;
        } catch (org.govledger.consensus.MempoolFullException e) {
          if (pending.isEmpty()) {
            throw e; // a mempool that cannot hold even one transaction
          }
          awaitCommitted(pending); // a small mempool: let what is waiting commit, then go on
        }
      }
    }
    awaitCommitted(pending);
  }

  private static void awaitCommitted(
      List<java.util.concurrent.CompletableFuture<org.govledger.consensus.TxOutcome>> pending) {
    for (var f : pending) {
      if (f.join() instanceof org.govledger.consensus.TxOutcome.Refused r) {
        throw new IllegalStateException("demo transaction " + r.id() + " was refused: "
            + r.rejection().code() + ": " + r.rejection().message());
      }
    }
    pending.clear();
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    api.close();
    orderer.close();
    verifyPool.shutdown();
    store.close();
    walletStore.close();
  }
}
