package org.govledger.credentials.openid4vp;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;

/** A verifier (a bank) with one key per suite, its registry and a typical request. */
final class Fixtures {
  static final String CLIENT_ID = "sz-bank-0001";
  static final String KID = "sz-bank-2026-01";
  static final String VCT = "urn:govledger:vct:resident-identity-card:1";
  static final String RESPONSE_URI = "https://bank.example.cn/openid4vp/response";
  static final String NONCE = "q5mY2rKk0d9Wv8JfTa1LcA";
  static final String STATE = "Xb3nR7tPq2Lm9Zs4Vw6YhA";
  static final String PURPOSE = "开立储蓄账户需核实身份 (open a savings account)";
  static final long NOW = 1_790_000_000L;

  private static final Map<CryptoSuite, SigningKey> VERIFIER_KEYS =
      new EnumMap<>(CryptoSuite.class);
  private static final Map<CryptoSuite, SigningKey> OTHER_KEYS = new EnumMap<>(CryptoSuite.class);

  static {
    SecureRandom random = random(42);
    for (CryptoSuite suite : CryptoSuite.values()) {
      VERIFIER_KEYS.put(suite, suite.generate(random));
      OTHER_KEYS.put(suite, suite.generate(random));
    }
  }

  private Fixtures() {}

  static SecureRandom random(long seed) {
    return org.govledger.credentials.TestCredentials.random(seed);
  }


  static SigningKey verifierKey(CryptoSuite suite) {
    return VERIFIER_KEYS.get(suite);
  }

  static SigningKey otherKey(CryptoSuite suite) {
    return OTHER_KEYS.get(suite);
  }

  /** The registry: knows only {@link #CLIENT_ID} with key {@link #KID}. */
  static VerifierKeys registry(CryptoSuite suite) {
    PublicJwk key = PublicJwk.of(verifierKey(suite));
    return (clientId, kid) -> CLIENT_ID.equals(clientId) && KID.equals(kid)
        ? Optional.of(key) : Optional.empty();
  }

  static DcqlQuery query() {
    return DcqlQuery.single("resident_id", Set.of(VCT), Set.of("name", "birthDate"));
  }

  static PresentationRequest request(long iat, long exp) {
    return new PresentationRequest(CLIENT_ID, RESPONSE_URI, NONCE, STATE, query(), iat, exp,
        PURPOSE);
  }

  static PresentationRequest request() {
    return request(NOW, NOW + 300);
  }
}
