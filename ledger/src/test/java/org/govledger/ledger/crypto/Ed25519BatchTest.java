package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * The batch check and the cofactored rule: against BouncyCastle's arithmetic, the RFC 8032
 * vectors, the ed25519-speccheck edge cases, and signatures whose R carries a small-order part.
 */
class Ed25519BatchTest {
  private static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;
  /** A point of order 8 (ed25519-speccheck's EIGHT_TORSION[1]). */
  private static final String ORDER_8 = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a";

  @Test
  void scalarMultiplesOfTheBase_matchBouncyCastlesPublicKeys() throws Exception {
    Random random = new Random(1);
    for (int i = 0; i < 50; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      byte[] expected = new byte[32];
      Ed25519.generatePublicKey(secret, 0, expected, 0);
      BigInteger a = secretScalar(secret);
      assertThat(Vectors.hex(Edwards25519.encode(times(a, base())))).as("key %d", i)
          .isEqualTo(Vectors.hex(expected));
    }
  }

  @Test
  void rfc8032Vectors_passAloneAndInOneBatch() {
    List<SignedMessage> items = new ArrayList<>();
    for (JsonNode c : Vectors.load("rfc8032-ed25519.json").get("cases")) {
      byte[] message = Vectors.hex(c, "message");
      byte[] signature = Vectors.hex(c, "signature");
      byte[] key = Vectors.hex(c, "publicKey");
      assertThat(Ed25519Batch.cofactoredEquationHolds(key, message, signature)).as(c.get("name").asText()).isTrue();
      items.add(new SignedMessage(SUITE.verifier(key), message, signature));
    }
    assertThat(items).hasSizeGreaterThanOrEqualTo(4);
    assertThat(SignedMessage.verifyAll(items)).allMatch(Optional::isEmpty);
    assertThat(Ed25519Batch.allValid(keys(items), messages(items), signatures(items))).isTrue();
  }

  @Test
  void speccheckVectors_cofactoredEquation_andTheLedgersRefusals() {
    JsonNode cases = Vectors.load("ed25519-speccheck.json").get("cases");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      byte[] key = Vectors.hex(c, "publicKey");
      boolean holds = Ed25519Batch.cofactoredEquationHolds(key, Vectors.hex(c, "message"), Vectors.hex(c, "signature"));
      // 0 to 8 pass the cofactored equation (their generator asserts it); 9 and 10 have S >= L,
      // 11 and 12 a non-canonical R, 13 and 14 a non-canonical A.
      if (holds != (i <= 8)) {
        wrong.add(c.get("name").asText() + ": equation " + holds);
      }
      boolean keyAccepted;
      try {
        SUITE.verifier(key);
        keyAccepted = true;
      } catch (IllegalArgumentException e) {
        keyAccepted = false;
      }
      // Only 9 and 10 have a key of prime order; the ledger refuses every other key outright.
      if (keyAccepted != (i == 9 || i == 10)) {
        wrong.add(c.get("name").asText() + ": key accepted " + keyAccepted);
      }
    }
    assertThat(wrong).isEmpty();
    for (int i : new int[] {9, 10}) {
      JsonNode c = cases.get(i);
      assertThatThrownBy(() -> SUITE.verifier(Vectors.hex(c, "publicKey")).verify(Vectors.hex(c, "message"), Vectors.hex(c, "signature")))
          .isInstanceOf(VerificationException.class).hasMessageContaining("not below the group order");
    }
  }

  @Test
  void manySigners_validBatchPasses_andOneBadSignatureFailsItAndIsNamed() throws Exception {
    Random random = new Random(7);
    List<SignedMessage> items = new ArrayList<>();
    List<SigningKey> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      keys.add(SUITE.generate(new java.security.SecureRandom()));
    }
    for (int i = 0; i < 40; i++) {
      SigningKey k = keys.get(i % keys.size());
      byte[] message = ("tx " + i + " " + random.nextLong()).getBytes(StandardCharsets.UTF_8);
      items.add(new SignedMessage(SUITE.verifier(k.publicKey()), message, k.sign(message)));
    }
    assertThat(Ed25519Batch.allValid(keys(items), messages(items), signatures(items))).isTrue();
    assertThat(SignedMessage.verifyAll(items)).allMatch(Optional::isEmpty);

    for (int flip : new int[] {0, 17, 31, 32, 50, 63}) {
      List<SignedMessage> bad = new ArrayList<>(items);
      byte[] sig = items.get(23).signature().clone();
      sig[flip] ^= 0x04;
      bad.set(23, new SignedMessage(items.get(23).verifier(), items.get(23).message(), sig));
      assertThat(Ed25519Batch.allValid(keys(bad), messages(bad), signatures(bad))).as("bit in byte %d", flip).isFalse();
      List<Optional<VerificationException>> verdicts = SignedMessage.verifyAll(bad);
      for (int i = 0; i < verdicts.size(); i++) {
        assertThat(verdicts.get(i).isPresent()).as("byte %d, item %d", flip, i).isEqualTo(i == 23);
      }
    }
    List<SignedMessage> otherMessage = new ArrayList<>(items);
    otherMessage.set(5, new SignedMessage(items.get(5).verifier(), "another".getBytes(StandardCharsets.UTF_8),
        items.get(5).signature()));
    assertThat(SignedMessage.verifyAll(otherMessage).get(5)).isPresent();
  }

  @Test
  void signatureWhoseRHasASmallOrderPart_isValidByTheCofactoredRule_aloneAndInABatch() throws Exception {
    byte[] secret = new byte[32];
    new Random(3).nextBytes(secret);
    byte[] publicKey = new byte[32];
    Ed25519.generatePublicKey(secret, 0, publicKey, 0);
    BigInteger a = secretScalar(secret);
    Verifier verifier = SUITE.verifier(publicKey);
    List<SignedMessage> items = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] message = ("torsion " + i).getBytes(StandardCharsets.UTF_8);
      BigInteger r = new BigInteger(250, new Random(100 + i)).mod(Edwards25519.L);
      Edwards25519.Point bigR = times(r, base());
      Edwards25519.Point torsion = new Edwards25519.Point();
      assertThat(Edwards25519.decode(bytes(ORDER_8), 0, torsion)).isTrue();
      Edwards25519.add(bigR, new Edwards25519.Cached(torsion), false, bigR, new Edwards25519.Scratch());
      byte[] rBytes = Edwards25519.encode(bigR);
      BigInteger k = challenge(rBytes, publicKey, message);
      BigInteger s = r.add(k.multiply(a)).mod(Edwards25519.L);
      byte[] sig = new byte[64];
      System.arraycopy(rBytes, 0, sig, 0, 32);
      System.arraycopy(Edwards25519.littleEndian(s), 0, sig, 32, 32);
      verifier.verify(message, sig); // throws if refused
      items.add(new SignedMessage(verifier, message, sig));
      // BouncyCastle (1.82) decides by the cofactored equation too: the two implementations agree
      assertThat(Ed25519.verify(sig, 0, publicKey, 0, message, 0, message.length)).isTrue();
    }
    assertThat(Ed25519Batch.allValid(keys(items), messages(items), signatures(items))).isTrue();
  }

  @Test
  void malformedSignatures_failTheBatch_andAreRefusedAlone() {
    SigningKey k = SUITE.generate(new java.security.SecureRandom());
    Verifier v = SUITE.verifier(k.publicKey());
    byte[] m = "m".getBytes(StandardCharsets.UTF_8);
    byte[] good = k.sign(m);
    byte[] nonCanonicalR = good.clone();
    System.arraycopy(bytes("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), 0, nonCanonicalR, 0, 32);
    byte[] sAtL = good.clone();
    System.arraycopy(Edwards25519.littleEndian(Edwards25519.L), 0, sAtL, 32, 32);
    for (byte[] bad : List.of(nonCanonicalR, sAtL, new byte[64], java.util.Arrays.copyOf(good, 63))) {
      List<SignedMessage> items = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        items.add(new SignedMessage(v, m, good));
      }
      items.add(new SignedMessage(v, m, bad));
      List<Optional<VerificationException>> verdicts = SignedMessage.verifyAll(items);
      assertThat(verdicts.subList(0, 4)).allMatch(Optional::isEmpty);
      assertThat(verdicts.get(4)).isPresent();
    }
  }

  private static Edwards25519.Point base() {
    Edwards25519.Point b = new Edwards25519.Point();
    assertThat(Edwards25519.decode(bytes("5866666666666666666666666666666666666666666666666666666666666666"), 0, b)).isTrue();
    return b;
  }

  private static Edwards25519.Point times(BigInteger scalar, Edwards25519.Point p) {
    Edwards25519.Scratch s = new Edwards25519.Scratch();
    byte[][] nafs = {Edwards25519.naf(Edwards25519.littleEndian(scalar.mod(Edwards25519.L)), 5)};
    Edwards25519.Cached[][] tables = {Edwards25519.oddMultiples(p, 5, s)};
    return Edwards25519.multiScalar(nafs, tables, 1, s);
  }

  /** RFC 8032 section 5.1.5: the clamped first half of SHA-512 of the secret. */
  private static BigInteger secretScalar(byte[] secret) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-512").digest(secret);
    h[0] &= (byte) 248;
    h[31] &= 127;
    h[31] |= 64;
    return Edwards25519.fromLittleEndian(h, 0, 32);
  }

  private static BigInteger challenge(byte[] r, byte[] a, byte[] message) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    sha.update(r);
    sha.update(a);
    sha.update(message);
    return Edwards25519.fromLittleEndian(sha.digest(), 0, 64).mod(Edwards25519.L);
  }

  private static byte[] bytes(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }

  private static List<Ed25519Verifier> keys(List<SignedMessage> items) {
    return items.stream().map(m -> (Ed25519Verifier) m.verifier()).toList();
  }

  private static List<byte[]> messages(List<SignedMessage> items) {
    return items.stream().map(SignedMessage::message).toList();
  }

  private static List<byte[]> signatures(List<SignedMessage> items) {
    return items.stream().map(SignedMessage::signature).toList();
  }
}
