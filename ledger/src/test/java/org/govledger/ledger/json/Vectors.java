package org.govledger.ledger.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the vector files under {@code src/test/resources/vectors/json} (sources in its README). */
final class Vectors {
  private Vectors() {}

  static byte[] bytes(String name) {
    String path = "/vectors/json/" + name;
    try (InputStream in = Vectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The non-blank lines of a {@code a,b} file that are not {@code #} comments, split at the first comma. */
  static List<String[]> rows(String name) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text(name).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int comma = line.indexOf(',');
      rows.add(new String[] {line.substring(0, comma), line.substring(comma + 1)});
    }
    return rows;
  }

  static double doubleFromHex(String hex) {
    return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
  }

  static byte[] fromHex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
