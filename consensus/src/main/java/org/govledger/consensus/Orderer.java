package org.govledger.consensus;

import java.util.concurrent.CompletableFuture;
import org.govledger.ledger.tx.Transaction;

/**
 * Puts admitted transactions into one agreed order and hands them to the engine as batches. The
 * solo orderer batches on one node; a Raft orderer (Apache Ratis) replicates the batches first.
 * The engine never knows which one feeds it.
 */
public interface Orderer extends AutoCloseable {
  /**
   * Queues an admitted transaction for ordering. The future completes when the transaction is
   * committed (with its block height) or refused at execution (with the reason).
   *
   * @throws MempoolFullException if no more transactions can be queued now; retry later
   * @throws org.govledger.ledger.tx.TxRejectedException if the same transaction is already queued
   */
  CompletableFuture<TxOutcome> submit(Transaction tx);

  /** Queue length, limits and counters, for health and metrics. */
  OrdererStatus status();

  /** Stops taking transactions, finishes the batch in hand, and stops. */
  @Override
  void close();
}
