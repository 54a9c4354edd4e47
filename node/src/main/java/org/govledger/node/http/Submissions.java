package org.govledger.node.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.consensus.Orderer;
import org.govledger.consensus.TxOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxId;
import org.govledger.node.metrics.NodeMetrics;

/**
 * Admits transactions and follows them to their outcome: which are pending, which were refused
 * at execution (the most recent {@value #REMEMBER_REFUSALS}), and the commit latency metric.
 */
final class Submissions {
  private static final int REMEMBER_REFUSALS = 100_000;

  private final Engine engine;
  private final Orderer orderer;
  private final NodeMetrics metrics;
  private final Set<TxId> pending = ConcurrentHashMap.newKeySet();
  private final Map<TxId, Rejection> refused = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TxId, Rejection> eldest) {
          return size() > REMEMBER_REFUSALS;
        }
      });

  Submissions(Engine engine, Orderer orderer, NodeMetrics metrics) {
    this.engine = engine;
    this.orderer = orderer;
    this.metrics = metrics;
  }

  /**
   * Admits {@code tx} and queues it; the future completes with its outcome.
   *
   * @throws org.govledger.ledger.tx.TxRejectedException if admission refuses it
   * @throws org.govledger.consensus.MempoolFullException if the node is full
   */
  /** Checks a submission's signatures as one batch before each is {@link #submit submitted}. */
  void checkSignaturesAhead(List<Transaction> txs) {
    engine.checkSignaturesAhead(txs);
  }

  CompletableFuture<TxOutcome> submit(Transaction tx, long receivedNanos) {
    engine.admit(tx);
    CompletableFuture<TxOutcome> outcome = orderer.submit(tx);
    TxId id = tx.id();
    pending.add(id);
    return outcome.whenComplete((o, err) -> {
      pending.remove(id);
      if (o instanceof TxOutcome.Committed) {
        metrics.committed(System.nanoTime() - receivedNanos);
      } else if (o instanceof TxOutcome.Refused r) {
        refused.put(id, r.rejection());
        metrics.refused(r.rejection().code());
      }
    });
  }

  void refusedAtAdmission(String code) {
    metrics.refused(code);
  }

  boolean isPending(TxId id) {
    return pending.contains(id);
  }

  Optional<Rejection> refusal(TxId id) {
    return Optional.ofNullable(refused.get(id));
  }
}
