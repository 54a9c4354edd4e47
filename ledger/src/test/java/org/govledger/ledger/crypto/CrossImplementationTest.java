package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/**
 * Signatures made here verify elsewhere and the other way round: against the JDK's own Ed25519 and
 * ECDSA, and against BouncyCastle's SM2 signer used directly.
 */
class CrossImplementationTest {
  private static final byte[] MESSAGE = "cross-checked".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void ed25519_signedHere_verifiesInJdk() throws Exception {
    SigningKey key = CryptoSuite.ED25519_SHA256.generate(RANDOM);
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(jdkEd25519PublicKey(key.publicKey()));
    jdk.update(MESSAGE);

    assertThat(jdk.verify(key.sign(MESSAGE))).isTrue();
  }

  @Test
  void ed25519_signedInJdk_verifiesHere_withSameKeyAndSignature() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(pair.getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();
    byte[] publicKey = rawEd25519(((EdECPublicKey) pair.getPublic()).getPoint());

    CryptoSuite.ED25519_SHA256.verifier(publicKey).verify(MESSAGE, signature);
    byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    SigningKey key = CryptoSuite.ED25519_SHA256.signingKey(seed);
    assertThat(key.publicKey()).isEqualTo(publicKey);
    assertThat(key.sign(MESSAGE)).isEqualTo(signature);
  }

  @Test
  void p256_signedHere_verifiesInJdk() throws Exception {
    SigningKey key = CryptoSuite.P256_SHA256.generate(RANDOM);
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initVerify(jdkP256PublicKey(key.publicKey()));
    jdk.update(MESSAGE);

    assertThat(jdk.verify(key.sign(MESSAGE))).isTrue();
  }

  @Test
  void p256_signedInJdk_verifiesHere() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initSign(pair.getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();
    ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
    byte[] publicKey =
        WeierstrassKeys.concat(
            new byte[] {0x04},
            WeierstrassKeys.signature(w.getAffineX(), w.getAffineY()));

    CryptoSuite.P256_SHA256.verifier(publicKey).verify(MESSAGE, signature);
    BigInteger s = ((ECPrivateKey) pair.getPrivate()).getS();
    byte[] privateKey = BigIntegers.asUnsignedByteArray(32, s);
    assertThat(CryptoSuite.P256_SHA256.signingKey(privateKey).publicKey()).isEqualTo(publicKey);
  }

  @Test
  void sm2_signedHere_verifiesWithBouncyCastleDefaults() throws Exception {
    SigningKey key = CryptoSuite.SM2_SM3.generate(RANDOM);
    // No ParametersWithID: BouncyCastle then uses its own default user id, which must be ours.
    SM2Signer bc = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    bc.init(
        false,
        new ECPublicKeyParameters(
            Sm2Verifier.DOMAIN.getCurve().decodePoint(key.publicKey()), Sm2Verifier.DOMAIN));
    bc.update(MESSAGE, 0, MESSAGE.length);

    assertThat(bc.verifySignature(key.sign(MESSAGE))).isTrue();
  }

  @Test
  void sm2_signedWithBouncyCastle_verifiesHere() throws Exception {
    SigningKey key = CryptoSuite.SM2_SM3.generate(RANDOM);
    BigInteger d = new BigInteger(1, key.privateKeyBytes());

    CryptoSuite.SM2_SM3.verifier(key.publicKey()).verify(MESSAGE, bouncyCastleSm2(d));
  }

  private static byte[] bouncyCastleSm2(BigInteger d) throws CryptoException {
    SM2Signer bc = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    bc.init(
        true,
        new ParametersWithID(
            new ParametersWithRandom(new ECPrivateKeyParameters(d, Sm2Verifier.DOMAIN), RANDOM),
            "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
    bc.update(MESSAGE, 0, MESSAGE.length);
    return bc.generateSignature();
  }

  /** RFC 8032 section 5.1.2: y little-endian, the sign of x in the top bit. */
  private static byte[] rawEd25519(EdECPoint point) {
    byte[] out = new byte[32];
    BigInteger y = point.getY();
    for (int i = 0; i < 32; i++) {
      out[i] = y.shiftRight(8 * i).byteValue();
    }
    if (point.isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static PublicKey jdkEd25519PublicKey(byte[] raw) throws Exception {
    boolean xOdd = (raw[31] & 0x80) != 0;
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = raw[31 - i];
    }
    bigEndian[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  private static PublicKey jdkP256PublicKey(byte[] uncompressed) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec params = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
    ECPoint w =
        new ECPoint(
            new BigInteger(1, WeierstrassKeys.slice(uncompressed, 1, 33)),
            new BigInteger(1, WeierstrassKeys.slice(uncompressed, 33, 65)));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
  }
}
