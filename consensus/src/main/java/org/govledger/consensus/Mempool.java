package org.govledger.consensus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.engine.TxLocation;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxId;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * The transactions this node took and has not yet seen in a block: a bounded queue of those not
 * yet ordered, and the futures their submitters wait on, which stay until the transaction's
 * outcome is known (at most {@code capacity} in all, so the API answers 503 instead of growing).
 * Orderers share it: the solo orderer completes futures when it applies a block, a Raft orderer
 * when its state machine applies a replicated batch.
 */
public final class Mempool {
  private final int capacity;
  private final BlockingQueue<Queued> queue;
  private final Map<TxId, CompletableFuture<TxOutcome>> waiting = new ConcurrentHashMap<>();

  public Mempool(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("mempool capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** A transaction and when it arrived: the block-cut clock starts at a batch's first arrival. */
  public record Queued(Transaction tx, long arrivedNanos) {}

  /**
   * Queues {@code tx} for ordering.
   *
   * @throws MempoolFullException if {@code capacity} transactions already wait
   * @throws TxRejectedException if the same transaction is already waiting here
   */
  public CompletableFuture<TxOutcome> add(Transaction tx) {
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

  Queued poll(long timeout, TimeUnit unit) throws InterruptedException {
    return queue.poll(timeout, unit);
  }

  void drainTo(Collection<Queued> into, int max) {
    queue.drainTo(into, max);
  }

  boolean isQueueEmpty() {
    return queue.isEmpty();
  }

  /** Whether the future of {@code id} still waits here for the transaction's outcome. */
  public boolean isWaiting(TxId id) {
    return waiting.containsKey(id);
  }

  /** How many more transactions {@link #add} would take now. */
  public int room() {
    return Math.max(0, capacity - waiting.size());
  }

  /** Transactions not yet handed to ordering. */
  public int queued() {
    return queue.size();
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Completes the futures of this node's transactions that {@code outcome} decided. A
   * transaction refused as a replay because another node's batch carried it first is reported
   * committed, where it was.
   */
  public void complete(BlockOutcome outcome, LedgerView view) {
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
      if (f == null) {
        return;
      }
      if (why.code().equals(Rejection.DUPLICATE)) {
        java.util.Optional<TxLocation> at = view.locate(id);
        if (at.isPresent()) {
          f.complete(new TxOutcome.Committed(id, at.get()));
          return;
        }
      }
      f.complete(new TxOutcome.Refused(id, why));
    });
  }

  /** Fails the futures of {@code txs} still waiting (their batch could not be ordered). */
  public void fail(List<Transaction> txs, Throwable why) {
    for (Transaction tx : txs) {
      CompletableFuture<TxOutcome> f = waiting.remove(tx.id());
      if (f != null) {
        f.completeExceptionally(why);
      }
    }
  }

  /** Fails every waiting future: the node is stopping. */
  public void failAll(Throwable why) {
    waiting.values().forEach(f -> f.completeExceptionally(why));
    waiting.clear();
  }
}
