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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.node.config.NodeConfig;
import org.govledger.services.certificate.CertificateContract;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.delegation.DelegationContract;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delegation end to end on a real node over HTTP: grants by persons and by a company's legal
 * representative, a chain of three sub-grants, every refusal with its reason and failing link,
 * and many concurrent applications for the last use, of which exactly one succeeds.
 */
class DelegationFlowIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir static Path dir;
  static Node node;
  static GovLedgerClient client;
  static Catalogue catalogue = Catalogue.builtIn();
  static SigningKey psbKey;
  static SigningKey amrKey;
  static Person zhang;
  static Person li;
  static Person wang;
  static Person zhao;
  static String company;

  /** A person with a wallet key and a resident identity card. */
  record Person(String subject, SigningKey key, String idCard, String name) {}

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
    client = new GovLedgerClient(URI.create("http://127.0.0.1:" + node.port()));
    psbKey = KeyFile.read(dir.resolve("keys/agencies/sz-psb.json"));
    amrKey = KeyFile.read(dir.resolve("keys/agencies/sz-amr.json"));
    JsonNode holders = MAPPER.readTree(dir.resolve("keys/holders/holders.json").toFile());
    company = holders.get(2).path("subject").asText();
    zhang = person("张伟");
    li = person("李娜");
    wang = person("王芳");
    zhao = person("赵磊");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Binds a new person and issues them an identity card with this name. */
  static Person person(String name) throws Exception {
    SigningKey key = CryptoSuite.P256_SHA256.generate(RANDOM);
    String subject = SubjectIds.random(RANDOM);
    client.submit(new TxSigner("demo", psbKey).sign("identity/bind-subject",
        IdentityContract.bindBody(subject, Subject.Kind.PERSON, PublicJwk.of(key))), true);
    ObjectNode claims = catalogue.find("resident-identity-card").orElseThrow().example();
    claims.put("name", name);
    return new Person(subject, key, issue(psbKey, "sz-psb", "resident-identity-card", subject, key, claims), name);
  }

  static String issue(SigningKey agencyKey, String agency, String type, String subject, SigningKey holder,
      ObjectNode claims) throws Exception {
    long now = Instant.now().getEpochSecond();
    var issued = new CertificateIssuer(catalogue, agency, agencyKey, node.engine().view().genesis().suite().hash())
        .issue(new CertificateIssuer.Request(type, subject, PublicJwk.of(holder), claims, now - 60, Optional.empty(),
            Optional.empty()), now, RANDOM);
    client.submit(new TxSigner("demo", agencyKey).sign("certificate/issue", issued.anchorBody()), true);
    ObjectNode delivery = MAPPER.createObjectNode();
    delivery.put("credential", issued.credential());
    client.post("/api/v1/wallets/" + subject + "/documents", delivery);
    return issued.credential();
  }

  static ObjectNode grantPayload(String grantor, Person grantee, List<String> services, List<String> offices,
      long nbf, long exp, int uses, boolean mayDelegate) {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("grantor", grantor);
    p.put("grantee", grantee.subject());
    services.forEach(p.putArray("services")::add);
    offices.forEach(p.putArray("offices")::add);
    p.put("nbf", nbf);
    p.put("exp", exp);
    p.put("maxUses", uses);
    p.put("mayDelegate", mayDelegate);
    p.put("iat", Instant.now().getEpochSecond());
    return p;
  }

  static String grant(SigningKey signer, ObjectNode payload) throws ClientException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(signer, DelegationContract.GRANT_TYP, payload));
    return client.post("/api/v1/delegations", body).path("grantId").asText();
  }

  static String simpleGrant(Person from, Person to, int uses) throws ClientException {
    long now = Instant.now().getEpochSecond();
    return grant(from.key(), grantPayload(from.subject(), to, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 3600, uses, false));
  }

  static JsonNode apply(String grantId, Person applicant, String agency, SigningKey agencyKey, String service)
      throws Exception {
    String application = Base64.getUrlEncoder().withoutPadding().encodeToString(RANDOM.generateSeed(16));
    String presentation = SdJwt.parse(applicant.idCard()).present(Set.of("name"), applicant.key(), agency,
        application, Instant.now().getEpochSecond());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("agency", agency);
    body.put("service", service);
    body.put("application", application);
    body.put("presentation", presentation);
    String path = "/api/v1/delegations/" + grantId + "/apply";
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    return client.call("POST", path, Optional.of(body), Map.of("Authorization", HolderProof.SCHEME + " "
        + HolderProof.sign(agencyKey, agency, "POST", path, Instant.now().getEpochSecond(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(jti))));
  }

  static List<String> reasons(JsonNode decision) {
    List<String> out = new ArrayList<>();
    decision.path("reasons").forEach(r -> out.add(r.path("check").asText() + "@" + r.path("link").asText()));
    return out;
  }

  @Test
  void aPersonsGrantIsUsedUntilItsUsesAreExhausted() throws Exception {
    String g = simpleGrant(zhang, li, 2);
    for (int i = 0; i < 2; i++) {
      JsonNode d = apply(g, li, "sz-psb", psbKey, "household-register");
      assertThat(d.path("outcome").asText()).as(d.toString()).isEqualTo("granted");
      assertThat(d.path("checks").get(0).path("name").asText()).isEqualTo("grantee-identity");
      assertThat(d.path("links").get(0).path("outcome").asText()).isEqualTo("passed");
    }
    JsonNode third = apply(g, li, "sz-psb", psbKey, "household-register");
    assertThat(reasons(third)).containsExactly("uses-exhausted@" + g);
    JsonNode record = client.get("/api/v1/delegations/" + g);
    assertThat(record.path("used").asInt()).isEqualTo(2);
    assertThat(record.path("decisions")).hasSize(3);
  }

  @Test
  void eachBadApplicationIsRefusedWithItsReasonAndLink() throws Exception {
    long now = Instant.now().getEpochSecond();
    String g = simpleGrant(zhang, li, 5);
    assertThat(reasons(apply(g, li, "sz-psb", psbKey, "business-licence")))
        .containsExactly("service-out-of-scope@" + g);
    assertThat(reasons(apply(g, li, "sz-amr", amrKey, "household-register"))).containsExactly("wrong-office@" + g);
    assertThat(reasons(apply(g, wang, "sz-psb", psbKey, "household-register")))
        .contains("grantee@" + g, "grantee-identity@" + g);

    String later = grant(zhang.key(), grantPayload(zhang.subject(), li, List.of("household-register"),
        List.of("sz-psb"), now + 3600, now + 7200, 1, false));
    assertThat(reasons(apply(later, li, "sz-psb", psbKey, "household-register")))
        .containsExactly("not-yet-valid@" + later);
    String brief = grant(zhang.key(), grantPayload(zhang.subject(), li, List.of("household-register"),
        List.of("sz-psb"), now - 60, now + 2, 1, false));
    Thread.sleep(2_500);
    assertThat(reasons(apply(brief, li, "sz-psb", psbKey, "household-register"))).containsExactly("expired@" + brief);

    ObjectNode revoke = MAPPER.createObjectNode();
    revoke.put("grant", g);
    revoke.put("iat", now);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(li.key(), DelegationContract.REVOCATION_TYP, revoke));
    assertThatThrownBy(() -> client.post("/api/v1/delegations/revoke", body)).as("only the grantor revokes")
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("delegation.bad-signature"));
    body.put("statement", SignedStatement.sign(zhang.key(), DelegationContract.REVOCATION_TYP, revoke));
    client.post("/api/v1/delegations/revoke", body);
    assertThat(reasons(apply(g, li, "sz-psb", psbKey, "household-register"))).containsExactly("revoked@" + g);
  }

  @Test
  void aForgedGrantIsRefusedAndNothingIsRecorded() {
    long now = Instant.now().getEpochSecond();
    ObjectNode p = grantPayload(zhang.subject(), li, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 3600, 1, false);
    assertThatThrownBy(() -> grant(li.key(), p)).as("li signs a grant in zhang's name")
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("delegation.bad-signature"));
    assertThatThrownBy(() -> client.get("/api/v1/delegations/" + "00".repeat(32)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aChainOfThreeLinksWorksAndNoLinkMayWidenOrSurviveARevokedAncestor() throws Exception {
    long now = Instant.now().getEpochSecond();
    String root = grant(zhang.key(), grantPayload(zhang.subject(), li, List.of("household-register", "business-licence"),
        List.of("sz-psb", "sz-amr"), now - 60, now + 7200, 5, true));
    ObjectNode second = grantPayload(li.subject(), wang, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 3600, 3, true);
    second.put("parent", root);
    String middle = grant(li.key(), second);
    ObjectNode third = grantPayload(wang.subject(), zhao, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 3600, 2, false);
    third.put("parent", middle);
    String leaf = grant(wang.key(), third);
    JsonNode d = apply(leaf, zhao, "sz-psb", psbKey, "household-register");
    assertThat(d.path("outcome").asText()).as(d.toString()).isEqualTo("granted");
    assertThat(d.path("links")).hasSize(3);
    assertThat(client.get("/api/v1/delegations/" + root).path("used").asInt()).as("counted up the chain").isEqualTo(1);
    assertThat(client.get("/api/v1/delegations/" + root).path("decisions")).as("the root grantor sees it").hasSize(1);

    ObjectNode wider = grantPayload(wang.subject(), zhao, List.of("household-register", "business-licence"),
        List.of("sz-psb"), now - 60, now + 3600, 1, false);
    wider.put("parent", middle);
    assertThatThrownBy(() -> grant(wang.key(), wider))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("delegation.widened"));
    ObjectNode longer = grantPayload(wang.subject(), zhao, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 7000, 1, false);
    longer.put("parent", middle);
    assertThatThrownBy(() -> grant(wang.key(), longer))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("delegation.widened"));
    ObjectNode fromLeaf = grantPayload(zhao.subject(), li, List.of("household-register"), List.of("sz-psb"),
        now - 60, now + 3600, 1, false);
    fromLeaf.put("parent", leaf);
    assertThatThrownBy(() -> grant(zhao.key(), fromLeaf))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.type()).isEqualTo("delegation.not-delegable"));

    ObjectNode revoke = MAPPER.createObjectNode();
    revoke.put("grant", middle);
    revoke.put("iat", now);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(li.key(), DelegationContract.REVOCATION_TYP, revoke));
    client.post("/api/v1/delegations/revoke", body);
    assertThat(reasons(apply(leaf, zhao, "sz-psb", psbKey, "household-register"))).containsExactly("revoked@" + middle);
  }

  @Test
  void aCompanyGrantsThroughItsLegalRepresentativeWhileItsLicenceIsValid() throws Exception {
    ObjectNode licence = catalogue.find("business-licence").orElseThrow().example();
    licence.put("legalRepresentative", zhang.name());
    SigningKey companyKey = KeyFile.read(dir.resolve("keys/holders/example-tech.json"));
    issue(amrKey, "sz-amr", "business-licence", company, companyKey, licence);
    long now = Instant.now().getEpochSecond();
    ObjectNode p = grantPayload(company, li, List.of("food-business-licence"), List.of("sz-amr"),
        now - 60, now + 3600, 3, false);
    p.put("representative", zhang.subject());
    p.put("eSeal", true);
    p.put("companyMayUseSeal", false);
    String g = grant(zhang.key(), p);
    JsonNode ok = apply(g, li, "sz-amr", amrKey, "food-business-licence");
    assertThat(ok.path("outcome").asText()).as(ok.toString()).isEqualTo("granted");
    assertThat(ok.path("checks").toString()).contains("company-licence");
    assertThat(client.get("/api/v1/delegations/" + g).path("companyMayUseSeal").asBoolean()).isFalse();

    ObjectNode notRep = grantPayload(company, li, List.of("food-business-licence"), List.of("sz-amr"),
        now - 60, now + 3600, 3, false);
    notRep.put("representative", wang.subject());
    String byWang = grant(wang.key(), notRep);
    assertThat(reasons(apply(byWang, li, "sz-amr", amrKey, "food-business-licence")))
        .as("the licence names another legal representative").containsExactly("company-licence@" + byWang);

    // the market regulator revokes every business licence the company holds
    revokeLicences();
    assertThat(reasons(apply(g, li, "sz-amr", amrKey, "food-business-licence"))).containsExactly("company-licence@" + g);
  }

  static void revokeLicences() throws Exception {
    SigningKey companyKey = KeyFile.read(dir.resolve("keys/holders/example-tech.json"));
    String path = "/api/v1/wallets/" + company + "/documents";
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    JsonNode docs = client.call("GET", path, Optional.empty(), Map.of("Authorization", HolderProof.SCHEME + " "
        + HolderProof.sign(companyKey, company, "GET", path, Instant.now().getEpochSecond(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(jti)))).path("documents");
    for (JsonNode d : docs) {
      if (d.path("type").asText().equals("business-licence") && d.path("status").asText().equals("valid")) {
        client.submit(new TxSigner("demo", amrKey).sign("certificate/revoke",
            CertificateContract.statusBody(d.path("credentialId").asText(), "licence-cancelled")), true);
      }
    }
  }

  @Test
  void manyConcurrentApplicationsForTheLastUseGrantExactlyOne() throws Exception {
    String g = simpleGrant(zhang, li, 1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit((Callable<JsonNode>) () -> apply(g, li, "sz-psb", psbKey, "household-register")));
      }
      int granted = 0;
      int exhausted = 0;
      for (Future<JsonNode> f : results) {
        JsonNode d = f.get();
        if (d.path("outcome").asText().equals("granted")) {
          granted++;
        } else if (reasons(d).equals(List.of("uses-exhausted@" + g))) {
          exhausted++;
        }
      }
      assertThat(granted).isEqualTo(1);
      assertThat(exhausted).isEqualTo(15);
      assertThat(client.get("/api/v1/delegations/" + g).path("used").asInt()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
