package org.govledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.EngineOptions;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;

/**
 * Replays the blocks of a stored ledger (say, one a {@code govledger bench} run left with {@code
 * --work-dir}) into a fresh store with this code, then prints its {@link DiskBreakdown}. The same
 * transactions in the same blocks every time, so that two versions of the storage code can be
 * compared on equal terms; the bench itself commits more or fewer transactions, in larger or
 * smaller blocks, depending on how busy the machine is.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.govledger.bench.ReplayDisk SOURCE_STORE TARGET_DIR
 * </pre>
 *
 * Only the anchor and governance contracts are loaded: the few transactions of other contracts
 * (demo data) are refused and left out, which does not change the figures per transaction.
 */
public final class ReplayDisk {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplayDisk() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ReplayDisk SOURCE_STORE TARGET_DIR");
      System.exit(2);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    long committed = 0;
    try (RocksDbStore source = RocksDbStore.open(Path.of(args[0]), RocksDbConfig.defaults());
        RocksDbStore target =
            RocksDbStore.open(Path.of(args[1]), RocksDbConfig.defaults().withSync(false))) {
      byte[] genesisBytes = source.get(key("demo", 'g', new byte[0])).orElseThrow();
      Genesis genesis = Genesis.fromJson(MAPPER.readTree(genesisBytes));
      String ledger = genesis.ledger();
      long history = source.get(key(ledger, 'o', new byte[0]))
          .map(b -> ByteBuffer.wrap(b).getLong()).orElse(EngineOptions.DEFAULT.stateHistoryBlocks());
      Engine engine = Engine.open(target, genesis, List.of(new AnchorContract()),
          genesis.suite().generate(new SecureRandom()), pool, new EngineOptions(history));
      TransactionCodec codec = new TransactionCodec(genesis.suite().hash(), Integer.MAX_VALUE);
      long head = ByteBuffer.wrap(source.get(key(ledger, 'h', new byte[0])).orElseThrow()).getLong();
      for (long h = 1; h <= head; h++) {
        byte[] raw = source.get(key(ledger, 'b', ByteBuffer.allocate(8).putLong(h).array()))
            .orElseThrow();
        BlockHeader header = BlockHeader.fromJson(MAPPER.readTree(raw).path("header"));
        List<Transaction> txs = new ArrayList<>();
        for (long i = header.firstLogIndex(); i < header.logSize(); i++) {
          Optional<byte[]> tx = source.get(key(ledger, 't', ByteBuffer.allocate(8).putLong(i).array()));
          txs.add(codec.decode(tx.orElseThrow()));
        }
        committed += engine.apply(new OrderedBatch(header.time(), header.proposer(), txs))
            .committed().size();
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("replayed %,d transactions%n", committed);
    DiskBreakdown.report(Path.of(args[1]), committed);
  }

  private static byte[] key(String ledger, char table, byte[] rest) {
    byte[] id = ledger.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(id.length + 2 + rest.length)
        .put(id).put((byte) 0).put((byte) table).put(rest).array();
  }
}
