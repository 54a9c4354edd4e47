package org.govledger.consensus.raft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.consensus.BlockCut;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;

/**
 * Three nodes in this JVM, each with its own engine and store, ordering through real Ratis
 * servers on loopback ports. A node can be stopped and started again on the same store and Raft
 * log, as after a crash of the process.
 */
final class RaftTestCluster implements AutoCloseable {
  static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;
  static final RaftTimeouts FAST = new RaftTimeouts(300, 600, 2_000, 20);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "verify");
    t.setDaemon(true);
    return t;
  });
  final Cluster cluster;
  final Genesis genesis;
  final SigningKey client;
  private final List<SigningKey> nodeKeys = new ArrayList<>();
  final List<MemoryStore> stores = new ArrayList<>();
  final List<Engine> engines = new ArrayList<>();
  final List<RaftOrderer> orderers = new ArrayList<>();
  private final Path dir;
  private final AtomicLong nonce = new AtomicLong();

  private final List<Optional<NodeTls>> tls = new ArrayList<>();

  private final LogRetention retention;

  RaftTestCluster(Path dir, int size) throws IOException {
    this(dir, size, false, -1, LogRetention.DEFAULT);
  }

  RaftTestCluster(Path dir, int size, LogRetention retention) throws IOException {
    this(dir, size, false, -1, retention);
  }

  /**
   * With {@code withTls}, every node gets a certificate from the cluster's CA, except node
   * {@code foreign} (0-based; -1 for none), whose certificate and trusted CA are another's.
   */
  RaftTestCluster(Path dir, int size, boolean withTls, int foreign) throws IOException {
    this(dir, size, withTls, foreign, LogRetention.DEFAULT);
  }

  private RaftTestCluster(Path dir, int size, boolean withTls, int foreign, LogRetention retention)
      throws IOException {
    this.dir = dir;
    this.retention = retention;
    SecureRandom random = new SecureRandom();
    List<ClusterMember> members = new ArrayList<>();
    List<SignerRecord> signers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new ClusterMember("n" + (i + 1), "127.0.0.1", freePort(), Optional.empty()));
      SigningKey key = SUITE.generate(random);
      nodeKeys.add(key);
      signers.add(Genesis.signer(SUITE, key.publicKey(), "node " + (i + 1), Set.of(SignerRecord.ROLE_NODE)));
    }
    SigningKey admin = SUITE.generate(random);
    client = SUITE.generate(random);
    signers.add(Genesis.signer(SUITE, admin.publicKey(), "admin", Set.of(SignerRecord.ROLE_ADMIN)));
    signers.add(Genesis.signer(SUITE, client.publicKey(), "client", Set.of(SignerRecord.ROLE_CLIENT)));
    genesis = new Genesis("raft-test", SUITE, 1_767_225_600_000L, 1, signers);
    cluster = new Cluster(members);
    ClusterAuthority ours = ClusterAuthority.create(genesis.ledger(), random);
    ClusterAuthority theirs = ClusterAuthority.create("elsewhere", random);
    for (int i = 0; i < size; i++) {
      tls.add(withTls
          ? Optional.of((i == foreign ? theirs : ours).issue(members.get(i)))
          : Optional.empty());
    }
    for (int i = 0; i < size; i++) {
      stores.add(new MemoryStore());
      engines.add(null);
      orderers.add(null);
      start(i);
    }
  }

  void start(int i) throws IOException {
    Engine engine = Engine.open(stores.get(i), genesis, List.of(new AnchorContract()),
        nodeKeys.get(i), pool);
    engines.set(i, engine);
    orderers.set(i, RaftOrderer.start(engine, cluster, "n" + (i + 1), dir.resolve("n" + (i + 1)),
        tls.get(i),
        new BlockCut(500, 5), 10_000, FAST, retention, Clock.systemUTC()));
  }

  void stop(int i) {
    orderers.get(i).close();
  }

  Transaction anchor(String text) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("digest", HexFormat.of().formatHex(SUITE.hash().digest(text.getBytes())));
    UnsignedTransaction u = UnsignedTransaction.of(genesis.ledger(), TxType.parse("anchor/put"),
        body, KeyId.of(SUITE, client.publicKey()), "n" + nonce.incrementAndGet());
    return Transaction.sign(u, client, SUITE.hash());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (RaftOrderer o : orderers) {
      if (o != null) {
        o.close();
      }
    }
    pool.shutdown();
  }
}
