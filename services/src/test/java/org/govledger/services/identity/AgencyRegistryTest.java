package org.govledger.services.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.tx.Rejection;
import org.govledger.services.ServicesLedger;
import org.junit.jupiter.api.Test;

class AgencyRegistryTest {
  private final ServicesLedger ledger = new ServicesLedger(CryptoSuite.ED25519_SHA256);

  private Optional<Agency> agency(String id) {
    return Agencies.lookup(ledger::state, id);
  }

  @Test
  void anAgencyExistsOnlyOnceEnoughAdminsApprove() {
    SigningKey key = ledger.newKey();
    ObjectNode propose = JsonNodeFactory.instance.objectNode();
    propose.set("change", ServicesLedger.registerAgency("sz-psb", Optional.empty(),
        List.of("resident-identity-card"), key));
    assertThat(ledger.run(ledger.admin1, "governance/propose", propose)).isEmpty();
    assertThat(agency("sz-psb")).as("one approval of two").isEmpty();
    assertThat(Signers.lookup(ledger::state, ledger.id(key))).isEmpty();

    SigningKey key2 = ledger.newKey();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-ca", Optional.empty(),
        List.of("business-licence", "driving-licence"), key2))).isEmpty();
    Agency a = agency("sz-ca").orElseThrow();
    assertThat(a.authorisedFor("business-licence", ledger.now())).isTrue();
    assertThat(a.authorisedFor("resident-identity-card", ledger.now())).isFalse();
    assertThat(a.key(ledger.id(key2))).isPresent();
    assertThat(Signers.lookup(ledger::state, ledger.id(key2)).orElseThrow().roles())
        .containsExactly(AgencyChanges.ROLE_ISSUER);
    assertThat(Agencies.ofKey(ledger::state, ledger.id(key2)).map(Agency::id)).contains("sz-ca");
  }

  @Test
  void malformedRegistrationsAreRefusedWhenProposed() {
    SigningKey key = ledger.newKey();
    assertThat(ledger.govern(ServicesLedger.registerAgency("x", Optional.empty(), List.of("birth-certificate"), key)))
        .map(Rejection::code).contains("governance.bad-change");
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.empty(), List.of("no-such-type"), key)))
        .map(Rejection::message).hasValueSatisfying(m -> assertThat(m).contains("no-such-type"));
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.of("sz-x"), List.of(), key)))
        .map(Rejection::message).hasValueSatisfying(m -> assertThat(m).contains("own parent"));
    ObjectNode badKey = ServicesLedger.registerAgency("sz-x", Optional.empty(), List.of());
    badKey.putArray("keys").add("AAAA");
    assertThat(ledger.govern(badKey)).map(Rejection::code).contains("governance.bad-change");
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.empty(), List.of())))
        .map(Rejection::message).hasValueSatisfying(m -> assertThat(m).contains("keys"));
    assertThat(agency("sz-x")).isEmpty();
  }

  @Test
  void stateRulesAreCheckedWhenTheChangeIsCarriedOut() {
    SigningKey key = ledger.newKey();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.of("sz-nobody"), List.of(), key)))
        .map(Rejection::code).contains("governance.unknown-agency");
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.empty(), List.of(), key))).isEmpty();
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-x", Optional.empty(), List.of(), ledger.newKey())))
        .map(Rejection::code).contains("governance.agency-exists");
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-y", Optional.empty(), List.of(), key)))
        .as("a key belongs to one agency").map(Rejection::code).contains("governance.signer-exists");
    assertThat(ledger.govern(ServicesLedger.registerAgency("sz-z", Optional.empty(), List.of(), ledger.admin1)))
        .as("an admin key cannot double as an agency key").map(Rejection::code).contains("governance.signer-exists");
  }

  @Test
  void authorisationsOpenAndCloseAtBlockTime() {
    SigningKey key = ledger.newKey();
    ledger.govern(ServicesLedger.registerAgency("sz-hb", Optional.empty(), List.of("birth-certificate"), key));
    long before = ledger.now();
    ObjectNode change = JsonNodeFactory.instance.objectNode();
    change.put("action", "authorise-types");
    change.put("agency", "sz-hb");
    change.putArray("add").add("driving-licence");
    change.putArray("remove").add("birth-certificate");
    assertThat(ledger.govern(change)).isEmpty();
    long after = ledger.now();
    Agency a = agency("sz-hb").orElseThrow();
    assertThat(a.authorisedFor("birth-certificate", before)).isTrue();
    assertThat(a.authorisedFor("birth-certificate", after)).isFalse();
    assertThat(a.authorisedFor("driving-licence", before)).isFalse();
    assertThat(a.authorisedFor("driving-licence", after)).isTrue();
  }

  @Test
  void aRevokedAgencyKeyCanNoLongerSign() {
    SigningKey key = ledger.newKey();
    SigningKey spare = ledger.newKey();
    ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.empty(), List.of("resident-identity-card"), key));
    ObjectNode add = JsonNodeFactory.instance.objectNode();
    add.put("action", "add-agency-key");
    add.put("agency", "sz-psb");
    add.put("publicKey", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(spare.publicKey()));
    assertThat(ledger.govern(add)).isEmpty();
    ObjectNode revoke = JsonNodeFactory.instance.objectNode();
    revoke.put("action", "revoke-agency-key");
    revoke.put("agency", "sz-psb");
    revoke.put("keyId", ledger.id(key).value());
    assertThat(ledger.govern(revoke)).isEmpty();
    assertThat(ledger.govern(revoke)).map(Rejection::code).contains("governance.key-revoked");

    Agency a = agency("sz-psb").orElseThrow();
    assertThat(a.key(ledger.id(key)).orElseThrow().revoked()).isTrue();
    assertThat(a.key(ledger.id(spare)).orElseThrow().revoked()).isFalse();
    assertThat(Signers.lookup(ledger::state, ledger.id(key))).isEmpty();
    assertThat(ledger.run(key, "certificate/suspend", JsonNodeFactory.instance.objectNode()))
        .map(Rejection::code).contains(Rejection.UNKNOWN_SIGNER);
    assertThat(Signers.lookup(ledger::state, ledger.id(spare)).map(s -> s.hasRole(SignerRecord.ROLE_ADMIN)))
        .contains(false);
  }
}
