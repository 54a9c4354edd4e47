package org.govledger.consensus.raft;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.engine.OrdererPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundary between Ratis and the ledger: each committed log entry is one ordered batch,
 * which the engine validates (every signature, on this node), executes and commits as a block,
 * together with the entry's term and index, in one synced write.
 *
 * <p>Two stages, so that a node catching up or following a busy leader keeps its cores busy: one
 * thread decodes the next entries and checks their signatures ahead (on the engine's verify
 * pool) while another commits blocks strictly in log order.
 *
 * <p>The ledger's store is its own snapshot: it always holds everything up to the position it
 * records. So this state machine takes no snapshots, and when Ratis replays the log after a
 * restart, entries at or below that position are passed over instead of applied twice.
 */
final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
  private static final Message APPLIED = Message.valueOf("applied");

  private final Engine engine;
  private final BatchCodec codec;
  private final Consumer<BlockOutcome> onApplied;
  private final long resumeAfter;
  private final ExecutorService prepare = Executors.newSingleThreadExecutor(named("ledger-prepare"));
  private final ExecutorService commit = Executors.newSingleThreadExecutor(named("ledger-commit"));
  /** The last entry's commit; the next one's commit runs after it. Only the Ratis updater thread touches it. */
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  LedgerStateMachine(Engine engine, Consumer<BlockOutcome> onApplied) {
    this.engine = engine;
    this.codec = new BatchCodec(engine.view().genesis().suite().hash());
    this.onApplied = onApplied;
    Optional<OrdererPosition> stored = engine.ordererPosition();
    this.resumeAfter = stored.map(OrdererPosition::index).orElse(-1L);
    setLastAppliedTermIndex(TermIndex.INITIAL_VALUE);
    stored.ifPresent(p -> LOG.info("ledger {} holds the replicated log up to index {} (term {})",
        engine.view().genesis().ledger(), p.index(), p.term()));
  }

  /** Called by Ratis for each committed entry, in log order, on one thread. */
  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long term = entry.getTerm();
    long index = entry.getIndex();
    if (index <= resumeAfter) {
      return last.thenApply(v -> {
        updateLastAppliedTermIndex(term, index);
        return APPLIED;
      });
    }
    CompletableFuture<OrderedBatch> prepared = CompletableFuture.supplyAsync(() -> {
      OrderedBatch batch = codec.decode(
          entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer(), engine.nodeKeyId());
      engine.verifyAhead(batch.txs());
      return batch;
    }, prepare);
    CompletableFuture<Message> applied = last.thenCombineAsync(prepared,
        (previous, batch) -> commit(batch, term, index), commit);
    last = applied;
    return applied;
  }

  /**
   * Ratis's own entries (configuration, a new leader's first entry) carry no batch; they still
   * move the applied index, after the batches before them.
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    last = last.thenRun(() -> updateLastAppliedTermIndex(term, index));
  }

  private Message commit(OrderedBatch batch, long term, long index) {
    BlockOutcome outcome;
    try {
      outcome = engine.apply(batch, new OrdererPosition(term, index));
    } catch (RuntimeException e) {
      // Skipping an entry would make this node's chain differ from the others', and Ratis
      // would go on to the next entry. Stop instead (fail-stop); after a restart the node
      // replays from the last position its store holds.
      LOG.error("could not apply log entry {} (term {}) to the ledger; stopping this node",
          index, term, e);
      Runtime.getRuntime().halt(70);
      throw e;
    }
    updateLastAppliedTermIndex(term, index);
    onApplied.accept(outcome);
    return APPLIED;
  }

  @Override
  public void close() throws IOException {
    prepare.shutdown();
    commit.shutdown();
    super.close();
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
