package org.govledger.ledger.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes one tree as RFC 8785 bytes straight into a growing byte array. One instance per call; not
 * shared between threads.
 */
final class CanonicalWriter {
  /** Deeper trees are refused rather than risk a stack overflow (a tree can even contain itself). */
  static final int MAX_DEPTH = 1000;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");
  private static final byte[] NULL = bytes("null");

  private byte[] buffer = new byte[512];
  private int length;

  /** The canonical bytes of {@code node}; throws {@link InvalidValue} with the path to a bad value. */
  static byte[] write(JsonNode node) {
    CanonicalWriter writer = new CanonicalWriter();
    writer.value(node, 0);
    return Arrays.copyOf(writer.buffer, writer.length);
  }

  private void value(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidValue("the tree is nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (node.getNodeType()) {
      case OBJECT -> object(node, depth);
      case ARRAY -> array(node, depth);
      case STRING -> string(node.textValue());
      case NUMBER -> ascii(number(node));
      case BOOLEAN -> raw(node.booleanValue() ? TRUE : FALSE);
      case NULL -> raw(NULL);
      default -> throw new InvalidValue(
          "a " + node.getNodeType() + " node is not JSON data and has no canonical form");
    }
  }

  private void object(JsonNode node, int depth) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 requires.
    members.sort(Map.Entry.comparingByKey());
    put('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        put(',');
      }
      first = false;
      try {
        string(member.getKey());
        put(':');
        value(member.getValue(), depth + 1);
      } catch (InvalidValue e) {
        throw e.under(member.getKey());
      }
    }
    put('}');
  }

  private void array(JsonNode node, int depth) {
    put('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        put(',');
      }
      try {
        value(node.get(i), depth + 1);
      } catch (InvalidValue e) {
        throw e.under(Integer.toString(i));
      }
    }
    put(']');
  }

  static String number(JsonNode node) {
    return switch (node.numberType()) {
      case INT, LONG -> {
        long value = node.longValue();
        yield Math.abs(value) <= (1L << 53) && value != Long.MIN_VALUE
            ? Long.toString(value)
            : EcmaScriptNumbers.toString(InteroperableNumbers.fromLong(value));
      }
      case BIG_INTEGER -> EcmaScriptNumbers.toString(
          InteroperableNumbers.fromBigInteger(node.bigIntegerValue()));
      case BIG_DECIMAL -> EcmaScriptNumbers.toString(
          InteroperableNumbers.fromBigDecimal(node.decimalValue()));
      // A float widens to a double exactly; the double's digits are written.
      case FLOAT, DOUBLE -> EcmaScriptNumbers.toString(
          InteroperableNumbers.fromDouble(node.doubleValue()));
    };
  }

  /** Writes {@code text} quoted and escaped as ECMAScript JSON.stringify does (RFC 8785 3.2.2.2). */
  private void string(String text) {
    int count = text.length();
    ensure(count * 6 + 2);
    byte[] out = buffer;
    int at = length;
    out[at++] = '"';
    for (int i = 0; i < count; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out[at++] = (byte) c;
        } else {
          at = escape(out, at, c);
        }
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        out[at++] = (byte) (0xe0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < count
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        out[at++] = (byte) (0xf0 | codePoint >> 18);
        out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint & 0x3f);
      } else {
        throw new InvalidValue(loneSurrogate(text, i));
      }
    }
    out[at++] = '"';
    length = at;
  }

  static String loneSurrogate(String text, int index) {
    return String.format(
        "string %s has a lone surrogate U+%04X at index %d; it is not Unicode text and has no UTF-8"
            + " form", Excerpt.quoted(text), (int) text.charAt(index), index);
  }

  /** Returns the index of the first lone surrogate in {@code text}, or -1 if it is well formed. */
  static int firstLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static int escape(byte[] out, int at, char c) {
    out[at++] = '\\';
    switch (c) {
      case '"' -> out[at++] = '"';
      case '\\' -> out[at++] = '\\';
      case '\b' -> out[at++] = 'b';
      case '\t' -> out[at++] = 't';
      case '\n' -> out[at++] = 'n';
      case '\f' -> out[at++] = 'f';
      case '\r' -> out[at++] = 'r';
      default -> {
        out[at++] = 'u';
        out[at++] = '0';
        out[at++] = '0';
        out[at++] = HEX[c >> 4];
        out[at++] = HEX[c & 0xf];
      }
    }
    return at;
  }

  private void ascii(String text) {
    int count = text.length();
    ensure(count);
    for (int i = 0; i < count; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void put(char c) {
    ensure(1);
    buffer[length++] = (byte) c;
  }

  private void ensure(int more) {
    if (buffer.length - length < more) {
      long needed = (long) length + more;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new InvalidValue("the canonical form would exceed 2 GiB");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L,
          (long) buffer.length * 2)));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
