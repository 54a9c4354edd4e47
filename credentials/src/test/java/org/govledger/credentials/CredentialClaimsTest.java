package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;
import org.govledger.ledger.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an issuer may not put in a credential is refused before anything is signed. */
class CredentialClaimsTest {
  private static final PublicJwk HOLDER =
      PublicJwk.of(TestCredentials.holderKey(CryptoSuite.ED25519_SHA256));

  private static CredentialClaims claims(ObjectNode claims, ObjectNode visible) {
    return new CredentialClaims(TestCredentials.VCT, claims, HOLDER, 100, 100,
        OptionalLong.of(200), visible);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "iat", "nbf", "exp", "cnf", "vct", "status", "_sd", "_sd_alg",
      "...", "vct#integrity"})
  void reservedName_cannotBeDisclosable(String name) {
    ObjectNode claims = TestCredentials.claims();
    claims.put(name, "x");

    assertThatThrownBy(() -> claims(claims, TestCredentials.visibleClaims()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + name + "\" cannot be a disclosable claim");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "iat", "nbf", "exp", "cnf", "vct", "_sd", "_sd_alg", "..."})
  void reservedName_cannotBeAVisibleExtra(String name) {
    ObjectNode visible = TestCredentials.visibleClaims();
    visible.put(name, "x");

    assertThatThrownBy(() -> claims(TestCredentials.claims(), visible))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + name + "\" cannot be a visible claim");
  }

  @Test
  void sameName_disclosableAndVisible_isRefused() {
    ObjectNode visible = TestCredentials.visibleClaims();
    visible.put("name", "x");

    assertThatThrownBy(() -> claims(TestCredentials.claims(), visible))
        .hasMessageContaining("also a disclosable claim");
  }

  @Test
  void nestedDigestMember_isRefused() {
    ObjectNode claims = TestCredentials.claims();
    ((ObjectNode) claims.get("address")).putArray("_sd").add("x");

    assertThatThrownBy(() -> claims(claims, TestCredentials.visibleClaims()))
        .hasMessageContaining("/address/_sd");
  }

  @Test
  void numberOutsideIJson_isRefused() {
    ObjectNode claims = TestCredentials.claims();
    claims.put("big", (1L << 60) + 1);

    assertThatThrownBy(() -> claims(claims, TestCredentials.visibleClaims()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expiryNotAfterNotBefore_isRefused() {
    assertThatThrownBy(() -> new CredentialClaims(TestCredentials.VCT, TestCredentials.claims(),
        HOLDER, 100, 100, OptionalLong.of(100), TestCredentials.visibleClaims()))
        .hasMessageContaining("must be after nbf");
  }

  @Test
  void claims_areCopiedInAndOut_andNotPrinted() {
    ObjectNode input = TestCredentials.claims();
    CredentialClaims claims = claims(input, TestCredentials.visibleClaims());
    input.put("name", "changed");
    claims.claims().put("name", "changed too");

    assertThat(claims.claims()).isEqualTo(TestCredentials.claims());
    assertThat(claims.toString()).contains("name").doesNotContain("张三");
  }

  @Test
  void noExpiry_isAllowed_andWritesNoExp() throws CredentialException {
    CredentialClaims claims = new CredentialClaims(TestCredentials.VCT, TestCredentials.claims(),
        HOLDER, 100, 100, OptionalLong.empty(), TestCredentials.visibleClaims());

    IssuedCredential issued = TestCredentials.issuer(CryptoSuite.ED25519_SHA256)
        .issue(claims, TestCredentials.random(1));

    assertThat(SdJwt.parse(issued.compact()).payload().has("exp")).isFalse();
    assertThat(issued.toString()).doesNotContain(issued.issuerJwt());
  }
}
