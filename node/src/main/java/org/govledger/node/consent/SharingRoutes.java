package org.govledger.node.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.Disclosure;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.QrCodes;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.tx.KeyId;
import org.govledger.node.LocalSubmitter;
import org.govledger.node.certificate.CertificateRoutes;
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
import org.govledger.services.consent.Consent;
import org.govledger.services.consent.Consents;
import org.govledger.services.consent.Verifier;
import org.govledger.services.consent.Verifiers;
import org.govledger.services.identity.Subject;

/**
 * Sharing without a fresh request each time: a verifier's fetch under a standing consent (the
 * holder's current document of the consented type, with the consented claims only), and the
 * holder's one-time share (a short-lived QR for one document that the first registered verifier
 * to redeem it gets). Each fetch and redemption, granted or refused, is an access record.
 */
public final class SharingRoutes implements Routes {
  private static final int MAX_SHARES = 100_000;
  private static final long MAX_SHARE_SECONDS = 600;

  private final WalletStore wallet;
  private final LedgerView view;
  private final CertificateVerifier certificates;
  private final LocalSubmitter submitter;
  private final ProofOfPossession proofs;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Share> shares = new ConcurrentHashMap<>();
  private final HolderAuth holders;

  /** A one-time share: one document, chosen claims, until it is redeemed or expires. */
  private static final class Share {
    final String subject;
    final String recordId;
    final Set<String> claims;
    final long expiresAt;
    private boolean used;

    Share(String subject, String recordId, Set<String> claims, long expiresAt) {
      this.subject = subject;
      this.recordId = recordId;
      this.claims = claims;
      this.expiresAt = expiresAt;
    }

    synchronized boolean use() {
      if (used) {
        return false;
      }
      used = true;
      return true;
    }
  }

  public SharingRoutes(WalletStore wallet, LedgerView view, CertificateVerifier certificates,
      LocalSubmitter submitter, ProofOfPossession proofs, Clock clock) {
    this.wallet = wallet;
    this.view = view;
    this.certificates = certificates;
    this.submitter = submitter;
    this.proofs = proofs;
    this.clock = clock;
    this.holders = new HolderAuth(view, proofs);
  }

  @Override
  public void register(Javalin app) {
    app.post("/api/v1/consents/{id}/fetch", this::fetch);
    app.post("/api/v1/wallets/{subject}/documents/{record}/shares", this::share);
    app.get("/api/v1/shares/{token}/qr.png", this::shareQr);
    app.post("/api/v1/shares/{token}/redeem", this::redeem);
  }

  /** The verifier in the path, proven by a request proof signed with one of its registered keys. */
  private Verifier verifier(Context ctx, String id) {
    PublicJwk key = proofs.require(ctx, id);
    Verifier v = Verifiers.lookup(view::stateValue, id).filter(Verifier::active).orElseThrow(() ->
        new Problem(403, "unregistered-verifier", "Not a verifier", id + " is not an active registered verifier"));
    if (key.suite() != view.genesis().suite()
        || v.key(KeyId.of(key.suite(), key.publicKey())).filter(k -> !k.revoked()).isEmpty()) {
      throw new Problem(403, "unregistered-verifier", "Not a verifier", "the proof's key is not a key of " + id);
    }
    return v;
  }

  /** Body {@code {"verifier": "<id>"}}, with that verifier's request proof. */
  private void fetch(Context ctx) {
    String consentId = ctx.pathParam("id");
    String verifierId = Json.body(ctx, 4096).path("verifier").asText("");
    Verifier v = verifier(ctx, verifierId);
    Consent c = Consents.lookup(view::stateValue, consentId)
        .filter(x -> x.verifier().equals(v.id()))
        .orElseThrow(() -> Problem.notFound("verifier " + v.id() + " holds no consent " + consentId));
    long now = Math.max(view.head().header().time(), clock.millis());
    List<WalletStore.Entry> ofTypes = wallet.list(c.subject()).stream()
        .filter(e -> c.types().contains(e.document().type())).toList();
    // A refusal names the holder's latest document of the consented types, so it shows in that
    // document's access history.
    Optional<String> latest = ofTypes.stream().max(Comparator.comparingLong(e -> e.document().addedMillis()))
        .map(e -> e.document().credentialId());
    if (!c.standing()) {
      refused(v, c.request(), c.purpose(), latest, "not-standing", "consent " + consentId
          + " was for one presentation; ask the holder again");
    }
    if (!c.inForceAt(now)) {
      refused(v, c.request(), c.purpose(), latest, c.withdrawnMillis().isPresent()
          ? "consent-withdrawn" : "consent-expired", "the holder's consent is no longer in force");
    }
    Optional<WalletStore.Entry> current = ofTypes.stream()
        .filter(e -> Certificates.lookup(view::stateValue, e.document().credentialId())
            .map(r -> r.statusAt(view.head().header().time()) == CertificateStatus.VALID).orElse(false))
        .max(Comparator.comparingLong(e -> e.document().addedMillis()));
    if (current.isEmpty()) {
      refused(v, c.request(), c.purpose(), latest, "no-current-document",
          "the holder has no valid document of the consented types " + c.types());
    }
    WalletDocument d = current.get().document();
    ObjectNode answer = disclose(d, c.claims());
    record(v.id(), c.request(), c.purpose(), "granted", Optional.empty(), Optional.of(d.credentialId()),
        Optional.of(d.type()), Optional.of(c.id()), Optional.empty());
    Json.send(ctx, 200, answer);
  }

  /**
   * The holder's one-time share. Body {@code {"claims": [...], "ttlSeconds": 120}}; needs the
   * holder's request proof.
   */
  private void share(Context ctx) {
    String subject = ctx.pathParam("subject");
    try {
      Subject.checkId(subject);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("bad-subject", e.getMessage());
    }
    holders.require(ctx, subject);
    String recordId = ctx.pathParam("record");
    WalletDocument d = wallet.open(subject, recordId)
        .orElseThrow(() -> Problem.notFound("this wallet has no document " + recordId));
    ObjectNode body = Json.body(ctx, 4096);
    Set<String> claims = new TreeSet<>();
    body.path("claims").forEach(n -> claims.add(n.asText()));
    Set<String> available;
    try {
      available = SdJwt.parse(d.credential()).claimNames();
    } catch (CredentialException e) {
      throw new IllegalStateException("a wallet credential does not parse", e);
    }
    if (claims.isEmpty() || !available.containsAll(claims)) {
      throw Problem.badRequest("bad-claims", "\"claims\" must name some of " + available);
    }
    long ttl = body.path("ttlSeconds").asLong(120);
    if (ttl < 10 || ttl > MAX_SHARE_SECONDS) {
      throw Problem.badRequest("bad-ttl", "ttlSeconds is 10-" + MAX_SHARE_SECONDS);
    }
    long now = clock.instant().getEpochSecond();
    shares.values().removeIf(s -> s.expiresAt < now);
    if (shares.size() >= MAX_SHARES) {
      throw new Problem(503, "busy", "Too many shares", "too many open shares; retry shortly");
    }
    String token = PresentationRequest.randomValue(random) + PresentationRequest.randomValue(random);
    shares.put(token, new Share(subject, recordId, claims, now + ttl));
    String url = ctx.scheme() + "://" + ctx.host() + "/api/v1/shares/" + token;
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("url", url);
    o.put("qrPng", url + "/qr.png");
    o.put("expiresAt", now + ttl);
    Json.send(ctx, 201, o);
  }

  private void shareQr(Context ctx) {
    String token = ctx.pathParam("token");
    if (!shares.containsKey(token)) {
      throw Problem.notFound("no open share " + token);
    }
    ctx.contentType("image/png").result(QrCodes.png(ctx.scheme() + "://" + ctx.host() + "/api/v1/shares/" + token, 6));
  }

  /** Body {@code {"verifier": "<id>", "purpose": "<registered purpose code>"}}, with its proof. */
  private void redeem(Context ctx) {
    String token = ctx.pathParam("token");
    JsonNode body = Json.body(ctx, 4096);
    Verifier v = verifier(ctx, body.path("verifier").asText(""));
    String purpose = body.path("purpose").asText("");
    if (!v.purposes().containsKey(purpose)) {
      throw new Problem(403, "purpose-not-registered", "Not registered", "verifier " + v.id()
          + " is not registered for purpose \"" + purpose + "\"");
    }
    String shareId = HexFormat.of().formatHex(view.genesis().suite().hash().digest(token.getBytes(StandardCharsets.US_ASCII)))
        .substring(0, 32);
    Share s = shares.get(token);
    if (s == null) {
      refused(v, shareId, purpose, Optional.empty(), "unknown-share", "no such share; it may have expired");
    }
    WalletDocument d = wallet.open(s.subject, s.recordId).orElse(null);
    Optional<String> credential = Optional.ofNullable(d).map(WalletDocument::credentialId);
    if (s.expiresAt <= clock.instant().getEpochSecond()) {
      refused(v, shareId, purpose, credential, "share-expired", "this share expired");
    }
    if (!s.use()) {
      refused(v, shareId, purpose, credential, "share-used", "this one-time share was used already");
    }
    if (d == null) {
      refused(v, shareId, purpose, Optional.empty(), "document-erased", "the holder erased the document");
    }
    if (!v.types().contains(d.type())) {
      refused(v, shareId, purpose, Optional.of(d.credentialId()), "type-not-registered",
          "verifier " + v.id() + " is not registered for " + d.type());
    }
    ObjectNode answer = disclose(d, s.claims);
    if (!answer.path("valid").asBoolean()) {
      refused(v, shareId, purpose, Optional.of(d.credentialId()), "status", "the document does not verify now");
    }
    record(v.id(), shareId, purpose, "granted", Optional.empty(), Optional.of(d.credentialId()),
        Optional.of(d.type()), Optional.empty(), Optional.of(shareId));
    Json.send(ctx, 200, answer);
  }

  /** The credential with only {@code claims} disclosed (no key binding: the holder is not here), verified. */
  private ObjectNode disclose(WalletDocument d, Set<String> claims) {
    SdJwt sd;
    try {
      sd = SdJwt.parse(d.credential());
    } catch (CredentialException e) {
      throw new IllegalStateException("a wallet credential does not parse", e);
    }
    StringBuilder p = new StringBuilder(sd.issuerJwt()).append('~');
    for (Disclosure x : sd.disclosures()) {
      if (x.claimName().filter(claims::contains).isPresent()) {
        p.append(x.encoded()).append('~');
      }
    }
    CertificateVerifier.Verdict v = certificates.verify(p.toString(), KeyBindingPolicy.notRequired());
    ObjectNode o = CertificateRoutes.verdictJson(v);
    o.put("presentation", p.toString());
    return o;
  }

  private void refused(Verifier v, String request, String purpose, Optional<String> credential, String reason,
      String detail) {
    record(v.id(), request, purpose, "refused", Optional.of(reason), credential, Optional.empty(),
        Optional.empty(), Optional.empty());
    throw new Problem(reason.equals("share-used") || reason.equals("share-expired") ? 410 : 403, reason,
        "Refused", detail);
  }

  private void record(String verifier, String request, String purpose, String outcome, Optional<String> reason,
      Optional<String> credential, Optional<String> type, Optional<String> consent, Optional<String> share) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("verifier", verifier);
    a.put("request", request);
    a.put("purpose", purpose);
    a.put("outcome", outcome);
    reason.ifPresent(x -> a.put("reason", x));
    credential.ifPresent(x -> a.put("credential", x));
    type.ifPresent(x -> a.put("type", x));
    consent.ifPresent(x -> a.put("consent", x));
    share.ifPresent(x -> a.put("share", x));
    if (submitter.commit("consent/access", a) instanceof LocalSubmitter.Result.Refused r) {
      throw new IllegalStateException("the access record was refused: " + r.rejection());
    }
  }
}
