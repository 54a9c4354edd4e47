package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SignedStatement;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.RequestUri;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;

/**
 * Both sides of a consent flow as the load generator plays them, on this machine's cores: the
 * demo verifier {@value #VERIFIER}, which signs request objects asking for {@link #CLAIMS} of a
 * resident identity card for {@value #PURPOSE}; and the holders' wallets, which check a request
 * object against the verifier's registered keys (read from the node once and kept, where the SDK's
 * {@code HolderWallet} reads them for every request), sign the holder's consent and present the
 * asked claims with a KB-JWT. Flow {@code i} is answered by holder {@code i mod holders}.
 * Thread-safe; each thread passes its own {@link SecureRandom}.
 */
final class ConsentParties {
  static final String VERIFIER = "sz-bank";
  static final String PURPOSE = "account-opening";
  static final String QUERY = "id";
  static final Set<String> CLAIMS = Set.of("name", "birthDate");
  /** How long a request and a one-time consent last. */
  private static final long TTL_SECONDS = 300;

  private final SigningKey verifierKey;
  private final String verifierKid;
  private final String responseUri;
  private final DcqlQuery query;
  private final Map<String, PublicJwk> verifierKeys;
  private final List<IdentityCardHolders.Holder> holders;

  private ConsentParties(SigningKey verifierKey, String responseUri, Map<String, PublicJwk> verifierKeys,
      List<IdentityCardHolders.Holder> holders) {
    this.verifierKey = verifierKey;
    this.verifierKid = KeyId.of(verifierKey.suite(), verifierKey.publicKey()).value();
    this.responseUri = responseUri;
    this.query = DcqlQuery.single(QUERY, Set.of(IdentityCardHolders.VCT), CLAIMS);
    this.verifierKeys = Map.copyOf(verifierKeys);
    this.holders = List.copyOf(holders);
  }

  /**
   * The verifier's key from the demo data dir; the keys a wallet trusts for it from the node's
   * verifier registry.
   */
  static ConsentParties load(GovLedgerClient node, URI nodeUri, Path data, List<IdentityCardHolders.Holder> holders)
      throws IOException, ClientException {
    SigningKey key = KeyFile.read(data.resolve("keys/verifiers/" + VERIFIER + ".json"));
    CryptoSuite suite = CryptoSuite.fromId(node.info().path("suite").asText());
    JsonNode registered = node.get("/api/v1/verifiers/" + VERIFIER);
    Map<String, PublicJwk> keys = new HashMap<>();
    for (JsonNode k : registered.path("keys")) {
      if (registered.path("active").asBoolean() && !k.has("revoked")) {
        keys.put(k.path("keyId").asText(),
            new PublicJwk(suite, Base64.getUrlDecoder().decode(k.path("publicKey").asText())));
      }
    }
    return new ConsentParties(key, nodeUri.resolve("/api/v1/presentations").toString(), keys, holders);
  }

  int holders() {
    return holders.size();
  }

  /** The verifier's side: a fresh signed request object, as the body of its POST. */
  byte[] ask(SecureRandom random, long nowEpochSeconds) {
    return askBody(request(random, nowEpochSeconds).sign(verifierKey, verifierKid));
  }

  private PresentationRequest request(SecureRandom random, long nowEpochSeconds) {
    return new PresentationRequest(VERIFIER, responseUri, PresentationRequest.randomValue(random),
        PresentationRequest.randomValue(random), query, nowEpochSeconds, nowEpochSeconds + TTL_SECONDS, PURPOSE);
  }

  private static byte[] askBody(String requestObject) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("request", requestObject);
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Everything both sides of flow {@code i} sign, made before the flow runs: the verifier's
   * request object (and its POST body), the holder's consent to it, and the presentation.
   */
  record Signed(byte[] ask, String requestObject, Holding holding, String presentation) {}

  /**
   * Signs flow {@code flow} ahead, as both parties would on their own hardware; the wallet's
   * check of the request object is then that the node serves exactly {@code requestObject}.
   */
  Signed sign(SecureRandom random, long flow, long nowEpochSeconds) throws CredentialException {
    PresentationRequest r = request(random, nowEpochSeconds);
    String jws = r.sign(verifierKey, verifierKid);
    Holding h = holding(r, flow, nowEpochSeconds);
    return new Signed(askBody(jws), jws, h, present(h, nowEpochSeconds));
  }

  /** A request a wallet checked, the holder who answers it, and the holder's signed consent. */
  record Holding(PresentationRequest request, IdentityCardHolders.Holder holder, String consent) {}

  /**
   * The wallet's side: checks the fetched request object as {@code HolderWallet.open} does (the
   * verifier's registered key, expiry, the QR's client id), then signs the holder's one-time
   * consent to exactly what is asked.
   *
   * @throws CredentialException if the request object is refused
   */
  Holding consent(RequestUri uri, String requestObject, long flow, long nowEpochSeconds)
      throws CredentialException {
    PresentationRequest r = uri.verifyRequestObject(requestObject,
        (clientId, kid) -> clientId.equals(VERIFIER) ? Optional.ofNullable(verifierKeys.get(kid)) : Optional.empty(),
        nowEpochSeconds);
    return holding(r, flow, nowEpochSeconds);
  }

  /** The holder of flow {@code flow} signs a one-time consent to exactly what {@code r} asks. */
  private Holding holding(PresentationRequest r, long flow, long nowEpochSeconds) {
    IdentityCardHolders.Holder h = holders.get((int) (flow % holders.size()));
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("sub", h.subject());
    p.put("verifier", r.clientId());
    p.put("request", r.state());
    p.putArray("types").add(IdentityCardHolders.TYPE);
    var claims = p.putArray("claims");
    new TreeSet<>(r.dcqlQuery().claimNames(QUERY)).forEach(claims::add);
    p.put("purpose", r.purpose());
    p.put("decision", "agree");
    p.put("standing", false);
    p.put("iat", nowEpochSeconds);
    p.put("exp", nowEpochSeconds + TTL_SECONDS);
    return new Holding(r, h, SignedStatement.sign(h.key(), SignedStatement.CONSENT_TYP, p));
  }

  /** The wallet's presentation: the asked claims of the holder's card, bound to the request. */
  String present(Holding h, long nowEpochSeconds) throws CredentialException {
    PresentationRequest r = h.request();
    return h.holder().card().present(r.dcqlQuery().claimNames(QUERY), h.holder().key(), r.clientId(), r.nonce(),
        nowEpochSeconds);
  }
}
