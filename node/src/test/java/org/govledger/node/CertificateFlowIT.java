package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.node.config.NodeConfig;
import org.govledger.services.certificate.CertificateContract;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import org.govledger.services.certificate.catalogue.SubjectKind;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-certificates end to end on a real node (RocksDB in a temp dir, HTTP on a free port), driven
 * only through the HTTP API and the SDK: an agency registered by governance issues all 24 types,
 * holders read their wallets with signed requests, anyone verifies; status changes show in the
 * verdict; bad input of every kind is refused and changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateFlowIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String AGENCY = "it-bureau";
  @TempDir static Path dir;
  static Node node;
  static GovLedgerClient client;
  static CryptoSuite suite;
  static Catalogue catalogue = Catalogue.builtIn();
  static SecureRandom random = new SecureRandom();
  static SigningKey agencyKey;
  static TxSigner agency;
  static SigningKey personWallet;
  static SigningKey companyWallet;
  static String person;
  static String company;
  /** Type id to its issued credential and ledger id, from the issue-all test. */
  static Map<String, CertificateIssuer.Issued> issued = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
    client = new GovLedgerClient(URI.create("http://127.0.0.1:" + node.port()));
    suite = node.engine().view().genesis().suite();
    agencyKey = suite.generate(random);
    agency = new TxSigner("demo", agencyKey);
    personWallet = CryptoSuite.P256_SHA256.generate(random);
    companyWallet = CryptoSuite.ED25519_SHA256.generate(random);
    person = SubjectIds.derive(new byte[32], "440300199001011234");
    company = SubjectIds.random(random);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonNode commit(TxSigner signer, String type, JsonNode body) throws ClientException {
    return client.submit(signer.sign(type, body), true);
  }

  private static CertificateIssuer.Issued issue(String type, String subject, SigningKey wallet, ObjectNode claims,
      long from, Optional<Long> until) throws Exception {
    CertificateIssuer issuer = new CertificateIssuer(catalogue, AGENCY, agencyKey, suite.hash());
    long now = Instant.now().getEpochSecond();
    CertificateIssuer.Issued c = issuer.issue(new CertificateIssuer.Request(type, subject, PublicJwk.of(wallet),
        claims, from, until, Optional.empty()), now, random);
    commit(agency, "certificate/issue", c.anchorBody());
    return c;
  }

  private static JsonNode verify(String presentation) throws ClientException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("presentation", presentation);
    return client.post("/api/v1/certificates/verify", body);
  }

  private static JsonNode verifyFor(String presentation, String audience, String nonce) throws ClientException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("presentation", presentation);
    body.put("audience", audience);
    body.put("nonce", nonce);
    return client.post("/api/v1/certificates/verify", body);
  }

  private static String outcome(JsonNode verdict, String check) {
    for (JsonNode c : verdict.path("checks")) {
      if (c.path("name").asText().equals(check)) {
        return c.path("outcome").asText() + ": " + c.path("detail").asText();
      }
    }
    return "absent";
  }

  private static Map<String, String> holderAuth(SigningKey wallet, String subject, String method, String path) {
    byte[] jti = new byte[16];
    random.nextBytes(jti);
    return Map.of("Authorization", HolderProof.SCHEME + " " + HolderProof.sign(wallet, subject, method, path,
        Instant.now().getEpochSecond(), Base64.getUrlEncoder().withoutPadding().encodeToString(jti)));
  }

  private static void status(String action, String id, String reason) throws ClientException {
    commit(agency, "certificate/" + action, CertificateContract.statusBody(id, reason));
  }

  @Test
  @Order(1)
  void governanceRegistersAnAgencyAndItBindsItsSubjects() throws Exception {
    TxSigner admin = new TxSigner("demo", KeyFile.read(dir.resolve("keys/admin.json")));
    ObjectNode change = MAPPER.createObjectNode();
    change.put("action", "register-agency");
    change.put("agency", AGENCY);
    change.put("name", "Integration Test Bureau");
    change.put("parent", "sz-gov");
    var types = change.putArray("types");
    catalogue.all().forEach(t -> types.add(t.id()));
    change.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(agencyKey.publicKey()));
    ObjectNode body = MAPPER.createObjectNode();
    body.set("change", change);
    commit(admin, "governance/propose", body);
    JsonNode a = client.get("/api/v1/agencies/" + AGENCY);
    assertThat(a.path("authorisations")).hasSize(24);
    assertThat(a.path("parent").asText()).isEqualTo("sz-gov");

    commit(agency, "identity/bind-subject", IdentityContract.bindBody(person, Subject.Kind.PERSON, PublicJwk.of(personWallet)));
    commit(agency, "identity/bind-subject", IdentityContract.bindBody(company, Subject.Kind.COMPANY, PublicJwk.of(companyWallet)));
    assertThat(client.get("/api/v1/subjects/" + person).path("kind").asText()).isEqualTo("person");
    assertThat(client.get("/api/v1/certificate-types").path("types")).hasSize(24);
  }

  @Test
  @Order(2)
  void all24TypesAreIssuedDeliveredAndVerify() throws Exception {
    long now = Instant.now().getEpochSecond();
    for (CertificateType t : catalogue.all()) {
      boolean forCompany = t.subject() == SubjectKind.COMPANY;
      CertificateIssuer.Issued c = issue(t.id(), forCompany ? company : person,
          forCompany ? companyWallet : personWallet, t.example(), now - 60, Optional.empty());
      issued.put(t.id(), c);
      ObjectNode delivery = MAPPER.createObjectNode();
      delivery.put("credential", c.credential());
      JsonNode d = client.post("/api/v1/wallets/" + (forCompany ? company : person) + "/documents", delivery);
      assertThat(d.path("credentialId").asText()).isEqualTo(c.id());

      JsonNode v = verify(c.credential());
      assertThat(v.path("valid").asBoolean()).as(t.id() + ": " + v.path("checks")).isTrue();
      assertThat(v.path("type").asText()).isEqualTo(t.id());
      assertThat(v.path("disclosed")).isEqualTo(t.example());
      assertThat(v.path("anchor").path("inclusionPath").isArray()).isTrue();
      JsonNode record = client.get("/api/v1/certificates/" + c.id());
      assertThat(record.path("statusNow").asText()).isEqualTo("valid");
      assertThat(record.toString()).as("no claim on chain").doesNotContain(t.example().properties().iterator().next().getValue().asText());
    }
    assertThat(issued).hasSize(24);
  }

  @Test
  @Order(3)
  void aHolderPresentsOnlyChosenClaimsBoundToTheirKey() throws Exception {
    SdJwt id = SdJwt.parse(issued.get("resident-identity-card").credential());
    long now = Instant.now().getEpochSecond();
    String p = id.present(Set.of("name", "birthDate"), personWallet, "urn:example:bank", "n-0123456789", now);
    JsonNode v = verifyFor(p, "urn:example:bank", "n-0123456789");
    assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
    assertThat(v.path("disclosed").size()).isEqualTo(2);
    assertThat(v.path("disclosed").has("idNumber")).isFalse();

    assertThat(outcome(verifyFor(p, "urn:example:bank", "another-nonce"), "holder-binding")).startsWith("failed");
    assertThat(outcome(verifyFor(p, "urn:example:landlord", "n-0123456789"), "holder-binding")).startsWith("failed");
    SigningKey thief = CryptoSuite.P256_SHA256.generate(random);
    assertThatThrownBy(() -> id.present(Set.of("name"), thief, "urn:example:bank", "n-0123456789", now))
        .as("the SDK will not sign with a key the credential is not bound to").hasMessageContaining("key");
    // the thief's own (unanchored) credential gives a well-formed KB-JWT by the thief's key
    String thiefs = SdJwt.parse(new CertificateIssuer(catalogue, AGENCY, agencyKey, suite.hash()).issue(
        new CertificateIssuer.Request("resident-identity-card", person, PublicJwk.of(thief),
            catalogue.find("resident-identity-card").orElseThrow().example(), now, Optional.empty(), Optional.empty()),
        now, random).credential()).present(Set.of("name"), thief, "urn:example:bank", "n-0123456789", now);
    String mine = id.present(Set.of("name"), personWallet, "urn:example:bank", "n-0123456789", now);
    String forged = mine.substring(0, mine.lastIndexOf('~') + 1) + thiefs.substring(thiefs.lastIndexOf('~') + 1);
    assertThat(outcome(verifyFor(forged, "urn:example:bank", "n-0123456789"), "holder-binding"))
        .as("a key binding JWT by another key").startsWith("failed");
  }

  @Test
  @Order(4)
  void statusChangesShowInTheVerdictWithTheirReason() throws Exception {
    String cred = issued.get("driving-licence").credential();
    String id = issued.get("driving-licence").id();
    status("suspend", id, "investigation");
    JsonNode v = verify(cred);
    assertThat(v.path("valid").asBoolean()).isFalse();
    assertThat(outcome(v, "status")).isEqualTo("failed: suspended (reason: investigation)");
    status("reinstate", id, "cleared");
    assertThat(verify(cred).path("valid").asBoolean()).isTrue();
    status("revoke", id, "court-order");
    assertThat(outcome(verify(cred), "status")).isEqualTo("failed: revoked (reason: court-order)");
    assertThatThrownBy(() -> status("reinstate", id, "oops")).isInstanceOf(ClientException.class)
        .hasMessageContaining("revoked");
    JsonNode record = client.get("/api/v1/certificates/" + id);
    assertThat(record.path("history")).hasSize(4);
  }

  @Test
  @Order(5)
  void badIssuesAreRefusedAndNothingIsAnchored() throws Exception {
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = catalogue.find("resident-identity-card").orElseThrow().example();
    claims.put("sex", "unknown");
    assertThatThrownBy(() -> issue("resident-identity-card", person, personWallet, claims, now, Optional.empty()))
        .isInstanceOf(ClaimsRejectedException.class);
    assertThatThrownBy(() -> issue("dog-licence", person, personWallet, claims, now, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dog-licence");

    // an agency not authorised for the type: the demo's health commission issues a driving licence
    SigningKey health = KeyFile.read(dir.resolve("keys/agencies/sz-health.json"));
    CertificateIssuer.Issued c = new CertificateIssuer(catalogue, "sz-health", health, suite.hash()).issue(
        new CertificateIssuer.Request("driving-licence", person, PublicJwk.of(personWallet),
            catalogue.find("driving-licence").orElseThrow().example(), now, Optional.empty(), Optional.empty()),
        now, random);
    assertThatThrownBy(() -> commit(new TxSigner("demo", health), "certificate/issue", c.anchorBody()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("certificate.not-authorised"));
    assertThatThrownBy(() -> client.get("/api/v1/certificates/" + c.id()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(outcome(verify(c.credential()), "anchored")).startsWith("failed");
  }

  @Test
  @Order(6)
  void tamperedExpiredAndMalformedCredentialsFailTheRightCheck() throws Exception {
    String cred = issued.get("birth-certificate").credential();
    String[] parts = cred.split("~");
    String tampered = cred.replace(parts[1], Base64.getUrlEncoder().withoutPadding().encodeToString(
        "[\"salt\",\"name\",\"Mallory\"]".getBytes()));
    assertThat(outcome(verify(tampered), "disclosures")).startsWith("failed");

    long now = Instant.now().getEpochSecond();
    CertificateIssuer.Issued old = issue("health-certificate", person, personWallet,
        catalogue.find("health-certificate").orElseThrow().example(), now - 3 * 86400, Optional.of(now - 86400));
    JsonNode v = verify(old.credential());
    assertThat(outcome(v, "validity-period")).startsWith("failed");
    assertThat(outcome(v, "status")).startsWith("failed: expired");

    assertThat(outcome(verify("not an sd-jwt"), "format")).startsWith("failed");
    ObjectNode wrongType = MAPPER.createObjectNode();
    wrongType.put("presentation", 42);
    assertThatThrownBy(() -> client.post("/api/v1/certificates/verify", wrongType))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.call("POST", "/api/v1/certificates/verify", Optional.of(MAPPER.readTree("[1]")), Map.of()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("malformed-json"));
  }

  @Test
  @Order(7)
  void onlyTheHolderReadsTheirWalletAndErasingIsFinal() throws Exception {
    String path = "/api/v1/wallets/" + person + "/documents";
    JsonNode list = client.call("GET", path, Optional.empty(), holderAuth(personWallet, person, "GET", path));
    assertThat(list.path("documents").size()).isGreaterThanOrEqualTo(19);
    JsonNode first = list.path("documents").get(0);
    assertThat(first.has("credential")).as("the list holds no credentials").isFalse();

    assertThatThrownBy(() -> client.get(path))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("holder-proof-missing"));
    assertThatThrownBy(() -> client.call("GET", path, Optional.empty(), holderAuth(companyWallet, person, "GET", path)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("not-holder"));
    assertThatThrownBy(() -> client.call("GET", path, Optional.empty(), holderAuth(personWallet, person, "DELETE", path)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("holder-proof-invalid"));
    Map<String, String> once = holderAuth(personWallet, person, "GET", path);
    client.call("GET", path, Optional.empty(), once);
    assertThatThrownBy(() -> client.call("GET", path, Optional.empty(), once))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("holder-proof-replayed"));

    String docPath = path + "/" + first.path("recordId").asText();
    JsonNode doc = client.call("GET", docPath, Optional.empty(), holderAuth(personWallet, person, "GET", docPath));
    assertThat(verify(doc.path("credential").asText()).path("credentialId").asText())
        .isEqualTo(first.path("credentialId").asText());
    client.call("DELETE", docPath, Optional.empty(), holderAuth(personWallet, person, "DELETE", docPath));
    assertThatThrownBy(() -> client.call("GET", docPath, Optional.empty(), holderAuth(personWallet, person, "GET", docPath)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(404));

    // delivery: only a credential anchored for this very subject, once
    ObjectNode delivery = MAPPER.createObjectNode();
    delivery.put("credential", issued.get("business-licence").credential());
    assertThatThrownBy(() -> client.post(path, delivery))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("wrong-holder"));
    assertThatThrownBy(() -> client.post("/api/v1/wallets/" + company + "/documents", delivery))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("already-in-wallet"));
    delivery.put("credential", "garbage");
    assertThatThrownBy(() -> client.post(path, delivery))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("credential-invalid"));
  }

  @Test
  @Order(8)
  void aRevokedAgencyKeyOrHolderKeyFailsVerification() throws Exception {
    String cred = issued.get("degree-certificate").credential();
    // the identity authority revokes the person's lost wallet key
    ObjectNode revoke = MAPPER.createObjectNode();
    revoke.put("subject", person);
    revoke.put("thumbprint", PublicJwk.of(personWallet).thumbprint());
    revoke.put("reason", "lost");
    commit(agency, "identity/revoke-holder-key", revoke);
    assertThat(outcome(verify(cred), "holder-key")).startsWith("failed");

    TxSigner admin = new TxSigner("demo", KeyFile.read(dir.resolve("keys/admin.json")));
    ObjectNode change = MAPPER.createObjectNode();
    change.put("action", "revoke-agency-key");
    change.put("agency", AGENCY);
    change.put("keyId", agency.keyId().value());
    ObjectNode body = MAPPER.createObjectNode();
    body.set("change", change);
    commit(admin, "governance/propose", body);
    assertThat(outcome(verify(issued.get("business-licence").credential()), "issuer-authorised"))
        .startsWith("failed").contains("revoked");
    assertThatThrownBy(() -> status("suspend", issued.get("business-licence").id(), "investigation"))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("unknown-signer"));
  }
}
