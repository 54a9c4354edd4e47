package org.govledger.consensus.raft;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    if (entry.getIndex() > resumeAfter) {
      OrderedBatch batch = codec.decode(
          entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer(), engine.nodeKeyId());
      BlockOutcome outcome;
      try {
        outcome = engine.apply(batch, new OrdererPosition(entry.getTerm(), entry.getIndex()));
      } catch (RuntimeException e) {
        // Skipping an entry would make this node's chain differ from the others', and Ratis
        // would go on to the next entry. Stop instead (fail-stop); after a restart the node
        // replays from the last position its store holds.
        LOG.error("could not apply log entry {} (term {}) to the ledger; stopping this node",
            entry.getIndex(), entry.getTerm(), e);
        Runtime.getRuntime().halt(70);
        throw e;
      }
      onApplied.accept(outcome);
    }
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    return CompletableFuture.completedFuture(APPLIED);
  }
}
