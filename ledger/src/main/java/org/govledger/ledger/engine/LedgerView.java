package org.govledger.ledger.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.merkle.ConsistencyProof;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.state.StateProof;
import org.govledger.ledger.state.VersionNotAvailableException;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxId;

/**
 * Read access to one ledger: blocks, transactions, proofs and state, all as of committed blocks.
 * Thread-safe; what it returns never changes once returned, because committed data is immutable
 * and {@link #head()} moves only after a block's write is durable.
 */
public final class LedgerView {
  private final Store store;
  private final Genesis genesis;
  private final LedgerKeys keys;
  private final TxLog log;
  private final WorldState state;
  private final TransactionCodec codec;
  private volatile CommittedBlock head;

  private LedgerView(Store store, Genesis genesis, Optional<CommittedBlock> head) {
    this.store = store;
    this.genesis = genesis;
    this.keys = new LedgerKeys(genesis.ledger());
    this.head = head.orElse(null);
    this.log = new TxLog(genesis.suite().hash(), keys, store,
        head.map(h -> h.header().logSize()).orElse(0L));
    this.state = new WorldState(genesis.suite().hash(), keys, store);
    // Committed transactions passed the size limit when admitted; no need to check it again.
    this.codec = new TransactionCodec(genesis.suite().hash(), Integer.MAX_VALUE);
  }

  static LedgerView open(Store store, Genesis genesis) {
    LedgerKeys keys = new LedgerKeys(genesis.ledger());
    Optional<byte[]> stored = store.get(keys.genesis());
    if (stored.isPresent() && !Arrays.equals(stored.get(), genesis.canonicalBytes())) {
      throw new IllegalStateException("the store holds ledger " + genesis.ledger()
          + " with a different genesis document; point the node at the matching genesis or at"
          + " an empty data directory");
    }
    Optional<CommittedBlock> head = store.get(keys.head())
        .map(h -> ByteBuffer.wrap(h).getLong())
        .map(h -> store.get(keys.block(h)).orElseThrow(() -> new IllegalStateException(
            "store is damaged: head block " + h + " is missing; run govledger audit")))
        .map(CommittedBlock::decode);
    return new LedgerView(store, genesis, head);
  }

  boolean isEmpty() {
    return head == null;
  }

  void advance(CommittedBlock block, TxLog.Appended appended) {
    if (appended != null) {
      log.install(appended);
    }
    head = block;
  }

  Store store() {
    return store;
  }

  LedgerKeys keys() {
    return keys;
  }

  TxLog log() {
    return log;
  }

  WorldState worldState() {
    return state;
  }

  public Genesis genesis() {
    return genesis;
  }

  /** The last committed block. */
  public CommittedBlock head() {
    return head;
  }

  public Optional<CommittedBlock> block(long height) {
    if (height < 0 || height > head.height()) {
      return Optional.empty();
    }
    return store.get(keys.block(height)).map(CommittedBlock::decode);
  }

  /** Where transaction {@code id} is in the log, if it is committed. */
  public Optional<TxLocation> locate(TxId id) {
    return store.get(keys.txIndex(id.bytes())).map(b -> {
      ByteBuffer buf = ByteBuffer.wrap(b);
      return new TxLocation(buf.getLong(), buf.getLong());
    }).filter(loc -> holds(loc, id));
  }

  /**
   * Whether the transaction at {@code loc} has id {@code id}: the index is keyed by a prefix of the
   * id, so an entry found could belong to another transaction sharing that prefix. Only lookups
   * that find something pay for this check, and most lookups (the replay check of every new
   * transaction) find nothing.
   */
  private boolean holds(TxLocation loc, TxId id) {
    return store.get(keys.tx(loc.logIndex()))
        .map(raw -> codec.decode(raw).id().equals(id))
        .orElse(false);
  }

  /** The canonical signed bytes of the transaction at {@code logIndex}. */
  public Optional<byte[]> transaction(long logIndex) {
    if (logIndex < 0 || logIndex >= head.header().logSize()) {
      return Optional.empty();
    }
    return store.get(keys.tx(logIndex));
  }

  /** Proof that entry {@code logIndex} is in the log of size {@code size}. */
  public InclusionProof inclusionProof(long logIndex, long size) {
    checkSize(size);
    if (logIndex < 0 || logIndex >= size) {
      throw new IllegalArgumentException(
          "log index " + logIndex + " is not below tree size " + size);
    }
    return log.inclusion(logIndex, size);
  }

  /** Proof that the log of size {@code size1} is a prefix of the log of size {@code size2}. */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "need 0 <= size1 <= size2, got size1 " + size1 + ", size2 " + size2);
    }
    return log.consistency(size1, size2);
  }

  public byte[] logRoot(long size) {
    checkSize(size);
    return log.root(size);
  }

  private void checkSize(long size) {
    long current = head.header().logSize();
    if (size > current) {
      throw new IllegalArgumentException(
          "tree size " + size + " is beyond the log's current size " + current);
    }
  }

  /** The committed value of a world-state key. */
  public Optional<byte[]> stateValue(byte[] key) {
    return store.get(keys.stateValue(key));
  }

  /**
   * Committed world-state entries with keys from {@code from} (inclusive) to before {@code
   * prefixEnd} of {@code prefix}, in key order, at most {@code limit}: a page of a registry. Pass
   * the last key seen plus a zero byte as {@code from} for the next page.
   */
  public java.util.List<org.govledger.ledger.contract.TxContext.StateEntry> scanState(
      byte[] prefix, byte[] from, int limit) {
    int strip = keys.stateValuePrefixLength();
    java.util.List<org.govledger.ledger.contract.TxContext.StateEntry> out = new java.util.ArrayList<>();
    byte[] start = Arrays.compareUnsigned(from, prefix) < 0 ? prefix : from;
    for (Store.Entry e : store.scan(keys.stateValue(start), keys.stateValue(BlockState.prefixEnd(prefix)), limit)) {
      byte[] k = e.key();
      out.add(new org.govledger.ledger.contract.TxContext.StateEntry(
          Arrays.copyOfRange(k, strip, k.length), e.value()));
    }
    return out;
  }

  /** Proof of a key's value, or its absence, after block {@code height}. */
  public StateProof stateProof(byte[] key, long height) throws VersionNotAvailableException {
    if (height < 0 || height > head.height()) {
      throw new IllegalArgumentException(
          "height " + height + " is not between 0 and the head " + head.height());
    }
    return state.prove(key, height);
  }
}
