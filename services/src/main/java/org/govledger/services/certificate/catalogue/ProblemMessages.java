package org.govledger.services.certificate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns the validator's errors into {@link ClaimProblem}s. The messages are built here from the
 * keyword and the schema's rule alone, because the validator's own messages may quote the value
 * (its {@code format} message does), and claim values are personal data.
 */
final class ProblemMessages {
  private static final Comparator<ClaimProblem> ORDER =
      Comparator.comparing(ClaimProblem::path).thenComparing(ClaimProblem::message);

  private ProblemMessages() {}

  /** The problems, sorted by path and then message, without duplicates. */
  static List<ClaimProblem> describe(List<Error> errors) {
    TreeSet<ClaimProblem> problems = new TreeSet<>(ORDER);
    for (Error error : errors) {
      problems.add(describe(error));
    }
    return List.copyOf(problems);
  }

  static ClaimProblem describe(Error error) {
    String path = error.getInstanceLocation().toString();
    String keyword = Objects.requireNonNullElse(error.getKeyword(), "");
    JsonNode rule = error.getSchemaNode();
    String property = Objects.requireNonNullElse(error.getProperty(), "");
    return switch (keyword) {
      case "required" -> problem(child(path, property), "is required");
      case "additionalProperties", "unevaluatedProperties" ->
          problem(child(path, property), "is not defined by this certificate type");
      default -> problem(path, rule(keyword, rule));
    };
  }

  private static ClaimProblem problem(String path, String rule) {
    String subject = path.isEmpty() ? "the claims" : "field '" + path.substring(1) + "'";
    return new ClaimProblem(path, subject + " " + rule);
  }

  private static String rule(String keyword, JsonNode rule) {
    return switch (keyword) {
      case "type" -> "must be " + typeName(rule);
      case "pattern" -> "does not match the pattern " + rule.asText();
      case "enum" -> "must be one of: " + list(rule);
      case "const" -> "must be exactly " + rule;
      case "format" -> "is not a valid " + formatName(rule.asText());
      case "maxLength" -> "must be at most " + rule + " characters long";
      case "minLength" -> "must be at least " + rule + " characters long";
      case "maximum" -> "must be at most " + rule;
      case "minimum" -> "must be at least " + rule;
      case "exclusiveMaximum" -> "must be less than " + rule;
      case "exclusiveMinimum" -> "must be greater than " + rule;
      case "multipleOf" -> "must be a multiple of " + rule;
      case "maxItems" -> "must have at most " + rule + " items";
      case "minItems" -> "must have at least " + rule + " items";
      case "uniqueItems" -> "must not list the same item twice";
      case "maxProperties" -> "must have at most " + rule + " fields";
      case "minProperties" -> "must have at least " + rule + " fields";
      default -> "breaks the schema rule '" + keyword + "'";
    };
  }

  private static String typeName(JsonNode type) {
    if (type.isArray()) {
      return "one of the types: " + list(type);
    }
    return switch (type.asText()) {
      case "object" -> "an object";
      case "array" -> "an array";
      case "integer" -> "an integer";
      case "boolean" -> "true or false";
      case "null" -> "null";
      default -> "a " + type.asText();
    };
  }

  private static String formatName(String format) {
    return switch (format) {
      case "date" -> "date (YYYY-MM-DD, a day that exists)";
      case "date-time" -> "date-time (RFC 3339, such as 2024-01-31T09:30:00+08:00)";
      default -> format;
    };
  }

  private static String list(JsonNode values) {
    return StreamSupport.stream(values.spliterator(), false)
        .map(v -> v.isTextual() ? v.asText() : v.toString())
        .collect(Collectors.joining(", "));
  }

  private static String child(String path, String name) {
    if (name.isEmpty()) {
      return path;
    }
    return path + "/" + name.replace("~", "~0").replace("/", "~1");
  }
}
