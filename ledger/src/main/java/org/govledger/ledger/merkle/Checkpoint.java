package org.govledger.ledger.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.govledger.ledger.VerificationException;

/**
 * A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text that commits a log, named by
 * its origin, to the root of its tree at a size. Signed and opened as a {@link SignedNote}.
 *
 * @param origin the log's identity, the first line: non-empty, one line
 * @param size the number of leaves, written in decimal without leading zeros
 * @param rootHash the RFC 9162 root at {@code size}, {@value #ROOT_HASH_LENGTH} bytes (SHA-256 or
 *     SM3)
 * @param extensions optional further lines, each non-empty; opaque to this class
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  /** The length of a root hash: both hash functions a ledger can use have 32-byte digests. */
  public static final int ROOT_HASH_LENGTH = 32;

  public Checkpoint {
    requireLine("origin", origin);
    if (size < 0) {
      throw new IllegalArgumentException("tree size is negative: " + size);
    }
    rootHash = Objects.requireNonNull(rootHash, "rootHash").clone();
    if (rootHash.length != ROOT_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "checkpoint root has " + rootHash.length + " bytes, want " + ROOT_HASH_LENGTH);
    }
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      requireLine("extension line " + (i + 1), extensions.get(i));
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  /** The root hash; a fresh copy. */
  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text: origin, size, base64 root and extension lines, each ending in a newline. */
  public String body() {
    StringBuilder out = new StringBuilder();
    out.append(origin).append('\n');
    out.append(size).append('\n');
    out.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String line : extensions) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** Signs the checkpoint; returns the encoded signed note. */
  public String sign(List<NoteSigner> signers) {
    return SignedNote.sign(body(), signers).format();
  }

  /**
   * Opens a signed checkpoint: parses the note, checks that {@code logKey} signed it (other
   * signatures, such as witnesses' cosignatures, are ignored), parses the body and checks that
   * it is from the log named {@code origin}.
   */
  public static Checkpoint open(String signedNote, String origin, NoteVerifier logKey)
      throws VerificationException {
    SignedNote note = SignedNote.parse(signedNote);
    note.verify(logKey);
    Checkpoint checkpoint = parse(note.text());
    if (!checkpoint.origin.equals(origin)) {
      throw new VerificationException(
          "checkpoint origin is \"" + checkpoint.origin + "\", want \"" + origin + "\"");
    }
    return checkpoint;
  }

  /** Parses a checkpoint body (a note's text), strictly. */
  public static Checkpoint parse(String body) throws VerificationException {
    Objects.requireNonNull(body, "body");
    try {
      SignedNote.checkText(body);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("checkpoint " + e.getMessage());
    }
    if (!body.endsWith("\n")) {
      throw new VerificationException("checkpoint does not end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new VerificationException(
          "checkpoint has " + lines.length + " lines, want at least 3");
    }
    if (lines[0].isEmpty()) {
      throw new VerificationException("checkpoint origin is empty");
    }
    long size = parseSize(lines[1]);
    byte[] root = SignedNote.decodeBase64(lines[2])
        .orElseThrow(() -> new VerificationException(
            "checkpoint root is not base64: \"" + lines[2] + "\""));
    if (root.length != ROOT_HASH_LENGTH) {
      throw new VerificationException(
          "checkpoint root has " + root.length + " bytes, want " + ROOT_HASH_LENGTH);
    }
    List<String> extensions = Arrays.asList(lines).subList(3, lines.length);
    for (int i = 0; i < extensions.size(); i++) {
      if (extensions.get(i).isEmpty()) {
        throw new VerificationException("checkpoint extension line " + (i + 1) + " is empty");
      }
    }
    return new Checkpoint(lines[0], size, root, extensions);
  }

  private static long parseSize(String line) throws VerificationException {
    if (line.isEmpty() || !line.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new VerificationException("tree size is not a decimal number: \"" + line + "\"");
    }
    if (line.length() > 1 && line.charAt(0) == '0') {
      throw new VerificationException("tree size has a leading zero: \"" + line + "\"");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new VerificationException("tree size is too large: \"" + line + "\"");
    }
  }

  private static void requireLine(String what, String line) {
    Objects.requireNonNull(line, what);
    if (line.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + what + " is empty");
    }
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("checkpoint " + what + " contains a newline");
    }
    SignedNote.checkText(line);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other
        && origin.equals(other.origin)
        && size == other.size
        && Arrays.equals(rootHash, other.rootHash)
        && extensions.equals(other.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin=" + origin + ", size=" + size + ", rootHash="
        + ProofChecks.hex(rootHash) + ", extensions=" + extensions + "]";
  }
}
