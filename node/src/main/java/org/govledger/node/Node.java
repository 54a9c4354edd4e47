package org.govledger.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.consensus.SoloOrderer;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.node.config.NodeConfig;
import org.govledger.node.http.HttpApi;
import org.govledger.node.metrics.NodeMetrics;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: the one place where store, engine, orderer and HTTP API are wired together. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final RocksDbStore store;
  private final ExecutorService verifyPool;
  private final Engine engine;
  private final SoloOrderer orderer;
  private final HttpApi api;
  private final int port;

  private Node(NodeConfig config) throws IOException {
    boolean fresh = config.demo() && DemoSetup.ensure(config, config.demoSuite());
    Genesis genesis = DemoSetup.readGenesis(config.genesisFile());
    SigningKey nodeKey = KeyFile.read(config.nodeKeyFile());
    store = RocksDbStore.open(config.storeDir(), RocksDbConfig.defaults().withSync(config.syncWrites()));
    verifyPool = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), daemonThreads("verify"));
    List<Contract> contracts = List.of(new AnchorContract());
    engine = Engine.open(store, genesis, contracts, nodeKey, verifyPool, config.engine());
    orderer = new SoloOrderer(engine, config.cut(), config.mempoolCapacity(), Clock.systemUTC());
    TransactionCodec codec = new TransactionCodec(genesis.suite().hash(), config.maxTxBytes());
    NodeMetrics metrics = new NodeMetrics(engine.view(), orderer, store::diskBytes);
    api = new HttpApi(engine, orderer, codec, metrics);
    port = api.start(config.host(), config.port());
    LOG.info("ledger {} at height {}, node key {}, listening on http://{}:{}",
        genesis.ledger(), engine.view().head().height(), engine.nodeKeyId(), config.host(), port);
    if (fresh) {
      addDemoData(config);
    }
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
    for (int i = 0; i < 5; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      ObjectNode body = mapper.createObjectNode();
      body.put("digest", HexFormat.of().formatHex(digest));
      body.put("note", "demo document " + (i + 1));
      var tx = client.sign("anchor/put", body);
      engine.admit(tx);
      orderer.submit(tx).join();
    }
    LOG.info("demo data: 5 anchored digests; keys are in {}", config.keysDir());
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
  }
}
