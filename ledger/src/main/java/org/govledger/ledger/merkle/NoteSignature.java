package org.govledger.ledger.merkle;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a C2SP signed note: {@code — <name> base64(keyId || signature)}.
 *
 * @param name the key name: non-empty, without Unicode spaces or {@code +}
 * @param keyId the 32-bit key ID, big-endian in the encoded line
 * @param signature the signature bytes after the key ID; at least one byte
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
  /** The em dash and space that start every signature line. */
  static final String PREFIX = "\u2014 ";

  public NoteSignature {
    if (!isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "key name must be non-empty, without spaces or '+': \"" + name + "\"");
    }
    signature = Objects.requireNonNull(signature, "signature").clone();
    if (signature.length == 0) {
      throw new IllegalArgumentException("signature is empty");
    }
  }

  /** The signature bytes after the key ID; a fresh copy. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The key, as {@code name+keyid} with the key ID in 8 hex digits, for messages. */
  public String key() {
    return name + "+" + String.format("%08x", keyId);
  }

  /** The encoded line, including its final newline. */
  public String line() {
    byte[] blob =
        ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return PREFIX + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /** Whether {@code name} is a valid key name: non-empty, no Unicode space, no {@code +}. */
  static boolean isValidKeyName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('+') >= 0) {
      return false;
    }
    return name.codePoints()
        .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature other
        && name.equals(other.name)
        && keyId == other.keyId
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + keyId) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NoteSignature[" + key() + "]";
  }
}
