package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.credentials.TestCredentials.AUDIENCE;
import static org.govledger.credentials.TestCredentials.NONCE;
import static org.govledger.credentials.TestCredentials.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.govledger.ledger.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue, present, verify, on every pair of issuer and holder suites. */
class RoundTripTest {
  private static final Set<String> ALL_CLAIMS =
      Set.of("name", "id_number", "birthdate", "address", "is_over_18");

  static Stream<Arguments> suitePairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (CryptoSuite issuer : CryptoSuite.values()) {
      for (CryptoSuite holder : CryptoSuite.values()) {
        pairs.add(Arguments.of(issuer, holder));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "issuer {0}, holder {1}")
  @MethodSource("suitePairs")
  void presentSubset_verifies_andDisclosesOnlyThatSubset(CryptoSuite issuer, CryptoSuite holder)
      throws CredentialException {
    IssuedCredential issued = TestCredentials.issue(issuer, holder);

    String presentation = SdJwt.parse(issued.compact()).present(Set.of("is_over_18", "address"),
        TestCredentials.holderKey(holder), AUDIENCE, NONCE, NOW);
    CredentialVerification result = TestCredentials.verify(presentation, issuer);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(result.checks()).extracting(Check::name).containsExactly(Check.FORMAT,
        Check.ISSUER_SIGNATURE, Check.DISCLOSURES, Check.VALIDITY_PERIOD, Check.HOLDER_BINDING);
    CredentialContents contents = result.contents().orElseThrow();
    ObjectNode disclosed = contents.disclosedClaims();
    assertThat(CredentialClaims.names(disclosed)).containsExactlyInAnyOrder("is_over_18",
        "address");
    assertThat(disclosed.get("address")).isEqualTo(TestCredentials.claims().get("address"));
    assertThat(presentation).doesNotContain(encodedDisclosure(issued, "name"));
    assertThat(contents.issuer()).isEqualTo(TestCredentials.ISSUER);
    assertThat(contents.keyId()).isEqualTo(TestCredentials.KID);
    assertThat(contents.vct()).contains(TestCredentials.VCT);
    assertThat(contents.issuedAt()).hasValue(TestCredentials.IAT);
    assertThat(contents.notBefore()).hasValue(TestCredentials.IAT);
    assertThat(contents.expiresAt()).hasValue(TestCredentials.EXP);
    assertThat(contents.holderKey()).contains(PublicJwk.of(TestCredentials.holderKey(holder)));
    assertThat(contents.issuerJwt()).isEqualTo(issued.issuerJwt());
    assertThat(contents.visibleClaims()).isEqualTo(TestCredentials.visibleClaims());
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void issued_everyClaimIsDisclosable_andVerifiesWithoutKeyBinding(CryptoSuite suite)
      throws CredentialException {
    IssuedCredential issued = TestCredentials.issue(suite, suite);

    SdJwt parsed = SdJwt.parse(issued.compact());
    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(issued.compact(),
        TestCredentials.keys(suite), KeyBindingPolicy.notRequired(), NOW);

    assertThat(parsed.claimNames()).containsExactlyInAnyOrderElementsOf(ALL_CLAIMS);
    assertThat(parsed.disclosures()).hasSameSizeAs(ALL_CLAIMS);
    assertThat(issued.disclosures()).isEqualTo(parsed.disclosures());
    assertThat(parsed.payload().has("name")).isFalse();
    assertThat(result.failures()).isEmpty();
    assertThat(result.contents().orElseThrow().disclosedClaims())
        .isEqualTo(TestCredentials.claims());
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void issued_headerAndDigests_followTheProfile(CryptoSuite suite) throws CredentialException {
    SdJwt parsed = SdJwt.parse(TestCredentials.issue(suite, suite).compact());

    ObjectNode header = parsed.header();
    assertThat(header.get("typ").textValue()).isEqualTo("dc+sd-jwt");
    assertThat(header.get("alg").textValue()).isEqualTo(JwsAlgorithm.forSuite(suite).jwsName());
    assertThat(header.get("kid").textValue()).isEqualTo(TestCredentials.KID);
    ObjectNode payload = parsed.payload();
    assertThat(payload.get("_sd_alg").textValue())
        .isEqualTo(suite == CryptoSuite.SM2_SM3 ? "sm3" : "sha-256");
    List<String> digests = new ArrayList<>();
    payload.get("_sd").forEach(d -> digests.add(d.textValue()));
    assertThat(digests).isSorted().doesNotHaveDuplicates();
    assertThat(payload.get("cnf").get("jwk")).isEqualTo(
        PublicJwk.of(TestCredentials.holderKey(suite)).toJson());
    Set<String> salts = new HashSet<>();
    for (Disclosure disclosure : parsed.disclosures()) {
      assertThat(disclosure.salt()).hasSize(22);
      salts.add(disclosure.salt());
    }
    assertThat(salts).hasSameSizeAs(parsed.disclosures());
  }

  @Test
  void issue_withTheSameRandomness_givesTheSameBytes() {
    assertThat(TestCredentials.issue(CryptoSuite.ED25519_SHA256, CryptoSuite.P256_SHA256))
        .isEqualTo(TestCredentials.issue(CryptoSuite.ED25519_SHA256, CryptoSuite.P256_SHA256));
  }

  @Test
  void present_nothing_verifiesWithNoDisclosedClaims() throws CredentialException {
    IssuedCredential issued = TestCredentials.issue(CryptoSuite.P256_SHA256, CryptoSuite.SM2_SM3);

    String presentation = SdJwt.parse(issued.compact()).present(Set.of(),
        TestCredentials.holderKey(CryptoSuite.SM2_SM3), AUDIENCE, NONCE, NOW);
    CredentialVerification result = TestCredentials.verify(presentation, CryptoSuite.P256_SHA256);

    assertThat(presentation.split("~", -1)).hasSize(2);
    assertThat(result.valid()).isTrue();
    assertThat(result.contents().orElseThrow().disclosedClaims().isEmpty()).isTrue();
  }

  @Test
  void present_unknownClaim_isRefused_notDropped() throws CredentialException {
    SdJwt parsed = SdJwt.parse(TestCredentials.issue(CryptoSuite.ED25519_SHA256,
        CryptoSuite.ED25519_SHA256).compact());

    assertThatThrownBy(() -> parsed.present(Set.of("name", "nationality"),
        TestCredentials.holderKey(CryptoSuite.ED25519_SHA256), AUDIENCE, NONCE, NOW))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("nationality")
        .extracting(e -> ((CredentialException) e).code())
        .isEqualTo(CredentialException.UNKNOWN_CLAIM);
  }

  @Test
  void present_withAKeyThatIsNotCnf_isRefused() throws CredentialException {
    SdJwt parsed = SdJwt.parse(TestCredentials.issue(CryptoSuite.ED25519_SHA256,
        CryptoSuite.ED25519_SHA256).compact());

    assertThatThrownBy(() -> parsed.present(Set.of("name"),
        TestCredentials.otherKey(CryptoSuite.ED25519_SHA256), AUDIENCE, NONCE, NOW))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("thumbprint")
        .extracting(e -> ((CredentialException) e).code())
        .isEqualTo(CredentialException.KEY_BINDING);
  }

  @Test
  void present_fromAPresentation_dropsTheOldKeyBindingJwt() throws CredentialException {
    CryptoSuite suite = CryptoSuite.ED25519_SHA256;
    SdJwt first = SdJwt.parse(SdJwt.parse(TestCredentials.issue(suite, suite).compact())
        .present(Set.of("name", "birthdate"), TestCredentials.holderKey(suite), "old-verifier",
            "old-nonce", NOW));

    String again = first.present(Set.of("birthdate"), TestCredentials.holderKey(suite),
        AUDIENCE, NONCE, NOW);

    CredentialVerification result = TestCredentials.verify(again, suite);
    assertThat(result.valid()).isTrue();
    assertThat(CredentialClaims.names(result.contents().orElseThrow().disclosedClaims()))
        .containsExactly("birthdate");
  }

  @Test
  void present_structuredCredentialFromElsewhere_carriesTheNestedDisclosures()
      throws CredentialException {
    CryptoSuite suite = CryptoSuite.P256_SHA256;
    var nodes = JsonNodeFactory.instance;
    Disclosure street = Disclosure.create("c2FsdDE", Optional.of("street"),
        nodes.textNode("深南大道 1 号"));
    Disclosure cn = Disclosure.create("c2FsdDI", Optional.empty(), nodes.textNode("CN"));
    Disclosure hk = Disclosure.create("c2FsdDM", Optional.empty(), nodes.textNode("HK"));
    ObjectNode address = nodes.objectNode().put("city", "深圳");
    address.putArray("_sd").add(street.digest(DigestAlgorithm.SHA_256.hash()));
    Disclosure addressDisclosure =
        Disclosure.create("c2FsdDQ", Optional.of("address"), address);
    ObjectNode payload = nodes.objectNode();
    payload.put("iss", TestCredentials.ISSUER).put("vct", TestCredentials.VCT);
    payload.putObject("cnf").set("jwk", PublicJwk.of(TestCredentials.holderKey(suite)).toJson());
    payload.putArray("_sd").add(addressDisclosure.digest(DigestAlgorithm.SHA_256.hash()));
    var nationalities = payload.putArray("nationalities");
    nationalities.addObject().put("...", cn.digest(DigestAlgorithm.SHA_256.hash()));
    nationalities.addObject().put("...", hk.digest(DigestAlgorithm.SHA_256.hash()));
    ObjectNode header = nodes.objectNode().put("alg", "ES256").put("kid", TestCredentials.KID)
        .put("typ", "dc+sd-jwt");
    String sdJwt = Jws.sign(header, payload, TestCredentials.issuerKey(suite)) + "~"
        + street.encoded() + "~" + cn.encoded() + "~" + addressDisclosure.encoded() + "~"
        + hk.encoded() + "~";

    SdJwt parsed = SdJwt.parse(sdJwt);
    String presentation = parsed.present(Set.of("address"), TestCredentials.holderKey(suite),
        AUDIENCE, NONCE, NOW);
    CredentialVerification result = TestCredentials.verify(presentation, suite);

    assertThat(parsed.claimNames()).containsExactly("address", "nationalities");
    assertThat(result.failures()).isEmpty();
    CredentialContents contents = result.contents().orElseThrow();
    assertThat(contents.disclosedClaims().get("address").get("street").textValue())
        .isEqualTo("深南大道 1 号");
    assertThat(contents.visibleClaims().get("nationalities").size()).isZero();
    String both = parsed.present(Set.of("nationalities"), TestCredentials.holderKey(suite),
        AUDIENCE, NONCE, NOW);
    assertThat(TestCredentials.verify(both, suite).contents().orElseThrow().visibleClaims()
        .get("nationalities").toString()).isEqualTo("[\"CN\",\"HK\"]");
  }

  @Property(tries = 60)
  void anySubset_disclosesExactlyThatSubset(
      @ForAll @Size(max = 5) @UniqueElements List<@From("claimName") String> names)
      throws CredentialException {
    CryptoSuite suite = CryptoSuite.ED25519_SHA256;
    SdJwt parsed = SdJwt.parse(TestCredentials.issue(suite, suite).compact());

    String presentation = parsed.present(Set.copyOf(names), TestCredentials.holderKey(suite),
        AUDIENCE, NONCE, NOW);
    CredentialVerification result = TestCredentials.verify(presentation, suite);

    assertThat(result.valid()).isTrue();
    JsonNode disclosed = result.contents().orElseThrow().disclosedClaims();
    assertThat(CredentialClaims.names((ObjectNode) disclosed))
        .containsExactlyInAnyOrderElementsOf(names);
    assertThat(presentation.split("~", -1)).hasSize(names.size() + 2);
  }

  @Provide
  Arbitrary<String> claimName() {
    return Arbitraries.of(ALL_CLAIMS);
  }

  private static String encodedDisclosure(IssuedCredential issued, String claim) {
    return issued.disclosures().stream()
        .filter(d -> d.claimName().orElse("").equals(claim))
        .findFirst().orElseThrow().encoded();
  }
}
