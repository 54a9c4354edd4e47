package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MalformedSignatureTest {
  private static final byte[] MESSAGE = "transfer 10 to alice".getBytes(StandardCharsets.UTF_8);
  private static final Map<CryptoSuite, SigningKey> KEYS = new EnumMap<>(CryptoSuite.class);

  static {
    SecureRandom random = new SecureRandom();
    for (CryptoSuite suite : CryptoSuite.values()) {
      KEYS.put(suite, suite.generate(random));
    }
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void verify_withWrongLength_failsNamingBothLengths(CryptoSuite suite) {
    byte[] signature = KEYS.get(suite).sign(MESSAGE);
    Verifier verifier = suite.verifier(KEYS.get(suite).publicKey());
    String algorithm = algorithm(suite);

    for (int length : new int[] {0, 63, 65}) {
      byte[] resized = new byte[length];
      System.arraycopy(signature, 0, resized, 0, Math.min(length, signature.length));
      assertThatThrownBy(() -> verifier.verify(MESSAGE, resized))
          .isInstanceOf(VerificationException.class)
          .hasMessage(algorithm + " signature has " + length + " bytes, want 64");
    }
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void verify_withFlippedBitInMessage_fails(CryptoSuite suite) {
    byte[] signature = KEYS.get(suite).sign(MESSAGE);
    byte[] tampered = MESSAGE.clone();
    tampered[3] ^= 0x10;

    Verifier verifier = suite.verifier(KEYS.get(suite).publicKey());

    assertThatThrownBy(() -> verifier.verify(tampered, signature))
        .isInstanceOf(VerificationException.class)
        .hasMessage(algorithm(suite) + " signature does not verify");
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void verify_withFlippedBitInPublicKey_failsOrKeyIsRefused(CryptoSuite suite) {
    byte[] signature = KEYS.get(suite).sign(MESSAGE);
    byte[] publicKey = KEYS.get(suite).publicKey();

    for (int bit = 0; bit < publicKey.length * 8; bit += 7) {
      byte[] tampered = publicKey.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> suite.verifier(tampered).verify(MESSAGE, signature))
          .isInstanceOfAny(VerificationException.class, IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void verify_withSignatureByAnotherKey_fails(CryptoSuite suite) {
    byte[] signature = suite.generate(new SecureRandom()).sign(MESSAGE);

    Verifier verifier = suite.verifier(KEYS.get(suite).publicKey());

    assertThatThrownBy(() -> verifier.verify(MESSAGE, signature))
        .isInstanceOf(VerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(value = CryptoSuite.class, names = {"P256_SHA256", "SM2_SM3"})
  void verify_withROrSZeroOrN_failsAsOutOfRange(CryptoSuite suite) {
    BigInteger n = domain(suite).getN();
    byte[] valid = KEYS.get(suite).sign(MESSAGE);
    BigInteger r = new BigInteger(1, WeierstrassKeys.slice(valid, 0, 32));
    BigInteger s = new BigInteger(1, WeierstrassKeys.slice(valid, 32, 64));
    Verifier verifier = suite.verifier(KEYS.get(suite).publicKey());
    String algorithm = algorithm(suite);

    for (BigInteger bad : outOfRange(n)) {
      assertThatThrownBy(() -> verifier.verify(MESSAGE, WeierstrassKeys.signature(bad, s)))
          .isInstanceOf(VerificationException.class)
          .hasMessage(algorithm + " signature r is not in [1, n-1] (n is the group order)");
    }
    for (BigInteger bad : outOfRange(n)) {
      assertThatThrownBy(() -> verifier.verify(MESSAGE, WeierstrassKeys.signature(r, bad)))
          .isInstanceOf(VerificationException.class)
          .hasMessage(algorithm + " signature s is not in [1, n-1] (n is the group order)");
    }
  }

  /** Zero, the order itself, and the largest 32-byte number. */
  private static BigInteger[] outOfRange(BigInteger n) {
    return new BigInteger[] {
      BigInteger.ZERO, n, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
    };
  }

  private static ECDomainParameters domain(CryptoSuite suite) {
    return suite == CryptoSuite.P256_SHA256 ? P256Verifier.DOMAIN : Sm2Verifier.DOMAIN;
  }

  private static String algorithm(CryptoSuite suite) {
    return switch (suite) {
      case ED25519_SHA256 -> "ed25519";
      case P256_SHA256 -> "p256";
      case SM2_SM3 -> "sm2";
    };
  }
}
