package org.govledger.services.certificate.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateTypeTest {
  private static final Catalogue CATALOGUE = Catalogue.builtIn();
  private static final CertificateType ID_CARD =
      CATALOGUE.find("resident-identity-card").orElseThrow();

  @Test
  void validate_withFourBrokenRules_reportsEachAtItsPathWithoutTheValues() {
    ObjectNode claims = ID_CARD.example();
    claims.put("idNumber", "44030419920314ABCD");
    claims.put("sex", "unspecified");
    claims.put("birthDate", "14/03/1992");
    claims.put("address", "深圳市".repeat(50));

    List<ClaimProblem> problems = ID_CARD.validate(claims);

    assertThat(problems).extracting(ClaimProblem::path).containsExactly(
        "/address", "/birthDate", "/birthDate", "/idNumber", "/sex", "/sex");
    assertThat(problems).extracting(ClaimProblem::message).containsExactly(
        "field 'address' must be at most 128 characters long",
        "field 'birthDate' does not match the pattern"
            + " ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "field 'birthDate' is not a valid date (YYYY-MM-DD, a day that exists)",
        "field 'idNumber' does not match the pattern ^[1-9][0-9]{5}(18|19|20)[0-9]{2}"
            + "(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$",
        "field 'sex' must be at most 6 characters long",
        "field 'sex' must be one of: male, female");
    for (ClaimProblem problem : problems) {
      assertThat(problem.message()).doesNotContain(
          "44030419920314ABCD", "unspecified", "14/03/1992", "深圳市深圳市");
    }
  }

  @Test
  void validate_withADateThatMatchesThePatternButDoesNotExist_isRefused() {
    ObjectNode claims = ID_CARD.example();
    claims.put("validFrom", "2023-02-29");

    assertThat(ID_CARD.validate(claims)).containsExactly(new ClaimProblem("/validFrom",
        "field 'validFrom' is not a valid date (YYYY-MM-DD, a day that exists)"));
  }

  @Test
  void validate_withClaimsThatAreNotAnObject_reportsTheRoot() {
    JsonNode claims = JsonNodeFactory.instance.arrayNode().add("林晓雨");

    assertThat(ID_CARD.validate(claims))
        .containsExactly(new ClaimProblem("", "the claims must be an object"));
  }

  @Test
  void validate_withAnUnknownFieldNamedWithSlashes_pointsAtItEscaped() {
    ObjectNode claims = ID_CARD.example();
    claims.put("a/b~c", 1);

    assertThat(ID_CARD.validate(claims)).containsExactly(new ClaimProblem(
        "/a~1b~0c", "field 'a~1b~0c' is not defined by this certificate type"));
  }

  @Test
  void requireValid_withGoodClaims_returns() throws Exception {
    ID_CARD.requireValid(ID_CARD.example());
  }

  @Test
  void requireValid_withBadClaims_throwsWithEveryProblemAndNoValue() {
    ObjectNode claims = ID_CARD.example();
    claims.remove("name");
    claims.put("idNumber", "110105194912310021-SECRET");

    assertThatThrownBy(() -> ID_CARD.requireValid(claims))
        .isInstanceOfSatisfying(ClaimsRejectedException.class, e -> {
          assertThat(e.typeId()).isEqualTo("resident-identity-card");
          assertThat(e.problems()).extracting(ClaimProblem::path)
              .containsExactly("/idNumber", "/idNumber", "/name");
          assertThat(e.getMessage())
              .startsWith(
                  "claims do not fit certificate type 'resident-identity-card' (3 problems)")
              .doesNotContain("SECRET");
        });
  }

  @Test
  void example_isACopy() {
    ID_CARD.example().put("name", "changed");
    ID_CARD.schema().withObject("properties").remove("name");

    assertThat(ID_CARD.example().get("name").asText()).isEqualTo("林晓雨");
    assertThat(ID_CARD.schema().get("properties").has("name")).isTrue();
  }

  @Test
  void constructor_copiesTheExampleIn() {
    ObjectNode example = ID_CARD.example();
    CertificateType type = withId("copy-test", example);
    example.put("name", "changed");

    assertThat(type.example().get("name").asText()).isEqualTo("林晓雨");
  }

  @Test
  void constructor_withABadId_isRefused() {
    for (String id : List.of("", "a", "Driving-licence", "1st-licence", "driving_licence",
        "x".repeat(65))) {
      assertThatThrownBy(() -> withId(id, ID_CARD.example()))
          .as(id)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a type id");
    }
  }

  @Test
  void constructor_withAnExampleThatBreaksTheSchema_namesTheField() {
    ObjectNode example = ID_CARD.example();
    example.put("sex", "x");

    assertThatThrownBy(() -> withId("bad-example", example))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("example does not satisfy the schema: /sex: field 'sex' must be one of:"
            + " male, female");
  }

  @Test
  void constructor_withBadFields_namesThem() {
    CertificateType.Names names = ID_CARD.names();
    assertThatThrownBy(() -> new CertificateType.Names("居民身份证", " ", "بطاقة"))
        .hasMessageContaining("names.en");
    assertThatThrownBy(() -> new CertificateType("x-y", 0, names, SubjectKind.PERSON, "urn:x",
        Optional.empty(), ID_CARD.claimsSchema(), ID_CARD.example()))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> new CertificateType("x-y", 1, names, SubjectKind.PERSON, "urn x",
        Optional.empty(), ID_CARD.claimsSchema(), ID_CARD.example()))
        .hasMessageContaining("vct");
    assertThatThrownBy(() -> new CertificateType("x-y", 1, names, SubjectKind.PERSON, "urn:x",
        Optional.of(0), ID_CARD.claimsSchema(), ID_CARD.example()))
        .hasMessageContaining("defaultValidityDays");
  }

  @Test
  void toJson_showsNullForCertificatesThatDoNotExpire() {
    ObjectNode json = CATALOGUE.find("birth-certificate").orElseThrow().toJson();

    assertThat(json.get("defaultValidityDays").isNull()).isTrue();
    assertThat(json.get("subject").asText()).isEqualTo("person");
    assertThat(json.get("names").get("zh").asText()).isEqualTo("出生医学证明");
  }

  @Test
  void toString_isShort() {
    assertThat(ID_CARD).hasToString("CertificateType[resident-identity-card v1]");
  }

  private static CertificateType withId(String id, ObjectNode example) {
    return new CertificateType(id, 1, ID_CARD.names(), SubjectKind.PERSON,
        "urn:govledger:vct:" + id + ":1", Optional.of(30), ID_CARD.claimsSchema(), example);
  }
}
