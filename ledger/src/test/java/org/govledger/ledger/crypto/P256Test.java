package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

class P256Test {
  private static final CryptoSuite SUITE = CryptoSuite.P256_SHA256;
  private static final BigInteger N = P256Verifier.DOMAIN.getN();

  @Test
  void rfc6979Vectors_signDeterministicallyAndVerify() {
    JsonNode file = Vectors.load("rfc6979-p256.json");
    SigningKey key = SUITE.signingKey(Vectors.hex(file, "privateKey"));
    List<String> failures = new ArrayList<>();
    if (!Vectors.hex(key.publicKey()).equals(file.get("publicKey").asText())) {
      failures.add("public key: got " + Vectors.hex(key.publicKey()));
    }
    Verifier verifier = SUITE.verifier(Vectors.hex(file, "publicKey"));
    for (JsonNode c : file.get("cases")) {
      String name = c.get("name").asText();
      byte[] message = Vectors.ascii(c, "messageAscii");
      String got = Vectors.hex(key.sign(message));
      if (!got.equals(c.get("signature").asText())) {
        failures.add(name + ": got " + got + ", want " + c.get("signature").asText());
      }
      try {
        verifier.verify(message, Vectors.hex(c, "signature"));
      } catch (VerificationException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_withSignatureOfOtherVector_fails() {
    JsonNode file = Vectors.load("rfc6979-p256.json");
    Verifier verifier = SUITE.verifier(Vectors.hex(file, "publicKey"));
    byte[] sampleSignature = Vectors.hex(file.get("cases").get(0), "signature");

    assertThatThrownBy(() -> verifier.verify(bytes("test"), sampleSignature))
        .isInstanceOf(VerificationException.class)
        .hasMessage("p256 signature does not verify");
  }

  @Test
  void verify_withNegatedS_isAccepted_becauseEcdsaIsMalleable() throws Exception {
    JsonNode file = Vectors.load("rfc6979-p256.json");
    byte[] signature = Vectors.hex(file.get("cases").get(0), "signature");
    BigInteger r = new BigInteger(1, WeierstrassKeys.slice(signature, 0, 32));
    BigInteger s = new BigInteger(1, WeierstrassKeys.slice(signature, 32, 64));

    SUITE
        .verifier(Vectors.hex(file, "publicKey"))
        .verify(bytes("sample"), WeierstrassKeys.signature(r, N.subtract(s)));
  }

  @Test
  void verifier_withCompressedKey_verifiesLikeUncompressed() throws Exception {
    SigningKey key = SUITE.generate(new SecureRandom());
    byte[] signature = key.sign(bytes("m"));

    SUITE.verifier(WeierstrassKeys.compress(key.publicKey())).verify(bytes("m"), signature);
  }

  @Test
  void verifier_withInvalidEncodings_isRefused() {
    byte[] valid = Vectors.hex(Vectors.load("rfc6979-p256.json"), "publicKey");
    List<String> accepted = new ArrayList<>();
    for (Object[] c : WeierstrassKeys.invalidEncodings(P256Verifier.DOMAIN, valid)) {
      try {
        SUITE.verifier((byte[]) c[1]);
        accepted.add((String) c[0]);
      } catch (IllegalArgumentException expected) {
        assertThat(expected).hasMessageStartingWith("p256 public key");
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void signingKey_outsideOneToNMinusOne_isRefused() {
    assertThatThrownBy(() -> SUITE.signingKey(new byte[32]))
        .hasMessage("p256 private key is not in [1, n-1]");
    assertThatThrownBy(() -> SUITE.signingKey(scalar(N)))
        .hasMessage("p256 private key is not in [1, n-1]");
    assertThatThrownBy(() -> SUITE.signingKey(new byte[31]))
        .hasMessage("p256 private key has 31 bytes, want 32");
  }

  @Test
  void signingKey_atNMinusOne_signs() throws Exception {
    SigningKey key = SUITE.signingKey(scalar(N.subtract(BigInteger.ONE)));

    SUITE.verifier(key.publicKey()).verify(bytes("edge"), key.sign(bytes("edge")));
  }

  private static byte[] scalar(BigInteger d) {
    return WeierstrassKeys.slice(WeierstrassKeys.signature(d, BigInteger.ONE), 0, 32);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
