package org.govledger.consensus;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.tx.Transaction;

/**
 * Orders transactions on a single node: a bounded {@link Mempool}, and a {@link BatchCutter}
 * whose batches this node applies itself, one at a time, as its blocks.
 */
public final class SoloOrderer implements Orderer {
  private final Engine engine;
  private final Clock clock;
  private final Mempool mempool;
  private final BatchCutter cutter;
  private final AtomicLong blocks = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  public SoloOrderer(Engine engine, BlockCut cut, int capacity, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.mempool = new Mempool(capacity);
    this.cutter = new BatchCutter(mempool, cut, this::apply, "solo-orderer");
  }

  @Override
  public CompletableFuture<TxOutcome> submit(Transaction tx) {
    if (!cutter.isRunning()) {
      throw new IllegalStateException("the node is shutting down");
    }
    return mempool.add(tx);
  }

  @Override
  public OrdererStatus status() {
    return new OrdererStatus("solo", mempool.queued(), mempool.capacity(), blocks.get(),
        committed.get(), refused.get(), java.util.Optional.empty());
  }

  private void apply(List<Transaction> batch) {
    BlockOutcome outcome = engine.apply(new OrderedBatch(clock.millis(), engine.nodeKeyId(), batch));
    outcome.block().ifPresent(b -> blocks.incrementAndGet());
    committed.addAndGet(outcome.committed().size());
    refused.addAndGet(outcome.rejected().size());
    mempool.complete(outcome, engine.view());
  }

  @Override
  public void close() {
    cutter.close();
  }
}
