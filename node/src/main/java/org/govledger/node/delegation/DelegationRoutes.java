package org.govledger.node.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;
import org.govledger.node.LocalSubmitter;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.ProofOfPossession;
import org.govledger.node.http.Routes;
import org.govledger.node.wallet.HolderAuth;
import org.govledger.node.wallet.WalletDocument;
import org.govledger.node.wallet.WalletStore;
import org.govledger.services.certificate.CertificateStatus;
import org.govledger.services.certificate.CertificateVerifier;
import org.govledger.services.certificate.Certificates;
import org.govledger.services.delegation.DelegationContract;
import org.govledger.services.delegation.Grant;
import org.govledger.services.delegation.Grants;
import org.govledger.services.identity.Agencies;
import org.govledger.services.identity.Agency;

/**
 * Grants, revocations and applications. An application is made by the agency where the grantee
 * appears (signed with the agency's key); the node checks the grantee's identity credential and
 * key binding, and for a company the business licence and the representative's identity from
 * their wallets, then the ledger checks every link of the chain, records the decision and counts
 * the use in one transaction.
 */
public final class DelegationRoutes implements Routes {
  private static final int MAX_BODY = 96 * 1024;
  private static final Duration KB_MAX_AGE = Duration.ofMinutes(5);
  private static final int MAX_LISTED = 10_000;

  private final LedgerView view;
  private final WalletStore wallet;
  private final CertificateVerifier certificates;
  private final LocalSubmitter submitter;
  private final ProofOfPossession proofs;
  private final HolderAuth holders;
  private final Clock clock;

  public DelegationRoutes(LedgerView view, WalletStore wallet, CertificateVerifier certificates,
      LocalSubmitter submitter, ProofOfPossession proofs, Clock clock) {
    this.view = view;
    this.wallet = wallet;
    this.certificates = certificates;
    this.submitter = submitter;
    this.proofs = proofs;
    this.holders = new HolderAuth(view, proofs);
    this.clock = clock;
  }

  @Override
  public void register(Javalin app) {
    app.post("/api/v1/delegations", ctx -> carry(ctx, "delegation/grant", 201));
    app.post("/api/v1/delegations/revoke", ctx -> carry(ctx, "delegation/revoke", 200));
    app.get("/api/v1/delegations/{id}", this::grant);
    app.post("/api/v1/delegations/{id}/apply", this::apply);
    app.get("/api/v1/wallets/{subject}/delegations", this::mine);
  }

  /**
   * The grants a subject gave (as grantor, or as the representative who signed for a company)
   * and received, for its wallet (holder proof). The ledger keeps no index by subject, so this
   * reads every grant, at most {@value #MAX_LISTED}: enough for a city's demo, not for a
   * national registry, where the contract would keep such an index.
   */
  private void mine(Context ctx) {
    String subject = ctx.pathParam("subject");
    holders.require(ctx, subject);
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode given = o.putArray("given");
    ArrayNode received = o.putArray("received");
    byte[] prefix = Grants.prefix();
    for (StateEntry e : view.scanState(prefix, prefix, MAX_LISTED)) {
      Grant g = Grant.fromJson(Canonical.read(e.value()));
      if (g.grantor().equals(subject) || g.representative().filter(subject::equals).isPresent()) {
        given.add(g.toJson());
      }
      if (g.grantee().equals(subject)) {
        received.add(g.toJson());
      }
    }
    Json.send(ctx, 200, o);
  }

  /** Carries a grantor's signed statement to the ledger; the contract checks who signed it. */
  private void carry(Context ctx, String type, int status) {
    String statement = Json.body(ctx, MAX_BODY).path("statement").asText("");
    ObjectNode tx = Json.MAPPER.createObjectNode();
    tx.put("statement", statement);
    LocalSubmitter.Result r = submitter.commit(type, tx);
    if (r instanceof LocalSubmitter.Result.Refused ref) {
      throw new Problem(422, ref.rejection().code(), "Refused", ref.rejection().message());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (type.endsWith("grant")) {
      o.put("grantId", DelegationContract.idOf(view.genesis().suite().hash(), statement));
    }
    o.put("txId", ((LocalSubmitter.Result.Committed) r).txId());
    Json.send(ctx, status, o);
  }

  private void grant(Context ctx) {
    String id = ctx.pathParam("id");
    Grant g = Grants.lookup(view::stateValue, id).orElseThrow(() -> Problem.notFound("no grant " + id));
    ObjectNode o = g.toJson();
    ArrayNode chain = o.putArray("chain");
    Grants.chain(view::stateValue, g).forEach(x -> chain.add(x.id()));
    ArrayNode decisions = o.putArray("decisions");
    byte[] prefix = Grants.decisionPrefix(id);
    List<StateEntry> entries = view.scanState(prefix, prefix, 10_000);
    entries.stream().map(e -> Canonical.read(e.value()))
        .sorted(Comparator.comparingLong(d -> d.path("time").asLong()))
        .forEach(decisions::add);
    Json.send(ctx, 200, o);
  }

  /**
   * Body {@code {"agency": "<id>", "service": "<code>", "application": "<16-64 chars, also the
   * KB-JWT nonce>", "presentation": "<the grantee's resident identity credential, with a key
   * binding JWT for the agency>"}}, with the agency's request proof.
   */
  private void apply(Context ctx) {
    String grantId = ctx.pathParam("id");
    ObjectNode body = Json.body(ctx, MAX_BODY);
    String agencyId = body.path("agency").asText("");
    Agency agency = agency(ctx, agencyId);
    Grant leaf = Grants.lookup(view::stateValue, grantId).orElseThrow(() -> Problem.notFound("no grant " + grantId));
    String application = body.path("application").asText("");
    String service = body.path("service").asText("");
    ArrayNode checks = Json.MAPPER.createArrayNode();

    CertificateVerifier.Verdict id = certificates.verify(body.path("presentation").asText(""),
        KeyBindingPolicy.required(agency.id(), application, KB_MAX_AGE, Duration.ofSeconds(60)));
    Optional<String> subject = id.verified().flatMap(v -> Certificates.lookup(view::stateValue, v.credentialId()))
        .map(r -> r.subject());
    if (!id.valid()) {
      check(checks, "grantee-identity", false, "the grantee's identity credential fails "
          + id.firstFailure().map(f -> f.name() + ": " + f.detail()).orElse("verification"));
    } else if (!id.verified().flatMap(CertificateVerifier.Verified::type).orElse("").equals("resident-identity-card")) {
      check(checks, "grantee-identity", false, "the grantee must present a resident identity card");
    } else if (!subject.orElse("").equals(leaf.grantee())) {
      check(checks, "grantee-identity", false, "the person presenting is not the grantee this grant names");
    } else {
      check(checks, "grantee-identity", true, "resident identity card valid, bound to the presenter's key, of the named grantee");
    }
    Grant root = Grants.chain(view::stateValue, leaf).get(Grants.chain(view::stateValue, leaf).size() - 1);
    if (root.grantorKind().equals("company")) {
      companyCheck(checks, root);
    }
    ObjectNode use = Json.MAPPER.createObjectNode();
    use.put("grant", grantId);
    use.put("service", service);
    use.put("office", agency.id());
    use.put("grantee", subject.orElse("unidentified"));
    use.put("application", application);
    use.set("checks", checks);
    LocalSubmitter.Result r = submitter.commit("delegation/use", use);
    if (r instanceof LocalSubmitter.Result.Refused ref) {
      throw new Problem(422, ref.rejection().code(), "Application refused", ref.rejection().message());
    }
    String tx = ((LocalSubmitter.Result.Committed) r).txId();
    byte[] key = (new String(Grants.decisionPrefix(grantId), java.nio.charset.StandardCharsets.US_ASCII) + tx)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    JsonNode decision = Canonical.read(view.stateValue(key).orElseThrow());
    ObjectNode o = (ObjectNode) decision.deepCopy();
    o.set("checks", checks);
    Json.send(ctx, 200, o);
  }

  /** The company's business licence is valid now and names the representative who granted. */
  private void companyCheck(ArrayNode checks, Grant root) {
    long now = Math.max(view.head().header().time(), clock.millis());
    Optional<WalletDocument> licence = current(root.grantor(), "business-licence", now);
    Optional<WalletDocument> repId = root.representative().flatMap(rep -> current(rep, "resident-identity-card", now));
    if (licence.isEmpty()) {
      check(checks, "company-licence", false, "the company holds no valid business licence now");
      return;
    }
    if (repId.isEmpty()) {
      check(checks, "company-licence", false, "the representative holds no valid resident identity card");
      return;
    }
    String named = disclosed(licence.get()).path("legalRepresentative").asText("");
    String repName = disclosed(repId.get()).path("name").asText("\u0000");
    check(checks, "company-licence", named.equals(repName), named.equals(repName)
        ? "the business licence is valid and names the representative who signed the grant"
        : "the business licence names another legal representative than the person who signed the grant");
  }

  private Optional<WalletDocument> current(String subject, String type, long now) {
    return wallet.list(subject).stream().map(WalletStore.Entry::document)
        .filter(d -> d.type().equals(type))
        .filter(d -> Certificates.lookup(view::stateValue, d.credentialId())
            .map(r -> r.statusAt(now) == CertificateStatus.VALID).orElse(false))
        .max(Comparator.comparingLong(WalletDocument::addedMillis));
  }

  private JsonNode disclosed(WalletDocument d) {
    CertificateVerifier.Verdict v = certificates.verify(d.credential(), KeyBindingPolicy.notRequired());
    return v.valid() ? v.verified().orElseThrow().disclosed() : Json.MAPPER.createObjectNode();
  }

  private static void check(ArrayNode checks, String name, boolean passed, String detail) {
    ObjectNode c = checks.addObject();
    c.put("name", name);
    c.put("outcome", passed ? "passed" : "failed");
    c.put("detail", detail);
  }

  /** The agency in the body, proven by a request proof signed with one of its keys in force. */
  private Agency agency(Context ctx, String id) {
    PublicJwk key = proofs.require(ctx, id);
    Agency a = Agencies.lookup(view::stateValue, id).orElseThrow(() ->
        new Problem(403, "not-agency", "Not an agency", id + " is not a registered agency"));
    if (key.suite() != view.genesis().suite()
        || a.key(KeyId.of(key.suite(), key.publicKey())).filter(k -> !k.revoked()).isEmpty()) {
      throw new Problem(403, "not-agency", "Not an agency", "the proof's key is not a key of agency " + id);
    }
    return a;
  }
}
