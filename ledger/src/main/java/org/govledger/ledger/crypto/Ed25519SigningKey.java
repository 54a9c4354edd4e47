package org.govledger.ledger.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (RFC 8032 section 5.1). Signing is deterministic. The public key is
 * derived once here, because BouncyCastle's sign would otherwise redo that scalar multiplication
 * on every call.
 */
final class Ed25519SigningKey implements SigningKey {
  private final byte[] seed;
  private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];

  Ed25519SigningKey(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException(
          "ed25519 private key has " + seed.length + " bytes, want " + Ed25519.SECRET_KEY_SIZE);
    }
    this.seed = seed.clone();
    Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
  }

  static Ed25519SigningKey generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    Ed25519.generatePrivateKey(random, seed);
    return new Ed25519SigningKey(seed);
  }

  @Override
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  @Override
  public CryptoSuite suite() {
    return CryptoSuite.ED25519_SHA256;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] privateKeyBytes() {
    return seed.clone();
  }

  @Override
  public String toString() {
    return "Ed25519SigningKey[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
  }
}
