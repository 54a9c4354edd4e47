package org.govledger.services.certificate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The JSON Schema (2020-12) of one certificate type's claims, compiled once and safe to use from
 * many threads.
 *
 * <p>{@link #compile} accepts only schemas that keep claims closed and bounded: a valid 2020-12
 * schema for an object with {@code "additionalProperties": false}, every string with a
 * {@code maxLength}, every array with a {@code maxItems}, and references only inside the schema
 * (nothing is ever fetched). Formats ({@code date}, {@code date-time}, ...) are asserted, not just
 * annotations, so {@code 2024-02-30} is refused even where a pattern lets it through.
 */
public final class ClaimsSchema {
  /** The one dialect accepted, as a schema's {@code $schema} names it. */
  public static final String DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

  // Immutable configuration; the registry only caches the bundled meta-schemas.
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12,
      builder -> builder
          .schemaRegistryConfig(SchemaRegistryConfig.builder()
              .pathType(PathType.JSON_POINTER)
              .formatAssertionsEnabled(true)
              .build())
          .schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private static final int MAX_LISTED = 5;

  private final JsonNode json;
  private final Schema compiled;

  private ClaimsSchema(JsonNode json, Schema compiled) {
    this.json = json;
    this.compiled = compiled;
  }

  /**
   * Checks and compiles a claims schema.
   *
   * @throws IllegalArgumentException naming every rule the schema breaks, or why it does not
   *     compile
   */
  public static ClaimsSchema compile(JsonNode schema) {
    Objects.requireNonNull(schema, "schema");
    JsonNode copy = schema.deepCopy();
    checkAgainstMetaSchema(copy);
    ClaimsSchemaRules.check(copy);
    try {
      Schema compiled = REGISTRY.getSchema(copy);
      compiled.initializeValidators();
      return new ClaimsSchema(copy, compiled);
    } catch (SchemaException e) {
      throw new IllegalArgumentException("schema does not compile: " + e.getMessage(), e);
    }
  }

  /** A copy of the schema as JSON. */
  public JsonNode json() {
    return json.deepCopy();
  }

  /**
   * Every way {@code claims} break this schema, sorted by path; empty when they satisfy it. Each
   * message names the field and the rule, never the value.
   */
  public List<ClaimProblem> validate(JsonNode claims) {
    Objects.requireNonNull(claims, "claims");
    return ProblemMessages.describe(compiled.validate(claims));
  }

  private static void checkAgainstMetaSchema(JsonNode schema) {
    if (!schema.isObject()) {
      throw new IllegalArgumentException(
          "schema must be a JSON object, got " + schema.getNodeType());
    }
    JsonNode dialect = schema.get("$schema");
    if (dialect != null && !DIALECT.equals(dialect.asText())) {
      throw new IllegalArgumentException("schema declares $schema " + dialect
          + "; only JSON Schema 2020-12 (" + DIALECT + ") is supported");
    }
    List<Error> errors = MetaSchema.SCHEMA.validate(schema);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("schema is not valid JSON Schema 2020-12: "
          + errors.stream().limit(MAX_LISTED)
              .map(e -> "at " + pointer(e) + " " + e.getMessage())
              .collect(Collectors.joining("; "))
          + (errors.size() > MAX_LISTED ? "; and " + (errors.size() - MAX_LISTED) + " more" : ""));
    }
  }

  private static String pointer(Error error) {
    String path = error.getInstanceLocation().toString();
    return path.isEmpty() ? "the top level" : path;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClaimsSchema that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "ClaimsSchema" + json.path("properties").properties().stream()
        .map(Map.Entry::getKey)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** The 2020-12 meta-schema, bundled in the validator's jar; loaded on first use. */
  private static final class MetaSchema {
    static final Schema SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT));
  }
}
