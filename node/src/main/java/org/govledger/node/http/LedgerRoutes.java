package org.govledger.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.govledger.client.StateProofJson;
import org.govledger.consensus.Orderer;
import org.govledger.consensus.OrdererStatus;
import org.govledger.ledger.engine.CommittedBlock;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.merkle.ConsistencyProof;
import org.govledger.ledger.state.StateProof;
import org.govledger.ledger.state.VersionNotAvailableException;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxRejectedException;

/** Read the ledger: info, health, blocks, checkpoints, consistency proofs, state with proofs. */
final class LedgerRoutes {
  private static final int MAX_LIST = 100;

  private final Engine engine;
  private final LedgerView view;
  private final Orderer orderer;
  private final TransactionCodec codec;

  LedgerRoutes(Engine engine, Orderer orderer, TransactionCodec codec) {
    this.engine = engine;
    this.view = engine.view();
    this.orderer = orderer;
    this.codec = codec;
  }

  void register(Javalin app) {
    app.get("/api/v1/info", this::info);
    app.get("/api/v1/health", this::health);
    app.get("/api/v1/blocks", this::recentBlocks);
    app.get("/api/v1/blocks/{height}", this::block);
    app.get("/api/v1/checkpoint", this::checkpoint);
    app.get("/api/v1/log/consistency", this::consistency);
    app.get("/api/v1/state", this::state);
  }

  private void info(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("ledger", view.genesis().ledger());
    o.put("suite", view.genesis().suite().id());
    o.put("nodeKeyId", engine.nodeKeyId().value());
    o.put("nodePublicKey", Base64.getUrlEncoder().withoutPadding()
        .encodeToString(engine.nodePublicKey()));
    o.put("genesisHash", HexFormat.of().formatHex(view.block(0).orElseThrow().header().previous()));
    o.put("height", view.head().height());
    o.put("maxTxBytes", codec.maxBytes());
    Json.send(ctx, 200, o);
  }

  private void health(Context ctx) {
    CommittedBlock head = view.head();
    OrdererStatus s = orderer.status();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("status", "up");
    o.put("ledger", view.genesis().ledger());
    o.put("height", head.height());
    o.put("logSize", head.header().logSize());
    o.put("lastBlockTime", head.header().time());
    Runtime rt = Runtime.getRuntime();
    o.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
    o.put("heapMaxBytes", rt.maxMemory());
    ObjectNode ord = o.putObject("orderer");
    ord.put("kind", s.kind());
    ord.put("queued", s.queued());
    ord.put("capacity", s.capacity());
    ord.put("committedBlocks", s.committedBlocks());
    ord.put("committedTxs", s.committedTxs());
    ord.put("refusedTxs", s.refusedTxs());
    s.cluster().ifPresent(c -> {
      ObjectNode cl = ord.putObject("cluster");
      cl.put("node", c.self());
      cl.put("role", c.role());
      cl.put("term", c.term());
      c.leader().ifPresentOrElse(l -> cl.put("leader", l), () -> cl.putNull("leader"));
      cl.put("commitIndex", c.commitIndex());
      cl.put("appliedIndex", c.appliedIndex());
      cl.put("logStartIndex", c.logStartIndex());
      cl.put("blocksFetched", c.blocksFetched());
      cl.putObject("forwardedTxs")
          .put("taken", c.forwarding().forwarded())
          .put("notTaken", c.forwarding().notTaken())
          .put("resent", c.forwarding().resent());
      ArrayNode peers = cl.putArray("followers");
      c.peers().forEach(p -> peers.addObject()
          .put("node", p.id())
          .put("matchIndex", p.matchIndex())
          .put("lag", p.lag())
          .put("lastContactMs", p.lastContactMillis()));
    });
    Json.send(ctx, 200, o);
  }

  private void recentBlocks(Context ctx) {
    long head = view.head().height();
    int limit = intParam(ctx, "limit", 20, 1, MAX_LIST);
    long before = longParam(ctx, "before", head + 1);
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (long h = Math.min(before - 1, head); h >= 0 && list.size() < limit; h--) {
      view.block(h).ifPresent(b -> list.add(b.toJson()));
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("head", head);
    o.set("blocks", list);
    Json.send(ctx, 200, o);
  }

  private void block(Context ctx) {
    long height = pathLong(ctx, "height");
    CommittedBlock b = view.block(height).orElseThrow(() -> Problem.notFound(
        "no block " + height + "; the head is " + view.head().height()));
    ObjectNode o = b.toJson();
    ArrayNode txs = o.putArray("txs");
    long first = b.header().firstLogIndex();
    for (long i = first; i < b.header().logSize(); i++) {
      view.transaction(i).ifPresent(raw -> {
        try {
          txs.add(codec.decode(raw).id().toString());
        } catch (TxRejectedException e) {
          txs.add("undecodable: " + e.getMessage());
        }
      });
    }
    Json.send(ctx, 200, o);
  }

  private void checkpoint(Context ctx) {
    CommittedBlock head = view.head();
    if ("text/plain".equals(ctx.header("Accept"))) {
      ctx.contentType("text/plain; charset=utf-8").result(head.checkpoint());
      return;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("height", head.height());
    o.put("treeSize", head.header().logSize());
    o.put("rootHash", HexFormat.of().formatHex(head.header().txRoot()));
    o.put("checkpoint", head.checkpoint());
    Json.send(ctx, 200, o);
  }

  private void consistency(Context ctx) {
    long size = view.head().header().logSize();
    long from = longParam(ctx, "from", -1);
    long to = longParam(ctx, "to", size);
    if (from < 0 || from > to || to > size) {
      throw Problem.badRequest("bad-parameter", "need 0 <= from <= to <= " + size
          + " (the log's size); got from " + from + ", to " + to);
    }
    ConsistencyProof p = view.consistencyProof(from, to);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("from", from);
    o.put("to", to);
    o.put("fromRoot", HexFormat.of().formatHex(view.logRoot(from)));
    o.put("toRoot", HexFormat.of().formatHex(view.logRoot(to)));
    ArrayNode path = o.putArray("path");
    p.path().forEach(h -> path.add(HexFormat.of().formatHex(h)));
    Json.send(ctx, 200, o);
  }

  private void state(Context ctx) {
    String key = Optional.ofNullable(ctx.queryParam("key")).filter(k -> !k.isEmpty())
        .orElseThrow(() -> Problem.badRequest("bad-parameter", "the query needs ?key=<state key>"));
    long height = longParam(ctx, "height", view.head().height());
    if (height < 0 || height > view.head().height()) {
      throw Problem.badRequest("bad-parameter",
          "height must be 0.." + view.head().height() + ", got " + height);
    }
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    StateProof proof;
    try {
      proof = view.stateProof(k, height);
    } catch (VersionNotAvailableException e) {
      throw new Problem(410, "pruned", "State no longer kept", e.getMessage());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("key", key);
    o.put("height", height);
    CommittedBlock block = view.block(height).orElseThrow();
    o.put("stateRoot", HexFormat.of().formatHex(block.header().stateRoot()));
    proof.value().ifPresentOrElse(
        v -> o.put("value", new String(v, StandardCharsets.UTF_8)), () -> o.putNull("value"));
    o.set("proof", StateProofJson.toJson(proof));
    o.set("block", block.toJson());
    Json.send(ctx, 200, o);
  }

  static long pathLong(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw Problem.badRequest("bad-parameter", name + " must be a number, got " + ctx.pathParam(name));
    }
  }

  static long longParam(Context ctx, String name, long dflt) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("bad-parameter", name + " must be a number, got " + v);
    }
  }

  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    long v = longParam(ctx, name, dflt);
    if (v < min || v > max) {
      throw Problem.badRequest("bad-parameter", name + " must be " + min + ".." + max + ", got " + v);
    }
    return (int) v;
  }
}
