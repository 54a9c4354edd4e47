package org.govledger.ledger.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.govledger.ledger.VerificationException;

/** Checks and conversions shared by the proof records. */
final class ProofChecks {
  private static final HexFormat HEX = HexFormat.of();

  private ProofChecks() {}

  static void requireLength(String what, byte[] value, int want) throws VerificationException {
    if (value.length != want) {
      throw new VerificationException(what + " has " + value.length + " bytes, want " + want);
    }
  }

  static void requireEqual(String what, byte[] got, byte[] want) throws VerificationException {
    if (!MessageDigest.isEqual(got, want)) {
      throw new VerificationException(what + " mismatch: got " + hex(got) + ", want " + hex(want));
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** A deep, unmodifiable copy of a list of hashes; rejects null elements. */
  static List<byte[]> copyOf(List<byte[]> hashes) {
    Objects.requireNonNull(hashes, "path");
    List<byte[]> copy = new ArrayList<>(hashes.size());
    for (byte[] h : hashes) {
      copy.add(Objects.requireNonNull(h, "path element").clone());
    }
    return List.copyOf(copy);
  }

  static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static int hashCode(List<byte[]> hashes) {
    int h = 1;
    for (byte[] b : hashes) {
      h = 31 * h + Arrays.hashCode(b);
    }
    return h;
  }

  static String toString(List<byte[]> hashes) {
    List<String> out = new ArrayList<>(hashes.size());
    for (byte[] b : hashes) {
      out.add(hex(b));
    }
    return out.toString();
  }

  /** The number of bits needed to write {@code x}: 0 for 0. */
  static int bitLength(long x) {
    return 64 - Long.numberOfLeadingZeros(x);
  }
}
