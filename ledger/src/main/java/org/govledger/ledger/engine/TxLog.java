package org.govledger.ledger.engine;

import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.merkle.AppendResult;
import org.govledger.ledger.merkle.ConsistencyProof;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.merkle.MerkleLog;
import org.govledger.ledger.merkle.TreeNode;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/**
 * The ledger's Merkle log of transactions, kept in the store. Appending computes the new nodes
 * into the caller's batch without changing what readers see; {@link #install} switches to the new
 * size once the batch is durable.
 */
final class TxLog {
  /**
   * The lowest level of stored nodes. Nodes below it are recomputed from the transactions they
   * cover (at most 8): there are as many of them as transactions, and storing them took about 33
   * bytes per transaction on disk; a proof now reads 15 transactions from one 16-aligned run instead.
   */
  static final int LOWEST_STORED_LEVEL = 4;

  private final HashFunction hash;
  private final LedgerKeys keys;
  private final Store store;
  private volatile MerkleLog log;

  TxLog(HashFunction hash, LedgerKeys keys, Store store, long size) {
    this.hash = hash;
    this.keys = keys;
    this.store = store;
    this.log = MerkleLog.open(hash, this::node, size);
  }

  /**
   * A complete subtree's hash. Leaf hashes (level 0) are not stored: they are the hash of the
   * stored transaction, so storing them would only cost a write and 46 bytes per transaction.
   * Levels 1 to {@link #LOWEST_STORED_LEVEL} - 1 are hashed from their transactions, read in one
   * scan.
   */
  private java.util.Optional<byte[]> node(int level, long index) {
    if (level >= LOWEST_STORED_LEVEL) {
      return store.get(keys.merkleNode(level, index));
    }
    long first = index << level;
    int count = 1 << level;
    List<Store.Entry> txs = store.scan(keys.tx(first), keys.tx(first + count), count);
    if (txs.size() != count) {
      return java.util.Optional.empty();
    }
    List<byte[]> layer = new ArrayList<>(count);
    for (Store.Entry tx : txs) {
      layer.add(MerkleHashing.leafHash(hash, tx.value()));
    }
    while (layer.size() > 1) {
      List<byte[]> up = new ArrayList<>(layer.size() / 2);
      for (int i = 0; i < layer.size(); i += 2) {
        up.add(MerkleHashing.nodeHash(hash, layer.get(i), layer.get(i + 1)));
      }
      layer = up;
    }
    return java.util.Optional.of(layer.get(0));
  }

  /** The new size and root, and the log to install once the batch is written. */
  record Appended(long size, byte[] root, MerkleLog next) {}

  Appended append(List<byte[]> leafData, WriteBatch batch) {
    List<byte[]> leafHashes = new ArrayList<>(leafData.size());
    for (byte[] d : leafData) {
      leafHashes.add(MerkleHashing.leafHash(hash, d));
    }
    AppendResult r = log.append(leafHashes);
    for (TreeNode n : r.nodes()) {
      if (n.level() >= LOWEST_STORED_LEVEL) {
        batch.put(keys.merkleNode(n.level(), n.index()), n.hash());
      }
    }
    return new Appended(r.size(), r.root(), r.log());
  }

  void install(Appended appended) {
    log = appended.next();
  }

  long size() {
    return log.size();
  }

  byte[] emptyRoot() {
    return MerkleHashing.emptyRoot(hash);
  }

  byte[] root(long size) {
    return log.root(size);
  }

  InclusionProof inclusion(long index, long size) {
    return log.inclusionProof(index, size);
  }

  ConsistencyProof consistency(long size1, long size2) {
    return log.consistencyProof(size1, size2);
  }
}
