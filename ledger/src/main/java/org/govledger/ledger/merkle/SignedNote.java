package org.govledger.ledger.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.govledger.ledger.VerificationException;

/**
 * A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, and one or
 * more signature lines. {@link #parse} is strict: valid UTF-8 without control characters other
 * than newline, a final newline, well-formed signature lines, at most {@value #MAX_SIGNATURES}
 * of them. Signatures from keys the caller does not know are kept but never trusted.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** The most signature lines a note may carry; the spec asks verifiers to accept at least 16. */
  public static final int MAX_SIGNATURES = 100;

  public SignedNote {
    checkText(text);
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "note has " + signatures.size() + " signatures, want 1 to " + MAX_SIGNATURES);
    }
  }

  /** Signs {@code text} (which must end with a newline) with each of {@code signers}. */
  public static SignedNote sign(String text, List<NoteSigner> signers) {
    checkText(text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> signatures = new ArrayList<>(signers.size());
    for (NoteSigner signer : signers) {
      signatures.add(new NoteSignature(signer.name(), signer.keyId(), signer.sign(bytes)));
    }
    return new SignedNote(text, signatures);
  }

  /** The encoded note: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSignature s : signatures) {
      out.append(s.line());
    }
    return out.toString();
  }

  /** Parses an encoded note given as bytes, which must be valid UTF-8. */
  public static SignedNote parse(byte[] message) throws VerificationException {
    try {
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(message))
              .toString();
      return parse(decoded);
    } catch (CharacterCodingException e) {
      throw new VerificationException("note is not valid UTF-8", e);
    }
  }

  /** Parses an encoded note; checks its syntax, not its signatures. */
  public static SignedNote parse(String message) throws VerificationException {
    Objects.requireNonNull(message, "message");
    try {
      checkText(message);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(e.getMessage());
    }
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw new VerificationException("note has no blank line before its signatures");
    }
    String text = message.substring(0, split + 1);
    String block = message.substring(split + 2);
    if (block.isEmpty()) {
      throw new VerificationException("note has no signature lines");
    }
    if (!block.endsWith("\n")) {
      throw new VerificationException("note's last signature line does not end with a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new VerificationException(
          "note has " + lines.length + " signatures, more than " + MAX_SIGNATURES);
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(parseSignature(i + 1, lines[i]));
    }
    return new SignedNote(text, signatures);
  }

  private static NoteSignature parseSignature(int number, String line)
      throws VerificationException {
    String where = "signature line " + number;
    if (!line.startsWith(NoteSignature.PREFIX)) {
      throw new VerificationException(where + " does not start with an em dash and a space");
    }
    String rest = line.substring(NoteSignature.PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new VerificationException(where + " has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    if (!NoteSignature.isValidKeyName(name)) {
      throw new VerificationException(where + " has an invalid key name: \"" + name + "\"");
    }
    byte[] blob = decodeBase64(rest.substring(space + 1))
        .orElseThrow(() -> new VerificationException(where + " signature is not base64"));
    if (blob.length < 5) {
      throw new VerificationException(
          where + " signature has " + blob.length + " bytes, want at least 5");
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    int keyId = b.getInt();
    byte[] signature = new byte[blob.length - 4];
    b.get(signature);
    return new NoteSignature(name, keyId, signature);
  }

  /**
   * Verifies the note against the keys the caller trusts, as the spec requires: every signature
   * whose key name and ID match a known key must verify, and at least one must. Signatures from
   * unknown keys are ignored.
   *
   * @return the signatures that verified, in note order
   * @throws VerificationException naming the key whose signature failed, or the known keys when
   *     none of them signed
   */
  public List<NoteSignature> verify(List<NoteVerifier> known) throws VerificationException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    for (NoteSignature s : signatures) {
      for (NoteVerifier v : known) {
        if (v.name().equals(s.name()) && v.keyId() == s.keyId()) {
          try {
            v.verify(bytes, s.signature());
          } catch (VerificationException e) {
            throw new VerificationException(
                "invalid signature from key " + s.key() + ": " + e.getMessage(), e);
          }
          verified.add(s);
          break;
        }
      }
    }
    if (verified.isEmpty() && known.isEmpty()) {
      throw new VerificationException("no signature from a known key: no keys were given");
    }
    if (verified.isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (NoteVerifier v : known) {
        keys.add(v.name() + "+" + String.format("%08x", v.keyId()));
      }
      throw new VerificationException("no signature from key " + String.join(" or ", keys));
    }
    return List.copyOf(verified);
  }

  /** Verifies that {@code verifier}'s key signed the note; see {@link #verify(List)}. */
  public void verify(NoteVerifier verifier) throws VerificationException {
    verify(List.of(verifier));
  }

  /**
   * Checks the character rules of the spec: no unpaired surrogates (so the text has a UTF-8
   * encoding) and no control characters below U+0020 other than newline.
   */
  static void checkText(String text) {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException(
            String.format("note contains control character U+%04X at offset %d", (int) c, i));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("note contains an unpaired surrogate at offset " + i);
      }
    }
  }

  /** Strict standard base64 (RFC 4648 section 4): padded, canonical, nothing else. */
  static Optional<byte[]> decodeBase64(String s) {
    try {
      byte[] bytes = Base64.getDecoder().decode(s);
      if (s.isEmpty() || !Base64.getEncoder().encodeToString(bytes).equals(s)) {
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
