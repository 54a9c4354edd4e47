package org.govledger.services.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.Rejection;
import org.govledger.services.ServicesLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityContractTest {
  private final ServicesLedger ledger = new ServicesLedger(CryptoSuite.SM2_SM3);
  private final SigningKey psb = ledger.newKey();
  private final SigningKey amr = ledger.newKey();
  private final SigningKey hospital = ledger.newKey();
  private final SecureRandom random = ServicesLedger.deterministic(11);
  private final String person = SubjectIds.derive(new byte[32], "440300199001011234");
  private final String company = SubjectIds.random(random);

  @BeforeEach
  void authorities() {
    ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.empty(), List.of("resident-identity-card"), psb));
    ledger.govern(ServicesLedger.registerAgency("sz-amr", Optional.empty(), List.of("business-licence"), amr));
    ledger.govern(ServicesLedger.registerAgency("sz-health", Optional.empty(), List.of("birth-certificate"), hospital));
  }

  private PublicJwk walletKey(CryptoSuite suite) {
    return PublicJwk.of(suite.generate(random));
  }

  @Test
  void identityAuthoritiesBindSubjectsOfTheirKind() {
    PublicJwk phone = walletKey(CryptoSuite.P256_SHA256);
    assertThat(ledger.run(psb, "identity/bind-subject", IdentityContract.bindBody(person, Subject.Kind.PERSON, phone))).isEmpty();
    assertThat(ledger.run(amr, "identity/bind-subject", IdentityContract.bindBody(company, Subject.Kind.COMPANY,
        walletKey(CryptoSuite.ED25519_SHA256)))).isEmpty();
    Subject s = Subjects.lookup(ledger::state, person).orElseThrow();
    assertThat(s.kind()).isEqualTo(Subject.Kind.PERSON);
    assertThat(s.boundBy()).isEqualTo("sz-psb");
    assertThat(s.key(phone.thumbprint())).isPresent();

    assertThat(ledger.run(amr, "identity/bind-subject", IdentityContract.bindBody(SubjectIds.random(random),
        Subject.Kind.PERSON, phone))).map(Rejection::code).contains("identity.not-authority");
    assertThat(ledger.run(hospital, "identity/bind-subject", IdentityContract.bindBody(SubjectIds.random(random),
        Subject.Kind.PERSON, phone))).map(Rejection::code).contains("identity.not-authority");
    assertThat(ledger.run(psb, "identity/bind-subject", IdentityContract.bindBody(person, Subject.Kind.PERSON, phone)))
        .map(Rejection::code).contains("identity.subject-exists");
  }

  @Test
  void keysAreRotatedAndALostKeyRevoked() {
    PublicJwk old = walletKey(CryptoSuite.P256_SHA256);
    PublicJwk fresh = walletKey(CryptoSuite.ED25519_SHA256);
    ledger.run(psb, "identity/bind-subject", IdentityContract.bindBody(person, Subject.Kind.PERSON, old));
    ObjectNode add = IdentityContract.bindBody(person, Subject.Kind.PERSON, fresh);
    add.remove("kind");
    assertThat(ledger.run(psb, "identity/add-holder-key", add)).isEmpty();
    assertThat(ledger.run(psb, "identity/add-holder-key", add)).map(Rejection::code).contains("identity.key-exists");
    ObjectNode revoke = ledger.engine.view().genesis().toJson().objectNode();
    revoke.put("subject", person);
    revoke.put("thumbprint", old.thumbprint());
    revoke.put("reason", "lost");
    assertThat(ledger.run(hospital, "identity/revoke-holder-key", revoke)).map(Rejection::code)
        .contains("identity.not-authority");
    assertThat(ledger.run(psb, "identity/revoke-holder-key", revoke)).isEmpty();
    assertThat(ledger.run(psb, "identity/revoke-holder-key", revoke)).map(Rejection::code).contains("identity.key-revoked");
    Subject s = Subjects.lookup(ledger::state, person).orElseThrow();
    assertThat(s.key(old.thumbprint()).orElseThrow().revokedMillis()).isPresent();
    assertThat(s.key(old.thumbprint()).orElseThrow().reason()).contains("lost");
    assertThat(s.key(fresh.thumbprint()).orElseThrow().validAt(ledger.now())).isTrue();
  }

  @Test
  void badBodiesAreRefusedAndChangeNothing() {
    ObjectNode noKey = IdentityContract.bindBody(person, Subject.Kind.PERSON, walletKey(CryptoSuite.P256_SHA256));
    noKey.remove("holderKey");
    assertThat(ledger.run(psb, "identity/bind-subject", noKey)).map(Rejection::code).contains("identity.bad-holder-key");
    ObjectNode privateKey = IdentityContract.bindBody(person, Subject.Kind.PERSON, walletKey(CryptoSuite.P256_SHA256));
    ((ObjectNode) privateKey.get("holderKey")).put("d", "AAAA");
    assertThat(ledger.run(psb, "identity/bind-subject", privateKey)).map(Rejection::code).contains("identity.bad-holder-key");
    ObjectNode badId = IdentityContract.bindBody(person, Subject.Kind.PERSON, walletKey(CryptoSuite.P256_SHA256));
    badId.put("subject", "short/id");
    assertThat(ledger.run(psb, "identity/bind-subject", badId)).map(Rejection::code).contains("identity.bad-body");
    ObjectNode kind = IdentityContract.bindBody(person, Subject.Kind.PERSON, walletKey(CryptoSuite.P256_SHA256));
    kind.put("kind", "robot");
    assertThat(ledger.run(psb, "identity/bind-subject", kind)).map(Rejection::code).contains("identity.bad-body");
    assertThat(Subjects.lookup(ledger::state, person)).isEmpty();
  }

  @Test
  void subjectIdsAreKeyedHashesNotIdNumbers() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String id = SubjectIds.derive(secret, "440300199001011234");
    assertThat(id).hasSize(22).doesNotContain("4403001990");
    assertThat(SubjectIds.derive(secret, "440300199001011234")).isEqualTo(id);
    assertThat(SubjectIds.derive(new byte[32], "440300199001011234")).isNotEqualTo(id);
  }
}
