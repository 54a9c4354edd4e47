package org.govledger.node;

import java.security.SecureRandom;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.govledger.consensus.MempoolFullException;
import org.govledger.consensus.Orderer;
import org.govledger.consensus.TxOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;

/**
 * Transactions the node itself signs with its node key (a consent carried for a holder, an access
 * record), submitted to its own orderer and awaited.
 */
public final class LocalSubmitter {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Engine engine;
  private final Orderer orderer;
  private final SecureRandom random = new SecureRandom();

  public LocalSubmitter(Engine engine, Orderer orderer) {
    this.engine = engine;
    this.orderer = orderer;
  }

  /** What became of a node transaction. */
  public sealed interface Result {
    record Committed(String txId, long height) implements Result {}

    record Refused(Rejection rejection) implements Result {}
  }

  /**
   * Signs {@code type} with {@code body} as this node and waits for the block.
   *
   * @throws IllegalStateException if the block does not come within 30 s
   */
  public Result commit(String type, JsonNode body) {
    try {
      return submit(type, body).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the block", e);
    } catch (ExecutionException | TimeoutException e) {
      if (e.getCause() instanceof MempoolFullException full) {
        throw full; // the API answers 503 with Retry-After
      }
      throw new IllegalStateException("the node's own " + type + " transaction did not commit: " + e, e);
    }
  }

  /**
   * Signs {@code type} with {@code body} as this node and admits it, without waiting for the
   * block: the future completes when the block that holds it is committed (or at once with the
   * refusal, if admission refuses it), and fails if the orderer fails, its mempool is full
   * ({@link MempoolFullException}) or 30 s pass.
   */
  public CompletableFuture<Result> submit(String type, JsonNode body) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    UnsignedTransaction unsigned = UnsignedTransaction.of(engine.view().genesis().ledger(), TxType.parse(type),
        body, engine.nodeKeyId(), HexFormat.of().formatHex(nonce));
    Transaction tx;
    try {
      tx = engine.signAndAdmit(unsigned);
    } catch (TxRejectedException e) {
      return CompletableFuture.completedFuture(new Result.Refused(e.rejection()));
    }
    CompletableFuture<TxOutcome> outcome;
    try {
      outcome = orderer.submit(tx);
    } catch (MempoolFullException e) {
      return CompletableFuture.failedFuture(e);
    }
    return outcome.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).thenApply(o -> {
      if (o instanceof TxOutcome.Refused r) {
        return new Result.Refused(r.rejection());
      }
      return new Result.Committed(tx.id().toString(), ((TxOutcome.Committed) o).location().height());
    });
  }
}
