package org.govledger.services.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.Rejection;
import org.govledger.services.ServicesLedger;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentContractTest {
  private static final String REQUEST = "cmVxdWVzdC0wMDAwMDAwMQ";
  private final ServicesLedger ledger = new ServicesLedger(CryptoSuite.ED25519_SHA256);
  private final SigningKey psb = ledger.newKey();
  private final SigningKey bankKey = ledger.newKey();
  private final SigningKey wallet = CryptoSuite.P256_SHA256.generate(ServicesLedger.deterministic(9));
  private final SigningKey stranger = CryptoSuite.P256_SHA256.generate(ServicesLedger.deterministic(10));
  private final String subject = SubjectIds.random(ServicesLedger.deterministic(11));

  @BeforeEach
  void verifierAndHolder() {
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.empty(),
        List.of("resident-identity-card"), psb))).isEmpty();
    assertThat(ledger.govern(registerVerifier("sz-bank", bankKey))).isEmpty();
    assertThat(ledger.run(psb, "identity/bind-subject",
        IdentityContract.bindBody(subject, Subject.Kind.PERSON, PublicJwk.of(wallet)))).isEmpty();
  }

  static ObjectNode registerVerifier(String id, SigningKey key) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("action", "register-verifier");
    c.put("verifier", id);
    c.put("name", "Example Bank, Shenzhen branch");
    c.putObject("purposes").put("account-opening", "Opening a bank account (know your customer)");
    c.putArray("types").add("resident-identity-card").add("business-licence");
    c.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
    return c;
  }

  private ObjectNode consent(String decision, String purpose, String type) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("sub", subject);
    p.put("verifier", "sz-bank");
    p.put("request", REQUEST);
    p.putArray("types").add(type);
    p.putArray("claims").add("name").add("idNumber");
    p.put("purpose", purpose);
    p.put("decision", decision);
    p.put("iat", ledger.now() / 1000);
    p.put("exp", ledger.now() / 1000 + 600);
    return p;
  }

  private Optional<Rejection> record(SigningKey key, ObjectNode payload) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statement", SignedStatement.sign(key, ConsentContract.CONSENT_TYP, payload));
    return ledger.run(ledger.node, "consent/record", body);
  }

  @Test
  void theHoldersSignedConsentIsRecordedAndCanBeWithdrawn() {
    ObjectNode payload = consent("agree", "account-opening", "resident-identity-card");
    assertThat(record(wallet, payload)).isEmpty();
    Consent c = Consents.forRequest(ledger::state, REQUEST, subject).orElseThrow();
    assertThat(c.agreed()).isTrue();
    assertThat(c.verifier()).isEqualTo("sz-bank");
    assertThat(c.claims()).containsExactlyInAnyOrder("name", "idNumber");
    assertThat(c.inForceAt(ledger.now())).isTrue();
    assertThat(record(wallet, payload)).map(Rejection::code).contains("consent.exists");

    ObjectNode w = JsonNodeFactory.instance.objectNode();
    w.put("sub", subject);
    w.put("consent", c.id());
    w.put("iat", ledger.now() / 1000);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statement", SignedStatement.sign(stranger, ConsentContract.WITHDRAWAL_TYP, w));
    assertThat(ledger.run(ledger.node, "consent/withdraw", body)).map(Rejection::code).contains("consent.not-holder");
    body.put("statement", SignedStatement.sign(wallet, ConsentContract.WITHDRAWAL_TYP, w));
    assertThat(ledger.run(ledger.node, "consent/withdraw", body)).isEmpty();
    assertThat(Consents.lookup(ledger::state, c.id()).orElseThrow().inForceAt(ledger.now())).isFalse();
    assertThat(ledger.run(ledger.node, "consent/withdraw", body)).map(Rejection::code).contains("consent.not-in-force");
  }

  @Test
  void aDeclineIsRecordedTooButIsNeverInForce() {
    assertThat(record(wallet, consent("decline", "account-opening", "resident-identity-card"))).isEmpty();
    Consent c = Consents.forRequest(ledger::state, REQUEST, subject).orElseThrow();
    assertThat(c.agreed()).isFalse();
    assertThat(c.inForceAt(ledger.now())).isFalse();
  }

  @Test
  void consentsBeyondTheVerifiersRegistrationOrNotByTheHolderAreRefused() {
    assertThat(record(stranger, consent("agree", "account-opening", "resident-identity-card")))
        .map(Rejection::code).contains("consent.not-holder");
    assertThat(record(wallet, consent("agree", "marketing", "resident-identity-card")))
        .map(Rejection::code).contains("consent.purpose-not-registered");
    assertThat(record(wallet, consent("agree", "account-opening", "marriage-certificate")))
        .map(Rejection::code).contains("consent.type-not-registered");
    ObjectNode unknown = consent("agree", "account-opening", "resident-identity-card");
    unknown.put("verifier", "sz-nobody");
    assertThat(record(wallet, unknown)).map(Rejection::code).contains("consent.unknown-verifier");
    ObjectNode expired = consent("agree", "account-opening", "resident-identity-card");
    expired.put("exp", ledger.now() / 1000 - 1);
    assertThat(record(wallet, expired)).map(Rejection::code).contains("consent.expired");
    ObjectNode tooLong = consent("agree", "account-opening", "resident-identity-card");
    tooLong.put("exp", ledger.now() / 1000 + 400L * 86_400);
    assertThat(record(wallet, tooLong)).map(Rejection::code).contains("consent.expired");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statement", "eyJhbGciOiJub25lIn0.e30.");
    assertThat(ledger.run(ledger.node, "consent/record", body)).map(Rejection::code).contains("consent.bad-statement");
    assertThat(Consents.forRequest(ledger::state, REQUEST, subject)).isEmpty();
  }

  @Test
  void aSupervisingAgencyRegistersAndRemovesVerifiersAlone_butNothingElse() {
    SigningKey regulator = ledger.newKey();
    SigningKey shop = ledger.newKey();
    ObjectNode addRegulator = JsonNodeFactory.instance.objectNode();
    addRegulator.put("action", "add-signer");
    addRegulator.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(regulator.publicKey()));
    addRegulator.put("name", "financial regulator, Shenzhen");
    addRegulator.putArray("roles").add(VerifierChanges.SUPERVISOR_ROLE);
    assertThat(ledger.govern(addRegulator)).isEmpty();

    // registered by the regulator's key alone, at once; the record keeps whose key it was
    Optional<Rejection> registered = ledger.run(regulator, "governance/propose",
        propose(registerVerifier("sz-lender", shop)));
    assertThat(registered).isEmpty();
    assertThat(Verifiers.lookup(ledger::state, "sz-lender").orElseThrow().active()).isTrue();
    assertThat(record(wallet, consent("agree", "account-opening", "resident-identity-card")))
        .isEmpty(); // sz-bank, registered by the admins, is unaffected

    // the role covers verifiers only: not signers, not thresholds
    ObjectNode addSigner = JsonNodeFactory.instance.objectNode();
    addSigner.put("action", "add-signer");
    addSigner.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(shop.publicKey()));
    addSigner.put("name", "shop");
    addSigner.putArray("roles").add("admin");
    assertThat(ledger.run(regulator, "governance/propose", propose(addSigner)))
        .map(Rejection::code).contains("governance.not-admin");
    // and a key without the role cannot register a verifier
    SigningKey client = ledger.newKey();
    ObjectNode addClient = JsonNodeFactory.instance.objectNode();
    addClient.put("action", "add-signer");
    addClient.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(client.publicKey()));
    addClient.put("name", "a client");
    addClient.putArray("roles").add("client");
    assertThat(ledger.govern(addClient)).isEmpty();
    assertThat(ledger.run(client, "governance/propose", propose(registerVerifier("sz-other", shop))))
        .map(Rejection::code).contains("governance.not-admin");
    assertThat(Verifiers.lookup(ledger::state, "sz-other")).isEmpty();

    ObjectNode remove = JsonNodeFactory.instance.objectNode();
    remove.put("action", "remove-verifier");
    remove.put("verifier", "sz-lender");
    assertThat(ledger.run(regulator, "governance/propose", propose(remove))).isEmpty();
    assertThat(Verifiers.lookup(ledger::state, "sz-lender").orElseThrow().active()).isFalse();
  }

  private static ObjectNode propose(ObjectNode change) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("change", change);
    return body;
  }

  @Test
  void aRemovedVerifierCannotGetConsent() {
    ObjectNode remove = JsonNodeFactory.instance.objectNode();
    remove.put("action", "remove-verifier");
    remove.put("verifier", "sz-bank");
    assertThat(ledger.govern(remove)).isEmpty();
    assertThat(Verifiers.lookup(ledger::state, "sz-bank").orElseThrow().active()).isFalse();
    assertThat(record(wallet, consent("agree", "account-opening", "resident-identity-card")))
        .map(Rejection::code).contains("consent.unknown-verifier");
  }

  @Test
  void onlyNodesWriteAccessRecordsAndTheyHoldNoPersonalData() {
    ObjectNode access = JsonNodeFactory.instance.objectNode();
    access.put("verifier", "sz-bank");
    access.put("request", REQUEST);
    access.put("purpose", "account-opening");
    access.put("outcome", "refused");
    access.put("reason", "nonce-mismatch");
    access.put("credential", "ab".repeat(32));
    assertThat(ledger.run(psb, "consent/access", access)).map(Rejection::code).contains("consent.forbidden");
    assertThat(ledger.run(ledger.node, "consent/access", access)).isEmpty();
    assertThat(ledger.engine.view().scanState(Consents.accessPrefix("ab".repeat(32)),
        Consents.accessPrefix("ab".repeat(32)), 10)).hasSize(1);
    ObjectNode granted = access.deepCopy();
    granted.put("outcome", "granted");
    granted.remove("reason");
    assertThat(ledger.run(ledger.node, "consent/access", granted)).map(Rejection::code).contains("consent.bad-body");
    access.put("name", "Zhang San");
    assertThat(ledger.run(ledger.node, "consent/access", access)).as("unknown fields are ignored, never stored")
        .isEmpty();
    assertThat(ledger.engine.view().scanState(Consents.accessPrefix("ab".repeat(32)),
        Consents.accessPrefix("ab".repeat(32)), 10)).allSatisfy(e ->
            assertThat(new String(e.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Zhang"));
  }
}
