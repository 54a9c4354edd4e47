package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

class Sm2Test {
  private static final CryptoSuite SUITE = CryptoSuite.SM2_SM3;
  private static final BigInteger N = Sm2Verifier.DOMAIN.getN();

  @Test
  void publishedVectors_withFixedNonce_reproduceSignatureAndVerify() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Vectors.load("sm2.json").get("cases")) {
      String name = c.get("name").asText();
      ECDomainParameters domain = domain(c.get("curve"));
      byte[] userId = Vectors.ascii(c, "userIdAscii");
      byte[] message = Vectors.ascii(c, "messageAscii");
      Sm2SigningKey key =
          new Sm2SigningKey(
              domain,
              userId,
              new BigInteger(1, Vectors.hex(c, "privateKey")),
              new TestRandomBigInteger(c.get("k").asText(), 16));
      if (c.has("publicKey") && !Vectors.hex(key.publicKey()).equals(c.get("publicKey").asText())) {
        failures.add(name + ": public key " + Vectors.hex(key.publicKey()));
      }
      String got = Vectors.hex(key.sign(message));
      if (!got.equals(c.get("signature").asText())) {
        failures.add(name + ": got " + got + ", want " + c.get("signature").asText());
      }
      try {
        new Sm2Verifier(domain, userId, key.publicKey())
            .verify(message, Vectors.hex(c, "signature"));
      } catch (VerificationException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_withAnotherUserId_fails() {
    JsonNode c = Vectors.load("sm2.json").get("cases").get(1);
    Sm2SigningKey key =
        new Sm2SigningKey(
            Sm2Verifier.DOMAIN,
            Vectors.ascii(c, "userIdAscii"),
            new BigInteger(1, Vectors.hex(c, "privateKey")),
            new SecureRandom());
    byte[] message = Vectors.ascii(c, "messageAscii");

    // The suite's verifier uses the default id 1234567812345678, so Z_A differs.
    assertThatThrownBy(() -> SUITE.verifier(key.publicKey()).verify(message, key.sign(message)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("sm2 signature does not verify");
  }

  @Test
  void sign_isRandomized_andEveryResultVerifies() throws Exception {
    SigningKey key = SUITE.generate(new SecureRandom());
    byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
    byte[] first = key.sign(message);
    byte[] second = key.sign(message);

    assertThat(first).isNotEqualTo(second);
    SUITE.verifier(key.publicKey()).verify(message, first);
    SUITE.verifier(key.publicKey()).verify(message, second);
  }

  @Test
  void verifier_withCompressedKey_verifiesLikeUncompressed() throws Exception {
    SigningKey key = SUITE.generate(new SecureRandom());
    byte[] message = "m".getBytes(StandardCharsets.US_ASCII);

    SUITE.verifier(WeierstrassKeys.compress(key.publicKey())).verify(message, key.sign(message));
  }

  @Test
  void verifier_withInvalidEncodings_isRefused() {
    byte[] valid = SUITE.generate(new SecureRandom()).publicKey();
    List<String> accepted = new ArrayList<>();
    for (Object[] c : WeierstrassKeys.invalidEncodings(Sm2Verifier.DOMAIN, valid)) {
      try {
        SUITE.verifier((byte[]) c[1]);
        accepted.add((String) c[0]);
      } catch (IllegalArgumentException expected) {
        assertThat(expected).hasMessageStartingWith("sm2 public key");
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void signingKey_outsideOneToNMinusTwo_isRefused() {
    for (BigInteger d : new BigInteger[] {BigInteger.ZERO, N.subtract(BigInteger.ONE), N}) {
      assertThatThrownBy(() -> SUITE.signingKey(scalar(d)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("sm2 private key is not in [1, n-2]");
    }
  }

  @Test
  void signingKey_atNMinusTwo_signs() throws Exception {
    SigningKey key = SUITE.signingKey(scalar(N.subtract(BigInteger.TWO)));
    byte[] message = "edge".getBytes(StandardCharsets.US_ASCII);

    SUITE.verifier(key.publicKey()).verify(message, key.sign(message));
  }

  private static byte[] scalar(BigInteger d) {
    return WeierstrassKeys.slice(WeierstrassKeys.signature(d, BigInteger.ONE), 0, 32);
  }

  /** The recommended curve by name, or explicit parameters such as the standard's test curve. */
  private static ECDomainParameters domain(JsonNode curve) {
    if (curve.isTextual()) {
      assertThat(curve.asText()).isEqualTo("sm2p256v1");
      return Sm2Verifier.DOMAIN;
    }
    BigInteger n = number(curve, "n");
    BigInteger p = number(curve, "p");
    ECCurve fp = new ECCurve.Fp(p, number(curve, "a"), number(curve, "b"), n, BigInteger.ONE);
    return new ECDomainParameters(
        fp, fp.createPoint(number(curve, "gx"), number(curve, "gy")), n, BigInteger.ONE);
  }

  private static BigInteger number(JsonNode node, String field) {
    return new BigInteger(node.get(field).asText(), 16);
  }
}
