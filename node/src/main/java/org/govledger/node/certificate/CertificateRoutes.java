package org.govledger.node.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import org.govledger.credentials.Check;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.json.Canonical;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.Routes;
import org.govledger.services.certificate.CertificateRecord;
import org.govledger.services.certificate.CertificateVerifier;
import org.govledger.services.certificate.Certificates;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.identity.Agencies;
import org.govledger.services.identity.Agency;
import org.govledger.services.identity.Subjects;

/**
 * Read-only e-certificate endpoints and the public verifier. Nothing here changes the ledger:
 * agencies issue and change status through signed transactions, like every other change.
 */
public final class CertificateRoutes implements Routes {
  /** How old a presentation's key binding JWT may be. */
  static final Duration KB_MAX_AGE = Duration.ofMinutes(5);
  private static final int MAX_LIST = 1000;

  private final LedgerView view;
  private final Catalogue catalogue;
  private final CertificateVerifier verifier;

  public CertificateRoutes(LedgerView view, Catalogue catalogue, CertificateVerifier verifier) {
    this.view = view;
    this.catalogue = catalogue;
    this.verifier = verifier;
  }

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/certificate-types", this::types);
    app.get("/api/v1/certificate-types/{id}", this::type);
    app.get("/api/v1/agencies", this::agencies);
    app.get("/api/v1/agencies/{id}", this::agency);
    app.get("/api/v1/subjects/{id}", this::subject);
    app.get("/api/v1/certificates/{id}", this::certificate);
    app.post("/api/v1/certificates/verify", this::verify);
  }

  private void types(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("types");
    catalogue.all().forEach(t -> a.add(t.toJson()));
    Json.send(ctx, 200, o);
  }

  private void type(Context ctx) {
    String id = ctx.pathParam("id");
    Json.send(ctx, 200, catalogue.find(id).orElseThrow(() -> Problem.notFound(
        "no certificate type " + id + "; GET /api/v1/certificate-types lists them")).toJson());
  }

  private void agencies(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("agencies");
    for (StateEntry e : view.scanState(Agencies.prefix(), Agencies.prefix(), MAX_LIST)) {
      a.add(Canonical.read(e.value()));
    }
    Json.send(ctx, 200, o);
  }

  private void agency(Context ctx) {
    String id = ctx.pathParam("id");
    Agency a = Agencies.lookup(view::stateValue, id)
        .orElseThrow(() -> Problem.notFound("no agency " + id + " is registered"));
    Json.send(ctx, 200, a.toJson());
  }

  private void subject(Context ctx) {
    String id = ctx.pathParam("id");
    Json.send(ctx, 200, Subjects.lookup(view::stateValue, id)
        .orElseThrow(() -> Problem.notFound("no subject " + id + " is registered")).toJson());
  }

  private void certificate(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Certificates.isId(id)) {
      throw Problem.badRequest("bad-certificate-id",
          "a certificate id is the 64-hex-digit hash of its issuer-signed JWT, got " + id.length() + " characters");
    }
    CertificateRecord r = Certificates.lookup(view::stateValue, id)
        .orElseThrow(() -> Problem.notFound("no certificate " + id + " is anchored"));
    ObjectNode o = r.toJson();
    o.put("statusNow", r.statusAt(view.head().header().time()).label());
    Json.send(ctx, 200, o);
  }

  /**
   * Body: {@code {"presentation": "<sd-jwt>", "audience": "...", "nonce": "..."}}; audience and
   * nonce, when given, make a key binding JWT for them required. The answer is 200 with {@code
   * valid} false and the failed checks for a credential that does not verify: the request was
   * fine, the credential was not.
   */
  private void verify(Context ctx) {
    ObjectNode body = Json.body(ctx, SdJwt.MAX_LENGTH + 4096);
    JsonNode p = body.path("presentation");
    if (!p.isTextual() || p.textValue().isEmpty()) {
      throw Problem.badRequest("bad-request", "the body needs \"presentation\": the SD-JWT as a string");
    }
    boolean hasAudience = body.hasNonNull("audience");
    if (hasAudience != body.hasNonNull("nonce")) {
      throw Problem.badRequest("bad-request", "give both \"audience\" and \"nonce\" to require key binding, or neither");
    }
    KeyBindingPolicy policy = hasAudience
        ? KeyBindingPolicy.required(body.path("audience").asText(), body.path("nonce").asText(),
            KB_MAX_AGE, Duration.ofSeconds(60))
        : KeyBindingPolicy.notRequired();
    CertificateVerifier.Verdict v = verifier.verify(p.textValue(), policy);
    Json.send(ctx, 200, verdictJson(v));
  }

  public static ObjectNode verdictJson(CertificateVerifier.Verdict v) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("valid", v.valid());
    ArrayNode checks = o.putArray("checks");
    for (Check c : v.checks()) {
      ObjectNode j = checks.addObject();
      j.put("name", c.name());
      j.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      j.put("detail", c.detail());
    }
    v.verified().ifPresent(d -> {
      o.put("credentialId", d.credentialId());
      d.type().ifPresent(t -> o.put("type", t));
      o.put("agency", d.agency());
      d.status().ifPresent(s -> o.put("status", s));
      o.set("disclosed", d.disclosed());
      d.anchor().ifPresent(a -> o.set("anchor", a));
    });
    return o;
  }
}
