package org.govledger.ledger.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Reads untrusted bytes (a submitted transaction) into a Jackson tree, accepting only JSON that has
 * one meaning for every reader: RFC 8259 syntax with no extensions, and the I-JSON restrictions of
 * RFC 7493 that RFC 8785 relies on.
 *
 * <p>Refused, each with a message naming the problem and its line and column or byte offset: input
 * over {@code maxBytes}; bytes that are not well-formed UTF-8, or a byte order mark; comments,
 * single quotes, unquoted names, trailing commas, {@code NaN}/{@code Infinity}, leading zeros, and
 * every other Jackson leniency; duplicate member names; nesting deeper than {@link #MAX_DEPTH};
 * anything but whitespace after the value; lone surrogates in strings; negative zero (RFC 8785
 * erratum 7920); numbers JavaScript cannot hold unchanged (see {@link JsonCanonicalizer}).
 *
 * <p>The tree holds integers as {@link IntNode} or {@link LongNode} and every other number as the
 * {@link DoubleNode} it stands for, so {@link JsonCanonicalizer#canonicalize} never fails on it.
 * Thread-safe; one shared, immutable parser factory.
 */
public final class StrictJson {
  /** The deepest nesting of objects and arrays accepted; a top-level object is depth 1. */
  public static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
      .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
      .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
      .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
      .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
      .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .errorReportConfiguration(ErrorReportConfiguration.builder()
          .maxErrorTokenLength(Excerpt.MAX_CHARS)
          .maxRawContentLength(Excerpt.MAX_CHARS)
          .build())
      .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrictJson() {}

  /**
   * Parses exactly one JSON value from {@code bytes}.
   *
   * @param maxBytes the largest input accepted, checked before any parsing
   * @throws JsonFormatException if the input breaks any rule above; the message says which and where
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public static JsonNode parse(byte[] bytes, int maxBytes) throws JsonFormatException {
    Objects.requireNonNull(bytes, "bytes");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    if (bytes.length > maxBytes) {
      throw new JsonFormatException(
          "input is " + bytes.length + " bytes, over the limit of " + maxBytes);
    }
    checkEncoding(bytes);
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonFormatException("input is empty; expected one JSON value");
      }
      JsonNode root = new Reader(parser).value(first, 1);
      int trailing = skipWhitespace(bytes, (int) parser.currentLocation().getByteOffset());
      if (trailing < bytes.length) {
        throw new JsonFormatException("trailing content after the JSON value at offset " + trailing);
      }
      return root;
    } catch (StreamReadException e) {
      throw new JsonFormatException(describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a byte array cannot fail", e);
    }
  }

  private static void checkEncoding(byte[] bytes) throws JsonFormatException {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      throw new JsonFormatException("input starts with a UTF-8 byte order mark; send the JSON text"
          + " without it (RFC 8259 section 8.1)");
    }
    int invalid = WellFormedUtf8.firstInvalidOffset(bytes);
    if (invalid >= 0) {
      throw new JsonFormatException(String.format(
          "input is not valid UTF-8: byte 0x%02x at offset %d does not start a well-formed sequence",
          bytes[invalid] & 0xff, invalid));
    }
  }

  private static int skipWhitespace(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length
        && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static String describe(StreamReadException e) {
    String problem = e.getOriginalMessage();
    if (problem == null || problem.isBlank()) {
      problem = "malformed JSON";
    }
    // Jackson suggests enabling its leniency features; a client cannot, so drop that advice.
    problem = problem.replaceAll("\\s+", " ")
        .replaceAll(":? ?enable `[^`]+` to allow", "")
        .replaceAll("\\(not recognized as one since Feature '\\w+' not enabled for parser\\)",
            "(comments are not allowed)")
        .trim();
    if (problem.length() > 200) {
      problem = problem.substring(0, 200) + "...";
    }
    return "malformed JSON: " + problem + where(e.getLocation());
  }

  static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Builds the tree from the token stream, checking each rule as the token is read. */
  private static final class Reader {
    private final JsonParser parser;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    JsonNode value(JsonToken token, int depth) throws IOException, JsonFormatException {
      return switch (token) {
        case START_OBJECT -> object(depth);
        case START_ARRAY -> array(depth);
        case VALUE_STRING -> TextNode.valueOf(text(parser.getText()));
        case VALUE_NUMBER_INT -> integer();
        case VALUE_NUMBER_FLOAT -> decimal();
        case VALUE_TRUE -> BooleanNode.TRUE;
        case VALUE_FALSE -> BooleanNode.FALSE;
        case VALUE_NULL -> NullNode.instance;
        default -> throw refuse("unexpected " + token);
      };
    }

    private ObjectNode object(int depth) throws IOException, JsonFormatException {
      checkDepth(depth);
      ObjectNode object = NODES.objectNode();
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_OBJECT;
          token = parser.nextToken()) {
        String name = text(parser.currentName());
        if (object.get(name) != null) {
          throw refuse("duplicate key " + Excerpt.quoted(name));
        }
        object.set(name, value(parser.nextToken(), depth + 1));
      }
      return object;
    }

    private ArrayNode array(int depth) throws IOException, JsonFormatException {
      checkDepth(depth);
      ArrayNode array = NODES.arrayNode();
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        array.add(value(token, depth + 1));
      }
      return array;
    }

    private void checkDepth(int depth) throws JsonFormatException {
      if (depth > MAX_DEPTH) {
        throw refuse("objects and arrays are nested deeper than the limit of " + MAX_DEPTH);
      }
    }

    private String text(String text) throws JsonFormatException {
      int lone = CanonicalWriter.firstLoneSurrogate(text);
      if (lone >= 0) {
        throw refuse(CanonicalWriter.loneSurrogate(text, lone));
      }
      return text;
    }

    private JsonNode integer() throws IOException, JsonFormatException {
      try {
        switch (parser.getNumberType()) {
          case INT -> {
            int value = parser.getIntValue();
            if (value == 0) {
              refuseNegativeZero();
            }
            return IntNode.valueOf(value);
          }
          case LONG -> {
            long value = parser.getLongValue();
            InteroperableNumbers.fromLong(value);
            return LongNode.valueOf(value);
          }
          default -> {
            BigInteger value = parser.getBigIntegerValue();
            return DoubleNode.valueOf(InteroperableNumbers.fromBigInteger(value));
          }
        }
      } catch (InvalidValue e) {
        throw refuse(e.problem());
      }
    }

    private JsonNode decimal() throws IOException, JsonFormatException {
      BigDecimal value;
      try {
        value = parser.getDecimalValue();
      } catch (NumberFormatException e) {
        throw refuse("number " + Excerpt.of(parser.getText())
            + " cannot be read: its exponent is out of range");
      }
      if (value.signum() == 0) {
        refuseNegativeZero();
      }
      try {
        return DoubleNode.valueOf(InteroperableNumbers.fromBigDecimal(value));
      } catch (InvalidValue e) {
        throw refuse(e.problem());
      }
    }

    private void refuseNegativeZero() throws IOException, JsonFormatException {
      if (parser.getText().startsWith("-")) {
        throw refuse("negative zero " + Excerpt.of(parser.getText()) + " is not allowed: it would"
            + " be written as 0, so two different inputs would share one signature (RFC 8785"
            + " erratum 7920)");
      }
    }

    private JsonFormatException refuse(String problem) {
      return new JsonFormatException(problem + where(parser.currentTokenLocation()));
    }
  }
}
