package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govledger.credentials.CredentialException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VpResponseTest {
  private static final String PRESENTATION = "eyJhbGciOiJFZERTQSJ9.eyJ2Y3QiOiJ4In0.c2ln"
      + "~WyJzYWx0IiwibmFtZSIsIuW8oOS4iSJd~eyJ0eXAiOiJrYitqd3QifQ.e30.c2ln";

  @Test
  void formBody_roundTrips() throws Exception {
    VpResponse response = new VpResponse(Map.of("resident_id", List.of(PRESENTATION)),
        Fixtures.STATE);

    String body = response.toFormBody();

    assertThat(body).startsWith("vp_token=%7B%22resident_id%22%3A%5B%22eyJ")
        .endsWith("&state=" + Fixtures.STATE);
    assertThat(VpResponse.parseForm(body)).isEqualTo(response);
    assertThat(VpResponse.parseForm(body).presentations("resident_id"))
        .containsExactly(PRESENTATION);
    assertThat(response.presentations("other")).isEmpty();
  }

  @Test
  void toString_showsNoPresentation() {
    VpResponse response = new VpResponse(Map.of("resident_id", List.of(PRESENTATION)),
        Fixtures.STATE);

    assertThat(response.toString()).doesNotContain("eyJ").contains("resident_id=1");
  }

  @Test
  void parseForm_ignoresUnknownParameters() throws Exception {
    String body = new VpResponse(Map.of("a", List.of("x~")), "s").toFormBody() + "&iss=wallet";

    assertThat(VpResponse.parseForm(body).state()).isEqualTo("s");
  }

  @Test
  void parseForm_walletError_isReported() {
    refused("error=access_denied&error_description=no&state=s", Openid4vpCodes.WALLET_ERROR,
        "\"access_denied\"");
    refused("error=%3Cscript%3E&state=s", Openid4vpCodes.WALLET_ERROR, "(unreadable)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "state=s|missing-parameter|no vp_token",
      "vp_token=%7B%22a%22%3A%5B%22x%22%5D%7D|missing-parameter|no state",
      "vp_token=%5B%5D&state=s|malformed|not an array",
      "vp_token=%7B%7D&state=s|malformed|at least one",
      "vp_token=%7B%22a%22%3A%22x%22%7D&state=s|malformed|must be an array",
      "vp_token=%7B%22a%22%3A%5B%5D%7D&state=s|malformed|non-empty array",
      "vp_token=%7B%22a%22%3A%5B1%5D%7D&state=s|malformed|must hold strings",
      "vp_token=%7B%22a%20b%22%3A%5B%22x%22%5D%7D&state=s|malformed|vp_token key",
      "vp_token=%7B%22a%22%3A%5B%22x%22%5D%2C%22a%22%3A%5B%22y%22%5D%7D&state=s|malformed|strict",
      "vp_token=%7B%22a%22%3A%5B%22x%22%5D%7D&state=s&state=t|malformed|more than once",
      "vp_token=%7B%22a%22%3A%5B%22x%22%5D%7D&state=not%20safe|malformed|URL-safe",
      "vp_token=%7B%22a%22%3A%5B%22x%22%5D%7D&state=%E4|malformed|not UTF-8"})
  void parseForm_badBodies_areRefused(String testCase) {
    String[] parts = testCase.split("\\|");
    refused(parts[0], parts[1], parts[2]);
  }

  @Test
  void parseForm_tooLarge_isRefused() {
    refused("vp_token=" + "a".repeat(VpResponse.MAX_LENGTH), CredentialException.TOO_LARGE,
        "over the limit");
  }

  @Test
  void checkAnswers_needsEveryQueryOnceAndNoOther() throws Exception {
    DcqlQuery query = new DcqlQuery(List.of(
        new DcqlQuery.CredentialQuery("id_card", List.of(Fixtures.VCT), List.of(), false),
        new DcqlQuery.CredentialQuery("degrees", List.of("urn:x"), List.of(), true)));
    Map<String, List<String>> token = new LinkedHashMap<>();
    token.put("id_card", List.of("p1~"));
    token.put("degrees", List.of("p2~", "p3~"));
    new VpResponse(token, "s").checkAnswers(query);

    mismatch(Map.of("id_card", List.of("p1~")), query, "no answer to credential query \"degrees\"");
    mismatch(Map.of("id_card", List.of("p1~", "p2~"), "degrees", List.of("p3~")), query,
        "allows one");
    mismatch(Map.of("id_card", List.of("p1~"), "degrees", List.of("p3~"), "bank", List.of("p")),
        query, "not asked: [bank]");
    assertThat(query.queryIds()).isEqualTo(Set.of("id_card", "degrees"));
  }

  private static void mismatch(Map<String, List<String>> token, DcqlQuery query, String message) {
    assertThatThrownBy(() -> new VpResponse(token, "s").checkAnswers(query))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.RESPONSE_MISMATCH))
        .hasMessageContaining(message);
  }

  private static void refused(String body, String code, String message) {
    assertThatThrownBy(() -> VpResponse.parseForm(body))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContaining(message);
  }
}
