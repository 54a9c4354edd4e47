package org.govledger.ledger.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govledger.ledger.crypto.HashFunctions;

/**
 * Creates {@link NoteVerifier}s from verifier keys, and computes key IDs and verifier keys as the
 * C2SP signed-note spec recommends.
 *
 * <p>A verifier key is {@code <name>+<key ID in 8 hex digits>+<base64(type || public key)>}, as
 * in {@code PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}.
 */
public final class NoteVerifiers {
  /** The signature type byte of Ed25519 note signatures. */
  public static final byte ED25519 = 0x01;

  private static final Pattern VERIFIER_KEY =
      Pattern.compile("([^+]*)\\+([0-9a-fA-F]{8})\\+(.*)", Pattern.DOTALL);

  private NoteVerifiers() {}

  /**
   * The key ID: the first four bytes, big-endian, of {@code SHA-256(name || 0x0A || type ||
   * publicKey)}.
   */
  public static int keyId(String name, byte type, byte[] publicKey) {
    byte[] digest =
        HashFunctions.sha256()
            .digest(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', type}, publicKey);
    return ByteBuffer.wrap(digest).getInt();
  }

  /** The verifier key for {@code publicKey} of signature {@code type} under {@code name}. */
  public static String verifierKey(String name, byte type, byte[] publicKey) {
    requireName(name);
    byte[] blob = ByteBuffer.allocate(1 + publicKey.length).put(type).put(publicKey).array();
    return name + "+" + String.format("%08x", keyId(name, type, publicKey)) + "+"
        + Base64.getEncoder().encodeToString(blob);
  }

  /** A verifier for the Ed25519 {@code publicKey} (32 bytes, RFC 8032) under {@code name}. */
  public static NoteVerifier ed25519(String name, byte[] publicKey) {
    requireName(name);
    return new Ed25519NoteVerifier(name, keyId(name, ED25519, publicKey), publicKey);
  }

  /**
   * The verifier for a verifier key string. Only Ed25519 keys (type {@code 0x01}) are supported.
   *
   * @throws IllegalArgumentException saying what is wrong with the key
   */
  public static NoteVerifier fromVerifierKey(String verifierKey) {
    Matcher m = VERIFIER_KEY.matcher(Objects.requireNonNull(verifierKey, "verifierKey"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "verifier key is not <name>+<8 hex digits>+<base64 key>: \"" + verifierKey + "\"");
    }
    String name = m.group(1);
    requireName(name);
    byte[] blob = SignedNote.decodeBase64(m.group(3))
        .orElseThrow(() -> new IllegalArgumentException("verifier key's key is not base64"));
    if (blob.length < 2) {
      throw new IllegalArgumentException("verifier key's key has " + blob.length + " bytes");
    }
    byte type = blob[0];
    byte[] publicKey = Arrays.copyOfRange(blob, 1, blob.length);
    int want = keyId(name, type, publicKey);
    int got = Integer.parseUnsignedInt(m.group(2), 16);
    if (got != want) {
      throw new IllegalArgumentException(
          String.format("verifier key ID is %08x, want %08x for its name and key", got, want));
    }
    if (type != ED25519) {
      throw new IllegalArgumentException(
          String.format("verifier key has signature type 0x%02x, want 0x01 (Ed25519)", type));
    }
    return new Ed25519NoteVerifier(name, got, publicKey);
  }

  private static void requireName(String name) {
    if (!NoteSignature.isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "key name must be non-empty, without spaces or '+': \"" + name + "\"");
    }
  }
}
