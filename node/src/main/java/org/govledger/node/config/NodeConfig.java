package org.govledger.node.config;

import java.nio.file.Path;
import org.govledger.consensus.BlockCut;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.EngineOptions;
import org.govledger.ledger.tx.TransactionCodec;

/**
 * Everything a node needs to start, with the defaults in one place.
 *
 * @param dataDir where the store, genesis and keys live ({@code ./data})
 * @param host the address the HTTP server binds ({@code 127.0.0.1})
 * @param port the HTTP port ({@code 8080}; 0 picks a free one)
 * @param cut when a block is cut
 * @param mempoolCapacity transactions that may wait for a block before the API answers 503
 * @param maxTxBytes the largest transaction accepted
 * @param syncWrites whether each block is fsynced before it is acknowledged (only benchmarks turn
 *     this off)
 * @param demo whether to create demo keys, genesis and data in an empty data directory
 * @param engine engine options (how many blocks of state history stay provable)
 * @param demoSuite the crypto suite of a demo ledger created in an empty data directory
 * @param cluster the cluster this node is one of (empty: a single node with the solo orderer)
 */
public record NodeConfig(
    Path dataDir,
    String host,
    int port,
    BlockCut cut,
    int mempoolCapacity,
    int maxTxBytes,
    boolean syncWrites,
    boolean demo,
    EngineOptions engine,
    CryptoSuite demoSuite,
    java.util.Optional<ClusterPlace> cluster) {

  public static NodeConfig defaults() {
    return new NodeConfig(Path.of("data"), "127.0.0.1", 8080, BlockCut.DEFAULT, 50_000,
        TransactionCodec.DEFAULT_MAX_BYTES, true, true, EngineOptions.DEFAULT,
        CryptoSuite.ED25519_SHA256, java.util.Optional.empty());
  }

  public NodeConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (mempoolCapacity < 1) {
      throw new IllegalArgumentException("mempool capacity must be positive");
    }
  }

  public Path storeDir() {
    return dataDir.resolve("store");
  }

  public Path genesisFile() {
    return dataDir.resolve("genesis.json");
  }

  public Path keysDir() {
    return dataDir.resolve("keys");
  }

  /** The holder wallet store: its own RocksDB, apart from the ledger's. */
  public Path walletDir() {
    return dataDir.resolve("wallet");
  }

  /** The wallet store's master key (32 random bytes, created on first start). */
  public Path walletKeyFile() {
    return keysDir().resolve("wallet-master.key");
  }

  /**
   * Extra certificate types, one JSON file each, added to the built-in catalogue. Every node of
   * a ledger (and its audit) must see the same ones.
   */
  public Path catalogueDir() {
    return dataDir.resolve("catalogue");
  }

  public Path nodeKeyFile() {
    return keysDir().resolve("node.json");
  }

  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(dir, host, port, cut, mempoolCapacity, maxTxBytes, syncWrites, demo,
        engine, demoSuite, cluster);
  }

  public NodeConfig withPort(int p) {
    return new NodeConfig(dataDir, host, p, cut, mempoolCapacity, maxTxBytes, syncWrites, demo,
        engine, demoSuite, cluster);
  }

  public NodeConfig withDemoSuite(CryptoSuite suite) {
    return new NodeConfig(dataDir, host, port, cut, mempoolCapacity, maxTxBytes, syncWrites, demo,
        engine, suite, cluster);
  }

  public NodeConfig withCluster(ClusterPlace place) {
    return new NodeConfig(dataDir, host, port, cut, mempoolCapacity, maxTxBytes, syncWrites, demo,
        engine, demoSuite, java.util.Optional.of(place));
  }

  /** A cluster node's TLS key and certificate for Raft traffic, and the cluster's CA. */
  public Path tlsDir() {
    return dataDir.resolve("tls");
  }

  /** The Raft log of a cluster node. */
  public Path raftDir() {
    return dataDir.resolve("raft");
  }
}
