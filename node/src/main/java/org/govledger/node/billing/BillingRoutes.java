package org.govledger.node.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.json.Canonical;
import org.govledger.node.LocalSubmitter;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.ProofOfPossession;
import org.govledger.node.http.Routes;
import org.govledger.node.wallet.HolderAuth;
import org.govledger.node.wallet.WalletDocument;
import org.govledger.node.wallet.WalletStore;
import org.govledger.services.billing.BillingContract;
import org.govledger.services.billing.Bills;

/**
 * Bills and claims. A bill document is delivered to the holder's wallet only if it is the one
 * the ledger records for that holder (same digest, amounts that add up); a claim is the holder's
 * signed statement, carried to the ledger; the claimant follows it by polling or by a stream.
 */
public final class BillingRoutes implements Routes {
  private static final int MAX_BODY = 64 * 1024;
  private static final long POLL_MILLIS = 200;

  private final LedgerView view;
  private final WalletStore wallet;
  private final LocalSubmitter submitter;
  private final HolderAuth holders;
  private final Clock clock;
  private final ScheduledExecutorService streams = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "claim-streams");
    t.setDaemon(true);
    return t;
  });

  public BillingRoutes(LedgerView view, WalletStore wallet, LocalSubmitter submitter, ProofOfPossession proofs,
      Clock clock) {
    this.view = view;
    this.wallet = wallet;
    this.submitter = submitter;
    this.holders = new HolderAuth(view, proofs);
    this.clock = clock;
  }

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/bills/{biller}/{number}", this::bill);
    app.post("/api/v1/wallets/{subject}/bills", this::deliver);
    app.post("/api/v1/claims", this::claim);
    app.get("/api/v1/claims/{id}", this::claimRecord);
    app.sse("/api/v1/claims/{id}/events", this::stream);
    app.get("/api/v1/wallets/{subject}/claims", this::claims);
    app.get("/api/v1/wallets/{subject}/medical", this::medical);
  }

  private JsonNode billRecord(String billId) {
    return Bills.bill(view::stateValue, billId).orElseThrow(() -> Problem.notFound("no bill " + billId));
  }

  /** A bill's ledger record: amounts, status, what was approved and reserved, its claims. No line items. */
  private void bill(Context ctx) {
    JsonNode b = billRecord(Bills.billId(ctx.pathParam("biller"), ctx.pathParam("number")));
    ObjectNode o = b.deepCopy();
    ArrayNode prior = o.putArray("reimbursements");
    for (JsonNode id : b.path("claims")) {
      Bills.claim(view::stateValue, id.asText()).ifPresent(c -> {
        ObjectNode x = prior.addObject();
        x.put("claim", c.path("id").asText());
        x.put("payer", c.path("payer").asText());
        x.put("status", c.path("status").asText());
        for (JsonNode item : c.path("items")) {
          if (item.path("bill").asText().equals(b.path("id").asText())) {
            x.put("claimed", item.path("amount").asLong());
            if (item.has("approved")) {
              x.put("approved", item.path("approved").asLong());
            }
          }
        }
      });
    }
    Json.send(ctx, 200, o);
  }

  /**
   * Body: the bill document {@code {biller, number, holder, currency, amount, tax, covered,
   * items: [{name, quantity, unitPrice, total}], paidAt}}, as the biller hashed it.
   */
  private void deliver(Context ctx) {
    String subject = ctx.pathParam("subject");
    ObjectNode doc = Json.body(ctx, MAX_BODY);
    String billId = Bills.billId(doc.path("biller").asText(""), doc.path("number").asText(""));
    JsonNode record = billRecord(billId);
    byte[] canonical = Canonical.canonicalize(doc);
    String digest = HexFormat.of().formatHex(view.genesis().suite().hash().digest(canonical));
    if (!digest.equals(record.path("digest").asText())) {
      throw new Problem(422, "digest-mismatch", "Bill refused", "this is not the document the ledger records for " + billId);
    }
    if (!record.path("holder").asText().equals(subject) || !doc.path("holder").asText().equals(subject)) {
      throw new Problem(422, "wrong-holder", "Bill refused", "bill " + billId + " belongs to another holder");
    }
    long total = 0;
    for (JsonNode item : doc.path("items")) {
      total += item.path("total").asLong();
    }
    if (total != record.path("amount").asLong() || doc.path("amount").asLong() != total) {
      throw new Problem(422, "amounts-do-not-add-up", "Bill refused", "the line items total " + total
          + ", the bill says " + record.path("amount").asLong());
    }
    if (wallet.holds(subject, digest)) {
      throw new Problem(409, "already-in-wallet", "Already delivered", "bill " + billId + " is already in this wallet");
    }
    String recordId = wallet.put(subject, new WalletDocument("e-bill", digest, record.path("biller").asText(),
        new String(canonical, java.nio.charset.StandardCharsets.UTF_8), clock.millis()));
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("recordId", recordId);
    o.put("bill", billId);
    Json.send(ctx, 201, o);
  }

  /** Body {@code {"statement": "<the holder's signed claim>"}}. */
  private void claim(Context ctx) {
    String statement = Json.body(ctx, MAX_BODY).path("statement").asText("");
    ObjectNode tx = Json.MAPPER.createObjectNode();
    tx.put("statement", statement);
    LocalSubmitter.Result r = submitter.commit("billing/claim", tx);
    if (r instanceof LocalSubmitter.Result.Refused ref) {
      throw new Problem(422, ref.rejection().code(), "Claim refused", ref.rejection().message());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("claimId", BillingContract.claimIdOf(view.genesis().suite().hash(), statement));
    o.put("txId", ((LocalSubmitter.Result.Committed) r).txId());
    Json.send(ctx, 201, o);
  }

  private void claimRecord(Context ctx) {
    String id = ctx.pathParam("id");
    Json.send(ctx, 200, Bills.claim(view::stateValue, id).orElseThrow(() -> Problem.notFound("no claim " + id)));
  }

  /** Server-sent events: the claim's record now, then each time it changes, until paid or rejected. */
  private void stream(SseClient client) {
    String id = client.ctx().pathParam("id");
    Optional<JsonNode> first = Bills.claim(view::stateValue, id);
    if (first.isEmpty()) {
      client.sendEvent("error", "no claim " + id);
      client.close();
      return;
    }
    client.keepAlive();
    AtomicReference<String> last = new AtomicReference<>("");
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    Runnable push = () -> {
      JsonNode c = Bills.claim(view::stateValue, id).orElseThrow();
      String text = c.toString();
      if (!text.equals(last.getAndSet(text))) {
        client.sendEvent("claim", text);
      }
      String status = c.path("status").asText();
      if (status.equals("paid") || status.equals("rejected") || client.terminated()) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
          f.cancel(false);
        }
        client.close();
      }
    };
    client.onClose(() -> {
      ScheduledFuture<?> f = task.get();
      if (f != null) {
        f.cancel(false);
      }
    });
    task.set(streams.scheduleWithFixedDelay(push, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
  }

  /** The patient's appointments and prescriptions (with dispensing and pick-up), holder proof. */
  private void medical(Context ctx) {
    String subject = ctx.pathParam("subject");
    holders.require(ctx, subject);
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("records");
    byte[] prefix = Bills.medicalPrefix(subject);
    view.scanState(prefix, prefix, 10_000).forEach(e -> a.add(Canonical.read(e.value())));
    Json.send(ctx, 200, o);
  }

  private void claims(Context ctx) {
    String subject = ctx.pathParam("subject");
    holders.require(ctx, subject);
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("claims");
    byte[] prefix = Bills.claimantPrefix(subject);
    for (StateEntry e : view.scanState(prefix, prefix, 10_000)) {
      String key = new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII);
      Bills.claim(view::stateValue, key.substring(key.lastIndexOf('/') + 1)).ifPresent(a::add);
    }
    Json.send(ctx, 200, o);
  }
}
