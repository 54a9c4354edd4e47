package org.govledger.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govledger.consensus.MempoolFullException;
import org.govledger.consensus.TxOutcome;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxId;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * {@code POST /api/v1/transactions/batch}: many transactions in one request (a JSON array), for
 * systems that submit in bulk, such as a biller's counter system at the end of each minute. Each
 * transaction is checked and ordered on its own; the answer lists each one's outcome in order.
 */
final class BatchRoute {
  /** Most transactions in one batch. */
  static final int MAX_TXS = 1_000;

  private final TransactionCodec codec;
  private final Submissions submissions;
  private final int maxBytes;

  BatchRoute(TransactionCodec codec, Submissions submissions) {
    this.codec = codec;
    this.submissions = submissions;
    this.maxBytes = maxBatchBytes(codec);
  }

  /** The largest batch body: room for {@link #MAX_TXS} typical transactions, at least 8 MiB. */
  static int maxBatchBytes(TransactionCodec codec) {
    return Math.max(8 << 20, codec.maxBytes() * 4);
  }

  void register(Javalin app) {
    app.post("/api/v1/transactions/batch", this::submit);
  }

  private void submit(Context ctx) {
    long received = System.nanoTime();
    byte[] raw = TransactionRoutes.readBounded(ctx, maxBytes);
    JsonNode root;
    try {
      root = StrictJson.parse(raw, maxBytes);
    } catch (JsonFormatException e) {
      throw Problems.of(new Rejection(Rejection.MALFORMED, "batch is not valid JSON: " + e.getMessage()));
    }
    if (!root.isArray()) {
      throw Problems.of(new Rejection(Rejection.MALFORMED,
          "a batch is a JSON array of transactions, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (root.size() > MAX_TXS || root.isEmpty()) {
      throw new Problem(413, "too-many", "Batch too large",
          "a batch has 1 to " + MAX_TXS + " transactions, got " + root.size());
    }
    boolean wait = Boolean.parseBoolean(ctx.queryParam("wait"));
    long waitMillis = TransactionRoutes.waitMillis(ctx);
    List<Result> results = new ArrayList<>(root.size());
    Transaction[] decoded = new Transaction[root.size()];
    List<Transaction> toCheck = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      try {
        decoded[i] = codec.decode(root.get(i));
        toCheck.add(decoded[i]);
      } catch (TxRejectedException e) {
        submissions.refusedAtAdmission(e.code());
        results.add(Result.now(refused(i, null, e.rejection())));
        continue;
      }
      results.add(null);
    }
    submissions.checkSignaturesAhead(toCheck);
    for (int i = 0; i < decoded.length; i++) {
      if (decoded[i] != null) {
        results.set(i, submitOne(decoded[i], i, received, wait));
      }
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(
        results.stream().map(Result::done).toArray(CompletableFuture[]::new));
    ctx.future(() -> all.orTimeout(waitMillis, TimeUnit.MILLISECONDS).handle((v, err) -> {
      ArrayNode list = Json.MAPPER.createArrayNode();
      for (Result r : results) {
        list.add(r.done().getNow(r.meanwhile()));
      }
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.set("results", list);
      Json.send(ctx, 200, o);
      return null;
    }));
  }

  /** One transaction's answer once known, and what to say if the wait ends before that. */
  private record Result(ObjectNode meanwhile, CompletableFuture<ObjectNode> done) {
    static Result now(ObjectNode answer) {
      return new Result(answer, CompletableFuture.completedFuture(answer));
    }
  }

  /** One transaction's result; its future never completes exceptionally. */
  private Result submitOne(Transaction tx, int index, long received, boolean wait) {
    TxId id = tx.id();
    CompletableFuture<TxOutcome> outcome;
    try {
      outcome = submissions.submit(tx, received);
    } catch (TxRejectedException e) {
      submissions.refusedAtAdmission(e.code());
      return Result.now(refused(index, id, e.rejection()));
    } catch (MempoolFullException e) {
      submissions.refusedAtAdmission("mempool-full");
      return Result.now(refused(index, id, new Rejection("mempool-full", e.getMessage())));
    }
    ObjectNode pending = TransactionRoutes.pendingJson(id).put("index", index);
    if (!wait) {
      return Result.now(pending);
    }
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    outcome.whenComplete((o, err) -> {
      if (o instanceof TxOutcome.Committed c) {
        result.complete(TransactionRoutes.committedJson(id, c.location()).put("index", index));
      } else if (o instanceof TxOutcome.Refused r) {
        result.complete(refused(index, id, r.rejection()));
      } else {
        result.complete(refused(index, id, new Rejection("commit-failed",
            "could not be committed: " + (err == null ? "unknown error" : err.getMessage()))));
      }
    });
    return new Result(pending, result);
  }

  private static ObjectNode refused(int index, TxId id, Rejection r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("index", index);
    if (id != null) {
      o.put("id", id.toString());
    }
    o.put("status", "refused");
    o.put("type", Problem.TYPE_PREFIX + r.code());
    o.put("detail", r.message());
    return o;
  }
}
