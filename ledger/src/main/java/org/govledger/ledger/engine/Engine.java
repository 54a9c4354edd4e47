package org.govledger.ledger.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.governance.GovernanceContract;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.state.TreeUpdate;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxId;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.ledger.tx.UnsignedTransaction;

/**
 * Validates, executes and commits: the one place where the ledger changes. Orderers (solo or
 * Raft) feed it {@link OrderedBatch}es through {@link #apply}, one at a time, in order; it checks
 * signatures in parallel, runs each transaction's contract on one thread, and writes the block, its
 * transactions, their index entries, the Merkle log's new nodes and the state changes in one
 * atomic store write. Reads go through {@link LedgerView}.
 */
public final class Engine {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);

  private final LedgerView view;
  private final Store store;
  private final LedgerKeys keys;
  private final Map<String, Contract> contracts;
  private final SigningKey nodeKey;
  private final SignatureCheck signatures;
  private final BlockSealer sealer;
  private final SignerDirectory signers;
  private final EngineOptions options;
  /** Checks signatures, and rebuilds half the state tree of a big block. */
  private final ExecutorService pool;

  private Engine(LedgerView view, Map<String, Contract> contracts, SigningKey nodeKey,
      ExecutorService pool, EngineOptions options) {
    this.view = view;
    this.options = options;
    this.pool = pool;
    this.store = view.store();
    this.keys = view.keys();
    this.contracts = contracts;
    this.nodeKey = nodeKey;
    this.signatures = new SignatureCheck(view.genesis().suite(), pool, 1 << 20);
    this.sealer = new BlockSealer(view.genesis(), nodeKey);
    this.signers = new SignerDirectory(view);
  }

  /**
   * Opens the ledger {@code genesis} names in {@code store}, creating its genesis block if the
   * store does not have it yet.
   *
   * @param contracts the contracts besides governance, which is always there (a {@link
   *     GovernanceContract} in the list, built with the services' change kinds, replaces the
   *     default one)
   * @param nodeKey this node's key, which signs blocks and checkpoints
   * @param verifyPool where signatures are checked in parallel
   * @throws IllegalStateException if the store holds this ledger with another genesis
   */
  public static Engine open(
      Store store,
      Genesis genesis,
      List<Contract> contracts,
      SigningKey nodeKey,
      ExecutorService verifyPool) {
    return open(store, genesis, contracts, nodeKey, verifyPool, EngineOptions.DEFAULT);
  }

  /** As {@link #open(Store, Genesis, List, SigningKey, ExecutorService)}, with options. */
  public static Engine open(
      Store store,
      Genesis genesis,
      List<Contract> contracts,
      SigningKey nodeKey,
      ExecutorService verifyPool,
      EngineOptions options) {
    Map<String, Contract> byName = new LinkedHashMap<>();
    byName.put(GovernanceContract.NAME, new GovernanceContract(genesis.suite()));
    boolean ownGovernance = false;
    for (Contract c : contracts) {
      if (c instanceof GovernanceContract && !ownGovernance) {
        ownGovernance = true; // a governance that carries services' changes replaces the default
        byName.put(c.name(), c);
      } else if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two contracts are named " + c.name());
      }
    }
    LedgerView view = LedgerView.open(store, genesis);
    Engine engine = new Engine(view, byName, nodeKey, verifyPool, options);
    if (view.isEmpty()) {
      engine.writeGenesis();
    }
    byte[] stored = ByteBuffer.allocate(8).putLong(options.stateHistoryBlocks()).array();
    if (!java.util.Arrays.equals(store.get(view.keys().options()).orElse(null), stored)) {
      // Audit replays with the same options, so that its pruned state equals the store's.
      store.write(new WriteBatch().put(view.keys().options(), stored));
    }
    return engine;
  }

  public EngineOptions options() {
    return options;
  }

  public LedgerView view() {
    return view;
  }

  /** This node's public key, which anyone can use to check its blocks and checkpoints. */
  public byte[] nodePublicKey() {
    return nodeKey.publicKey();
  }

  public KeyId nodeKeyId() {
    return KeyId.of(view.genesis().suite(), nodeKey.publicKey());
  }

  /**
   * Checks what can be checked before ordering: right ledger, not already committed, a known
   * signer, a valid signature. Thread-safe; the node calls it on the request thread, so signature
   * checks spread over all cores.
   *
   * @throws TxRejectedException naming the problem
   */
  public void admit(Transaction tx) {
    checkLedger(tx);
    if (view.locate(tx.id()).isPresent()) {
      throw duplicate(tx.id());
    }
    SignerRecord signer = signers.committed(tx.signer())
        .orElseThrow(() -> unknownSigner(tx.signer()));
    signatures.verifyAndRemember(tx, signer);
  }

  /**
   * Signs {@code unsigned} with this node's key and admits it, without checking the signature it
   * has just made: for the transactions a node submits itself (a consent carried for a holder, an
   * access record). Checking would cost a verification per transaction for nothing, since an
   * honest signature by a key that can only sign is valid by construction; a replicated block is
   * still checked on every other node, and {@code audit} checks every signature again.
   *
   * @throws IllegalArgumentException if {@code unsigned} names another signer than this node's key
   * @throws TxRejectedException as {@link #admit} (wrong ledger, committed already, key unknown)
   */
  public Transaction signAndAdmit(UnsignedTransaction unsigned) {
    if (!unsigned.signer().equals(nodeKeyId())) {
      throw new IllegalArgumentException("the transaction names signer " + unsigned.signer()
          + ", not this node's key " + nodeKeyId());
    }
    Transaction tx = Transaction.sign(unsigned, nodeKey, view.genesis().suite().hash());
    checkLedger(tx);
    if (view.locate(tx.id()).isPresent()) {
      throw duplicate(tx.id());
    }
    signers.committed(tx.signer()).orElseThrow(() -> unknownSigner(tx.signer()));
    signatures.remember(tx);
    return tx;
  }

  /**
   * Checks the signatures of one submission of many transactions together, on the calling thread,
   * before each is {@link #admit admitted}: a batch check costs about half as much per signature.
   * Only an optimisation; admission checks whatever this did not find valid. Thread-safe.
   */
  public void checkSignaturesAhead(List<Transaction> txs) {
    signatures.verifyHere(txs, signers::committed);
  }

  /**
   * Applies one ordered batch: the refused transactions are dropped with their reasons, the rest
   * become the next block, committed durably before this returns. Not thread-safe: one orderer
   * thread calls it.
   */
  public BlockOutcome apply(OrderedBatch batch) {
    return apply(batch, Optional.empty());
  }

  /**
   * As {@link #apply(OrderedBatch)}, for a batch that is the entry at {@code position} of a
   * replicated log: the position is stored in the same atomic write as the block (or alone, if
   * every transaction was refused), so that {@link #ordererPosition()} after a crash says exactly
   * which entries this ledger already holds.
   */
  public BlockOutcome apply(OrderedBatch batch, OrdererPosition position) {
    return apply(batch, Optional.of(position));
  }

  /**
   * Checks ahead of time the signatures of a batch that will be applied later (a replicated
   * orderer's next entries), on the verify pool, while the current block commits. Only an
   * optimisation: {@link #apply} checks whatever this did not. Thread-safe.
   */
  public void verifyAhead(List<Transaction> txs) {
    signatures.verifyAhead(txs, signers::committed);
  }

  /**
   * The replicated-log entry that produced block {@code height}, if a replicated orderer fed it
   * (and it was committed by a version that kept it).
   */
  public Optional<OrdererPosition> blockPosition(long height) {
    return store.get(keys.blockPosition(height)).map(OrdererPosition::decode);
  }

  /** The last replicated-log entry applied, if this ledger is fed by a replicated orderer. */
  public Optional<OrdererPosition> ordererPosition() {
    return store.get(keys.ordererPosition()).map(OrdererPosition::decode);
  }

  private synchronized BlockOutcome apply(OrderedBatch batch, Optional<OrdererPosition> position) {
    Map<TxId, Rejection> rejected = new LinkedHashMap<>();
    List<Transaction> candidates = new ArrayList<>();
    Set<TxId> seen = new HashSet<>();
    for (Transaction tx : batch.txs()) {
      try {
        checkLedger(tx);
        if (!seen.add(tx.id())) {
          continue; // the same transaction twice in one batch: it is already a candidate
        }
        // Admission checked this too, but a copy may have committed since (or, in a cluster,
        // this node never admitted it): the engine is the one place a replay must stop.
        if (view.locate(tx.id()).isPresent()) {
          throw duplicate(tx.id());
        }
        candidates.add(tx);
      } catch (TxRejectedException e) {
        rejected.putIfAbsent(tx.id(), e.rejection());
      }
    }
    rejected.putAll(signatures.verifyAll(candidates, signers::committed));

    CommittedBlock head = view.head();
    long height = head.height() + 1;
    long time = Math.max(batch.time(), head.header().time());
    BlockState state = new BlockState(store, keys);
    List<Transaction> accepted = new ArrayList<>();
    for (Transaction tx : candidates) {
      if (rejected.containsKey(tx.id())) {
        continue;
      }
      try {
        execute(tx, height, time, state);
        accepted.add(tx);
      } catch (TxRejectedException e) {
        rejected.put(tx.id(), e.rejection());
      } catch (RuntimeException e) {
        // A contract bug fails the same way on every node; refusing the one transaction keeps
        // it from taking the rest of the batch (and the chain) down with it.
        LOG.error("contract {} failed on transaction {}", tx.type().contract(), tx.id(), e);
        rejected.put(tx.id(), new Rejection(Rejection.CONTRACT_FAILED, "contract "
            + tx.type().contract() + " failed on this transaction: " + e.getMessage()));
      }
    }
    if (accepted.isEmpty()) {
      position.ifPresent(p -> store.write(new WriteBatch().put(keys.ordererPosition(), p.encode())));
      return new BlockOutcome(Optional.empty(), List.of(), rejected);
    }
    WriteBatch batchWrites = new WriteBatch();
    position.ifPresent(p -> batchWrites.put(keys.ordererPosition(), p.encode())
        .put(keys.blockPosition(height), p.encode()));
    CommittedBlock block = commit(head, height, time, batch.proposer(), accepted, state.changes(),
        batchWrites);
    return new BlockOutcome(Optional.of(block), accepted.stream().map(Transaction::id).toList(), rejected);
  }

  private void execute(Transaction tx, long height, long time, BlockState state) {
    SignerRecord signer = signers.inBlock(tx.signer(), state)
        .orElseThrow(() -> unknownSigner(tx.signer()));
    if (signers.committed(tx.signer()).isEmpty()) {
      // Registered earlier in this block, so not checked in the parallel pass.
      signatures.verify(tx, signer);
    }
    Contract contract = contracts.get(tx.type().contract());
    if (contract == null) {
      throw new TxRejectedException(Rejection.UNKNOWN_CONTRACT,
          "this ledger has no contract " + tx.type().contract() + "; it has " + contracts.keySet());
    }
    TxExecution run = new TxExecution(tx, signer, height, time, state);
    contract.execute(run);
    run.commitTo(state);
  }

  private CommittedBlock commit(
      CommittedBlock head,
      long height,
      long time,
      KeyId proposer,
      List<Transaction> txs,
      SortedMap<byte[], Optional<byte[]>> changes,
      WriteBatch batch) {
    long first = head.header().logSize();
    List<byte[]> leaves = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      byte[] encoded = tx.encoded();
      leaves.add(encoded);
      batch.put(keys.tx(first + i), encoded);
      batch.put(keys.txIndex(tx.id().bytes()), location(first + i, height));
    }
    TxLog.Appended log = view.log().append(leaves, batch);
    long oldestKept = height - options.stateHistoryBlocks() + 1;
    TreeUpdate state = view.worldState().update(height, changes, oldestKept, pool, batch);
    byte[] stateRoot = state.root();
    changes.forEach((k, v) -> v.ifPresentOrElse(
        val -> batch.put(keys.stateValue(k), val), () -> batch.delete(keys.stateValue(k))));
    CommittedBlock block = sealer.seal(
        head, height, time, proposer, log.size(), log.root(), stateRoot, txs.size());
    batch.put(keys.block(height), block.encode());
    batch.put(keys.head(), ByteBuffer.allocate(8).putLong(height).array());
    store.write(batch);
    view.worldState().written(state);
    view.advance(block, log);
    signers.afterCommit(changes);
    return block;
  }

  private void writeGenesis() {
    Genesis g = view.genesis();
    SortedMap<byte[], Optional<byte[]>> changes = new TreeMap<>(java.util.Arrays::compareUnsigned);
    for (SignerRecord s : g.signers()) {
      changes.put(Signers.key(s.keyId()), Optional.of(Signers.encode(s)));
    }
    changes.put(GovernanceContract.thresholdKey(),
        Optional.of(GovernanceContract.encodeThreshold(g.adminThreshold())));
    WriteBatch batch = new WriteBatch();
    TreeUpdate state = view.worldState().update(0, changes, 0, pool, batch);
    byte[] stateRoot = state.root();
    changes.forEach((k, v) -> batch.put(keys.stateValue(k), v.orElseThrow()));
    CommittedBlock block = sealer.sealGenesis(stateRoot, view.log().emptyRoot());
    batch.put(keys.genesis(), g.canonicalBytes());
    batch.put(keys.block(0), block.encode());
    batch.put(keys.head(), ByteBuffer.allocate(8).putLong(0).array());
    store.write(batch);
    view.worldState().written(state);
    view.advance(block, null);
  }

  static byte[] location(long logIndex, long height) {
    return ByteBuffer.allocate(16).putLong(logIndex).putLong(height).array();
  }

  private void checkLedger(Transaction tx) {
    String ledger = view.genesis().ledger();
    if (!tx.ledger().equals(ledger)) {
      throw new TxRejectedException(Rejection.WRONG_LEDGER,
          "transaction is for ledger \"" + tx.ledger() + "\"; this is ledger \"" + ledger + "\"");
    }
  }

  private static TxRejectedException duplicate(TxId id) {
    return new TxRejectedException(Rejection.DUPLICATE,
        "transaction " + id + " was already submitted (a replay); change the nonce to send a new one");
  }

  private static TxRejectedException unknownSigner(KeyId id) {
    return new TxRejectedException(Rejection.UNKNOWN_SIGNER,
        "signer " + id + " is not registered on this ledger");
  }
}
