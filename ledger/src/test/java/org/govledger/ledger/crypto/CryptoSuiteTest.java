package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoSuiteTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void fromId_ofEveryId_returnsThatSuite() {
    for (CryptoSuite suite : CryptoSuite.values()) {
      assertThat(CryptoSuite.fromId(suite.id())).isSameAs(suite);
    }
    assertThat(CryptoSuite.ED25519_SHA256.id()).isEqualTo("ed25519-sha256");
    assertThat(CryptoSuite.P256_SHA256.id()).isEqualTo("p256-sha256");
    assertThat(CryptoSuite.SM2_SM3.id()).isEqualTo("sm2-sm3");
  }

  @Test
  void fromId_ofUnknownId_namesItAndTheKnownOnes() {
    assertThatThrownBy(() -> CryptoSuite.fromId("rsa-sha1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown crypto suite \"rsa-sha1\";"
                + " known suites: ed25519-sha256, p256-sha256, sm2-sm3");
  }

  @Test
  void hash_isSha256OrSm3() {
    assertThat(CryptoSuite.ED25519_SHA256.hash().name()).isEqualTo("sha256");
    assertThat(CryptoSuite.P256_SHA256.hash().name()).isEqualTo("sha256");
    assertThat(CryptoSuite.SM2_SM3.hash().name()).isEqualTo("sm3");
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void signingKey_fromPrivateKeyBytes_isTheSameKey(CryptoSuite suite) throws Exception {
    SigningKey key = suite.generate(RANDOM);
    SigningKey reread = suite.signingKey(key.privateKeyBytes());
    byte[] message = "m".getBytes(StandardCharsets.US_ASCII);

    assertThat(reread.suite()).isSameAs(suite);
    assertThat(reread.publicKey()).isEqualTo(key.publicKey());
    suite.verifier(key.publicKey()).verify(message, reread.sign(message));
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void keysAndSignatures_haveTheDocumentedLengths(CryptoSuite suite) {
    SigningKey key = suite.generate(RANDOM);
    int publicKeyLength = suite == CryptoSuite.ED25519_SHA256 ? 32 : 65;

    assertThat(key.publicKey()).hasSize(publicKeyLength);
    assertThat(key.privateKeyBytes()).hasSize(32);
    assertThat(key.sign(new byte[0])).hasSize(suite.signatureLength()).hasSize(64);
    if (suite != CryptoSuite.ED25519_SHA256) {
      assertThat(key.publicKey()[0]).isEqualTo((byte) 0x04);
    }
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void toString_showsPublicKeyButNeverPrivateKey(CryptoSuite suite) {
    SigningKey key = suite.generate(RANDOM);
    String text = key.toString().toLowerCase();

    assertThat(text).contains(HexFormat.of().formatHex(key.publicKey()));
    assertThat(text).doesNotContain(HexFormat.of().formatHex(key.privateKeyBytes()));
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void returnedArrays_areCopies(CryptoSuite suite) {
    SigningKey key = suite.generate(RANDOM);
    byte[] publicKey = key.publicKey();
    byte[] privateKey = key.privateKeyBytes();
    publicKey[1] ^= 1;
    privateKey[1] ^= 1;

    assertThat(key.publicKey()).isNotEqualTo(publicKey);
    assertThat(key.privateKeyBytes()).isNotEqualTo(privateKey);
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void signingKey_withWrongLength_isRefusedWithoutShowingTheKey(CryptoSuite suite) {
    byte[] tooLong = new byte[33];
    tooLong[5] = 0x5a;

    assertThatThrownBy(() -> suite.signingKey(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("private key has 33 bytes, want 32")
        .hasMessageNotContaining("5a");
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void oneVerifier_sharedByManyThreads_acceptsEverySignature(CryptoSuite suite) throws Exception {
    SigningKey key = suite.generate(RANDOM);
    Verifier verifier = suite.verifier(key.publicKey());
    List<byte[]> messages = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
      messages.add(message);
      signatures.add(key.sign(message));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < messages.size(); i++) {
                    verifier.verify(messages.get(i), signatures.get(i));
                  }
                  return null;
                }));
      }
      for (Future<?> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
