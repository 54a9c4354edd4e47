package org.govledger.node.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SignedStatement;
import org.govledger.credentials.openid4vp.DcqlMatch;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.QrCodes;
import org.govledger.credentials.openid4vp.RequestUri;
import org.govledger.credentials.openid4vp.VpResponse;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;
import org.govledger.node.LocalSubmitter;
import org.govledger.node.certificate.CertificateRoutes;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.Routes;
import org.govledger.services.certificate.CertificateRecord;
import org.govledger.services.certificate.CertificateVerifier;
import org.govledger.services.certificate.Certificates;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;
import org.govledger.services.consent.Consent;
import org.govledger.services.consent.ConsentContract;
import org.govledger.services.consent.Consents;
import org.govledger.services.consent.Verifier;
import org.govledger.services.consent.Verifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier's and the wallet's endpoints of a consent flow. Every refused presentation is
 * recorded on the ledger with its reason, like every granted one.
 */
public final class PresentationRoutes implements Routes {
  static final String RESPONSE_PATH = "/api/v1/presentations";
  private static final Duration KB_MAX_AGE = Duration.ofMinutes(5);
  private static final int MAX_BODY = 96 * 1024;
  /** The longest a verifier's read of its result waits for the access records' block. */
  private static final Duration RECORDING_WAIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(PresentationRoutes.class);

  private final LedgerView view;
  private final CertificateVerifier certificates;
  private final LocalSubmitter submitter;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final PendingRequests pending = new PendingRequests();
  private final Map<String, CertificateType> typeByVct;
  /** Verifiers' keys, decoded once (a key's bytes never change; revocation is checked each time). */
  private final Map<KeyId, PublicJwk> decoded = new java.util.concurrent.ConcurrentHashMap<>();

  public PresentationRoutes(LedgerView view, Catalogue catalogue, CertificateVerifier certificates,
      LocalSubmitter submitter, Clock clock) {
    this.view = view;
    this.certificates = certificates;
    this.submitter = submitter;
    this.clock = clock;
    this.typeByVct = catalogue.all().stream().collect(Collectors.toMap(CertificateType::vct, Function.identity()));
  }

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/verifiers", this::verifiers);
    app.get("/api/v1/verifiers/{id}", this::verifier);
    app.post("/api/v1/presentation-requests", this::create);
    app.get("/api/v1/presentation-requests/{id}", this::requestObject);
    app.get("/api/v1/presentation-requests/{id}/qr.png", ctx -> qr(ctx, true));
    app.get("/api/v1/presentation-requests/{id}/qr.svg", ctx -> qr(ctx, false));
    app.post("/api/v1/presentation-requests/{id}/consent", this::consent);
    app.get("/api/v1/presentation-requests/{id}/result", this::result);
    app.post(RESPONSE_PATH, this::response);
    app.post("/api/v1/consents/withdraw", this::withdraw);
    app.get("/api/v1/consents/{id}", this::consentRecord);
  }

  /** Body {@code {"statement": "<the holder's signed withdrawal>"}}; carried to the ledger as is. */
  private void withdraw(Context ctx) {
    ObjectNode tx = Json.MAPPER.createObjectNode();
    tx.put("statement", Json.body(ctx, MAX_BODY).path("statement").asText(""));
    LocalSubmitter.Result result = submitter.commit("consent/withdraw", tx);
    if (result instanceof LocalSubmitter.Result.Refused ref) {
      throw new Problem(422, ref.rejection().code(), "Withdrawal refused", ref.rejection().message());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("txId", ((LocalSubmitter.Result.Committed) result).txId());
    Json.send(ctx, 200, o);
  }

  private void consentRecord(Context ctx) {
    String id = ctx.pathParam("id");
    Json.send(ctx, 200, Consents.lookup(view::stateValue, id)
        .orElseThrow(() -> Problem.notFound("no consent " + id)).toJson());
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private void verifiers(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("verifiers");
    for (StateEntry e : view.scanState(Verifiers.prefix(), Verifiers.prefix(), 1000)) {
      a.add(Canonical.read(e.value()));
    }
    Json.send(ctx, 200, o);
  }

  private void verifier(Context ctx) {
    String id = ctx.pathParam("id");
    Json.send(ctx, 200, Verifiers.lookup(view::stateValue, id)
        .orElseThrow(() -> Problem.notFound("no verifier " + id + " is registered")).toJson());
  }

  /** Body {@code {"request": "<request object JWS signed by the verifier>"}}. */
  private void create(Context ctx) {
    ObjectNode body = Json.body(ctx, MAX_BODY);
    String jws = body.path("request").asText("");
    PresentationRequest r;
    try {
      r = PresentationRequest.verify(jws, this::verifierKey, now());
    } catch (CredentialException e) {
      int status = e.code().equals("unknown-verifier") ? 403 : 400;
      throw new Problem(status, e.code().equals("unknown-verifier") ? "unregistered-verifier" : "bad-request-object",
          "Request refused", "the request object is refused: " + e.getMessage());
    }
    Verifier v = Verifiers.lookup(view::stateValue, r.clientId()).orElseThrow();
    if (!v.purposes().containsKey(r.purpose())) {
      throw new Problem(403, "purpose-not-registered", "Request refused", "verifier " + v.id()
          + " is not registered for purpose \"" + r.purpose() + "\"; its purposes: " + v.purposes().keySet());
    }
    for (DcqlQuery.CredentialQuery q : r.dcqlQuery().credentials()) {
      for (String vct : q.vctValueSet()) {
        CertificateType t = typeByVct.get(vct);
        if (t == null) {
          throw Problem.badRequest("unknown-type", "the query asks for " + vct + ", which is not a certificate type here");
        }
        if (!v.types().contains(t.id())) {
          throw new Problem(403, "type-not-registered", "Request refused",
              "verifier " + v.id() + " is not registered to ask for " + t.id());
        }
      }
    }
    if (!URI.create(r.responseUri()).getPath().equals(RESPONSE_PATH)) {
      throw Problem.badRequest("bad-response-uri", "response_uri must be this node's " + RESPONSE_PATH);
    }
    String token = PresentationRequest.randomValue(random) + PresentationRequest.randomValue(random);
    PendingRequests.Pending p = pending.add(jws, r, token, now()).orElseThrow(() -> pending.full()
        ? new Problem(503, "busy", "Too many requests", "the node holds too many open requests; retry shortly")
        : new Problem(409, "request-replayed", "Request refused", "a request with this state or nonce was made before"));
    String base = ctx.scheme() + "://" + ctx.host();
    URI requestUri = URI.create(base + "/api/v1/presentation-requests/" + r.state());
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", r.state());
    o.put("requestUri", requestUri.toString());
    o.put("uri", RequestUri.of(r.clientId(), requestUri).toUriString());
    o.put("qrPng", requestUri + "/qr.png");
    o.put("qrSvg", requestUri + "/qr.svg");
    o.put("resultToken", p.resultToken);
    o.put("expiresAt", r.expiresAt());
    Json.send(ctx, 201, o);
  }

  private Optional<PublicJwk> verifierKey(String clientId, String kid) {
    KeyId keyId;
    try {
      keyId = new KeyId(kid);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.size() > 100_000) {
      decoded.clear();
    }
    return Verifiers.lookup(view::stateValue, clientId).filter(Verifier::active)
        .flatMap(v -> v.key(keyId)).filter(k -> !k.revoked())
        .map(k -> decoded.computeIfAbsent(keyId, id -> new PublicJwk(view.genesis().suite(), k.publicKey())));
  }

  private PendingRequests.Pending pending(Context ctx) {
    String id = ctx.pathParam("id");
    return pending.get(id).orElseThrow(() -> Problem.notFound(
        "no presentation request " + id + " on this node (it may have expired; ask the verifier for a new QR)"));
  }

  private void requestObject(Context ctx) {
    PendingRequests.Pending p = pending(ctx);
    if (p.request.expiresAt() <= now()) {
      throw new Problem(410, "request-expired", "Request expired", "this request expired; ask the verifier for a new QR");
    }
    ctx.contentType("application/oauth-authz-req+jwt").result(p.jws);
  }

  private void qr(Context ctx, boolean png) {
    PendingRequests.Pending p = pending(ctx);
    String base = ctx.scheme() + "://" + ctx.host();
    String uri = RequestUri.of(p.request.clientId(),
        URI.create(base + "/api/v1/presentation-requests/" + p.request.state())).toUriString();
    if (png) {
      ctx.contentType("image/png").result(QrCodes.png(uri, 6));
    } else {
      ctx.contentType("image/svg+xml").result(QrCodes.svg(uri));
    }
  }

  /** Body {@code {"statement": "<the holder's signed consent or refusal>"}}. */
  private void consent(Context ctx) {
    PendingRequests.Pending p = pending(ctx);
    PresentationRequest r = p.request;
    if (r.expiresAt() <= now()) {
      throw new Problem(410, "request-expired", "Request expired", "this request expired; nothing was recorded");
    }
    String statement = Json.body(ctx, MAX_BODY).path("statement").asText("");
    JsonNode s;
    try {
      s = SignedStatement.verify(statement, ConsentContract.CONSENT_TYP).payload();
    } catch (CredentialException e) {
      throw Problem.badRequest("bad-statement", "the consent statement does not verify: " + e.getMessage());
    }
    Set<String> types = new TreeSet<>();
    Set<String> claims = new TreeSet<>();
    for (DcqlQuery.CredentialQuery q : r.dcqlQuery().credentials()) {
      q.vctValueSet().forEach(vct -> types.add(typeByVct.get(vct).id()));
      claims.addAll(q.claimNames());
    }
    if (!s.path("request").asText().equals(r.state()) || !s.path("verifier").asText().equals(r.clientId())
        || !s.path("purpose").asText().equals(r.purpose()) || !strings(s.path("types")).equals(types)
        || !strings(s.path("claims")).equals(claims)) {
      throw Problem.badRequest("consent-mismatch", "the consent must name this request, its verifier, purpose,"
          + " types " + types + " and claims " + claims);
    }
    ObjectNode tx = Json.MAPPER.createObjectNode();
    tx.put("statement", statement);
    String decision = s.path("decision").asText();
    // waits for the block without holding a server thread
    ctx.future(() -> submitter.submit("consent/record", tx).handle((result, failure) -> {
      if (failure != null) {
        new Problem(503, "not-committed", "Consent not recorded", "the consent did not reach a block: " + failure
            + "; nothing was recorded, answer again").render(ctx);
      } else if (result instanceof LocalSubmitter.Result.Refused ref) {
        new Problem(422, ref.rejection().code(), "Consent refused", ref.rejection().message()).render(ctx);
      } else {
        if (decision.equals("decline")) {
          p.declined();
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("consentId", ConsentContract.idOf(view.genesis().suite().hash(), statement));
        o.put("decision", decision);
        o.put("txId", ((LocalSubmitter.Result.Committed) result).txId());
        Json.send(ctx, 201, o);
      }
      return null;
    }));
  }

  private static Set<String> strings(JsonNode a) {
    Set<String> out = new TreeSet<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * The wallet's {@code direct_post}: form-encoded {@code vp_token} and {@code state}. Answers the
   * wallet once every check has passed and the access records are admitted (signed by this node,
   * in its mempool); the disclosed claims reach the verifier only through {@link #result}, after
   * the block holding those records is committed. So no claim is handed over unrecorded, and the
   * wallet does not wait for the block. A refusal is recorded before it is answered.
   */
  private void response(Context ctx) {
    if (ctx.bodyAsBytes().length > MAX_BODY) {
      throw new Problem(413, "too-large", "Request too large", "a response is at most " + MAX_BODY + " bytes");
    }
    VpResponse vp;
    try {
      vp = VpResponse.parseForm(ctx.body());
    } catch (CredentialException e) {
      throw Problem.badRequest(e.code(), "the response is refused: " + e.getMessage());
    }
    PendingRequests.Pending p = pending.get(vp.state()).orElseThrow(() -> Problem.badRequest("unknown-request",
        "no presentation request with this state is open on this node"));
    PresentationRequest r = p.request;
    if (!p.claim()) {
      refuse(p, Optional.empty(), Optional.empty(), "nonce-reused", "this request was answered already; its nonce is spent");
    }
    if (r.expiresAt() <= now()) {
      refuse(p, Optional.empty(), Optional.empty(), "request-expired", "the request expired before the answer came");
    }
    try {
      vp.checkAnswers(r.dcqlQuery());
    } catch (CredentialException e) {
      refuse(p, Optional.empty(), Optional.empty(), "response-mismatch", e.getMessage());
    }
    KeyBindingPolicy kb = KeyBindingPolicy.required(r.clientId(), r.nonce(), KB_MAX_AGE, Duration.ofSeconds(60));
    ArrayNode shared = Json.MAPPER.createArrayNode();
    List<ObjectNode> accesses = new ArrayList<>();
    for (DcqlQuery.CredentialQuery q : r.dcqlQuery().credentials()) {
      for (String presentation : vp.presentations(q.id())) {
        CertificateVerifier.Verdict v = certificates.verify(presentation, kb);
        Optional<CertificateVerifier.Verified> d = v.verified();
        Optional<String> credential = d.map(CertificateVerifier.Verified::credentialId);
        Optional<String> type = d.flatMap(CertificateVerifier.Verified::type);
        if (!v.valid()) {
          var f = v.firstFailure().orElseThrow();
          refuse(p, credential, type, f.name(), f.name() + ": " + f.detail(), v);
        }
        CertificateType t = typeByVct.values().stream().filter(x -> x.id().equals(type.orElseThrow())).findFirst().orElseThrow();
        if (!q.vctValueSet().contains(t.vct())) {
          refuse(p, credential, type, "wrong-credential-type", "the request asked for " + q.vctValueSet() + ", not " + t.vct(), v);
        }
        Set<String> disclosed = new TreeSet<>();
        d.get().disclosed().fieldNames().forEachRemaining(disclosed::add);
        Set<String> extra = DcqlMatch.extraDisclosures(q, disclosed);
        if (!extra.isEmpty()) {
          refuse(p, credential, type, "extra-disclosure", "disclosed claims that were not asked for: " + extra, v);
        }
        Set<String> missing = new TreeSet<>(q.claimNames());
        missing.removeAll(disclosed);
        if (!missing.isEmpty()) {
          refuse(p, credential, type, "missing-claim", "claims asked for but not disclosed: " + missing, v);
        }
        CertificateRecord rec = Certificates.lookup(view::stateValue, credential.orElseThrow()).orElseThrow();
        Optional<Consent> consent = Consents.forRequest(view::stateValue, r.state(), rec.subject());
        long nowMillis = view.head().header().time();
        if (consent.isEmpty()) {
          refuse(p, credential, type, "no-consent", "the holder has not consented to this request", v);
        } else if (!consent.get().agreed()) {
          refuse(p, credential, type, "consent-declined", "the holder declined this request", v);
        } else if (!consent.get().inForceAt(Math.max(nowMillis, clock.millis()))) {
          refuse(p, credential, type, "consent-withdrawn", "the holder's consent was withdrawn or has expired", v);
        } else if (!consent.get().types().contains(t.id())) {
          refuse(p, credential, type, "no-consent", "the holder did not consent to sharing " + t.id(), v);
        }
        accesses.add(access(r, credential, type, Optional.of(consent.get().id()), "granted", Optional.empty()));
        ObjectNode one = CertificateRoutes.verdictJson(v);
        one.put("queryId", q.id());
        shared.add(one);
      }
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("status", "granted");
    result.set("credentials", shared);
    p.recording();
    List<CompletableFuture<LocalSubmitter.Result>> recorded =
        accesses.stream().map(a -> submitter.submit("consent/access", a)).toList();
    CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).whenComplete((done, failure) ->
        settle(p, result, recorded, failure));
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("status", "recording");
    Json.send(ctx, 200, answer);
  }

  /** Hands a granted presentation's claims to the verifier once every access record is committed. */
  private static void settle(PendingRequests.Pending p, ObjectNode granted,
      List<CompletableFuture<LocalSubmitter.Result>> recorded, Throwable failure) {
    Optional<String> problem = Optional.ofNullable(failure).map(f -> "the access record did not commit: " + f);
    ArrayNode records = Json.MAPPER.createArrayNode();
    for (int i = 0; i < recorded.size() && problem.isEmpty(); i++) {
      LocalSubmitter.Result r = recorded.get(i).join();
      if (r instanceof LocalSubmitter.Result.Committed c) {
        records.add(c.txId());
      } else if (r instanceof LocalSubmitter.Result.Refused ref) {
        problem = Optional.of("the access record was refused: " + ref.rejection());
      }
    }
    if (problem.isEmpty()) {
      granted.set("accessRecords", records);
      p.finish("granted", granted);
      return;
    }
    LOG.error("a checked presentation's claims are withheld: {}", problem.get());
    ObjectNode failed = Json.MAPPER.createObjectNode();
    failed.put("status", "failed");
    failed.put("reason", "access-not-recorded");
    failed.put("detail", problem.get() + "; no claim is handed over unrecorded: ask the holder again");
    p.finish("failed", failed);
  }

  private void refuse(PendingRequests.Pending p, Optional<String> credential, Optional<String> type, String reason,
      String detail) {
    refuse(p, credential, type, reason, detail, null);
  }

  /** Records the refused attempt on the ledger, keeps it as the result, and answers 400. */
  private void refuse(PendingRequests.Pending p, Optional<String> credential, Optional<String> type, String reason,
      String detail, CertificateVerifier.Verdict verdict) {
    record(p.request, credential, type, Optional.empty(), "refused", Optional.of(reason));
    ObjectNode result = verdict == null ? Json.MAPPER.createObjectNode() : CertificateRoutes.verdictJson(verdict);
    result.remove("disclosed"); // a refused presentation's claims are not handed to the verifier
    result.put("status", "refused");
    result.put("reason", reason);
    result.put("detail", detail);
    if (!reason.equals("nonce-reused")) {
      p.finish("refused", result);
    }
    throw Problem.badRequest(reason, "the presentation is refused: " + detail);
  }

  /** Records a refused attempt, waiting for its block. */
  private void record(PresentationRequest r, Optional<String> credential, Optional<String> type,
      Optional<String> consent, String outcome, Optional<String> reason) {
    if (submitter.commit("consent/access", access(r, credential, type, consent, outcome, reason))
        instanceof LocalSubmitter.Result.Refused ref) {
      throw new IllegalStateException("the access record was refused: " + ref.rejection());
    }
  }

  /** The body of a {@code consent/access} transaction: ids and codes, no personal data. */
  private static ObjectNode access(PresentationRequest r, Optional<String> credential, Optional<String> type,
      Optional<String> consent, String outcome, Optional<String> reason) {
    ObjectNode access = Json.MAPPER.createObjectNode();
    access.put("verifier", r.clientId());
    access.put("request", r.state());
    access.put("purpose", r.purpose());
    access.put("outcome", outcome);
    reason.ifPresent(x -> access.put("reason", x));
    credential.ifPresent(x -> access.put("credential", x));
    type.ifPresent(x -> access.put("type", x));
    consent.ifPresent(x -> access.put("consent", x));
    return access;
  }

  /**
   * The verifier's view: {@code Authorization: Bearer <resultToken>} from the request's creation.
   * While a granted presentation's access records wait for their block, waits for them (at most
   * {@link #RECORDING_WAIT}; then answers {@code recording}, and the verifier asks again).
   */
  private void result(Context ctx) {
    PendingRequests.Pending p = pending(ctx);
    String auth = ctx.header("Authorization");
    if (auth == null || !java.security.MessageDigest.isEqual(("Bearer " + p.resultToken).getBytes(), auth.getBytes())) {
      throw new Problem(401, "bad-result-token", "Result token required",
          "send Authorization: Bearer <resultToken>, as given when the request was created");
    }
    // waits for the access records' block without holding a server thread
    ctx.future(() -> p.recorded(RECORDING_WAIT).thenRun(() -> {
      ObjectNode o = p.result(now()).orElseGet(() -> {
        ObjectNode x = Json.MAPPER.createObjectNode();
        x.put("status", p.status());
        return x;
      });
      if (!o.has("status")) {
        o.put("status", p.status());
      }
      Json.send(ctx, 200, o);
    }));
  }
}
