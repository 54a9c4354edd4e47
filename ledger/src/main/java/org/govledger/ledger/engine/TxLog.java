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
   */
  private java.util.Optional<byte[]> node(int level, long index) {
    if (level == 0) {
      return store.get(keys.tx(index)).map(tx -> MerkleHashing.leafHash(hash, tx));
    }
    return store.get(keys.merkleNode(level, index));
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
      if (n.level() > 0) {
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
