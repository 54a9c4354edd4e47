package org.govledger.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govledger.consensus.MempoolFullException;
import org.govledger.consensus.TxOutcome;
import org.govledger.ledger.engine.CommittedBlock;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.engine.TxLocation;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxId;
import org.govledger.ledger.tx.TxRejectedException;

/** Submit transactions, follow them, and get their receipts. */
final class TransactionRoutes {
  private static final long DEFAULT_WAIT_MILLIS = 30_000;

  private final LedgerView view;
  private final TransactionCodec codec;
  private final Submissions submissions;

  TransactionRoutes(LedgerView view, TransactionCodec codec, Submissions submissions) {
    this.view = view;
    this.codec = codec;
    this.submissions = submissions;
  }

  void register(Javalin app) {
    app.post("/api/v1/transactions", this::submit);
    app.get("/api/v1/transactions/{id}", this::status);
    app.get("/api/v1/transactions/{id}/receipt", this::receipt);
  }

  private void submit(Context ctx) {
    long received = System.nanoTime();
    byte[] raw = readBounded(ctx, codec.maxBytes());
    boolean wait = Boolean.parseBoolean(ctx.queryParam("wait"));
    long waitMillis = waitMillis(ctx);
    Transaction tx;
    CompletableFuture<TxOutcome> outcome;
    try {
      tx = codec.decode(raw);
      outcome = submissions.submit(tx, received);
    } catch (TxRejectedException e) {
      submissions.refusedAtAdmission(e.code());
      throw Problems.of(e.rejection());
    } catch (MempoolFullException e) {
      submissions.refusedAtAdmission("mempool-full");
      throw Problems.mempoolFull(e);
    }
    TxId id = tx.id();
    if (!wait) {
      Json.send(ctx, 202, pendingJson(id));
      return;
    }
    ctx.future(() -> outcome
        .orTimeout(waitMillis, TimeUnit.MILLISECONDS)
        .handle((o, err) -> {
          if (err != null) {
            if (isTimeout(err)) {
              Json.send(ctx, 202, pendingJson(id));
            } else {
              Problems.commitFailed(id, err).render(ctx);
            }
          } else if (o instanceof TxOutcome.Committed c) {
            Json.send(ctx, 200, committedJson(id, c.location()));
          } else if (o instanceof TxOutcome.Refused r) {
            Problems.of(r.rejection()).render(ctx);
          }
          return null;
        }));
  }

  static long waitMillis(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("timeoutMs"))
        .map(TransactionRoutes::parseTimeout).orElse(DEFAULT_WAIT_MILLIS);
  }

  static boolean isTimeout(Throwable err) {
    return err instanceof java.util.concurrent.TimeoutException
        || err.getCause() instanceof java.util.concurrent.TimeoutException;
  }

  private static long parseTimeout(String s) {
    try {
      long v = Long.parseLong(s);
      if (v < 0 || v > 300_000) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw Problem.badRequest("bad-parameter", "timeoutMs must be 0..300000 milliseconds, got " + s);
    }
  }

  static byte[] readBounded(Context ctx, int max) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw Problems.of(new Rejection(Rejection.TOO_LARGE,
          "request body is " + declared + " bytes, over the limit of " + max));
    }
    try (InputStream in = ctx.req().getInputStream()) {
      // With a declared length read exactly that; otherwise read at most one byte past the limit.
      byte[] body = in.readNBytes(declared >= 0 ? (int) declared : max + 1);
      if (body.length > max) {
        throw Problems.of(new Rejection(Rejection.TOO_LARGE,
            "request body is over the limit of " + max + " bytes"));
      }
      return body;
    } catch (IOException e) {
      throw Problem.badRequest("unreadable-body", "could not read the request body: " + e.getMessage());
    }
  }

  static ObjectNode pendingJson(TxId id) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", id.toString());
    o.put("status", "pending");
    return o;
  }

  static ObjectNode committedJson(TxId id, TxLocation loc) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", id.toString());
    o.put("status", "committed");
    o.put("height", loc.height());
    o.put("logIndex", loc.logIndex());
    return o;
  }

  private void status(Context ctx) {
    TxId id = txId(ctx);
    Optional<TxLocation> loc = view.locate(id);
    if (loc.isPresent()) {
      ObjectNode o = committedJson(id, loc.get());
      view.transaction(loc.get().logIndex()).ifPresent(b -> o.set("tx", readTree(b)));
      Json.send(ctx, 200, o);
    } else if (submissions.isPending(id)) {
      Json.send(ctx, 200, pendingJson(id));
    } else {
      Rejection r = submissions.refusal(id).orElseThrow(
          () -> Problem.notFound("this node has no transaction " + id));
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("id", id.toString());
      o.put("status", "refused");
      o.put("code", r.code());
      o.put("reason", r.message());
      Json.send(ctx, 200, o);
    }
  }

  private void receipt(Context ctx) {
    TxId id = txId(ctx);
    TxLocation loc = view.locate(id).orElseThrow(() -> Problem.notFound(
        submissions.isPending(id) ? "transaction " + id + " is not committed yet"
            : "this node has no committed transaction " + id));
    String against = Optional.ofNullable(ctx.queryParam("checkpoint")).orElse("block");
    CommittedBlock block = switch (against) {
      case "block" -> view.block(loc.height()).orElseThrow();
      case "latest" -> view.head();
      default -> throw Problem.badRequest("bad-parameter",
          "checkpoint must be \"block\" (the transaction's own block) or \"latest\", got " + against);
    };
    long size = block.header().logSize();
    InclusionProof proof = view.inclusionProof(loc.logIndex(), size);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("ledger", view.genesis().ledger());
    o.put("txId", id.toString());
    o.set("tx", readTree(view.transaction(loc.logIndex()).orElseThrow()));
    o.put("height", loc.height());
    o.put("logIndex", loc.logIndex());
    o.put("treeSize", size);
    ArrayNode path = o.putArray("inclusionPath");
    proof.path().forEach(h -> path.add(HexFormat.of().formatHex(h)));
    o.put("checkpoint", block.checkpoint());
    Json.send(ctx, 200, o);
  }

  private static TxId txId(Context ctx) {
    try {
      return TxId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("bad-tx-id", e.getMessage());
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] b) {
    try {
      return Json.MAPPER.readTree(b);
    } catch (IOException e) {
      throw new IllegalStateException("stored transaction is not JSON", e);
    }
  }
}
