package org.govledger.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCanonicalizerTest {
  private static final int LIMIT = 1 << 20;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void canonicalize_rfc8785Sample_givesSection324Output() throws Exception {
    assertThat(failures(List.of("rfc8785/sample"), "-input.json", "-output.json")).isEmpty();
  }

  @Test
  void canonicalize_rfc8785SortingExample_ordersByUtf16CodeUnits() throws Exception {
    assertThat(failures(List.of("rfc8785/sorting"), "-input.json", "-output.json")).isEmpty();
  }

  @Test
  void canonicalize_cyberphoneTestData_matchesOutputFiles() throws Exception {
    List<String> names = List.of("arrays", "french", "structures", "unicode", "values", "weird");
    List<String> bases = new ArrayList<>();
    for (String name : names) {
      bases.add("cyberphone/%s/" + name);
    }
    assertThat(failures(bases, ".json", ".json")).isEmpty();
  }

  @Test
  void canonicalize_strings_matchNodeJsonStringify() {
    List<String> failures = new ArrayList<>();
    for (String[] row : Vectors.rows("node/es-strings.txt")) {
      StringBuilder text = new StringBuilder();
      for (String unit : row[0].split(" ")) {
        text.append((char) Integer.parseInt(unit, 16));
      }
      try {
        String got = HexFormat.of().formatHex(
            JsonCanonicalizer.canonicalize(TextNode.valueOf(text.toString())));
        if (!got.equals(row[1])) {
          failures.add(row[0] + ": got " + got + ", want " + row[1]);
        }
      } catch (JsonFormatException e) {
        failures.add(row[0] + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void canonicalize_randomDocuments_matchJavaScriptCanonicalizer() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    int line = 0;
    for (String record : Vectors.text("node/es-documents.jsonl").split("\n")) {
      line++;
      JsonNode vector = mapper.readTree(record);
      byte[] input = vector.get("input").textValue().getBytes(StandardCharsets.UTF_8);
      String want = vector.get("expected").textValue();
      try {
        String got = utf8(JsonCanonicalizer.canonicalize(StrictJson.parse(input, LIMIT)));
        if (!got.equals(want)) {
          failures.add("line " + line + ": got " + got + "\n want " + want);
        }
      } catch (JsonFormatException e) {
        failures.add("line " + line + ": " + e.getMessage());
      }
    }
    assertThat(line).isEqualTo(200);
    assertThat(failures).isEmpty();
  }

  @Test
  void canonicalize_escapesControlsInLowercaseHexAndKeepsLineSeparatorsLiteral() throws Exception {
    String text = "\u0000\u001f\u007f\u2028\u2029\b\t\n\f\r\"\\/";
    assertThat(utf8(JsonCanonicalizer.canonicalize(TextNode.valueOf(text))))
        .isEqualTo("\"\\u0000\\u001f\u007f\u2028\u2029\\b\\t\\n\\f\\r\\\"\\\\/\"");
  }

  @Test
  void canonicalize_memberNames_sortByUtf16NotCodePoint() throws Exception {
    // U+1F600 (D83D DE00) sorts before U+FB33 in UTF-16 although its code point is larger.
    ObjectNode object = NODES.objectNode();
    object.put("\ufb33", 1);
    object.put("\ud83d\ude00", 2);
    assertThat(utf8(JsonCanonicalizer.canonicalize(object)))
        .isEqualTo("{\"\ud83d\ude00\":2,\"\ufb33\":1}");
  }

  @Test
  void canonicalize_bigIntegerBeyondDouble_isRefusedWithAdvice() {
    ObjectNode tx = NODES.objectNode();
    tx.set("amount", BigIntegerNode.valueOf(new BigInteger("12345678901234567890")));
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(tx))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("number 12345678901234567890 cannot be represented exactly as an IEEE 754"
            + " double (JavaScript would read it as 12345678901234567000); send it as a string"
            + " (at /amount)");
  }

  @Test
  void canonicalize_longBeyondTwoTo53_isRefused() {
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(LongNode.valueOf((1L << 53) + 1)))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("9007199254740993 cannot be represented exactly")
        .hasMessageContaining("at the root");
  }

  @Test
  void canonicalize_integersThatAreDoubles_areWrittenAsJavaScriptDoes() throws Exception {
    assertThat(utf8(JsonCanonicalizer.canonicalize(LongNode.valueOf(1L << 53))))
        .isEqualTo("9007199254740992");
    assertThat(utf8(JsonCanonicalizer.canonicalize(LongNode.valueOf(Long.MIN_VALUE))))
        .isEqualTo("-9223372036854776000");
    assertThat(utf8(JsonCanonicalizer.canonicalize(
        BigIntegerNode.valueOf(BigInteger.TWO.pow(68))))).isEqualTo("295147905179352830000");
    assertThat(utf8(JsonCanonicalizer.canonicalize(
        BigIntegerNode.valueOf(new BigInteger("295147905179352830000")))))
        .isEqualTo("295147905179352830000");
  }

  @Test
  void canonicalize_decimalWithMoreDigitsThanADouble_isRefused() {
    ArrayNode array = NODES.arrayNode();
    array.add(DecimalNode.valueOf(new BigDecimal("0.1000000000000000000001")));
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(array))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("has more significant digits than an IEEE 754 double holds (17)")
        .hasMessageContaining("JavaScript would read it as 0.1")
        .hasMessageEndingWith("(at /0)");
  }

  @Test
  void canonicalize_decimalsWithinDoublePrecision_areRoundedToTheNearestDouble() throws Exception {
    assertThat(utf8(JsonCanonicalizer.canonicalize(
        DecimalNode.valueOf(new BigDecimal("333333333.33333329"))))).isEqualTo("333333333.3333333");
    assertThat(utf8(JsonCanonicalizer.canonicalize(
        DecimalNode.valueOf(new BigDecimal("4.50"))))).isEqualTo("4.5");
    // An exact double written out in full is accepted whatever its length.
    assertThat(utf8(JsonCanonicalizer.canonicalize(
        DecimalNode.valueOf(new BigDecimal(0.1))))).isEqualTo("0.1");
  }

  @Test
  void canonicalize_decimalOutsideDoubleRange_isRefused() {
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(
        DecimalNode.valueOf(new BigDecimal("1e400"))))
        .hasMessageContaining("outside the range of an IEEE 754 double");
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(
        DecimalNode.valueOf(new BigDecimal("1e-400"))))
        .hasMessageContaining("too close to zero");
  }

  @Test
  void canonicalize_nanAndInfinity_areRefused() {
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      ObjectNode object = NODES.objectNode();
      object.set("x", DoubleNode.valueOf(value));
      assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(object))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage("number " + value + " is not allowed: JSON has no NaN or Infinity (at /x)");
    }
  }

  @Test
  void canonicalize_floatNode_writesTheDoubleItWidensTo() throws Exception {
    assertThat(utf8(JsonCanonicalizer.canonicalize(FloatNode.valueOf(0.5f)))).isEqualTo("0.5");
    assertThat(utf8(JsonCanonicalizer.canonicalize(FloatNode.valueOf(0.1f))))
        .isEqualTo("0.10000000149011612");
  }

  @Test
  void canonicalize_loneSurrogateInValue_isRefusedWithItsPath() {
    ObjectNode object = NODES.objectNode();
    object.putArray("a/b").add("ok").add("x\ud800y");
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(object))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("string \"x\\ud800y\" has a lone surrogate U+D800 at index 1; it is not Unicode"
            + " text and has no UTF-8 form (at /a~1b/1)");
  }

  @Test
  void canonicalize_loneSurrogateInName_isRefused() {
    ObjectNode object = NODES.objectNode();
    object.put("\udc00", 1);
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(object))
        .hasMessageContaining("lone surrogate U+DC00");
  }

  @Test
  void canonicalize_binaryNode_isRefused() {
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(BinaryNode.valueOf(new byte[] {1})))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("BINARY node is not JSON data");
  }

  @Test
  void canonicalize_treeContainingItself_isRefusedNotOverflowed() {
    ArrayNode array = NODES.arrayNode();
    array.add(array);
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(array))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("nested deeper than 1000 levels");
  }

  @Test
  void canonicalize_hugeStringInError_isQuotedShortened() {
    String huge = "a".repeat(100_000) + "\ud800";
    assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(TextNode.valueOf(huge)))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200))
        .hasMessageContaining("...(100001 chars)");
  }

  @Test
  void canonicalize_largeStrings_growTheBuffer() throws Exception {
    String text = "é".repeat(10_000);
    assertThat(JsonCanonicalizer.canonicalize(TextNode.valueOf(text)))
        .isEqualTo(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
  }

  /** For each base ({@code %s} standing for input/output), canonicalizes input and compares. */
  private static List<String> failures(List<String> bases, String inSuffix, String outSuffix) {
    List<String> failures = new ArrayList<>();
    for (String base : bases) {
      String input = base.contains("%s") ? String.format(base, "input") + inSuffix : base + inSuffix;
      String output = base.contains("%s") ? String.format(base, "output") + outSuffix : base + outSuffix;
      String want = Vectors.text(output);
      try {
        String got = utf8(JsonCanonicalizer.canonicalize(StrictJson.parse(Vectors.bytes(input), LIMIT)));
        if (!got.equals(want)) {
          failures.add(input + ": got " + got + ", want " + want);
        }
      } catch (JsonFormatException e) {
        failures.add(input + ": " + e.getMessage());
      }
    }
    return failures;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
