package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.SignedStatement;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.RequestUri;
import org.govledger.credentials.openid4vp.VpResponse;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;

/**
 * The holder's side of a consent flow, for a wallet built on the SDK (and the CLI): read a
 * verifier's QR (the {@code openid4vp://} URI), check who asks for what and why, answer with a
 * signed consent or refusal, and send only the asked-for claims bound to this wallet's key.
 * The private key never leaves this object's caller.
 */
public final class HolderWallet {
  private final GovLedgerClient node;
  private final SigningKey key;
  private final String subject;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public HolderWallet(GovLedgerClient node, SigningKey walletKey, String subject) {
    this.node = node;
    this.key = walletKey;
    this.subject = subject;
  }

  /**
   * A request as the holder sees it before answering: who asks (the verifier's registered name),
   * why (the registered text of the purpose), and which types and claims.
   */
  public record Request(PresentationRequest request, String verifierName, String purposeText,
      Set<String> vctValues, Set<String> claims) {}

  /**
   * Fetches and checks the request a QR points at: its signature by a key the ledger registers
   * for that verifier, its expiry, and that it came from the URI's own client.
   *
   * @throws CredentialException naming what is wrong (a QR that is not ours, an expired or
   *     unsigned request, an unregistered verifier)
   */
  public Request open(String openid4vpUri) throws CredentialException, ClientException {
    RequestUri uri = RequestUri.parse(openid4vpUri);
    JsonNode verifier;
    try {
      verifier = node.get("/api/v1/verifiers/" + uri.clientId());
    } catch (ClientException e) {
      throw new CredentialException("unknown-verifier", "the QR names verifier " + uri.clientId()
          + ", which the ledger does not register: " + e.getMessage());
    }
    CryptoSuite suite = CryptoSuite.fromId(node.info().path("suite").asText());
    String jws = fetch(uri.requestUri());
    PresentationRequest r = uri.verifyRequestObject(jws, (clientId, kid) -> {
      if (!verifier.path("active").asBoolean()) {
        return Optional.empty();
      }
      for (JsonNode k : verifier.path("keys")) {
        if (k.path("keyId").asText().equals(kid) && !k.has("revoked")) {
          return Optional.of(new PublicJwk(suite, Base64.getUrlDecoder().decode(k.path("publicKey").asText())));
        }
      }
      return Optional.empty();
    }, Instant.now().getEpochSecond());
    Set<String> vcts = new TreeSet<>();
    Set<String> claims = new TreeSet<>();
    for (DcqlQuery.CredentialQuery q : r.dcqlQuery().credentials()) {
      vcts.addAll(q.vctValueSet());
      claims.addAll(q.claimNames());
    }
    return new Request(r, verifier.path("name").asText(),
        verifier.path("purposes").path(r.purpose()).asText(r.purpose()), vcts, claims);
  }

  /**
   * Records the holder's answer on the ledger (through the node that serves the request).
   *
   * @param types the certificate type ids asked for (the vct values map to them)
   * @param validSeconds how long an agreement lasts; the request's own lifetime for a one-time
   *     share, longer (say 30 days) for a standing consent
   * @return the node's answer: consent id, decision, transaction id
   */
  public JsonNode answer(Request r, Set<String> types, boolean agree, boolean standing, long validSeconds)
      throws ClientException {
    long now = Instant.now().getEpochSecond();
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("sub", subject);
    p.put("verifier", r.request().clientId());
    p.put("request", r.request().state());
    var t = p.putArray("types");
    new TreeSet<>(types).forEach(t::add);
    var c = p.putArray("claims");
    r.claims().forEach(c::add);
    p.put("purpose", r.request().purpose());
    p.put("decision", agree ? "agree" : "decline");
    p.put("standing", standing);
    p.put("iat", now);
    p.put("exp", now + validSeconds);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statement", SignedStatement.sign(key, SignedStatement.CONSENT_TYP, p));
    return node.post("/api/v1/presentation-requests/" + r.request().state() + "/consent", body);
  }

  /** Withdraws a consent this wallet's subject gave; the next fetch under it is refused. */
  public JsonNode withdraw(String consentId) throws ClientException {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("sub", subject);
    p.put("consent", consentId);
    p.put("iat", Instant.now().getEpochSecond());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statement", SignedStatement.sign(key, SignedStatement.WITHDRAWAL_TYP, p));
    return node.post("/api/v1/consents/withdraw", body);
  }

  /**
   * Sends the asked-for claims of {@code credential} (one per credential query), each with a key
   * binding JWT over the request's nonce and the verifier's id, to the request's response URI.
   *
   * @return the HTTP status and body of the verifier side's answer
   */
  public HttpResponse<String> present(Request r, Map<String, String> credentialByQuery)
      throws CredentialException, IOException, InterruptedException {
    Map<String, List<String>> token = new java.util.TreeMap<>();
    long now = Instant.now().getEpochSecond();
    for (DcqlQuery.CredentialQuery q : r.request().dcqlQuery().credentials()) {
      String credential = credentialByQuery.get(q.id());
      if (credential == null) {
        throw new IllegalArgumentException("no credential given for query " + q.id());
      }
      token.put(q.id(), List.of(SdJwt.parse(credential).present(q.claimNames(), key, r.request().clientId(),
          r.request().nonce(), now)));
    }
    return postForm(URI.create(r.request().responseUri()), new VpResponse(token, r.request().state()).toFormBody());
  }

  /** Posts a form body (for tests of tampered responses, too). */
  public HttpResponse<String> postForm(URI uri, String form) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String fetch(URI requestUri) throws CredentialException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(requestUri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new CredentialException("request-unavailable", "the request at " + requestUri + " answered "
            + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new CredentialException("request-unavailable", "cannot fetch the request at " + requestUri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException("request-unavailable", "interrupted");
    }
  }
}
