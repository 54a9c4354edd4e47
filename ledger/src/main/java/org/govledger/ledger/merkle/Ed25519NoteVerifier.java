package org.govledger.ledger.merkle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import org.govledger.ledger.VerificationException;

/**
 * Ed25519 note signatures (signature type {@code 0x01}) with the JDK's Ed25519. The node's crypto
 * suites may provide a faster one; this one needs nothing beyond {@code java.security}.
 */
final class Ed25519NoteVerifier implements NoteVerifier {
  /** The DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final int PUBLIC_KEY_LENGTH = 32;
  private static final int SIGNATURE_LENGTH = 64;

  private final String name;
  private final int keyId;
  private final PublicKey publicKey;

  Ed25519NoteVerifier(String name, int keyId, byte[] rawPublicKey) {
    if (rawPublicKey.length != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Ed25519 public key has " + rawPublicKey.length + " bytes, want " + PUBLIC_KEY_LENGTH);
    }
    this.name = name;
    this.keyId = keyId;
    byte[] spki = new byte[SPKI_PREFIX.length + PUBLIC_KEY_LENGTH];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
    try {
      this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws VerificationException {
    if (signature.length != SIGNATURE_LENGTH) {
      throw new VerificationException(
          "Ed25519 signature has " + signature.length + " bytes, want " + SIGNATURE_LENGTH);
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(text);
      valid = verifier.verify(signature);
    } catch (SignatureException e) {
      valid = false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's Ed25519 is unavailable", e);
    }
    if (!valid) {
      throw new VerificationException("Ed25519 signature does not verify");
    }
  }

  @Override
  public String toString() {
    return "Ed25519NoteVerifier[" + name + "+" + String.format("%08x", keyId) + "]";
  }
}
