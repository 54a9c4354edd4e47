package org.govledger.services.certificate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;

/**
 * Reads the two file formats of the catalogue: a type file ({@code <id>.json}, the shape of
 * {@link CertificateType#toJson()}) and the built-in index ({@code {"types": [ids]}}). JSON is read
 * strictly (no duplicate keys, no trailing content); unknown fields are refused, so that a typo
 * does not silently drop a setting.
 */
final class TypeFile {
  /** The largest type file accepted. */
  static final int MAX_BYTES = 256 * 1024;

  private static final List<String> FIELDS = List.of("id", "version", "names", "subject", "vct",
      "defaultValidityDays", "schema", "example");
  private static final List<String> LANGUAGES = List.of("zh", "en", "ar");

  private TypeFile() {}

  /**
   * Reads the type in {@code bytes}, whose id must be {@code expectedId} (the file's name).
   *
   * @param source names the file in messages
   */
  static CertificateType read(String source, byte[] bytes, String expectedId)
      throws CatalogueException {
    JsonNode root = parse(source, bytes);
    JsonNode id = root.path("id");
    if (id.isTextual() && !id.asText().equals(expectedId)) {
      throw new CatalogueException(source + ": id \"" + id.asText() + "\" does not match the file"
          + " name; a type file is named after its id (" + id.asText() + ".json)");
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new CatalogueException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reads the ids listed by the built-in index. */
  static List<String> readIndex(String source, byte[] bytes) throws CatalogueException {
    JsonNode root = parse(source, bytes);
    JsonNode types = root.path("types");
    if (!root.isObject() || root.size() != 1 || !types.isArray()) {
      throw new CatalogueException(source + ": must be an object with one field, \"types\", listing"
          + " the ids of the built-in types");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : types) {
      if (!id.isTextual() || !CertificateType.ID.matcher(id.asText()).matches()) {
        throw new CatalogueException(source + ": " + id + " is not a type id");
      }
      if (!ids.add(id.asText())) {
        throw new CatalogueException(source + ": lists \"" + id.asText() + "\" twice");
      }
    }
    return List.copyOf(ids);
  }

  static JsonNode parse(String source, byte[] bytes) throws CatalogueException {
    try {
      return StrictJson.parse(bytes, MAX_BYTES);
    } catch (JsonFormatException e) {
      throw new CatalogueException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a type from its JSON form.
   *
   * @throws IllegalArgumentException naming the field and the problem
   */
  static CertificateType fromJson(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("a type file must hold a JSON object");
    }
    checkFields(root, FIELDS, "a type file");
    JsonNode example = field(root, "example");
    if (!example.isObject()) {
      throw new IllegalArgumentException("\"example\" must be an object of claims");
    }
    return new CertificateType(
        text(root, "id"),
        version(field(root, "version")),
        names(field(root, "names")),
        subject(text(root, "subject")),
        text(root, "vct"),
        validity(field(root, "defaultValidityDays")),
        ClaimsSchema.compile(field(root, "schema")),
        (ObjectNode) example);
  }

  private static void checkFields(JsonNode object, List<String> allowed, String what) {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (!allowed.contains(member.getKey())) {
        unknown.add("\"" + member.getKey() + "\"");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown field " + String.join(", ", unknown) + "; "
          + what + " has only " + String.join(", ", allowed));
    }
  }

  private static JsonNode field(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null) {
      throw new IllegalArgumentException("\"" + name + "\" is missing");
    }
    return value;
  }

  private static String text(JsonNode object, String name) {
    JsonNode value = field(object, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }
    return value.asText();
  }

  private static int version(JsonNode version) {
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new IllegalArgumentException("\"version\" must be a whole number, got " + version);
    }
    return version.intValue();
  }

  private static CertificateType.Names names(JsonNode names) {
    if (!names.isObject()) {
      throw new IllegalArgumentException("\"names\" must be an object with zh, en and ar");
    }
    checkFields(names, LANGUAGES, "\"names\"");
    return new CertificateType.Names(
        text(names, "zh"), text(names, "en"), text(names, "ar"));
  }

  private static SubjectKind subject(String subject) {
    return SubjectKind.fromJsonName(subject).orElseThrow(() -> new IllegalArgumentException(
        "\"subject\" must be \"person\" or \"company\", got \"" + subject + "\""));
  }

  private static Optional<Integer> validity(JsonNode days) {
    if (days.isNull()) {
      return Optional.empty();
    }
    if (!days.isIntegralNumber() || !days.canConvertToInt()) {
      throw new IllegalArgumentException("\"defaultValidityDays\" must be a whole number of days,"
          + " or null when certificates of this type do not expire; got " + days);
    }
    return Optional.of(days.intValue());
  }
}
