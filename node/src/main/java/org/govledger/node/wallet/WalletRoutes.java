package org.govledger.node.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.json.Canonical;
import org.govledger.node.certificate.CertificateRoutes;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.Routes;
import org.govledger.services.certificate.CertificateRecord;
import org.govledger.services.certificate.CertificateVerifier;
import org.govledger.services.certificate.Certificates;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.ClaimProblem;
import org.govledger.services.consent.Consent;
import org.govledger.services.consent.Consents;
import org.govledger.services.identity.Subject;

/**
 * The holder wallet over HTTP. Delivering a document needs no key: the credential must verify and
 * be anchored for this very subject, so nobody can put anything else in a wallet. Listing,
 * opening and erasing need the holder's {@link org.govledger.credentials.HolderProof}.
 */
public final class WalletRoutes implements Routes {
  private static final int CONSENT_PAGE = 1000;
  private static final int MAX_CONSENTS_READ = 100_000;
  private final WalletStore wallet;
  private final LedgerView view;
  private final Catalogue catalogue;
  private final CertificateVerifier verifier;
  private final HolderAuth auth;
  private final Clock clock;

  public WalletRoutes(WalletStore wallet, LedgerView view, Catalogue catalogue,
      CertificateVerifier verifier, org.govledger.node.http.ProofOfPossession proofs, Clock clock) {
    this.wallet = wallet;
    this.view = view;
    this.catalogue = catalogue;
    this.verifier = verifier;
    this.auth = new HolderAuth(view, proofs);
    this.clock = clock;
  }

  @Override
  public void register(Javalin app) {
    app.post("/api/v1/wallets/{subject}/documents", this::deliver);
    app.get("/api/v1/wallets/{subject}/documents", this::list);
    app.get("/api/v1/wallets/{subject}/documents/{record}", this::open);
    app.delete("/api/v1/wallets/{subject}/documents/{record}", this::erase);
    app.get("/api/v1/wallets/{subject}/documents/{record}/accesses", this::accesses);
    app.get("/api/v1/wallets/{subject}/consents", this::consents);
  }

  private static String subject(Context ctx) {
    String s = ctx.pathParam("subject");
    try {
      return Subject.checkId(s);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("bad-subject", e.getMessage());
    }
  }

  /** Body {@code {"credential": "<sd-jwt vc with every disclosure>"}}. */
  private void deliver(Context ctx) {
    String subject = subject(ctx);
    ObjectNode body = Json.body(ctx, SdJwt.MAX_LENGTH + 1024);
    JsonNode c = body.path("credential");
    if (!c.isTextual() || c.textValue().isEmpty()) {
      throw Problem.badRequest("bad-request", "the body needs \"credential\": the SD-JWT VC as a string");
    }
    CertificateVerifier.Verdict v = verifier.verify(c.textValue(), KeyBindingPolicy.notRequired());
    if (!v.valid()) {
      ObjectNode detail = CertificateRoutes.verdictJson(v);
      throw new Problem(422, "credential-invalid", "Credential refused",
          "the credential does not verify: " + v.firstFailure().map(f -> f.name() + ": " + f.detail()).orElse("")
              + "; checks: " + detail.path("checks"));
    }
    CertificateVerifier.Verified d = v.verified().orElseThrow();
    CertificateRecord r = Certificates.lookup(view::stateValue, d.credentialId()).orElseThrow();
    if (!r.subject().equals(subject)) {
      throw new Problem(422, "wrong-holder", "Credential refused",
          "the ledger anchors this credential for another subject, not " + subject);
    }
    List<ClaimProblem> problems = catalogue.find(r.type()).map(t -> t.validate(withoutPaper(d.disclosed())))
        .orElse(List.of());
    if (!problems.isEmpty()) {
      throw new Problem(422, "claims-invalid", "Credential refused",
          "the credential's claims break the " + r.type() + " schema: " + problems);
    }
    if (wallet.holds(subject, d.credentialId())) {
      throw new Problem(409, "already-in-wallet", "Already delivered",
          "credential " + d.credentialId() + " is already in this wallet");
    }
    String recordId;
    try {
      recordId = wallet.put(subject, new WalletDocument(r.type(), d.credentialId(), r.agency(),
          c.textValue(), clock.millis()));
    } catch (IllegalStateException e) {
      throw new Problem(409, "wallet-full", "Wallet full", e.getMessage());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("recordId", recordId);
    o.put("credentialId", d.credentialId());
    o.put("type", r.type());
    Json.send(ctx, 201, o);
  }

  private static ObjectNode withoutPaper(ObjectNode claims) {
    ObjectNode c = claims.deepCopy();
    c.remove(org.govledger.services.certificate.CertificateIssuer.PAPER_NUMBER_CLAIM);
    c.remove(org.govledger.services.certificate.CertificateIssuer.PAPER_SCAN_CLAIM);
    return c;
  }

  private void list(Context ctx) {
    String subject = subject(ctx);
    auth.require(ctx, subject);
    long now = view.head().header().time();
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode docs = o.putArray("documents");
    for (WalletStore.Entry e : wallet.list(subject)) {
      ObjectNode j = summary(e.recordId(), e.document(), now);
      docs.add(j);
    }
    Json.send(ctx, 200, o);
  }

  private void open(Context ctx) {
    String subject = subject(ctx);
    auth.require(ctx, subject);
    String recordId = ctx.pathParam("record");
    WalletDocument d = wallet.open(subject, recordId)
        .orElseThrow(() -> Problem.notFound("this wallet has no document " + recordId));
    ObjectNode o = summary(recordId, d, view.head().header().time());
    o.put("credential", d.credential());
    Json.send(ctx, 200, o);
  }

  private void erase(Context ctx) {
    String subject = subject(ctx);
    auth.require(ctx, subject);
    String recordId = ctx.pathParam("record");
    if (!wallet.erase(subject, recordId)) {
      throw Problem.notFound("this wallet has no document " + recordId);
    }
    ctx.status(204);
  }

  /** Every access to the document and every refused attempt, oldest first. */
  private void accesses(Context ctx) {
    String subject = subject(ctx);
    auth.require(ctx, subject);
    String recordId = ctx.pathParam("record");
    WalletDocument d = wallet.open(subject, recordId)
        .orElseThrow(() -> Problem.notFound("this wallet has no document " + recordId));
    byte[] prefix = org.govledger.services.consent.Consents.accessPrefix(d.credentialId());
    java.util.List<JsonNode> records = new java.util.ArrayList<>();
    for (var e : view.scanState(prefix, prefix, 10_000)) {
      records.add(org.govledger.ledger.json.Canonical.read(e.value()));
    }
    records.sort(java.util.Comparator.comparingLong((JsonNode r) -> r.path("height").asLong())
        .thenComparingLong(r -> r.path("time").asLong()));
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("credentialId", d.credentialId());
    o.put("type", d.type());
    ArrayNode a = o.putArray("accesses");
    records.forEach(a::add);
    Json.send(ctx, 200, o);
  }

  /**
   * The subject's answers to verifiers (agreed or declined, one-time or standing), newest first,
   * each with whether it is in force now. The ledger keeps consents by id only, so every record is
   * read, in pages, up to {@value #MAX_CONSENTS_READ}; {@code complete} says whether all were.
   */
  private void consents(Context ctx) {
    String subject = subject(ctx);
    auth.require(ctx, subject);
    long now = Math.max(view.head().header().time(), clock.millis());
    byte[] prefix = Consents.recordPrefix();
    byte[] from = prefix;
    List<Consent> mine = new ArrayList<>();
    int read = 0;
    boolean complete = false;
    while (read < MAX_CONSENTS_READ) {
      List<StateEntry> page = view.scanState(prefix, from, CONSENT_PAGE);
      for (StateEntry e : page) {
        Consent c = Consent.fromJson(Canonical.read(e.value()));
        if (c.subject().equals(subject)) {
          mine.add(c);
        }
      }
      read += page.size();
      if (page.size() < CONSENT_PAGE) {
        complete = true;
        break;
      }
      from = Arrays.copyOf(page.get(page.size() - 1).key(), page.get(page.size() - 1).key().length + 1);
    }
    mine.sort(Comparator.comparingLong(Consent::fromMillis).reversed());
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("complete", complete);
    ArrayNode a = o.putArray("consents");
    for (Consent c : mine) {
      a.add(c.toJson().put("inForce", c.inForceAt(now)));
    }
    Json.send(ctx, 200, o);
  }

  private ObjectNode summary(String recordId, WalletDocument d, long nowMillis) {
    ObjectNode j = Json.MAPPER.createObjectNode();
    j.put("recordId", recordId);
    j.put("type", d.type());
    catalogue.find(d.type()).ifPresent(t -> {
      ObjectNode names = j.putObject("names");
      names.put("zh", t.names().zh());
      names.put("en", t.names().en());
      names.put("ar", t.names().ar());
    });
    j.put("credentialId", d.credentialId());
    j.put("agency", d.agency());
    j.put("added", d.addedMillis());
    Optional<CertificateRecord> r = Certificates.lookup(view::stateValue, d.credentialId());
    j.put("status", r.map(x -> x.statusAt(nowMillis).label()).orElse("unknown"));
    return j;
  }
}
