package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;

/** Keys, claims and shortcuts shared by this module's tests. Deterministic. */
public final class TestCredentials {
  static final String ISSUER = "urn:govledger:agency:sz-psb";
  static final String KID = "sz-psb-2026-01";
  static final String VCT = "urn:govledger:vct:resident-permit";
  static final String AUDIENCE = "https://bank.example.cn/verifier";
  static final String NONCE = "n-0S6_WzA2Mj";
  static final long IAT = 1_790_000_000L;
  static final long EXP = IAT + 365L * 24 * 3600;
  static final long NOW = IAT + 3600;

  /** Claim values that must never show up in a check's detail. */
  static final List<String> PERSONAL_VALUES =
      List.of("张三", "110101199003077777", "1990-03-07", "深南大道", "福田");

  private static final Map<CryptoSuite, SigningKey> ISSUER_KEYS = new EnumMap<>(CryptoSuite.class);
  private static final Map<CryptoSuite, SigningKey> HOLDER_KEYS = new EnumMap<>(CryptoSuite.class);
  private static final Map<CryptoSuite, SigningKey> OTHER_KEYS = new EnumMap<>(CryptoSuite.class);

  static {
    SecureRandom random = random(7);
    for (CryptoSuite suite : CryptoSuite.values()) {
      ISSUER_KEYS.put(suite, suite.generate(random));
      HOLDER_KEYS.put(suite, suite.generate(random));
      OTHER_KEYS.put(suite, suite.generate(random));
    }
  }

  private TestCredentials() {}

  /** A random source that gives the same bytes for the same seed, for keys tests can repeat. */
  public static SecureRandom random(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static SigningKey issuerKey(CryptoSuite suite) {
    return ISSUER_KEYS.get(suite);
  }

  static SigningKey holderKey(CryptoSuite suite) {
    return HOLDER_KEYS.get(suite);
  }

  /** A key that is neither the issuer's nor the holder's. */
  static SigningKey otherKey(CryptoSuite suite) {
    return OTHER_KEYS.get(suite);
  }

  static ObjectNode claims() {
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.put("name", "张三");
    claims.put("id_number", "110101199003077777");
    claims.put("birthdate", "1990-03-07");
    ObjectNode address = claims.putObject("address");
    address.put("city", "深圳");
    address.put("district", "福田");
    address.put("street", "深南大道 1 号");
    claims.put("is_over_18", true);
    return claims;
  }

  static ObjectNode visibleClaims() {
    ObjectNode visible = JsonNodeFactory.instance.objectNode();
    ObjectNode list = visible.putObject("status").putObject("status_list");
    list.put("idx", 42);
    list.put("uri", "https://ledger.example.cn/status/1");
    return visible;
  }

  static CredentialClaims credentialClaims(SigningKey holder) {
    return new CredentialClaims(VCT, claims(), PublicJwk.of(holder), IAT, IAT,
        OptionalLong.of(EXP), visibleClaims());
  }

  static SdJwtIssuer issuer(CryptoSuite suite) {
    return new SdJwtIssuer(issuerKey(suite), ISSUER, KID);
  }

  static IssuedCredential issue(CryptoSuite issuerSuite, CryptoSuite holderSuite) {
    return issuer(issuerSuite).issue(credentialClaims(holderKey(holderSuite)), random(11));
  }

  static IssuerKeys keys(CryptoSuite issuerSuite) {
    return IssuerKeys.of(ISSUER, KID, PublicJwk.of(issuerKey(issuerSuite)));
  }

  static KeyBindingPolicy policy() {
    return KeyBindingPolicy.required(AUDIENCE, NONCE, Duration.ofMinutes(5),
        Duration.ofSeconds(60));
  }

  static CredentialVerification verify(String presentation, CryptoSuite issuerSuite) {
    CredentialVerification result = SdJwtVerifier.forSdJwtVc()
        .verify(presentation, keys(issuerSuite), policy(), NOW);
    assertNoPersonalData(result);
    return result;
  }

  /** Details name claims, never their values. */
  static void assertNoPersonalData(CredentialVerification result) {
    for (Check check : result.checks()) {
      for (String value : PERSONAL_VALUES) {
        assertThat(check.detail()).as("detail of %s", check.name()).doesNotContain(value);
      }
    }
  }
}
