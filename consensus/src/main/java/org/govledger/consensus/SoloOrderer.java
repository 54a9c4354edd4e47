package org.govledger.consensus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.engine.TxLocation;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxId;
import org.govledger.ledger.tx.TxRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders transactions on a single node: a bounded mempool (at most {@code capacity} transactions
 * waiting for their block, those in the block being filled included), and one thread that cuts a
 * block when {@link BlockCut} says so and applies it. While one block is being written and synced, the next
 * one fills up, so a busy node writes big blocks and an idle one answers fast (group commit).
 */
public final class SoloOrderer implements Orderer {
  private static final Logger LOG = LoggerFactory.getLogger(SoloOrderer.class);

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Engine engine;
  private final BlockCut cut;
  private final Clock clock;
  private final int capacity;
  private final BlockingQueue<Queued> queue;
  private final Map<TxId, CompletableFuture<TxOutcome>> waiting = new ConcurrentHashMap<>();
  private final Thread cutter;
  private final AtomicLong blocks = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean running = true;

  public SoloOrderer(Engine engine, BlockCut cut, int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("mempool capacity must be positive, got " + capacity);
    }
    this.engine = engine;
    this.cut = cut;
    this.clock = clock;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.cutter = new Thread(this::run, "solo-orderer");
    cutter.start();
  }

  @Override
  public CompletableFuture<TxOutcome> submit(Transaction tx) {
    if (!running) {
      throw new IllegalStateException("the node is shutting down");
    }
    if (waiting.size() >= capacity) {
      throw new MempoolFullException(capacity, 1);
    }
    CompletableFuture<TxOutcome> future = new CompletableFuture<>();
    if (waiting.putIfAbsent(tx.id(), future) != null) {
      throw new TxRejectedException(Rejection.DUPLICATE,
          "transaction " + tx.id() + " is already waiting for a block (a replay)");
    }
    if (!queue.offer(new Queued(tx, System.nanoTime()))) {
      waiting.remove(tx.id());
      throw new MempoolFullException(capacity, 1);
    }
    return future;
  }

  @Override
  public OrdererStatus status() {
    return new OrdererStatus("solo", queue.size(), capacity, blocks.get(), committed.get(),
        refused.get());
  }

  /** A transaction and when it arrived: the block-cut clock starts at its first transaction's arrival. */
  private record Queued(Transaction tx, long arrivedNanos) {}

  private void run() {
    List<Transaction> batch = new ArrayList<>(cut.maxTxs());
    while (running || !queue.isEmpty()) {
      try {
        Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first.tx());
        fill(batch, first.arrivedNanos() + TimeUnit.MILLISECONDS.toNanos(cut.maxWaitMillis()));
        apply(batch);
      } catch (InterruptedException e) {
        if (running) {
          LOG.warn("orderer interrupted while running; stopping");
        }
        break;
      } catch (RuntimeException e) {
        LOG.error("block could not be committed; its transactions are failed", e);
        for (Transaction tx : batch) {
          CompletableFuture<TxOutcome> f = waiting.remove(tx.id());
          if (f != null) {
            f.completeExceptionally(e);
          }
        }
      } finally {
        batch.clear();
      }
    }
    failWaiting(new IllegalStateException("the node shut down before the transaction was ordered"));
  }

  /**
   * Adds queued transactions until the block is full or the deadline passes. A transaction that
   * already waited through a slow commit does not wait again: the deadline counts from the
   * arrival of the block's first transaction, so after a backlog the block is cut at once.
   */
  private void fill(List<Transaction> batch, long deadline) throws InterruptedException {
    List<Queued> drained = new ArrayList<>();
    while (batch.size() < cut.maxTxs() && running) {
      drained.clear();
      queue.drainTo(drained, cut.maxTxs() - batch.size());
      drained.forEach(q -> batch.add(q.tx()));
      long left = deadline - System.nanoTime();
      if (batch.size() >= cut.maxTxs() || left <= 0) {
        return;
      }
      // Wait in short slices so that close() cuts a half-filled block promptly.
      Queued next = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next.tx());
      }
    }
  }

  private void apply(List<Transaction> batch) {
    BlockOutcome outcome = engine.apply(new OrderedBatch(clock.millis(), engine.nodeKeyId(), batch));
    outcome.block().ifPresent(b -> blocks.incrementAndGet());
    committed.addAndGet(outcome.committed().size());
    refused.addAndGet(outcome.rejected().size());
    outcome.block().ifPresent(block -> {
      long first = block.header().firstLogIndex();
      List<TxId> ids = outcome.committed();
      for (int i = 0; i < ids.size(); i++) {
        CompletableFuture<TxOutcome> f = waiting.remove(ids.get(i));
        if (f != null) {
          f.complete(new TxOutcome.Committed(ids.get(i), new TxLocation(first + i, block.height())));
        }
      }
    });
    outcome.rejected().forEach((id, why) -> {
      CompletableFuture<TxOutcome> f = waiting.remove(id);
      if (f != null) {
        f.complete(new TxOutcome.Refused(id, why));
      }
    });
  }

  private void failWaiting(RuntimeException why) {
    waiting.values().forEach(f -> f.completeExceptionally(why));
    waiting.clear();
  }

  @Override
  public void close() {
    running = false;
    try {
      cutter.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (cutter.isAlive()) {
      cutter.interrupt();
    }
  }
}
