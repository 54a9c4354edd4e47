package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.crypto.CryptoSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PublicJwkTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void toJson_thenFromJson_givesTheSameKey(CryptoSuite suite) throws CredentialException {
    PublicJwk key = PublicJwk.of(TestCredentials.holderKey(suite));

    PublicJwk read = PublicJwk.fromJson(key.toJson());

    assertThat(read).isEqualTo(key);
    assertThat(read.publicKey()).isEqualTo(TestCredentials.holderKey(suite).publicKey());
    assertThat(read.algorithm()).isEqualTo(JwsAlgorithm.forSuite(suite));
    assertThat(read.thumbprint()).isEqualTo(key.thumbprint()).hasSize(43);
  }

  @Test
  void toJson_namesTheCurveOfEachSuite() {
    assertThat(PublicJwk.of(TestCredentials.holderKey(CryptoSuite.ED25519_SHA256)).toJson()
        .toString()).startsWith("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":");
    assertThat(PublicJwk.of(TestCredentials.holderKey(CryptoSuite.P256_SHA256)).toJson()
        .toString()).startsWith("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":");
    assertThat(PublicJwk.of(TestCredentials.holderKey(CryptoSuite.SM2_SM3)).toJson()
        .toString()).startsWith("{\"kty\":\"EC\",\"crv\":\"SM2\",\"x\":");
  }

  @Test
  void thumbprint_matchesRfc8037AppendixA3() throws Exception {
    PublicJwk key = PublicJwk.fromJson(json("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));

    assertThat(key.thumbprint()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void fromJson_ignoresKidUseAndAlg() throws Exception {
    ObjectNode jwk = PublicJwk.of(TestCredentials.holderKey(CryptoSuite.P256_SHA256)).toJson();
    jwk.put("kid", "k1").put("use", "sig").put("alg", "ES256");

    assertThat(PublicJwk.fromJson(jwk))
        .isEqualTo(PublicJwk.of(TestCredentials.holderKey(CryptoSuite.P256_SHA256)));
  }

  private record Case(String jwk, String fragment) {}

  @Test
  void fromJson_unusableKeys_areRefusedWithAReason() throws Exception {
    ObjectNode p256 = PublicJwk.of(TestCredentials.holderKey(CryptoSuite.P256_SHA256)).toJson();
    String x = p256.get("x").textValue();
    String y = p256.get("y").textValue();
    ObjectNode ed = PublicJwk.of(TestCredentials.holderKey(CryptoSuite.ED25519_SHA256)).toJson();
    String edX = ed.get("x").textValue();
    List<Case> cases = List.of(
        new Case("[]", "must be a JSON object"),
        new Case("{\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}",
            "no member \"kty\""),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-256\",\"y\":\"" + y + "\"}", "no member \"x\""),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\"}", "no member \"y\""),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + "A".repeat(42) + "\",\"y\":\""
            + y + "\"}", "has 31 bytes, want 32"),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + x + "\"}",
            "not a valid P-256 public key"),
        new Case("{\"kty\":\"EC\",\"crv\":\"SM2\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}",
            "not a valid SM2 public key"),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}",
            "unsupported EC curve \"P-384\""),
        new Case("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "unsupported kty \"RSA\""),
        new Case("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + edX + "\"}",
            "unsupported OKP curve"),
        new Case("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + edX + "\",\"y\":\"" + edX
            + "\"}", "no member \"y\""),
        new Case("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + edX + "\",\"d\":\"" + edX
            + "\"}", "holds a private key"),
        new Case("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y
            + "\",\"d\":\"" + x + "\"}", "holds a private key"),
        new Case("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":32}", "must be a string"),
        new Case("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + edX + "=\"}",
            "not base64url"),
        new Case("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + "A".repeat(43) + "\"}",
            "not a valid Ed25519 public key"));
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      CredentialException e = catchThrowableOfType(CredentialException.class,
          () -> PublicJwk.fromJson(json(c.jwk())));
      if (e == null) {
        failures.add(c.jwk() + ": accepted");
      } else if (!e.code().equals(CredentialException.BAD_KEY)
          || !e.getMessage().contains(c.fragment())) {
        failures.add(c.jwk() + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void constructor_refusesACompressedPoint() {
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;

    assertThatThrownBy(() -> new PublicJwk(CryptoSuite.P256_SHA256, compressed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65-byte uncompressed");
  }

  @Test
  void publicKey_isCopiedInAndOut() {
    byte[] bytes = TestCredentials.holderKey(CryptoSuite.ED25519_SHA256).publicKey();
    PublicJwk key = new PublicJwk(CryptoSuite.ED25519_SHA256, bytes);
    bytes[0] ^= 1;
    key.publicKey()[1] ^= 1;

    assertThat(key).isEqualTo(PublicJwk.of(TestCredentials.holderKey(CryptoSuite.ED25519_SHA256)));
  }

  @Test
  void jwsAlgorithm_namesAndSuites() {
    assertThat(JwsAlgorithm.forSuite(CryptoSuite.ED25519_SHA256).jwsName()).isEqualTo("EdDSA");
    assertThat(JwsAlgorithm.forSuite(CryptoSuite.P256_SHA256).jwsName()).isEqualTo("ES256");
    assertThat(JwsAlgorithm.forSuite(CryptoSuite.SM2_SM3).jwsName()).isEqualTo("SM2");
    assertThat(JwsAlgorithm.fromJwsName("none")).isEmpty();
    assertThat(JwsAlgorithm.fromJwsName("es256")).isEmpty();
  }
}
