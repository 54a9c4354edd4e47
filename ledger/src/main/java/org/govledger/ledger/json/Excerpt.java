package org.govledger.ledger.json;

/** Short, printable renderings of input text for error messages, so a message never echoes a huge input. */
final class Excerpt {
  static final int MAX_CHARS = 40;

  private Excerpt() {}

  /** {@code text} cut to {@value #MAX_CHARS} characters, with control characters shown as escapes. */
  static String of(String text) {
    boolean cut = text.length() > MAX_CHARS;
    int end = cut ? MAX_CHARS : text.length();
    if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !isPaired(text, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (cut) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  /** {@code text} shortened as by {@link #of} and put in double quotes. */
  static String quoted(String text) {
    return '"' + of(text).replace("\"", "\\\"") + '"';
  }

  private static boolean isPaired(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
