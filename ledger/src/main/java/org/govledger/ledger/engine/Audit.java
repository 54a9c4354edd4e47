package org.govledger.ledger.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.block.NodeSignatures;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.merkle.Checkpoint;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * Re-verifies a ledger from genesis: replays every stored block into a fresh engine (checking every
 * signature and re-running every contract), requires each replayed header to equal the stored one,
 * checks every stored block's hash, node signature and checkpoint, and finally compares every
 * stored record with the replay's, so that one altered byte anywhere is found. Reports the first
 * bad block.
 */
public final class Audit {
  private final Store store;
  private final String ledger;
  private final List<Contract> contracts;
  private final ExecutorService pool;
  private final java.util.function.Supplier<Store> replayStores;

  /** What the audit found: how far it got, and the first problem if there is one. */
  public record Result(long blocks, long transactions, Optional<Finding> problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  /** A problem, at a block height when one can be named. */
  public record Finding(Optional<Long> height, String what) {
    @Override
    public String toString() {
      return height.map(h -> "block " + h + ": ").orElse("") + what;
    }
  }

  /** An audit that replays into memory: for tests and ledgers that fit in RAM. */
  public Audit(Store store, String ledger, List<Contract> contracts, ExecutorService pool) {
    this(store, ledger, contracts, pool, MemoryStore::new);
  }

  /**
   * An audit that replays into {@code replayStore}, which must be empty: a temporary RocksDB
   * directory lets a ledger larger than memory be audited.
   */
  public Audit(Store store, String ledger, List<Contract> contracts, ExecutorService pool,
      Store replayStore) {
    this(store, ledger, contracts, pool, () -> replayStore);
  }

  private Audit(Store store, String ledger, List<Contract> contracts, ExecutorService pool,
      java.util.function.Supplier<Store> replayStores) {
    this.store = store;
    this.ledger = ledger;
    this.contracts = List.copyOf(contracts);
    this.pool = pool;
    this.replayStores = replayStores;
  }

  /** Runs the audit; {@code progress} hears each height as it is checked. */
  public Result run(LongConsumer progress) {
    LedgerKeys keys = new LedgerKeys(ledger);
    Optional<byte[]> genesisBytes = store.get(keys.genesis());
    if (genesisBytes.isEmpty()) {
      return new Result(0, 0, Optional.of(new Finding(Optional.of(0L),
          "the store has no genesis document for ledger " + ledger)));
    }
    Genesis genesis;
    try {
      genesis = Genesis.fromJson(new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(genesisBytes.get()));
    } catch (java.io.IOException | RuntimeException e) {
      return new Result(0, 0, Optional.of(new Finding(Optional.of(0L),
          "the stored genesis document is damaged: " + e.getMessage())));
    }
    Store replayStore = replayStores.get();
    if (!replayStore.scan(new byte[0], new byte[] {(byte) 0xff}, 1).isEmpty()) {
      throw new IllegalArgumentException("the replay store must be empty");
    }
    EngineOptions options = store.get(keys.options())
        .map(b -> new EngineOptions(java.nio.ByteBuffer.wrap(b).getLong()))
        .orElse(EngineOptions.DEFAULT);
    Engine replay = Engine.open(replayStore, genesis, contracts,
        genesis.suite().generate(new SecureRandom()), pool, options);
    LedgerView stored;
    try {
      stored = LedgerView.open(store, genesis);
    } catch (RuntimeException e) {
      return new Result(0, 0, Optional.of(new Finding(Optional.empty(), e.getMessage())));
    }
    TransactionCodec codec = new TransactionCodec(genesis.suite().hash(), Integer.MAX_VALUE);
    long head = stored.head().height();
    long txs = 0;
    for (long h = 0; h <= head; h++) {
      Optional<String> bad = checkBlock(h, stored, replay, codec, keys);
      if (bad.isPresent()) {
        return new Result(h, txs, Optional.of(new Finding(Optional.of(h), bad.get())));
      }
      txs += replay.view().head().header().txCount();
      progress.accept(h);
    }
    copyOrdererPositions(keys, replayStore);
    Optional<Finding> diff = compareRecords(keys, replayStore, stored);
    return new Result(head + 1, txs, diff);
  }

  /**
   * Where a Raft log stands, and which entry made each block, is this node's bookkeeping, not
   * part of the chain: the replay has no log, so it takes the stored values as they are.
   */
  private void copyOrdererPositions(LedgerKeys keys, Store replayStore) {
    byte[] from = keys.ordererPosition();
    byte[] end = keys.ordererPositionsEnd();
    while (true) {
      List<Store.Entry> page = store.scan(from, end, 10_000);
      if (page.isEmpty()) {
        return;
      }
      WriteBatch copy = new WriteBatch();
      page.forEach(e -> copy.put(e.key(), e.value()));
      replayStore.write(copy);
      byte[] last = page.get(page.size() - 1).key();
      from = Arrays.copyOf(last, last.length + 1); // the next key after the last one copied
    }
  }

  private Optional<String> checkBlock(
      long h, LedgerView stored, Engine replay, TransactionCodec codec, LedgerKeys keys) {
    CommittedBlock block;
    try {
      block = stored.block(h).orElse(null);
    } catch (RuntimeException e) {
      return Optional.of("the stored block record is damaged: " + e.getMessage());
    }
    if (block == null) {
      return Optional.of("the block is missing from the store");
    }
    BlockHeader header = block.header();
    byte[] hash = stored.genesis().suite().hash().digest(header.canonicalBytes());
    if (!Arrays.equals(hash, block.hash())) {
      return Optional.of("the stored hash does not match the header: got "
          + HexFormat.of().formatHex(block.hash()) + ", header hashes to " + HexFormat.of().formatHex(hash));
    }
    Optional<String> sig = checkSignatures(block, replay.view());
    if (sig.isPresent()) {
      return sig;
    }
    if (h > 0) {
      List<Transaction> txs = new ArrayList<>();
      for (long i = header.firstLogIndex(); i < header.logSize(); i++) {
        Optional<byte[]> raw = store.get(keys.tx(i));
        if (raw.isEmpty()) {
          return Optional.of("transaction " + i + " of the log is missing");
        }
        try {
          txs.add(codec.decode(raw.get()));
        } catch (TxRejectedException e) {
          return Optional.of("transaction " + i + " of the log is damaged: " + e.getMessage());
        }
      }
      BlockOutcome outcome = replay.apply(new OrderedBatch(header.time(), header.proposer(), txs));
      if (!outcome.rejected().isEmpty()) {
        var first = outcome.rejected().entrySet().iterator().next();
        return Optional.of("transaction " + first.getKey() + " does not replay: "
            + first.getValue().message());
      }
    }
    BlockHeader replayed = replay.view().head().header();
    if (!replayed.equals(header)) {
      return Optional.of("stored header differs from the replayed one: " + difference(header, replayed));
    }
    return Optional.empty();
  }

  private Optional<String> checkSignatures(CommittedBlock block, LedgerView replayState) {
    var signer = Signers.lookup(replayState::stateValue, block.signer());
    if (signer.isEmpty() || !signer.get().hasRole(SignerRecord.ROLE_NODE)) {
      return Optional.of("signed by " + block.signer() + ", which is not a registered node key");
    }
    var suite = replayState.genesis().suite();
    byte[] pk = signer.get().publicKey();
    try {
      suite.verifier(pk).verify(block.header().canonicalBytes(), block.signature());
      Checkpoint cp = Checkpoint.open(block.checkpoint(), NodeSignatures.origin(ledger),
          NodeSignatures.noteVerifier(ledger, suite, pk));
      if (cp.size() != block.header().logSize()
          || !Arrays.equals(cp.rootHash(), block.header().txRoot())) {
        return Optional.of("checkpoint (size " + cp.size() + ") does not match the header (size "
            + block.header().logSize() + ")");
      }
    } catch (VerificationException e) {
      return Optional.of("node signature or checkpoint does not verify: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static String difference(BlockHeader want, BlockHeader got) {
    if (want.logSize() != got.logSize()) {
      return "log size " + want.logSize() + " stored, " + got.logSize() + " replayed";
    }
    if (!Arrays.equals(want.txRoot(), got.txRoot())) {
      return "transaction root differs (the block's transactions were altered)";
    }
    if (!Arrays.equals(want.stateRoot(), got.stateRoot())) {
      return "state root differs";
    }
    if (!Arrays.equals(want.previous(), got.previous())) {
      return "previous-block hash differs";
    }
    return "stored " + want.toJson() + ", replayed " + got.toJson();
  }

  /** Every record but the block records (whose signatures differ) must equal the replay's. */
  private Optional<Finding> compareRecords(LedgerKeys keys, Store replayStore, LedgerView stored) {
    byte[] from = keys.genesis();
    from = Arrays.copyOf(from, from.length - 1);
    byte[] to = BlockState.prefixEnd(from);
    int batch = 10_000;
    byte[] cursor = from;
    while (true) {
      List<Store.Entry> a = store.scan(cursor, to, batch);
      List<Store.Entry> b = replayStore.scan(cursor, to, batch);
      int n = Math.min(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        Store.Entry x = a.get(i);
        Store.Entry y = b.get(i);
        if (!Arrays.equals(x.key(), y.key()) || !Arrays.equals(x.value(), y.value())) {
          byte[] k = Arrays.compareUnsigned(x.key(), y.key()) <= 0 ? x.key() : y.key();
          if (k[from.length] == 'b' && Arrays.equals(x.key(), y.key())) {
            continue; // block records: checked header by header above
          }
          return Optional.of(new Finding(Optional.empty(),
              "stored record " + describe(k, from.length) + " differs from the replay"));
        }
      }
      if (a.size() != b.size()) {
        List<Store.Entry> longer = a.size() > b.size() ? a : b;
        return Optional.of(new Finding(Optional.empty(), "record "
            + describe(longer.get(n).key(), from.length) + " is only in the "
            + (longer == a ? "store" : "replay")));
      }
      if (a.size() < batch) {
        return Optional.empty();
      }
      byte[] last = a.get(a.size() - 1).key();
      cursor = Arrays.copyOf(last, last.length + 1);
    }
  }

  private static String describe(byte[] key, int prefixLength) {
    char table = (char) key[prefixLength];
    String rest = HexFormat.of().formatHex(key, prefixLength + 1, key.length);
    return switch (table) {
      case 't' -> "log entry " + Long.parseLong(rest, 16);
      case 'i' -> "tx index " + rest;
      case 'm' -> "Merkle node " + rest;
      case 's' -> "state value " + new String(key, prefixLength + 1, key.length - prefixLength - 1,
          java.nio.charset.StandardCharsets.UTF_8);
      case 'n' -> "state tree node " + rest;
      default -> "'" + table + "' " + rest;
    };
  }
}
