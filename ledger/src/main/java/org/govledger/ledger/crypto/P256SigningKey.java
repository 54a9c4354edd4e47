package org.govledger.ledger.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * An ECDSA P-256 private key. Nonces are deterministic (RFC 6979 with HMAC-SHA-256), so signing
 * needs no randomness and a weak random source cannot leak the key. BouncyCastle's signer carries
 * state, so each call makes its own; the key parameters are immutable and shared.
 */
final class P256SigningKey implements SigningKey {
  private final ECPrivateKeyParameters privateKey;
  private final byte[] publicKey;

  P256SigningKey(byte[] privateKey) {
    this(
        CurveEncoding.decodePrivateKey(
            P256Verifier.DOMAIN,
            privateKey,
            P256Verifier.DOMAIN.getN().subtract(BigInteger.ONE),
            "n-1",
            P256Verifier.ALGORITHM));
  }

  private P256SigningKey(BigInteger d) {
    this.privateKey = new ECPrivateKeyParameters(d, P256Verifier.DOMAIN);
    this.publicKey =
        CurveEncoding.encodeUncompressed(
            new FixedPointCombMultiplier().multiply(P256Verifier.DOMAIN.getG(), d));
  }

  static P256SigningKey generate(SecureRandom random) {
    BigInteger max = P256Verifier.DOMAIN.getN().subtract(BigInteger.ONE);
    return new P256SigningKey(BigIntegers.createRandomInRange(BigInteger.ONE, max, random));
  }

  @Override
  public byte[] sign(byte[] message) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(HashFunctions.sha256().digest(message));
    return PlainDSAEncoding.INSTANCE.encode(P256Verifier.DOMAIN.getN(), rs[0], rs[1]);
  }

  @Override
  public CryptoSuite suite() {
    return CryptoSuite.P256_SHA256;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] privateKeyBytes() {
    return CurveEncoding.encodePrivateKey(P256Verifier.DOMAIN, privateKey.getD());
  }

  @Override
  public String toString() {
    return "P256SigningKey[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
  }
}
