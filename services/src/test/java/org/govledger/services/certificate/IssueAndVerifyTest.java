package org.govledger.services.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govledger.credentials.Check;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.services.ServicesLedger;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The issuer and the verifier against a real engine (memory store), on every crypto suite. */
class IssueAndVerifyTest {
  private final SecureRandom random = ServicesLedger.deterministic(5);

  private record Setup(ServicesLedger ledger, SigningKey agency, SigningKey wallet, String subject,
      CertificateIssuer issuer, CertificateVerifier verifier) {}

  private Setup setup(CryptoSuite suite) {
    ServicesLedger ledger = new ServicesLedger(suite);
    SigningKey agency = ledger.newKey();
    ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.empty(),
        List.of("resident-identity-card", "household-register"), agency));
    SigningKey wallet = CryptoSuite.P256_SHA256.generate(random);
    String subject = SubjectIds.random(random);
    assertThat(ledger.run(agency, "identity/bind-subject",
        IdentityContract.bindBody(subject, Subject.Kind.PERSON, PublicJwk.of(wallet)))).isEmpty();
    Clock clock = Clock.fixed(Instant.ofEpochMilli(ledger.now()), ZoneOffset.UTC);
    return new Setup(ledger, agency, wallet, subject,
        new CertificateIssuer(ServicesLedger.CATALOGUE, "sz-psb", agency, suite.hash()),
        new CertificateVerifier(ServicesLedger.CATALOGUE, ledger.engine.view(), clock));
  }

  private static CertificateIssuer.Request request(Setup s, String type, Optional<CertificateIssuer.PaperOrigin> paper) {
    long now = s.ledger().now() / 1000;
    return new CertificateIssuer.Request(type, s.subject(), PublicJwk.of(s.wallet()),
        ServicesLedger.CATALOGUE.find(type).orElseThrow().example(), now, Optional.empty(), paper);
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void anIssuedAnchoredCertificatePassesEveryCheck(CryptoSuite suite) throws Exception {
    Setup s = setup(suite);
    CertificateIssuer.Issued c = s.issuer().issue(request(s, "resident-identity-card", Optional.empty()),
        s.ledger().now() / 1000, random);
    CertificateVerifier.Verdict before = s.verifier().verify(c.credential(), KeyBindingPolicy.notRequired());
    assertThat(before.check(CertificateVerifier.ANCHORED).orElseThrow().outcome()).isEqualTo(Check.Outcome.FAILED);
    assertThat(s.ledger().run(s.agency(), "certificate/issue", c.anchorBody())).isEmpty();

    CertificateVerifier.Verdict v = s.verifier().verify(c.credential(), KeyBindingPolicy.notRequired());
    assertThat(v.valid()).as(v.checks().toString()).isTrue();
    assertThat(v.checks()).extracting(Check::name).containsExactly("format", "issuer-signature", "disclosures",
        "validity-period", "holder-binding", "anchored", "issuer-authorised", "status", "holder-key");
    assertThat(v.verified().orElseThrow().credentialId()).isEqualTo(c.id());
    assertThat(v.verified().orElseThrow().disclosed())
        .isEqualTo(ServicesLedger.CATALOGUE.find("resident-identity-card").orElseThrow().example());
    CertificateRecord r = Certificates.lookup(s.ledger()::state, c.id()).orElseThrow();
    int days = ServicesLedger.CATALOGUE.find("resident-identity-card").orElseThrow().defaultValidityDays().orElseThrow();
    assertThat(r.validUntil()).contains(r.validFrom() + days * 86_400L);

    String p = SdJwt.parse(c.credential()).present(Set.of("name"), s.wallet(), "urn:aud", "nonce-1", s.ledger().now() / 1000);
    CertificateVerifier.Verdict kb = s.verifier().verify(p,
        KeyBindingPolicy.required("urn:aud", "nonce-1", java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(60)));
    assertThat(kb.valid()).as(kb.checks().toString()).isTrue();
    assertThat(kb.verified().orElseThrow().disclosed().size()).isEqualTo(1);
    for (Check ch : v.checks()) {
      assertThat(ch.detail()).as("no claim value in a detail")
          .doesNotContain(ServicesLedger.CATALOGUE.find("resident-identity-card").orElseThrow().example().path("name").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(value = CryptoSuite.class, names = "ED25519_SHA256")
  void aDigitisedPaperDocumentNamesItsNumberAndScan(CryptoSuite suite) throws Exception {
    Setup s = setup(suite);
    String scan = "ab".repeat(32);
    CertificateIssuer.Issued c = s.issuer().issue(request(s, "household-register",
        Optional.of(new CertificateIssuer.PaperOrigin("HR-1998-000123", scan))), s.ledger().now() / 1000, random);
    s.ledger().run(s.agency(), "certificate/issue", c.anchorBody());
    CertificateVerifier.Verdict v = s.verifier().verify(c.credential(), KeyBindingPolicy.notRequired());
    assertThat(v.valid()).isTrue();
    assertThat(v.verified().orElseThrow().disclosed().path(CertificateIssuer.PAPER_NUMBER_CLAIM).asText())
        .isEqualTo("HR-1998-000123");
    assertThat(v.verified().orElseThrow().disclosed().path(CertificateIssuer.PAPER_SCAN_CLAIM).asText()).isEqualTo(scan);
    assertThat(Certificates.lookup(s.ledger()::state, c.id()).orElseThrow().paper()).isTrue();
    assertThatThrownBy(() -> new CertificateIssuer.PaperOrigin("", scan)).hasMessageContaining("number");
    assertThatThrownBy(() -> new CertificateIssuer.PaperOrigin("N1", "xyz")).hasMessageContaining("digest");
  }

  @ParameterizedTest
  @EnumSource(value = CryptoSuite.class, names = "ED25519_SHA256")
  void badClaimsOrAnUnknownTypeAreRefusedBeforeAnythingIsSigned(CryptoSuite suite) {
    Setup s = setup(suite);
    CertificateIssuer.Request ok = request(s, "resident-identity-card", Optional.empty());
    var claims = ok.claims();
    claims.remove("name");
    claims.put("idNumber", "not-an-id");
    CertificateIssuer.Request bad = new CertificateIssuer.Request(ok.type(), ok.subject(), ok.holderKey(), claims,
        ok.validFrom(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> s.issuer().issue(bad, 0, random)).isInstanceOfSatisfying(ClaimsRejectedException.class,
        e -> assertThat(e.problems()).extracting(p -> p.path()).contains("/name", "/idNumber"));
    CertificateIssuer.Request unknown = new CertificateIssuer.Request("dog-licence", ok.subject(), ok.holderKey(),
        ok.claims(), ok.validFrom(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> s.issuer().issue(unknown, 0, random)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dog-licence");
    CertificateIssuer.Request backwards = new CertificateIssuer.Request(ok.type(), ok.subject(), ok.holderKey(),
        ok.claims(), ok.validFrom(), Optional.of(ok.validFrom() - 1), Optional.empty());
    assertThatThrownBy(() -> s.issuer().issue(backwards, 0, random)).hasMessageContaining("ends before it starts");
  }
}
