package org.govledger.services.certificate.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.Character.UnicodeScript;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.govledger.ledger.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * The 24 built-in types, and negative cases derived mechanically from each schema: every required
 * field left out, an unknown field, every string over its maxLength, every enum, pattern and format
 * broken, every field of the wrong type. Each test collects all failures and asserts the list is
 * empty, so one run shows them all.
 */
class BuiltInCatalogueTest {
  private static final Catalogue CATALOGUE = Catalogue.builtIn();

  static final List<String> IDS = List.of(
      "resident-identity-card", "household-register", "birth-certificate", "marriage-certificate",
      "divorce-certificate", "death-certificate", "no-criminal-record-certificate",
      "driving-licence", "vehicle-registration", "business-licence", "residence-permit",
      "social-security-card", "medical-insurance-card", "real-estate-title", "degree-certificate",
      "graduation-certificate", "professional-qualification", "teacher-qualification",
      "health-certificate", "disability-certificate", "taxpayer-registration",
      "food-business-licence", "construction-permit", "public-space-event-permit");

  private static final String MARKER = "⟦SECRET-VALUE⟧";

  @Test
  void builtIn_holdsExactlyThe24Types_sortedById() {
    assertThat(CATALOGUE.size()).isEqualTo(24);
    assertThat(CATALOGUE.all()).extracting(CertificateType::id)
        .containsExactlyElementsOf(IDS.stream().sorted().toList());
    IDS.forEach(id -> assertThat(CATALOGUE.find(id)).as(id).isPresent());
    assertThat(CATALOGUE.find("passport")).isEmpty();
  }

  @Test
  void typesFolder_holdsOneFilePerIndexedType_andNoOthers() throws IOException, URISyntaxException {
    Path folder = Path.of(Catalogue.class.getResource(Catalogue.TYPES).toURI());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(IDS.stream().map(id -> id + ".json").toList());
    }
  }

  @Test
  void everyTypeFile_isExactlyWhatTheApiShows() throws Exception {
    List<String> failures = new ArrayList<>();
    for (CertificateType type : CATALOGUE.all()) {
      JsonNode file = StrictJson.parse(resource(Catalogue.TYPES + type.id() + ".json"), 1 << 20);
      if (!file.equals(type.toJson())) {
        failures.add(type.id() + ": toJson() differs from the type file");
      }
      if (!TypeFile.fromJson(type.toJson()).equals(type)) {
        failures.add(type.id() + ": toJson() does not read back as the same type");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyExample_satisfiesItsSchema() {
    List<String> failures = new ArrayList<>();
    for (CertificateType type : CATALOGUE.all()) {
      type.validate(type.example()).forEach(p -> failures.add(type.id() + " " + p));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyType_isNamedInChineseEnglishAndArabic() {
    List<String> failures = new ArrayList<>();
    for (CertificateType type : CATALOGUE.all()) {
      CertificateType.Names names = type.names();
      if (!uses(names.zh(), UnicodeScript.HAN) || uses(names.zh(), UnicodeScript.LATIN)) {
        failures.add(type.id() + ": zh is not written in Chinese characters: " + names.zh());
      }
      if (!uses(names.ar(), UnicodeScript.ARABIC) || uses(names.ar(), UnicodeScript.LATIN)) {
        failures.add(type.id() + ": ar is not written in Arabic script: " + names.ar());
      }
      if (!names.en().matches("[A-Z][A-Za-z -]+")) {
        failures.add(type.id() + ": en is not plain English words: " + names.en());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyType_hasTheVctOfItsIdAndVersion() {
    for (CertificateType type : CATALOGUE.all()) {
      assertThat(type.vct()).isEqualTo("urn:govledger:vct:" + type.id() + ":" + type.version());
    }
  }

  @Test
  void companyTypes_areTheRegistrationsAndPermitsOfEntities() {
    assertThat(CATALOGUE.all().stream().filter(t -> t.subject() == SubjectKind.COMPANY)
        .map(CertificateType::id))
        .containsExactlyInAnyOrder("business-licence", "taxpayer-registration",
            "food-business-licence", "construction-permit", "public-space-event-permit");
  }

  @Test
  void validity_isEmptyForCertificatesThatDoNotExpire() {
    assertThat(type("birth-certificate").defaultValidityDays()).isEmpty();
    assertThat(type("marriage-certificate").defaultValidityDays()).isEmpty();
    assertThat(type("resident-identity-card").defaultValidityDays()).contains(7300);
    assertThat(type("no-criminal-record-certificate").defaultValidityDays()).contains(90);
  }

  @Test
  void everyFormattedField_alsoHasAPattern() {
    List<String> failures = new ArrayList<>();
    forEachProperty((type, name, rule) -> {
      if (rule.has("format") && !rule.has("pattern")) {
        failures.add(type.id() + "/" + name + " has a format but no pattern");
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void everySchema_refusesAnUnknownField() {
    List<String> failures = new ArrayList<>();
    for (CertificateType type : CATALOGUE.all()) {
      ObjectNode claims = type.example();
      claims.put("unexpectedField", MARKER);
      expectOnly(failures, type, claims, "/unexpectedField",
          "is not defined by this certificate type");
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everySchema_refusesEachMissingRequiredField() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (CertificateType type : CATALOGUE.all()) {
      for (JsonNode name : type.schema().get("required")) {
        ObjectNode claims = type.example();
        claims.remove(name.asText());
        expectOnly(failures, type, claims, "/" + name.asText(), "is required");
        cases++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(cases).isGreaterThan(24 * 5);
  }

  @Test
  void everyStringField_overItsMaxLength_isRefusedWithoutEchoingTheValue() {
    List<String> failures = new ArrayList<>();
    forEachProperty((type, name, rule) -> {
      if (rule.path("type").asText().equals("string")) {
        String tooLong = "秘".repeat(rule.get("maxLength").intValue() + 1);
        expect(failures, type, name, TextNode.valueOf(tooLong), "must be at most");
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void everyEnumField_withAnUnlistedValue_isRefusedWithoutEchoingTheValue() {
    List<String> failures = new ArrayList<>();
    forEachProperty((type, name, rule) -> {
      if (rule.has("enum")) {
        expect(failures, type, name, TextNode.valueOf("⟦X⟧"), "must be one of");
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void everyPatternField_withAValueOffThePattern_isRefusedWithoutEchoingTheValue() {
    List<String> failures = new ArrayList<>();
    forEachProperty((type, name, rule) -> {
      if (rule.has("pattern")) {
        // Within the length bounds, so that only the pattern is broken.
        int length = Math.max(rule.path("minLength").asInt(1),
            Math.min(8, rule.get("maxLength").asInt()));
        expect(failures, type, name, TextNode.valueOf("~".repeat(length)),
            "does not match the pattern");
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void everyDateField_withADayThatDoesNotExist_isRefusedWithoutEchoingTheValue() {
    List<String> failures = new ArrayList<>();
    Map<String, String> impossible = Map.of(
        "date", "2023-02-29", "date-time", "2023-02-29T10:00:00+08:00");
    forEachProperty((type, name, rule) -> {
      if (rule.has("format")) {
        String format = rule.get("format").asText();
        expect(failures, type, name, TextNode.valueOf(impossible.get(format)),
            "is not a valid " + format);
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void everyField_ofTheWrongType_isRefusedWithoutEchoingTheValue() {
    List<String> failures = new ArrayList<>();
    forEachProperty((type, name, rule) -> {
      JsonNode wrong = rule.path("type").asText().equals("string")
          ? IntNode.valueOf(987654321) : TextNode.valueOf(MARKER);
      expect(failures, type, name, wrong, "must be a");
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void arrayItems_areCheckedOneByOne() {
    CertificateType licence = type("driving-licence");
    ObjectNode claims = licence.example();
    claims.putArray("vehicleClasses").add("C1").add("Z9");

    assertThat(licence.validate(claims)).containsExactly(new ClaimProblem(
        "/vehicleClasses/1", "field 'vehicleClasses/1' must be one of: A1, A2, A3, B1, B2, C1, C2,"
            + " C3, C4, C5, C6, D, E, F, M, N, P"));
  }

  /** Puts {@code value} in field {@code name} of the example and expects a problem there. */
  private static void expect(List<String> failures, CertificateType type, String name,
      JsonNode value, String rule) {
    ObjectNode claims = type.example();
    claims.set(name, value);
    List<ClaimProblem> problems = type.validate(claims);
    String where = type.id() + "/" + name + ": ";
    if (problems.stream().noneMatch(p -> p.path().equals("/" + name)
        && p.message().contains("'" + name + "'") && p.message().contains(rule))) {
      failures.add(where + "no problem saying '" + rule + "' at /" + name + " in " + problems);
    }
    if (problems.stream().anyMatch(p -> !p.path().equals("/" + name))) {
      failures.add(where + "problems elsewhere too: " + problems);
    }
    problems.stream().filter(p -> p.message().contains(value.asText()))
        .forEach(p -> failures.add(where + "message echoes the value: " + p));
  }

  private static void expectOnly(List<String> failures, CertificateType type, ObjectNode claims,
      String path, String rule) {
    List<ClaimProblem> problems = type.validate(claims);
    String field = path.substring(1);
    if (problems.size() != 1 || !problems.get(0).path().equals(path)
        || !problems.get(0).message().equals("field '" + field + "' " + rule)) {
      failures.add(type.id() + ": expected only \"" + path + ": field '" + field + "' " + rule
          + "\", got " + problems);
    }
  }

  private interface PropertyVisitor {
    void visit(CertificateType type, String name, JsonNode rule);
  }

  private static void forEachProperty(PropertyVisitor visitor) {
    for (CertificateType type : CATALOGUE.all()) {
      for (Map.Entry<String, JsonNode> property : type.schema().get("properties").properties()) {
        visitor.visit(type, property.getKey(), property.getValue());
      }
    }
  }

  private static boolean uses(String text, UnicodeScript script) {
    return text.codePoints().anyMatch(c -> UnicodeScript.of(c) == script);
  }

  private static CertificateType type(String id) {
    return CATALOGUE.find(id).orElseThrow();
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
