package org.govledger.ledger.merkle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** An Ed25519 {@link NoteSigner} with the JDK's Ed25519, for tests. */
final class Ed25519TestSigner implements NoteSigner {
  private final String name;
  private final int keyId;
  private final PrivateKey key;
  private final String verifierKey;

  private Ed25519TestSigner(String name, int keyId, PrivateKey key, String verifierKey) {
    this.name = name;
    this.keyId = keyId;
    this.key = key;
    this.verifierKey = verifierKey;
  }

  /** A fresh random key. */
  static Ed25519TestSigner generate(String name) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = pair.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      return new Ed25519TestSigner(
          name,
          NoteVerifiers.keyId(name, NoteVerifiers.ED25519, raw),
          pair.getPrivate(),
          NoteVerifiers.verifierKey(name, NoteVerifiers.ED25519, raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The signer of a golang.org/x/mod/sumdb/note signer key, {@code
   * PRIVATE+KEY+<name>+<key ID>+base64(0x01 || 32-byte seed)}, with its published verifier key.
   */
  static Ed25519TestSigner fromSignerKey(String signerKey, String verifierKey) {
    String[] parts = signerKey.split("\\+", 5);
    byte[] blob = Base64.getDecoder().decode(parts[4]);
    if (!parts[0].equals("PRIVATE") || !parts[1].equals("KEY") || blob[0] != NoteVerifiers.ED25519) {
      throw new IllegalArgumentException("not an Ed25519 signer key");
    }
    byte[] seed = Arrays.copyOfRange(blob, 1, blob.length);
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      return new Ed25519TestSigner(
          parts[2], Integer.parseUnsignedInt(parts[3], 16), key, verifierKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String verifierKey() {
    return verifierKey;
  }

  NoteVerifier verifier() {
    return NoteVerifiers.fromVerifierKey(verifierKey);
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
  public byte[] sign(byte[] text) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(text);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
