package org.govledger.services.certificate.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClaimsSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void compile_withAClosedBoundedSchema_validates() {
    ClaimsSchema schema = ClaimsSchema.compile(json("""
        {"type": "object", "additionalProperties": false, "required": ["name"],
         "properties": {"name": {"type": "string", "maxLength": 8}}}"""));

    assertThat(schema.validate(json("{'name': '林晓雨'}"))).isEmpty();
    assertThat(schema.validate(json("{}")))
        .containsExactly(new ClaimProblem("/name", "field 'name' is required"));
  }

  @Test
  void compile_withLocalReferencesAndNestedObjects_pointsIntoThem() {
    ClaimsSchema schema = ClaimsSchema.compile(json("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object", "additionalProperties": false,
         "$defs": {"person": {"type": "object", "additionalProperties": false,
                              "required": ["name"],
                              "properties": {"name": {"type": "string", "maxLength": 8}}}},
         "properties": {"holder": {"$ref": "#/$defs/person"}}}"""));

    assertThat(schema.validate(json("{'holder': {'nick': 'x'}}"))).containsExactly(
        new ClaimProblem("/holder/name", "field 'holder/name' is required"),
        new ClaimProblem("/holder/nick",
            "field 'holder/nick' is not defined by this certificate type"));
  }

  @Test
  void compile_refusesSchemasThatLeaveClaimsOpenOrUnbounded() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{'type': 'object', 'properties': {}}", "'additionalProperties': false");
    cases.put("{'type': 'object', 'additionalProperties': true}", "'additionalProperties': false");
    cases.put("{'type': 'array', 'maxItems': 1}", "'type': 'object'");
    cases.put(closed("{'a': {'type': 'string'}}"), "/properties/a is a string without maxLength");
    cases.put(closed("{'a': {'type': 'array', 'items': {'type': 'integer'}}}"),
        "/properties/a is an array without maxItems");
    cases.put(closed("{'a': {'type': 'object'}}"),
        "/properties/a must set 'additionalProperties': false");
    cases.put(closed("{'a': true}"), "/properties/a is `true`");
    cases.put(closed("{'a': {'description': 'anything'}}"), "/properties/a accepts any value");
    cases.put("{'type': 'object', 'additionalProperties': false, 'required': ['b']}",
        "requires 'b'");
    cases.put(closed("{'a': {'$ref': 'https://example.org/a.json'}}"), "refers outside the schema");
    cases.put("{'$id': 'urn:x', 'type': 'object', 'additionalProperties': false}", "has an $id");
    cases.forEach((schema, problem) ->
        assertThatThrownBy(() -> ClaimsSchema.compile(json(schema)))
            .as(schema)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("schema breaks the catalogue's rules: ")
            .hasMessageContaining(problem.replace('\'', '"')));
  }

  @Test
  void compile_refusesWhatIsNotJsonSchema202012() {
    assertThatThrownBy(() -> compile(closed("{'a': {'type': 'string', 'maxLength': 'ten'}}")))
        .hasMessageStartingWith(
            "schema is not valid JSON Schema 2020-12: at /properties/a/maxLength");
    assertThatThrownBy(() -> compile(closed("{'a': {'type': 'text', 'maxLength': 1}}")))
        .hasMessageContaining("/properties/a/type");
    assertThatThrownBy(() -> compile(
        closed("{'a': {'type': 'string', 'maxLength': 9, 'pattern': '['}}")))
        .hasMessageContaining("/properties/a/pattern");
    assertThatThrownBy(() -> compile(
        "{'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object'}"))
        .hasMessageContaining("only JSON Schema 2020-12");
    assertThatThrownBy(() -> compile("[]"))
        .hasMessage("schema must be a JSON object, got ARRAY");
  }

  @Test
  void compiledSchemas_doNotShareRules() {
    ClaimsSchema shortText = compile(closed("{'a': {'type': 'string', 'maxLength': 2}}"));
    ClaimsSchema longText = compile(closed("{'a': {'type': 'string', 'maxLength': 20}}"));
    JsonNode claims = json("{'a': 'abcde'}");

    assertThat(shortText.validate(claims)).hasSize(1);
    assertThat(longText.validate(claims)).isEmpty();
  }

  @Test
  void validate_fromManyThreads_givesTheSameAnswers() {
    CertificateType type = Catalogue.builtIn().find("business-licence").orElseThrow();
    ObjectNode bad = type.example();
    bad.put("unifiedSocialCreditCode", "not a code");
    List<ClaimProblem> expected = type.validate(bad);

    List<List<ClaimProblem>> answers = IntStream.range(0, 400).parallel()
        .mapToObj(i -> type.validate(i % 2 == 0 ? bad : type.example()))
        .toList();

    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i)).isEqualTo(i % 2 == 0 ? expected : List.of());
    }
  }

  @Test
  void json_isACopy() {
    ClaimsSchema schema = compile(closed("{}"));
    ((ObjectNode) schema.json()).put("type", "array");

    assertThat(schema.json().get("type").asText()).isEqualTo("object");
  }

  private static String closed(String properties) {
    return "{'type': 'object', 'additionalProperties': false, 'properties': " + properties + "}";
  }

  private static ClaimsSchema compile(String schema) {
    return ClaimsSchema.compile(json(schema));
  }

  /** Reads JSON written with single quotes, for readability; no test string holds a quote. */
  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
