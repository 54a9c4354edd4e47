package org.govledger.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  private static final int LIMIT = 65536;

  @Test
  void parse_wellFormedTransaction_givesTheTree() throws Exception {
    JsonNode tx = parse("{\"type\":\"transfer\",\"amount\":12.5,\"nonce\":7,\"memo\":\"caf\\u00e9\"}");
    assertThat(tx.get("type").textValue()).isEqualTo("transfer");
    assertThat(tx.get("amount").doubleValue()).isEqualTo(12.5);
    assertThat(tx.get("nonce").intValue()).isEqualTo(7);
    assertThat(tx.get("memo").textValue()).isEqualTo("café");
  }

  @Test
  void parse_duplicateKey_isRefusedWithItsPosition() {
    String json = "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":5,\"nonce\":1,\"nonce\":2}";
    refused(json).hasMessage("duplicate key \"nonce\" at line 1, column 49");
  }

  @Test
  void parse_duplicateKeyInNestedObject_isRefused() {
    refused("{\"a\":{\"x\":1,\n\"x\":1}}").hasMessage("duplicate key \"x\" at line 2, column 1");
  }

  @Test
  void parse_sameKeyInSiblingObjects_isAccepted() throws Exception {
    assertThat(parse("[{\"x\":1},{\"x\":2}]").size()).isEqualTo(2);
  }

  @Test
  void parse_trailingContent_isRefusedWithItsOffset() {
    refused("{\"a\":1} {\"b\":2}").hasMessage("trailing content after the JSON value at offset 8");
  }

  @Test
  void parse_trailingWhitespace_isAccepted() throws Exception {
    assertThat(parse(" {\"a\":1}\r\n\t ").get("a").intValue()).isEqualTo(1);
  }

  @Test
  void parse_trailingGarbageAfterScalar_isRefused() {
    refused("123 x").hasMessageContaining("at offset 4");
  }

  @Test
  void parse_inputOverLimit_isRefusedBeforeParsing() {
    byte[] big = new byte[70000];
    assertThatThrownBy(() -> StrictJson.parse(big, 65536))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("input is 70000 bytes, over the limit of 65536");
  }

  @Test
  void parse_nonPositiveLimit_isAProgrammingError() {
    assertThatThrownBy(() -> StrictJson.parse(new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes must be positive");
  }

  @Test
  void parse_emptyInput_isRefused() {
    refused("  \n").hasMessage("input is empty; expected one JSON value");
  }

  @Test
  void parse_invalidUtf8_isRefusedWithItsOffset() {
    byte[] bytes = {'"', 'a', (byte) 0xff, '"'};
    assertThatThrownBy(() -> StrictJson.parse(bytes, LIMIT))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("input is not valid UTF-8: byte 0xff at offset 2 does not start a well-formed"
            + " sequence");
  }

  @Test
  void parse_overlongUtf8_isRefused() {
    byte[] slash = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    assertThatThrownBy(() -> StrictJson.parse(slash, LIMIT)).hasMessageContaining("offset 1");
  }

  @Test
  void parse_utf8EncodedSurrogate_isRefused() {
    byte[] surrogate = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
    assertThatThrownBy(() -> StrictJson.parse(surrogate, LIMIT)).hasMessageContaining("offset 1");
  }

  @Test
  void parse_truncatedUtf8_isRefused() {
    byte[] truncated = {'"', (byte) 0xe2, (byte) 0x82, '"'};
    assertThatThrownBy(() -> StrictJson.parse(truncated, LIMIT)).hasMessageContaining("offset 1");
  }

  @Test
  void parse_byteOrderMark_isRefused() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'};
    assertThatThrownBy(() -> StrictJson.parse(bom, LIMIT)).hasMessageContaining("byte order mark");
  }

  @Test
  void parse_nestingDeeperThanLimit_isRefused() {
    String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
    refused(deep).hasMessage(
        "objects and arrays are nested deeper than the limit of 32 at line 1, column 33");
  }

  @Test
  void parse_nestingAtLimit_isAccepted() throws Exception {
    String deep = "{\"a\":".repeat(StrictJson.MAX_DEPTH - 1) + "[]" + "}".repeat(StrictJson.MAX_DEPTH - 1);
    assertThat(parse(deep).isObject()).isTrue();
  }

  @Test
  void parse_comment_isRefused() {
    refused("{\"a\":1 /* fee */}").hasMessageContaining("comment").hasMessageContaining("column 8");
    refused("// note\n1").hasMessageContaining("comment");
  }

  @Test
  void parse_nan_isRefused() {
    refused("{\"a\":NaN}").hasMessageContaining("NaN").hasMessageContaining("line 1");
    refused("[Infinity]").hasMessageContaining("Infinity");
    refused("[-Infinity]").hasMessageContaining("Infinity");
  }

  @Test
  void parse_leadingZero_isRefused() {
    refused("{\"amount\":0123}").hasMessageContaining("Leading zeroes not allowed");
  }

  @Test
  void parse_singleQuotes_isRefused() {
    refused("{'a':1}").hasMessageContaining("'''").hasMessageContaining("column 2");
  }

  @Test
  void parse_unquotedName_isRefused() {
    refused("{a:1}").hasMessageContaining("double-quote to start field name");
  }

  @Test
  void parse_trailingComma_isRefused() {
    refused("[1,2,]").hasMessageContaining("malformed JSON");
    refused("{\"a\":1,}").hasMessageContaining("malformed JSON");
  }

  @Test
  void parse_unescapedControlCharacter_isRefused() {
    refused("\"a\tb\"").hasMessageContaining("CTRL-CHAR");
  }

  @Test
  void parse_numberForms_outsideJson_areRefused() {
    refused("+1").hasMessageContaining("malformed JSON");
    refused(".5").hasMessageContaining("malformed JSON");
    refused("1.").hasMessageContaining("malformed JSON");
    refused("0x10").hasMessageContaining("malformed JSON");
  }

  @Test
  void parse_bigIntegerBeyondDouble_isRefused() {
    refused("{\"id\":12345678901234567890}").hasMessage("number 12345678901234567890 cannot be"
        + " represented exactly as an IEEE 754 double (JavaScript would read it as"
        + " 12345678901234567000); send it as a string at line 1, column 7");
  }

  @Test
  void parse_integerJustAboveTwoTo53_isRefused() {
    refused("9007199254740993").hasMessageContaining("cannot be represented exactly");
  }

  @Test
  void parse_javaScriptSpellingOfLargeDouble_isAccepted() throws Exception {
    assertThat(JsonCanonicalizer.canonicalize(parse("295147905179352830000")))
        .asString(StandardCharsets.UTF_8).isEqualTo("295147905179352830000");
  }

  @Test
  void parse_decimalWithMoreDigitsThanADouble_isRefused() {
    refused("[1.00000000000000000001]").hasMessageContaining("more significant digits");
  }

  @Test
  void parse_numberOutOfDoubleRange_isRefused() {
    refused("[1e309]").hasMessageContaining("outside the range");
    refused("[1e-400]").hasMessageContaining("too close to zero");
  }

  @Test
  void parse_negativeZero_isRefused() {
    refused("{\"a\":-0}").hasMessageContaining("negative zero -0").hasMessageContaining("column 6");
    refused("[-0.0]").hasMessageContaining("negative zero -0.0");
    refused("[-0e5]").hasMessageContaining("negative zero");
  }

  @Test
  void parse_positiveZeros_areAccepted() throws Exception {
    assertThat(JsonCanonicalizer.canonicalize(parse("[0,0.0,0e10]")))
        .asString(StandardCharsets.UTF_8).isEqualTo("[0,0,0]");
  }

  @Test
  void parse_escapedLoneSurrogate_isRefused() {
    refused("[\"a\\ud800\"]").hasMessageContaining("lone surrogate U+D800");
    refused("{\"\\udc00\":1}").hasMessageContaining("lone surrogate U+DC00");
  }

  @Test
  void parse_escapedSurrogatePair_isAccepted() throws Exception {
    assertThat(parse("\"\\ud83d\\ude00\"").textValue()).isEqualTo("\ud83d\ude00");
  }

  @Test
  void parse_hugeBadToken_isNotEchoedInFull() {
    String json = "[" + "x".repeat(60_000) + "]";
    refused(json).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void parse_hugeDuplicateKey_isQuotedShortened() {
    String key = "k".repeat(5000);
    refused("{\"" + key + "\":1,\"" + key + "\":2}")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(150))
        .hasMessageContaining("...(5000 chars)");
  }

  @Test
  void parse_hugeNumber_isNotEchoedInFull() {
    refused("[1" + "1".repeat(900) + "]")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void parse_exponentBeyondInt_isRefused() {
    refused("[1e99999999999]").hasMessage(
        "number 1e99999999999 cannot be read: its exponent is out of range at line 1, column 2");
  }

  private static JsonNode parse(String json) throws JsonFormatException {
    return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), LIMIT);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String json) {
    return assertThatThrownBy(() -> parse(json)).isInstanceOf(JsonFormatException.class);
  }
}
