package org.govledger.services.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.Rejection;
import org.govledger.services.ServicesLedger;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateContractTest {
  private static final String SUBJECT = "c3ViamVjdC0wMDAwMDAx";
  private final ServicesLedger ledger = new ServicesLedger(CryptoSuite.ED25519_SHA256);
  private final SigningKey city = ledger.newKey();
  private final SigningKey psb = ledger.newKey();
  private final SigningKey district = ledger.newKey();
  private final SigningKey other = ledger.newKey();
  private final SigningKey wallet = CryptoSuite.P256_SHA256.generate(ServicesLedger.deterministic(3));
  private final String holder = new PublicJwk(CryptoSuite.P256_SHA256, wallet.publicKey()).thumbprint();
  private int docs;

  @BeforeEach
  void agenciesAndASubject() {
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-gov", Optional.empty(), List.of(), city))).isEmpty();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.of("sz-gov"),
        List.of("resident-identity-card"), psb))).isEmpty();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-futian", Optional.of("sz-psb"),
        List.of("birth-certificate"), district))).isEmpty();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-transport", Optional.empty(),
        List.of("driving-licence"), other))).isEmpty();
    assertThat(ledger.run(psb, "identity/bind-subject", IdentityContract.bindBody(SUBJECT, Subject.Kind.PERSON,
        new PublicJwk(CryptoSuite.P256_SHA256, wallet.publicKey())))).isEmpty();
  }

  private static ObjectNode authorise(String agency, String type) {
    ObjectNode c = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    c.put("action", "authorise-types");
    c.put("agency", agency);
    c.putArray("add").add(type);
    return c;
  }

  private String newId() {
    return HexFormat.of().formatHex(ledger.suite.hash().digest(("credential " + ++docs).getBytes()));
  }

  private Optional<Rejection> issue(SigningKey key, String id, String type) {
    long now = ledger.now() / 1000;
    return ledger.run(key, "certificate/issue",
        CertificateContract.issueBody(id, type, SUBJECT, holder, now, Optional.of(now + 3600), false));
  }

  private CertificateRecord record(String id) {
    return Certificates.lookup(ledger::state, id).orElseThrow();
  }

  @Test
  void anAuthorisedAgencyAnchorsACertificate() {
    String id = newId();
    assertThat(issue(district, id, "birth-certificate")).isEmpty();
    CertificateRecord r = record(id);
    assertThat(r.type()).isEqualTo("birth-certificate");
    assertThat(r.agency()).isEqualTo("sz-futian");
    assertThat(r.subject()).isEqualTo(SUBJECT);
    assertThat(r.statusAt(ledger.now())).isEqualTo(CertificateStatus.VALID);
    assertThat(r.statusAt(ledger.now() + 3_600_000)).isEqualTo(CertificateStatus.EXPIRED);
    assertThat(r.statusAt(ledger.now() - 3_600_000)).isEqualTo(CertificateStatus.NOT_YET_VALID);
    assertThat(issue(district, id, "birth-certificate")).map(Rejection::code).contains("certificate.exists");
  }

  @Test
  void issuingIsRefusedOutsideTheAgencysAuthorisation() {
    String id = newId();
    assertThat(issue(district, id, "driving-licence")).map(Rejection::code).contains("certificate.not-authorised");
    assertThat(ledger.govern(authorise("sz-futian", "business-licence"))).isEmpty();
    assertThat(issue(district, id, "business-licence")).as("a company document for a person")
        .map(Rejection::code).contains("certificate.wrong-subject-kind");
    assertThat(issue(district, id, "dog-licence")).map(Rejection::code).contains("certificate.unknown-type");
    assertThat(issue(ledger.admin1, id, "birth-certificate")).map(Rejection::code).contains("certificate.not-agency");
    long now = ledger.now() / 1000;
    assertThat(ledger.run(district, "certificate/issue", CertificateContract.issueBody(id, "birth-certificate",
        "bm8tc3VjaC1zdWJqZWN0LXg", holder, now, Optional.empty(), false)))
        .map(Rejection::code).contains("certificate.unknown-subject");
    assertThat(ledger.run(district, "certificate/issue", CertificateContract.issueBody(id, "birth-certificate",
        SUBJECT, holder, now, Optional.of(now - 1), false))).map(Rejection::code).contains("certificate.bad-body");
    assertThat(ledger.run(district, "certificate/issue", CertificateContract.issueBody(id, "birth-certificate",
        SUBJECT, "bm90LWEta2V5LXRodW1icHJpbnQ", now, Optional.empty(), false)))
        .map(Rejection::code).contains("certificate.holder-key-not-bound");
    ObjectNode shortId = CertificateContract.issueBody("abc", "birth-certificate", SUBJECT, holder, now, Optional.empty(), false);
    assertThat(ledger.run(district, "certificate/issue", shortId)).map(Rejection::code).contains("certificate.bad-body");
    assertThat(Certificates.lookup(ledger::state, id)).isEmpty();
  }

  @Test
  void statusChangesFollowTheLifecycleAndAreKept() {
    String id = newId();
    issue(district, id, "birth-certificate");
    assertThat(ledger.run(district, "certificate/reinstate", CertificateContract.statusBody(id, "mistake")))
        .map(Rejection::code).contains("certificate.bad-transition");
    assertThat(ledger.run(district, "certificate/suspend", CertificateContract.statusBody(id, "investigation"))).isEmpty();
    assertThat(record(id).statusAt(ledger.now())).isEqualTo(CertificateStatus.SUSPENDED);
    assertThat(ledger.run(district, "certificate/reinstate", CertificateContract.statusBody(id, "cleared"))).isEmpty();
    assertThat(record(id).statusAt(ledger.now())).isEqualTo(CertificateStatus.VALID);
    assertThat(ledger.run(district, "certificate/revoke", CertificateContract.statusBody(id, "data-error"))).isEmpty();
    assertThat(ledger.run(district, "certificate/reinstate", CertificateContract.statusBody(id, "oops")))
        .map(Rejection::code).contains("certificate.bad-transition");
    CertificateRecord r = record(id);
    assertThat(r.statusAt(ledger.now())).isEqualTo(CertificateStatus.REVOKED);
    assertThat(r.history()).extracting(c -> c.status().label() + ":" + c.reason())
        .containsExactly("valid:issued", "suspended:investigation", "valid:cleared", "revoked:data-error");
  }

  @Test
  void onlyTheIssuerOrAnAgencyAboveItMayChangeStatus() {
    String id = newId();
    issue(district, id, "birth-certificate");
    assertThat(ledger.run(other, "certificate/suspend", CertificateContract.statusBody(id, "investigation")))
        .map(Rejection::code).contains("certificate.not-issuer");
    assertThat(ledger.run(city, "certificate/suspend", CertificateContract.statusBody(id, "court-order")))
        .as("the grandparent agency").isEmpty();
    assertThat(ledger.run(psb, "certificate/revoke", CertificateContract.statusBody(id, "court-order")))
        .as("the parent agency").isEmpty();
    assertThat(ledger.run(psb, "certificate/suspend", CertificateContract.statusBody(id, "NOT A CODE")))
        .map(Rejection::code).contains("certificate.bad-body");
    assertThat(ledger.run(psb, "certificate/suspend", CertificateContract.statusBody(newId(), "investigation")))
        .map(Rejection::code).contains("certificate.unknown-certificate");
  }
}
