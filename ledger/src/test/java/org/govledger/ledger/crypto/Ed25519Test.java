package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  private static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  @Test
  void rfc8032Vectors_signAndVerify() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Vectors.load("rfc8032-ed25519.json").get("cases")) {
      String name = c.get("name").asText();
      byte[] message = Vectors.hex(c, "message");
      byte[] signature = Vectors.hex(c, "signature");
      SigningKey key = SUITE.signingKey(Vectors.hex(c, "secretKey"));
      if (!Vectors.hex(key.publicKey()).equals(c.get("publicKey").asText())) {
        failures.add(name + ": public key " + Vectors.hex(key.publicKey()));
      }
      if (!Vectors.hex(key.sign(message)).equals(c.get("signature").asText())) {
        failures.add(name + ": signature " + Vectors.hex(key.sign(message)));
      }
      try {
        SUITE.verifier(Vectors.hex(c, "publicKey")).verify(message, signature);
      } catch (VerificationException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_withSPlusL_failsAsNonCanonical() throws Exception {
    JsonNode c = Vectors.load("rfc8032-ed25519.json").get("cases").get(0);
    byte[] signature = Vectors.hex(c, "signature");
    BigInteger s = littleEndian(signature, 32);
    byte[] malleated = signature.clone();
    System.arraycopy(toLittleEndian(s.add(L)), 0, malleated, 32, 32);

    Verifier verifier = SUITE.verifier(Vectors.hex(c, "publicKey"));

    assertThatThrownBy(() -> verifier.verify(new byte[0], malleated))
        .isInstanceOf(VerificationException.class)
        .hasMessage("ed25519 signature S is not below the group order L (non-canonical)");
  }

  @Test
  void verify_withSEqualToL_failsAsNonCanonical() {
    JsonNode c = Vectors.load("rfc8032-ed25519.json").get("cases").get(0);
    byte[] signature = Vectors.hex(c, "signature");
    System.arraycopy(toLittleEndian(L), 0, signature, 32, 32);

    Verifier verifier = SUITE.verifier(Vectors.hex(c, "publicKey"));

    assertThatThrownBy(() -> verifier.verify(new byte[0], signature))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("non-canonical");
  }

  @Test
  void verify_withAnotherMessage_failsSayingSo() {
    JsonNode c = Vectors.load("rfc8032-ed25519.json").get("cases").get(1);
    Verifier verifier = SUITE.verifier(Vectors.hex(c, "publicKey"));

    assertThatThrownBy(() -> verifier.verify(new byte[] {0x73}, Vectors.hex(c, "signature")))
        .isInstanceOf(VerificationException.class)
        .hasMessage("ed25519 signature does not verify");
  }

  @Test
  void verifier_withWrongLength_isRefused() {
    for (int length : new int[] {0, 31, 33, 64}) {
      assertThatThrownBy(() -> SUITE.verifier(new byte[length]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ed25519 public key has " + length + " bytes, want 32");
    }
  }

  @Test
  void verifier_withEncodingOfNoPoint_isRefused() {
    byte[] notAPoint = toLittleEndian(firstYWithoutPoint());

    assertThatThrownBy(() -> SUITE.verifier(notAPoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a canonical encoding of a point of prime order");
  }

  @Test
  void verifier_withSmallOrderPoint_isRefused() {
    byte[] identity = new byte[32];
    identity[0] = 1; // y = 1, x = 0: the neutral element, of order 1

    assertThatThrownBy(() -> SUITE.verifier(identity)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifier_withNonCanonicalY_isRefused() {
    // y = p + 1 encodes the same field element as y = 1, but not canonically (RFC 8032 5.1.3).
    byte[] nonCanonical = toLittleEndian(P.add(BigInteger.ONE));

    assertThatThrownBy(() -> SUITE.verifier(nonCanonical))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sign_isDeterministic() {
    SigningKey key = SUITE.signingKey(new byte[32]);
    byte[] message = "same message".getBytes(StandardCharsets.UTF_8);

    assertThat(key.sign(message)).isEqualTo(key.sign(message));
  }

  /**
   * The smallest y whose RFC 8032 section 5.1.3 decoding fails: x^2 = (y^2 - 1) / (d y^2 + 1) has
   * no square root mod p. Computed here from the curve equation, independently of BouncyCastle.
   */
  private static BigInteger firstYWithoutPoint() {
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    BigInteger halfOrder = P.subtract(BigInteger.ONE).shiftRight(1);
    for (BigInteger y = BigInteger.TWO; ; y = y.add(BigInteger.ONE)) {
      BigInteger y2 = y.multiply(y).mod(P);
      BigInteger denominator = d.multiply(y2).add(BigInteger.ONE).modInverse(P);
      BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(denominator).mod(P);
      if (x2.modPow(halfOrder, P).equals(P.subtract(BigInteger.ONE))) {
        return y;
      }
    }
  }

  private static BigInteger littleEndian(byte[] bytes, int offset) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = bytes[offset + 31 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  private static byte[] toLittleEndian(BigInteger value) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = value.shiftRight(8 * i).byteValue();
    }
    return out;
  }
}
