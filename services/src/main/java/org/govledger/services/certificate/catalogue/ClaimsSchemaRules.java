package org.govledger.services.certificate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue's own rules for a claims schema, beyond being valid JSON Schema: the claims are a
 * closed object, every value is bounded, and the schema stands alone. Problems are reported by
 * their JSON Pointer into the schema, all at once.
 */
final class ClaimsSchemaRules {
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> SCHEMA_VALUES = Set.of("additionalProperties", "items",
      "contains", "not", "if", "then", "else", "propertyNames", "unevaluatedItems",
      "unevaluatedProperties");
  private static final Set<String> SHAPING = Set.of("type", "enum", "const", "$ref", "allOf",
      "anyOf", "oneOf");

  private ClaimsSchemaRules() {}

  /** Throws {@link IllegalArgumentException} listing every rule {@code schema} breaks. */
  static void check(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    if (!"object".equals(schema.path("type").asText())) {
      problems.add("the top level must say \"type\": \"object\": claims are a JSON object");
    }
    walk(schema, "", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "schema breaks the catalogue's rules: " + String.join("; ", problems));
    }
  }

  private static void walk(JsonNode schema, String at, List<String> problems) {
    String where = at.isEmpty() ? "the top level" : at;
    if (schema.isBoolean()) {
      if (schema.booleanValue() && !at.isEmpty()) {
        problems.add(where + " is `true`, which accepts any value; give it a type and bounds");
      }
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    checkReferences(schema, where, problems);
    List<String> types = types(schema.get("type"));
    if (types.contains("string") && !schema.path("maxLength").isIntegralNumber()) {
      problems.add(where + " is a string without maxLength; every string claim needs a bound");
    }
    if (types.contains("array") && !schema.path("maxItems").isIntegralNumber()) {
      problems.add(where + " is an array without maxItems; every list claim needs a bound");
    }
    if (types.contains("object")) {
      checkObject(schema, where, problems);
    }
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      String key = keyword.getKey();
      String child = at + "/" + escape(key);
      if (SCHEMA_MAPS.contains(key)) {
        for (Map.Entry<String, JsonNode> entry : keyword.getValue().properties()) {
          String member = child + "/" + escape(entry.getKey());
          checkShaped(key, entry.getValue(), member, problems);
          walk(entry.getValue(), member, problems);
        }
      } else if (SCHEMA_LISTS.contains(key)) {
        for (int i = 0; i < keyword.getValue().size(); i++) {
          walk(keyword.getValue().get(i), child + "/" + i, problems);
        }
      } else if (SCHEMA_VALUES.contains(key)) {
        if (key.equals("items")) {
          checkShaped(key, keyword.getValue(), child, problems);
        }
        walk(keyword.getValue(), child, problems);
      }
    }
  }

  private static void checkObject(JsonNode schema, String where, List<String> problems) {
    boolean closed = schema.path("additionalProperties").isBoolean()
        && !schema.path("additionalProperties").booleanValue();
    if (!closed) {
      problems.add(where + " must set \"additionalProperties\": false, so that no claim goes"
          + " unchecked");
    }
    JsonNode properties = schema.path("properties");
    for (JsonNode name : schema.path("required")) {
      if (!properties.has(name.asText())) {
        problems.add(where + " requires \"" + name.asText() + "\" but its properties do not"
            + " define it");
      }
    }
  }

  private static void checkShaped(String keyword, JsonNode schema, String where,
      List<String> problems) {
    if (!keyword.equals("properties") && !keyword.equals("items")) {
      return;
    }
    if (schema.isObject() && SHAPING.stream().noneMatch(schema::has)) {
      problems.add(where + " accepts any value; give it a type, an enum, a const or a $ref");
    }
  }

  private static void checkReferences(JsonNode schema, String where, List<String> problems) {
    if (schema.has("$id")) {
      problems.add(where + " has an $id; a type's schema must stand alone, without $id");
    }
    for (String keyword : List.of("$ref", "$dynamicRef")) {
      JsonNode reference = schema.get(keyword);
      if (reference != null && !reference.asText().startsWith("#")) {
        problems.add(where + " refers outside the schema (" + keyword + " " + reference
            + "); only references within it (#/$defs/...) are allowed");
      }
    }
  }

  private static List<String> types(JsonNode type) {
    List<String> types = new ArrayList<>();
    if (type == null) {
      return types;
    }
    if (type.isTextual()) {
      types.add(type.asText());
    }
    for (JsonNode each : type) {
      types.add(each.asText());
    }
    return types;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
