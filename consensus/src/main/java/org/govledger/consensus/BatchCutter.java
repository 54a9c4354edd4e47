package org.govledger.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.govledger.ledger.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that takes transactions from a {@link Mempool} and cuts them into batches when
 * {@link BlockCut} says so, handing each batch to a sink: the engine (solo) or the replicated log
 * (Raft). While the sink works on one batch the next one fills up, so a busy node makes big
 * batches and an idle one answers fast (group commit).
 */
public final class BatchCutter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchCutter.class);
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Mempool mempool;
  private final Supplier<BlockCut> cut;
  private final Consumer<List<Transaction>> sink;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts the cutting thread.
   *
   * @param sink takes each batch; if it throws, the batch's transactions are failed with that
   *     exception and cutting goes on
   */
  public BatchCutter(Mempool mempool, BlockCut cut, Consumer<List<Transaction>> sink, String name) {
    this(mempool, () -> cut, sink, name);
  }

  /**
   * Starts the cutting thread, with a cut that may change between batches (a cluster node cuts
   * blocks while it leads, and only gathers transactions to forward while it follows).
   */
  public BatchCutter(Mempool mempool, Supplier<BlockCut> cut, Consumer<List<Transaction>> sink,
      String name) {
    this.mempool = mempool;
    this.cut = cut;
    this.sink = sink;
    this.thread = new Thread(this::run, name);
    thread.start();
  }

  public boolean isRunning() {
    return running;
  }

  private void run() {
    List<Transaction> batch = new ArrayList<>();
    while (running || !mempool.isQueueEmpty()) {
      try {
        Mempool.Queued first = mempool.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        BlockCut now = cut.get();
        batch.add(first.tx());
        fill(batch, now.maxTxs(),
            first.arrivedNanos() + TimeUnit.MILLISECONDS.toNanos(now.maxWaitMillis()));
        sink.accept(List.copyOf(batch));
      } catch (InterruptedException e) {
        if (running) {
          LOG.warn("{} interrupted while running; stopping", thread.getName());
        }
        break;
      } catch (RuntimeException e) {
        LOG.error("a batch could not be ordered; its transactions are failed", e);
        mempool.fail(batch, e);
      } finally {
        batch.clear();
      }
    }
    mempool.failAll(new IllegalStateException("the node shut down before the transaction was ordered"));
  }

  /**
   * Adds queued transactions until the batch is full or the deadline passes. A transaction that
   * already waited through a slow commit does not wait again: the deadline counts from the
   * arrival of the batch's first transaction, so after a backlog the batch is cut at once.
   */
  private void fill(List<Transaction> batch, int maxTxs, long deadline)
      throws InterruptedException {
    List<Mempool.Queued> drained = new ArrayList<>();
    while (batch.size() < maxTxs && running) {
      drained.clear();
      mempool.drainTo(drained, maxTxs - batch.size());
      drained.forEach(q -> batch.add(q.tx()));
      long left = deadline - System.nanoTime();
      if (batch.size() >= maxTxs || left <= 0) {
        return;
      }
      // Wait in short slices so that close() cuts a half-filled batch promptly.
      Mempool.Queued next = mempool.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next.tx());
      }
    }
  }

  /** Stops taking transactions, hands the batch in hand to the sink, and stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
