package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.HolderWallet;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.QrCodes;
import org.govledger.credentials.openid4vp.VpResponse;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;
import org.govledger.node.config.NodeConfig;
import org.govledger.services.certificate.CertificateContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharing by consent end to end on a real node over HTTP: a registered verifier asks by QR, the
 * holder's wallet (the SDK's HolderWallet) consents on the ledger and presents only the asked-for
 * claims; every refusal has its reason and is recorded; the holder sees every access.
 */
class ConsentFlowIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ID_VCT = "urn:govledger:vct:resident-identity-card:1";
  @TempDir static Path dir;
  static Node node;
  static String base;
  static GovLedgerClient client;
  static SigningKey bankKey;
  static SigningKey holderKey;
  static String subject;
  static HolderWallet wallet;
  static final SecureRandom RANDOM = new SecureRandom();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
    base = "http://127.0.0.1:" + node.port();
    client = new GovLedgerClient(URI.create(base));
    // the demo registers verifier sz-bank through governance; its key is in keys/verifiers
    bankKey = KeyFile.read(dir.resolve("keys/verifiers/sz-bank.json"));
    assertThat(client.get("/api/v1/verifiers/sz-bank").path("purposes").has("account-opening")).isTrue();
    JsonNode holder = MAPPER.readTree(dir.resolve("keys/holders/holders.json").toFile()).get(0);
    subject = holder.path("subject").asText();
    holderKey = KeyFile.read(dir.resolve("keys/holders/" + holder.path("keyFile").asText()));
    wallet = new HolderWallet(client, holderKey, subject);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** The holder's resident identity card, from their wallet on the node. */
  static String identityCard() throws Exception {
    String path = "/api/v1/wallets/" + subject + "/documents";
    for (JsonNode d : client.call("GET", path, Optional.empty(), proof("GET", path)).path("documents")) {
      if (d.path("type").asText().equals("resident-identity-card")) {
        String p = path + "/" + d.path("recordId").asText();
        return client.call("GET", p, Optional.empty(), proof("GET", p)).path("credential").asText();
      }
    }
    throw new AssertionError("the demo holder has no identity card");
  }

  static String identityRecord() throws Exception {
    String path = "/api/v1/wallets/" + subject + "/documents";
    for (JsonNode d : client.call("GET", path, Optional.empty(), proof("GET", path)).path("documents")) {
      if (d.path("type").asText().equals("resident-identity-card")) {
        return d.path("recordId").asText();
      }
    }
    throw new AssertionError("no identity card");
  }

  static Map<String, String> proof(String method, String path) {
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    return Map.of("Authorization", HolderProof.SCHEME + " " + HolderProof.sign(holderKey, subject, method, path,
        Instant.now().getEpochSecond(), Base64.getUrlEncoder().withoutPadding().encodeToString(jti)));
  }

  record Made(JsonNode created, PresentationRequest request) {}

  static Made request(String clientId, SigningKey key, String purpose, String vct, Set<String> claims, long ttl)
      throws Exception {
    long now = Instant.now().getEpochSecond();
    PresentationRequest r = new PresentationRequest(clientId, base + "/api/v1/presentations",
        PresentationRequest.randomValue(RANDOM), PresentationRequest.randomValue(RANDOM),
        DcqlQuery.single("id", Set.of(vct), claims), now, now + ttl, purpose);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("request", r.sign(key, KeyId.of(key.suite(), key.publicKey()).value()));
    return new Made(client.post("/api/v1/presentation-requests", body), r);
  }

  static Made bankRequest() throws Exception {
    return request("sz-bank", bankKey, "account-opening", ID_VCT, Set.of("name", "birthDate"), 300);
  }

  static JsonNode result(Made m) throws ClientException {
    return client.call("GET", "/api/v1/presentation-requests/" + m.request().state() + "/result", Optional.empty(),
        Map.of("Authorization", "Bearer " + m.created().path("resultToken").asText()));
  }

  static HolderWallet.Request agreed(Made m) throws Exception {
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    wallet.answer(r, Set.of("resident-identity-card"), true, false, 300);
    return r;
  }

  /** Posts a hand-made presentation for the request's single query. */
  static HttpResponse<String> post(Made m, String presentation) throws Exception {
    return wallet.postForm(URI.create(base + "/api/v1/presentations"),
        new VpResponse(Map.of("id", List.of(presentation)), m.request().state()).toFormBody());
  }

  static String reason(HttpResponse<String> r) throws Exception {
    return MAPPER.readTree(r.body()).path("type").asText().replace("urn:govledger:problem:", "");
  }

  static List<String> accessOutcomes() throws Exception {
    String path = "/api/v1/wallets/" + subject + "/documents/" + identityRecord() + "/accesses";
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode a : client.call("GET", path, Optional.empty(), proof("GET", path)).path("accesses")) {
      out.add(a.path("outcome").asText() + ":" + a.path("reason").asText(a.path("verifier").asText()));
    }
    return out;
  }

  @Test
  void aQrRoundTripGivesTheVerifierOnlyTheAskedClaimsAndTheHolderSeesTheAccess() throws Exception {
    Made m = bankRequest();
    byte[] png = HTTP.send(HttpRequest.newBuilder(URI.create(m.created().path("qrPng").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    String scanned = QrCodes.decode(png);
    assertThat(scanned).isEqualTo(m.created().path("uri").asText()).startsWith("openid4vp://");
    String svg = HTTP.send(HttpRequest.newBuilder(URI.create(m.created().path("qrSvg").asText())).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(svg).startsWith("<svg").contains("path");

    HolderWallet.Request r = wallet.open(scanned);
    assertThat(r.verifierName()).isEqualTo("Example Bank, Shenzhen branch");
    assertThat(r.purposeText()).isEqualTo("Opening a bank account (know your customer)");
    assertThat(r.claims()).containsExactlyInAnyOrder("name", "birthDate");
    assertThat(result(m).path("status").asText()).isEqualTo("pending");
    JsonNode consent = wallet.answer(r, Set.of("resident-identity-card"), true, false, 300);
    assertThat(consent.path("decision").asText()).isEqualTo("agree");
    assertThat(client.get("/api/v1/consents/" + consent.path("consentId").asText()).path("verifier").asText())
        .isEqualTo("sz-bank");

    HttpResponse<String> sent = wallet.present(r, Map.of("id", identityCard()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(sent.body()).path("status").asText()).as("checked; the access record is on its way")
        .isEqualTo("recording");
    JsonNode res = result(m);
    assertThat(res.path("status").asText()).isEqualTo("granted");
    // the claims are handed over only once the access record is committed: it is on the ledger now
    assertThat(res.path("accessRecords")).hasSize(1);
    JsonNode access = client.get("/api/v1/transactions/" + res.path("accessRecords").get(0).asText());
    assertThat(access.path("status").asText()).as(access.toString()).isEqualTo("committed");
    JsonNode shared = res.path("credentials").get(0);
    assertThat(shared.path("valid").asBoolean()).isTrue();
    List<String> disclosed = new java.util.ArrayList<>();
    shared.path("disclosed").fieldNames().forEachRemaining(disclosed::add);
    assertThat(disclosed).containsExactlyInAnyOrder("name", "birthDate");
    assertThat(accessOutcomes()).contains("granted:sz-bank");
    assertThatThrownBy(() -> client.call("GET", "/api/v1/presentation-requests/" + m.request().state() + "/result",
        Optional.empty(), Map.of("Authorization", "Bearer wrong")))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void aDeclineIsRecordedAndAPresentationAfterItIsRefused() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    assertThat(wallet.answer(r, Set.of("resident-identity-card"), false, false, 300).path("decision").asText())
        .isEqualTo("decline");
    assertThat(result(m).path("status").asText()).isEqualTo("declined");
    HttpResponse<String> sent = wallet.present(r, Map.of("id", identityCard()));
    assertThat(sent.statusCode()).isEqualTo(400);
    assertThat(reason(sent)).isEqualTo("consent-declined");
    assertThat(accessOutcomes()).contains("refused:consent-declined");
  }

  @Test
  void withoutConsentNothingIsShared() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    HttpResponse<String> sent = wallet.present(r, Map.of("id", identityCard()));
    assertThat(reason(sent)).isEqualTo("no-consent");
    assertThat(result(m).path("status").asText()).isEqualTo("refused");
    assertThat(result(m).has("disclosed")).isFalse();
  }

  @Test
  void aReusedNonceIsRefusedAndRecorded() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = agreed(m);
    assertThat(wallet.present(r, Map.of("id", identityCard())).statusCode()).isEqualTo(200);
    HttpResponse<String> again = wallet.present(r, Map.of("id", identityCard()));
    assertThat(reason(again)).isEqualTo("nonce-reused");
    assertThat(result(m).path("status").asText()).as("the first answer stands").isEqualTo("granted");
  }

  @Test
  void anExpiredRequestIsRefused() throws Exception {
    Made m = request("sz-bank", bankKey, "account-opening", ID_VCT, Set.of("name"), 2);
    HolderWallet.Request r = agreed(m);
    Thread.sleep(3_000);
    assertThat(reason(wallet.present(r, Map.of("id", identityCard())))).isEqualTo("request-expired");
  }

  @Test
  void keyBindingForAnotherAudienceNonceOrTimeFailsHolderBinding() throws Exception {
    long now = Instant.now().getEpochSecond();
    for (String[] variant : new String[][] {{"urn:other-verifier", null}, {null, "other-nonce"}, {null, null, "future"}}) {
      Made m = bankRequest();
      agreed(m);
      String aud = variant[0] != null ? variant[0] : "sz-bank";
      String nonce = variant.length > 1 && variant[1] != null ? variant[1] : m.request().nonce();
      long iat = variant.length > 2 ? now + 600 : now;
      String p = SdJwt.parse(identityCard()).present(Set.of("name", "birthDate"), holderKey, aud, nonce, iat);
      HttpResponse<String> sent = post(m, p);
      assertThat(reason(sent)).as(String.join(",", java.util.Arrays.stream(variant).map(String::valueOf).toList()))
          .isEqualTo("holder-binding");
    }
    assertThat(accessOutcomes()).contains("refused:holder-binding");
  }

  @Test
  void tamperedExtraOrMissingDisclosuresAreRefused() throws Exception {
    long now = Instant.now().getEpochSecond();
    Made extra = bankRequest();
    agreed(extra);
    String tooMuch = SdJwt.parse(identityCard()).present(Set.of("name", "birthDate", "idNumber"), holderKey,
        "sz-bank", extra.request().nonce(), now);
    assertThat(reason(post(extra, tooMuch))).isEqualTo("extra-disclosure");

    Made missing = bankRequest();
    agreed(missing);
    String tooLittle = SdJwt.parse(identityCard()).present(Set.of("name"), holderKey, "sz-bank",
        missing.request().nonce(), now);
    assertThat(reason(post(missing, tooLittle))).isEqualTo("missing-claim");

    Made tampered = bankRequest();
    agreed(tampered);
    String good = SdJwt.parse(identityCard()).present(Set.of("name", "birthDate"), holderKey, "sz-bank",
        tampered.request().nonce(), now);
    String[] parts = good.split("~");
    String forgedDisclosure = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "[\"c2FsdHNhbHRzYWx0\",\"name\",\"Mallory\"]".getBytes());
    String bad = good.replace(parts[1], forgedDisclosure);
    assertThat(reason(post(tampered, bad))).isIn("disclosures", "holder-binding");
  }

  @Test
  void aWithdrawnConsentOrARevokedDocumentStopsThePresentation() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    JsonNode consent = wallet.answer(r, Set.of("resident-identity-card"), true, false, 300);
    wallet.withdraw(consent.path("consentId").asText());
    assertThat(reason(wallet.present(r, Map.of("id", identityCard())))).isEqualTo("consent-withdrawn");
    assertThatThrownBy(() -> wallet.withdraw(consent.path("consentId").asText()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("consent.not-in-force"));
  }

  @Test
  void requestsBeyondTheVerifiersRegistrationOrFromStrangersAreRefused() throws Exception {
    assertThatThrownBy(() -> request("sz-bank", bankKey, "marketing", ID_VCT, Set.of("name"), 300))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("purpose-not-registered"));
    assertThatThrownBy(() -> request("sz-bank", bankKey, "account-opening",
        "urn:govledger:vct:marriage-certificate:1", Set.of("spouseName"), 300))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("type-not-registered"));
    SigningKey stranger = node.engine().view().genesis().suite().generate(RANDOM);
    assertThatThrownBy(() -> request("sz-nobody", stranger, "account-opening", ID_VCT, Set.of("name"), 300))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("unregistered-verifier"));
    assertThatThrownBy(() -> request("sz-bank", stranger, "account-opening", ID_VCT, Set.of("name"), 300))
        .as("the bank's id with another key").isInstanceOfSatisfying(ClientException.class,
            e -> assertThat(e.status()).isIn(400, 403));
    assertThatThrownBy(() -> request("sz-bank", bankKey, "account-opening", ID_VCT, Set.of("name"), 3600))
        .as("the SDK will not even build a request that lives over 10 minutes")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("600");
  }

  @Test
  void aQrThatIsNotOursIsRefusedByTheWallet() {
    assertThatThrownBy(() -> wallet.open("https://evil.example/login")).isInstanceOf(CredentialException.class);
    assertThatThrownBy(() -> wallet.open("openid4vp://?client_id=sz-bank")).isInstanceOf(CredentialException.class);
    assertThatThrownBy(() -> wallet.open("openid4vp://?client_id=sz-bank&request_uri="
        + base + "/api/v1/presentation-requests/nope-nope-nope-nope"))
        .isInstanceOf(CredentialException.class).hasMessageContaining("404");
    java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(blank, "png", out);
      QrCodes.decode(out.toByteArray());
    }).isInstanceOf(CredentialException.class);
  }

  @Test
  void aDocumentRevokedBetweenConsentAndPresentationIsRefused() throws Exception {
    // a fresh identity card for the holder, revoked after the consent
    var catalogue = org.govledger.services.certificate.catalogue.Catalogue.builtIn();
    SigningKey psb = KeyFile.read(dir.resolve("keys/agencies/sz-psb.json"));
    long now = Instant.now().getEpochSecond();
    var issued = new org.govledger.services.certificate.CertificateIssuer(catalogue, "sz-psb", psb,
        node.engine().view().genesis().suite().hash()).issue(new org.govledger.services.certificate.CertificateIssuer.Request(
            "resident-identity-card", subject, org.govledger.credentials.PublicJwk.of(holderKey),
            catalogue.find("resident-identity-card").orElseThrow().example(), now, Optional.empty(), Optional.empty()),
        now, RANDOM);
    TxSigner agency = new TxSigner("demo", psb);
    client.submit(agency.sign("certificate/issue", issued.anchorBody()), true);
    Made m = bankRequest();
    HolderWallet.Request r = agreed(m);
    client.submit(agency.sign("certificate/revoke", CertificateContract.statusBody(issued.id(), "data-error")), true);
    assertThat(reason(wallet.present(r, Map.of("id", issued.credential())))).isEqualTo("status");
  }

  static Map<String, String> bankProof(String method, String path) {
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    return Map.of("Authorization", HolderProof.SCHEME + " " + HolderProof.sign(bankKey, "sz-bank", method, path,
        Instant.now().getEpochSecond(), Base64.getUrlEncoder().withoutPadding().encodeToString(jti)));
  }

  /** The holder's standing consent to the request for this many days; its id. */
  static String standing(HolderWallet.Request r, long days) throws ClientException {
    return wallet.answer(r, Set.of("resident-identity-card"), true, true, days * 86_400).path("consentId").asText();
  }

  static JsonNode fetch(String consentId, Map<String, String> proof) throws ClientException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("verifier", "sz-bank");
    return client.call("POST", "/api/v1/consents/" + consentId + "/fetch", Optional.of(body), proof);
  }

  @Test
  void aStandingConsentLetsTheVerifierFetchAgainUntilTheHolderWithdrawsIt() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    String consentId = standing(r, 30);
    assertThat(wallet.present(r, Map.of("id", identityCard())).statusCode()).isEqualTo(200);
    assertThat(result(m).path("status").asText()).as("read once its access record is committed").isEqualTo("granted");
    String path = "/api/v1/consents/" + consentId + "/fetch";
    long before = accessOutcomes().stream().filter(o -> o.equals("granted:sz-bank")).count();
    for (int i = 0; i < 2; i++) {
      JsonNode got = fetch(consentId, bankProof("POST", path));
      assertThat(got.path("valid").asBoolean()).as(got.toString()).isTrue();
      List<String> names = new java.util.ArrayList<>();
      got.path("disclosed").fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactlyInAnyOrder("name", "birthDate");
    }
    assertThat(accessOutcomes().stream().filter(o -> o.equals("granted:sz-bank")).count()).isEqualTo(before + 2);

    SigningKey stranger = node.engine().view().genesis().suite().generate(RANDOM);
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    Map<String, String> strangerProof = Map.of("Authorization", HolderProof.SCHEME + " " + HolderProof.sign(stranger,
        "sz-bank", "POST", path, Instant.now().getEpochSecond(), Base64.getUrlEncoder().withoutPadding().encodeToString(jti)));
    assertThatThrownBy(() -> fetch(consentId, strangerProof))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("unregistered-verifier"));

    wallet.withdraw(consentId);
    assertThatThrownBy(() -> fetch(consentId, bankProof("POST", path)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("consent-withdrawn"));
  }

  @Test
  void theHolderListsTheirConsentsWithWhatIsInForceAndNoOneElseCan() throws Exception {
    HolderWallet.Request r = wallet.open(bankRequest().created().path("uri").asText());
    String consentId = standing(r, 7);
    String path = "/api/v1/wallets/" + subject + "/consents";
    JsonNode listed = consentListed(path, consentId);
    assertThat(listed.path("standing").asBoolean()).isTrue();
    assertThat(listed.path("inForce").asBoolean()).isTrue();
    assertThat(listed.path("verifier").asText()).isEqualTo("sz-bank");
    assertThat(listed.path("purpose").asText()).isEqualTo("account-opening");

    wallet.withdraw(consentId);
    listed = consentListed(path, consentId);
    assertThat(listed.path("inForce").asBoolean()).isFalse();
    assertThat(listed.has("withdrawn")).isTrue();

    assertThatThrownBy(() -> client.call("GET", path, Optional.empty(), proof("GET", path + "x")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> client.get(path)).isInstanceOf(ClientException.class);
  }

  private static JsonNode consentListed(String path, String consentId) throws Exception {
    JsonNode all = client.call("GET", path, Optional.empty(), proof("GET", path));
    assertThat(all.path("complete").asBoolean()).isTrue();
    for (JsonNode c : all.path("consents")) {
      assertThat(c.path("subject").asText()).isEqualTo(subject);
      if (c.path("id").asText().equals(consentId)) {
        return c;
      }
    }
    throw new AssertionError("consent " + consentId + " is not listed: " + all);
  }

  @Test
  void aOneTimeConsentCannotBeFetchedAgain() throws Exception {
    Made m = bankRequest();
    HolderWallet.Request r = wallet.open(m.created().path("uri").asText());
    String consentId = wallet.answer(r, Set.of("resident-identity-card"), true, false, 300).path("consentId").asText();
    assertThat(wallet.present(r, Map.of("id", identityCard())).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> fetch(consentId, bankProof("POST", "/api/v1/consents/" + consentId + "/fetch")))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("not-standing"));
  }

  @Test
  void theHoldersOneTimeQrIsRedeemedOnceByARegisteredVerifier() throws Exception {
    String path = "/api/v1/wallets/" + subject + "/documents/" + identityRecord() + "/shares";
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("claims").add("name");
    body.put("ttlSeconds", 60);
    JsonNode share = client.call("POST", path, Optional.of(body), proof("POST", path));
    byte[] png = HTTP.send(HttpRequest.newBuilder(URI.create(share.path("qrPng").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    String scanned = QrCodes.decode(png);
    assertThat(scanned).isEqualTo(share.path("url").asText());
    String redeemPath = URI.create(scanned).getPath() + "/redeem";
    ObjectNode redeem = MAPPER.createObjectNode();
    redeem.put("verifier", "sz-bank");
    redeem.put("purpose", "marketing");
    assertThatThrownBy(() -> client.call("POST", redeemPath, Optional.of(redeem), bankProof("POST", redeemPath)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("purpose-not-registered"));
    redeem.put("purpose", "account-opening");
    JsonNode got = client.call("POST", redeemPath, Optional.of(redeem), bankProof("POST", redeemPath));
    assertThat(got.path("valid").asBoolean()).isTrue();
    assertThat(got.path("disclosed").size()).isEqualTo(1);
    assertThat(got.path("disclosed").has("name")).isTrue();
    assertThatThrownBy(() -> client.call("POST", redeemPath, Optional.of(redeem), bankProof("POST", redeemPath)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("share-used"));
    assertThat(accessOutcomes()).contains("refused:share-used");
    assertThatThrownBy(() -> client.call("POST", path, Optional.of(body), proof("POST", path + "x")))
        .isInstanceOf(ClientException.class);
  }

  @Test
  void aKeyBindingJwtWithABadSignatureOrAnotherPresentationsSdHashFailsHolderBinding() throws Exception {
    long now = Instant.now().getEpochSecond();
    Made signature = bankRequest();
    agreed(signature);
    String good = SdJwt.parse(identityCard()).present(Set.of("name", "birthDate"), holderKey, "sz-bank",
        signature.request().nonce(), now);
    String kb = good.substring(good.lastIndexOf('~') + 1);
    String[] kbParts = kb.split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(kbParts[2]);
    sig[5] ^= 1;
    String badSig = good.substring(0, good.lastIndexOf('~') + 1) + kbParts[0] + "." + kbParts[1] + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    assertThat(reason(post(signature, badSig))).isEqualTo("holder-binding");

    Made sdHash = bankRequest();
    agreed(sdHash);
    String asked = SdJwt.parse(identityCard()).present(Set.of("name", "birthDate"), holderKey, "sz-bank",
        sdHash.request().nonce(), now);
    String other = SdJwt.parse(identityCard()).present(Set.of("name"), holderKey, "sz-bank",
        sdHash.request().nonce(), now);
    String swapped = asked.substring(0, asked.lastIndexOf('~') + 1) + other.substring(other.lastIndexOf('~') + 1);
    assertThat(reason(post(sdHash, swapped))).as("a KB-JWT made for another set of disclosures").isEqualTo("holder-binding");
  }
}
