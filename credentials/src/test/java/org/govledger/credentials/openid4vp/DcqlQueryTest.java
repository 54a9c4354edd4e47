package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.govledger.credentials.CredentialException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DcqlQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void single_asksForOneCredentialWithSortedClaims() throws Exception {
    DcqlQuery query = DcqlQuery.single("resident_id", Set.of(Fixtures.VCT),
        Set.of("name", "idNumber", "birthDate"));

    assertThat(query.toJson()).isEqualTo(JSON.readTree("{\"credentials\":[{\"id\":\"resident_id\","
        + "\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"" + Fixtures.VCT + "\"]},"
        + "\"claims\":[{\"path\":[\"birthDate\"]},{\"path\":[\"idNumber\"]},{\"path\":[\"name\"]}]}]}"));
    assertThat(query.queryIds()).containsExactly("resident_id");
    assertThat(query.vctValues("resident_id")).containsExactly(Fixtures.VCT);
    assertThat(query.claimNames("resident_id")).containsExactly("birthDate", "idNumber", "name");
    assertThat(DcqlQuery.parse(query.toJson().toString())).isEqualTo(query);
  }

  @Test
  void single_withoutClaims_asksForNoDisclosure() throws Exception {
    DcqlQuery query = DcqlQuery.single("card", Set.of(Fixtures.VCT), Set.of());

    assertThat(query.toJson().get("credentials").get(0).has("claims")).isFalse();
    assertThat(DcqlQuery.parse(query.toJson().toString()).claimNames("card")).isEmpty();
  }

  @Test
  void helpers_unknownQueryId_isAnError() {
    assertThatThrownBy(() -> Fixtures.query().claimNames("bank"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bank\"");
    assertThat(Fixtures.query().credential("bank")).isEmpty();
  }

  @Test
  void parse_keepsClaimIdsAndMultiple_andIgnoresUnknownMembers() throws Exception {
    DcqlQuery query = DcqlQuery.parse("{\"credentials\":[{\"id\":\"a-1\",\"format\":\"dc+sd-jwt\","
        + "\"multiple\":true,\"require_cryptographic_holder_binding\":true,\"future\":1,"
        + "\"meta\":{\"vct_values\":[\"v1\",\"v2\"],\"future\":{}},"
        + "\"claims\":[{\"id\":\"c\",\"path\":[\"name\"],\"future\":[]}]}],\"future\":true}");

    DcqlQuery.CredentialQuery only = query.credentials().get(0);
    assertThat(only.multiple()).isTrue();
    assertThat(only.vctValues()).containsExactly("v1", "v2");
    assertThat(only.claims()).containsExactly(new DcqlQuery.ClaimQuery(Optional.of("c"), "name"));
    assertThat(query.toJson().toString()).isEqualTo("{\"credentials\":[{\"id\":\"a-1\","
        + "\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v1\",\"v2\"]},"
        + "\"claims\":[{\"id\":\"c\",\"path\":[\"name\"]}],\"multiple\":true}]}");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("no credentials", q -> q.remove("credentials"), "missing-parameter",
            "no \"credentials\""),
        refusal("empty credentials", q -> q.putArray("credentials"), "malformed", "non-empty"),
        refusal("credential_sets", q -> q.putArray("credential_sets"), "unsupported-query",
            "credential_sets"),
        refusal("id with a dot", q -> first(q).put("id", "a.b"), "malformed", "A-Z a-z 0-9 _ -"),
        refusal("empty id", q -> first(q).put("id", ""), "malformed", "non-empty string"),
        refusal("id too long", q -> first(q).put("id", "a".repeat(65)), "malformed",
            "over the limit of 64"),
        refusal("id not a string", q -> first(q).put("id", 7), "malformed", "must be a string"),
        refusal("same id twice", q -> ((com.fasterxml.jackson.databind.node.ArrayNode)
            q.get("credentials")).add(first(q).deepCopy()), "malformed", "appears twice"),
        refusal("mdoc", q -> first(q).put("format", "mso_mdoc"), "unsupported-query",
            "\"mso_mdoc\""),
        refusal("no format", q -> first(q).remove("format"), "missing-parameter",
            "no \"format\""),
        refusal("no meta", q -> first(q).remove("meta"), "missing-parameter", "no \"meta\""),
        refusal("no vct_values", q -> first(q).putObject("meta"), "missing-parameter",
            "meta.vct_values"),
        refusal("empty vct_values", q -> first(q).putObject("meta").putArray("vct_values"),
            "malformed", "non-empty array"),
        refusal("vct not a string", q -> first(q).putObject("meta").putArray("vct_values").add(1),
            "malformed", "must hold strings"),
        refusal("vct twice", q -> first(q).putObject("meta").putArray("vct_values").add("v")
            .add("v"), "malformed", "twice"),
        refusal("no holder binding", q -> first(q).put("require_cryptographic_holder_binding",
            false), "unsupported-query", "key binding"),
        refusal("multiple not boolean", q -> first(q).put("multiple", "yes"), "malformed",
            "must be a boolean"),
        refusal("trusted_authorities", q -> first(q).putArray("trusted_authorities"),
            "unsupported-query", "trusted_authorities"),
        refusal("claim_sets", q -> first(q).putArray("claim_sets"), "unsupported-query",
            "claim_sets"),
        refusal("empty claims", q -> first(q).putArray("claims"), "malformed", "non-empty"),
        refusal("claim without path", q -> claim(q).remove("path"), "missing-parameter",
            "no \"path\""),
        refusal("empty path", q -> claim(q).putArray("path"), "malformed", "non-empty array"),
        refusal("negative index", q -> claim(q).putArray("path").add("a").add(-1), "malformed",
            "non-negative integers"),
        refusal("boolean in path", q -> claim(q).putArray("path").add(true), "malformed",
            "not a boolean"),
        refusal("nested path", q -> claim(q).putArray("path").add("address").add("city"),
            "unsupported-query", "path of 2"),
        refusal("array path", q -> claim(q).putArray("path").add("degrees").addNull(),
            "unsupported-query", "one claim name"),
        refusal("index path", q -> claim(q).putArray("path").add(0), "unsupported-query",
            "one claim name"),
        refusal("value matching", q -> claim(q).putArray("values").add("x"),
            "unsupported-query", "\"values\""),
        refusal("same claim twice", q -> ((com.fasterxml.jackson.databind.node.ArrayNode)
            first(q).get("claims")).add(claim(q).deepCopy()), "malformed", "twice"),
        refusal("bad claim id", q -> claim(q).put("id", "a b"), "malformed", "claim id"),
        refusal("empty claim name", q -> claim(q).putArray("path").add(""), "malformed",
            "non-empty string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void fromJson_refusesWhatItMust(String name, Consumer<ObjectNode> change, String code,
      String message) {
    ObjectNode query = Fixtures.query().toJson();
    change.accept(query);

    assertThatThrownBy(() -> DcqlQuery.fromJson(query))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void parse_notJson_orNotAnObject_isMalformed() {
    assertThatThrownBy(() -> DcqlQuery.parse("{\"credentials\": ["))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.MALFORMED));
    assertThatThrownBy(() -> DcqlQuery.parse("[]")).hasMessageContaining("not an array");
    assertThatThrownBy(() -> DcqlQuery.parse(" ".repeat(DcqlQuery.MAX_LENGTH + 1)))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.TOO_LARGE));
  }

  @Property(tries = 200)
  void toJson_thenParse_givesTheSameQuery(
      @ForAll @NotEmpty @StringLength(max = 20) @AlphaChars String id,
      @ForAll @NotEmpty @Size(max = 3) Set<@NotEmpty @StringLength(max = 30) String> vcts,
      @ForAll @Size(max = 6) Set<@NotEmpty @StringLength(max = 20) String> claims)
      throws Exception {
    DcqlQuery query = DcqlQuery.single(id, vcts, claims);

    assertThat(DcqlQuery.parse(query.toJson().toString())).isEqualTo(query);
    assertThat(query.claimNames(id)).containsExactlyInAnyOrderElementsOf(claims);
    assertThat(query.vctValues(id)).containsExactlyInAnyOrderElementsOf(vcts);
  }

  private static Arguments refusal(String name, Consumer<ObjectNode> change, String code,
      String message) {
    return Arguments.of(name, change, code, message);
  }

  private static ObjectNode first(ObjectNode query) {
    return (ObjectNode) query.get("credentials").get(0);
  }

  private static ObjectNode claim(ObjectNode query) {
    return (ObjectNode) first(query).get("claims").get(0);
  }
}
