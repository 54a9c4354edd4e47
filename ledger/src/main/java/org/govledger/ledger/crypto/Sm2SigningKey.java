package org.govledger.ledger.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * An SM2 private key (GB/T 32918.2-2016 section 6). The private key must lie in [1, n-2], not
 * [1, n-1]: signing divides by 1 + d. The nonce comes from a {@link SecureRandom}, because
 * BouncyCastle's SM2 signer offers no deterministic nonce.
 */
final class Sm2SigningKey implements SigningKey {
  private final ECDomainParameters domain;
  private final byte[] userId;
  private final ECPrivateKeyParameters privateKey;
  private final byte[] publicKey;
  private final SecureRandom random;

  Sm2SigningKey(byte[] privateKey) {
    this(
        Sm2Verifier.DOMAIN,
        Sm2Verifier.DEFAULT_USER_ID,
        CurveEncoding.decodePrivateKey(
            Sm2Verifier.DOMAIN, privateKey, maxPrivateKey(Sm2Verifier.DOMAIN), "n-2", "sm2"),
        new SecureRandom());
  }

  /**
   * For the standard's worked examples only: another curve, another user id, and the nonce drawn
   * from {@code nonces} (a fixed-output source reproduces a published signature).
   */
  Sm2SigningKey(ECDomainParameters domain, byte[] userId, BigInteger d, SecureRandom nonces) {
    if (d.signum() <= 0 || d.compareTo(maxPrivateKey(domain)) > 0) {
      throw new IllegalArgumentException("sm2 private key is not in [1, n-2]");
    }
    this.domain = domain;
    this.userId = userId.clone();
    this.privateKey = new ECPrivateKeyParameters(d, domain);
    this.publicKey =
        CurveEncoding.encodeUncompressed(new FixedPointCombMultiplier().multiply(domain.getG(), d));
    this.random = nonces;
  }

  /**
   * Draws the key from {@code random}; nonces come from the platform's default {@link SecureRandom}
   * instead, since a caller's source (perhaps seeded, perhaps not thread-safe) is fit for one key,
   * not for every future signature.
   */
  static Sm2SigningKey generate(SecureRandom random) {
    BigInteger d =
        BigIntegers.createRandomInRange(BigInteger.ONE, maxPrivateKey(Sm2Verifier.DOMAIN), random);
    return new Sm2SigningKey(
        Sm2Verifier.DOMAIN, Sm2Verifier.DEFAULT_USER_ID, d, new SecureRandom());
  }

  private static BigInteger maxPrivateKey(ECDomainParameters domain) {
    return domain.getN().subtract(BigInteger.TWO);
  }

  @Override
  public byte[] sign(byte[] message) {
    // SM2Signer holds the message digest and Z, so each call builds its own.
    SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    signer.init(true, new ParametersWithID(new ParametersWithRandom(privateKey, random), userId));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      // BouncyCastle throws only when the encoding cannot hold r and s, impossible for 32 bytes.
      throw new IllegalStateException("sm2 signing failed", e);
    }
  }

  @Override
  public CryptoSuite suite() {
    return CryptoSuite.SM2_SM3;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] privateKeyBytes() {
    return CurveEncoding.encodePrivateKey(domain, privateKey.getD());
  }

  @Override
  public String toString() {
    return "Sm2SigningKey[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
  }
}
