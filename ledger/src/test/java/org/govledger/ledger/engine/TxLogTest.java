package org.govledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.merkle.MerkleLog;
import org.govledger.ledger.merkle.TreeNode;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/** The stored log keeps only its upper nodes and recomputes the rest from the transactions. */
class TxLogTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();
  private final LedgerKeys keys = new LedgerKeys("test");
  private final MemoryStore store = new MemoryStore();

  @Test
  void proofs_fromAReopenedLog_equalThoseOfALogThatStoresEveryNode() throws Exception {
    Map<Long, byte[]> all = new HashMap<>();
    MerkleLog reference = MerkleLog.empty(SHA256, (level, index) ->
        Optional.ofNullable(all.get(((long) level << 56) | index)));
    TxLog log = new TxLog(SHA256, keys, store, 0);
    long size = 0;
    // Blocks of uneven sizes, so that appends start and end at every alignment.
    for (int block : new int[] {1, 3, 7, 16, 2, 31, 5, 1, 19}) {
      List<byte[]> txs = new ArrayList<>();
      WriteBatch batch = new WriteBatch();
      for (int i = 0; i < block; i++) {
        byte[] tx = ("tx " + (size + i)).getBytes(StandardCharsets.UTF_8);
        txs.add(tx);
        batch.put(keys.tx(size + i), tx);
      }
      TxLog.Appended appended = log.append(txs, batch);
      store.write(batch);
      log.install(appended);
      var r = reference.append(txs.stream().map(t -> MerkleHashing.leafHash(SHA256, t)).toList());
      for (TreeNode n : r.nodes()) {
        all.put(((long) n.level() << 56) | n.index(), n.hash());
      }
      reference = r.log();
      size += block;
      assertThat(appended.root()).isEqualTo(r.root());
    }

    TxLog reopened = new TxLog(SHA256, keys, store, size);
    for (long treeSize = 1; treeSize <= size; treeSize++) {
      assertThat(reopened.root(treeSize)).isEqualTo(reference.root(treeSize));
      for (long index = 0; index < treeSize; index++) {
        assertThat(reopened.inclusion(index, treeSize).path())
            .containsExactlyElementsOf(reference.inclusionProof(index, treeSize).path());
      }
      for (long older = 1; older <= treeSize; older++) {
        assertThat(reopened.consistency(older, treeSize).path())
            .containsExactlyElementsOf(reference.consistencyProof(older, treeSize).path());
      }
    }
  }

  @Test
  void append_storesNoNodeBelowTheLowestStoredLevel() {
    TxLog log = new TxLog(SHA256, keys, store, 0);
    List<byte[]> txs = new ArrayList<>();
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < 64; i++) {
      txs.add(new byte[] {(byte) i});
    }
    log.append(txs, batch);

    // 64 leaves have 4 + 2 + 1 complete subtrees at levels 4, 5 and 6.
    assertThat(batch.size()).isEqualTo(7);
  }
}
