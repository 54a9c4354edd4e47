package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.credentials.openid4vp.Fixtures.CLIENT_ID;
import static org.govledger.credentials.openid4vp.Fixtures.KID;
import static org.govledger.credentials.openid4vp.Fixtures.NOW;
import static org.govledger.credentials.openid4vp.Fixtures.VCT;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.govledger.credentials.CredentialClaims;
import org.govledger.credentials.CredentialContents;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.CredentialVerification;
import org.govledger.credentials.IssuerKeys;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.SdJwtIssuer;
import org.govledger.credentials.SdJwtVerifier;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DcqlMatchTest {
  private static final String ISSUER = "urn:govledger:agency:sz-psb";
  private static final String ISSUER_KID = "sz-psb-2026-01";
  private static final CryptoSuite SUITE = CryptoSuite.P256_SHA256;
  private static final SigningKey ISSUER_KEY = SUITE.generate(Fixtures.random(5));
  private static final SigningKey HOLDER_KEY = SUITE.generate(Fixtures.random(6));

  @Test
  void match_credentialOfTheAskedType_disclosesOnlyWhatIsAsked() {
    DcqlMatch match = DcqlMatch.match(credentialQuery(VCT, "name", "birthDate"), credential(VCT))
        .orElseThrow();

    assertThat(match.queryId()).isEqualTo("resident_id");
    assertThat(match.claimsToDisclose()).containsExactly("birthDate", "name");
  }

  @Test
  void match_credentialOfAnotherType_doesNotMatch() {
    assertThat(DcqlMatch.match(credentialQuery(VCT, "name"),
        credential("urn:govledger:vct:driving-licence:1"))).isEmpty();
  }

  @Test
  void match_claimTheCredentialLacks_doesNotMatch() {
    assertThat(DcqlMatch.match(credentialQuery(VCT, "name", "salary"), credential(VCT)))
        .isEmpty();
  }

  @Test
  void match_alwaysVisibleClaim_matchesWithoutDisclosure() {
    DcqlMatch match = DcqlMatch.match(credentialQuery(VCT, "iss", "name"), credential(VCT))
        .orElseThrow();

    assertThat(match.claimsToDisclose()).containsExactly("name");
  }

  @Test
  void match_noClaimsAsked_disclosesNothing() {
    assertThat(DcqlMatch.match(credentialQuery(VCT), credential(VCT)).orElseThrow()
        .claimsToDisclose()).isEmpty();
  }

  @Test
  void extraDisclosures_areThoseNotAskedFor() {
    DcqlQuery.CredentialQuery query = credentialQuery(VCT, "name");

    assertThat(DcqlMatch.extraDisclosures(query, Set.of("name", "idNumber", "address")))
        .containsExactly("address", "idNumber");
    assertThat(DcqlMatch.extraDisclosures(query, Set.of("name"))).isEmpty();
  }

  @Test
  void checkPresentation_extraDisclosure_isRefused() throws Exception {
    DcqlQuery.CredentialQuery query = credentialQuery(VCT, "name");
    CredentialContents contents = presentAndVerify(Set.of("name", "idNumber"));

    assertThatThrownBy(() -> DcqlMatch.checkPresentation(query, contents))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.EXTRA_DISCLOSURE))
        .hasMessageContaining("[idNumber]")
        .hasMessageNotContaining("110101");
  }

  @Test
  void checkPresentation_missingClaim_isRefused() throws Exception {
    CredentialContents contents = presentAndVerify(Set.of("name"));

    assertThatThrownBy(() -> DcqlMatch.checkPresentation(
        credentialQuery(VCT, "name", "birthDate"), contents))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.MISSING_CLAIM))
        .hasMessageContaining("[birthDate]");
  }

  @Test
  void checkPresentation_otherType_isRefused() throws Exception {
    CredentialContents contents = presentAndVerify(Set.of("name"));

    assertThatThrownBy(() -> DcqlMatch.checkPresentation(
        credentialQuery("urn:govledger:vct:driving-licence:1", "name"), contents))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.WRONG_CREDENTIAL_TYPE));
  }

  /** The whole exchange: QR code, request object, match, presentation, response, checks. */
  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void wholeExchange_onEverySuite(CryptoSuite verifierSuite) throws Exception {
    PresentationRequest asked = Fixtures.request();
    String jws = asked.sign(Fixtures.verifierKey(verifierSuite), KID);
    byte[] qr = QrCodes.png(RequestUri.of(CLIENT_ID,
        URI.create("https://bank.example.cn/openid4vp/request/1")).toUriString(), 4);

    // Wallet: scan, fetch (here: jws), check, match, present, answer.
    RequestUri scanned = RequestUri.parse(QrCodes.decode(qr));
    PresentationRequest request = scanned.verifyRequestObject(jws,
        Fixtures.registry(verifierSuite), NOW + 5);
    DcqlQuery.CredentialQuery query = request.dcqlQuery().credentials().get(0);
    SdJwt held = credential(VCT);
    DcqlMatch match = DcqlMatch.match(query, held).orElseThrow();
    String presentation = held.present(match.claimsToDisclose(), HOLDER_KEY, request.clientId(),
        request.nonce(), NOW + 10);
    String body = new VpResponse(Map.of(match.queryId(), List.of(presentation)),
        request.state()).toFormBody();

    // Verifier: parse, match state, answer every query, verify, check disclosures.
    VpResponse response = VpResponse.parseForm(body);
    assertThat(response.state()).isEqualTo(asked.state());
    response.checkAnswers(asked.dcqlQuery());
    CredentialVerification verification = verify(response.presentations("resident_id").get(0));
    assertThat(verification.valid()).as("%s", verification.failures()).isTrue();
    DcqlMatch.checkPresentation(query, verification.contents().orElseThrow());
    assertThat(verification.contents().orElseThrow().disclosedClaims().properties())
        .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "birthDate");
  }

  private static CredentialContents presentAndVerify(Set<String> disclose) throws Exception {
    String presentation = credential(VCT).present(disclose, HOLDER_KEY, CLIENT_ID,
        Fixtures.NONCE, NOW);
    CredentialVerification verification = verify(presentation);
    assertThat(verification.valid()).as("%s", verification.failures()).isTrue();
    return verification.contents().orElseThrow();
  }

  private static CredentialVerification verify(String presentation) {
    return SdJwtVerifier.forSdJwtVc().verify(presentation,
        IssuerKeys.of(ISSUER, ISSUER_KID, PublicJwk.of(ISSUER_KEY)),
        KeyBindingPolicy.required(CLIENT_ID, Fixtures.NONCE, Duration.ofMinutes(5),
            Duration.ofSeconds(60)), NOW + 20);
  }

  private static DcqlQuery.CredentialQuery credentialQuery(String vct, String... claims) {
    return DcqlQuery.single("resident_id", Set.of(vct), Set.of(claims)).credentials().get(0);
  }

  private static SdJwt credential(String vct) {
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.put("name", "张三");
    claims.put("birthDate", "1990-03-07");
    claims.put("idNumber", "110101199003077777");
    claims.putObject("address").put("city", "深圳");
    CredentialClaims input = new CredentialClaims(vct, claims, PublicJwk.of(HOLDER_KEY),
        NOW - 86_400, NOW - 86_400, OptionalLong.of(NOW + 365 * 86_400L),
        JsonNodeFactory.instance.objectNode());
    try {
      return SdJwt.parse(new SdJwtIssuer(ISSUER_KEY, ISSUER, ISSUER_KID)
          .issue(input, Fixtures.random(9)).compact());
    } catch (CredentialException e) {
      throw new AssertionError(e);
    }
  }
}
