package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.govledger.ledger.VerificationException;

class SignaturePropertyTest {
  private static final Map<CryptoSuite, SigningKey> KEYS = new EnumMap<>(CryptoSuite.class);
  private static final Map<CryptoSuite, Verifier> VERIFIERS = new EnumMap<>(CryptoSuite.class);

  static {
    SecureRandom random = new SecureRandom();
    for (CryptoSuite suite : CryptoSuite.values()) {
      SigningKey key = suite.generate(random);
      KEYS.put(suite, key);
      VERIFIERS.put(suite, suite.verifier(key.publicKey()));
    }
  }

  @Property(tries = 300)
  void signThenVerify_roundTrips(@ForAll CryptoSuite suite, @ForAll @Size(max = 300) byte[] message)
      throws VerificationException {
    VERIFIERS.get(suite).verify(message, KEYS.get(suite).sign(message));
  }

  @Property(tries = 300)
  void verify_withAnySingleFlippedBit_fails(
      @ForAll CryptoSuite suite,
      @ForAll @Size(max = 100) byte[] message,
      @ForAll @IntRange(min = 0, max = 511) int bit) {
    byte[] signature = KEYS.get(suite).sign(message);
    signature[bit / 8] ^= (byte) (1 << (bit % 8));

    assertThatThrownBy(() -> VERIFIERS.get(suite).verify(message, signature))
        .isInstanceOf(VerificationException.class);
  }
}
