package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.govledger.credentials.CredentialException;
import org.junit.jupiter.api.Test;

/**
 * The examples of OpenID4VP 1.0 in {@code src/test/resources/openid4vp} (see the README there):
 * each file is one case; every case runs and the failures are listed together.
 */
class SpecificationVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dcqlQueries_parseAndWriteBack_orAreRefusedAsExpected() {
    List<String> failures = new ArrayList<>();
    for (Path file : vectors("dcql")) {
      JsonNode vector = read(file);
      JsonNode expect = vector.get("expect");
      try {
        DcqlQuery query = DcqlQuery.fromJson(vector.get("query"));
        if (expect.has("code")) {
          failures.add(file.getFileName() + ": accepted, want " + expect.get("code"));
          continue;
        }
        if (!query.toJson().equals(vector.get("query"))) {
          failures.add(file.getFileName() + ": written back as " + query.toJson());
        }
        if (!DcqlQuery.parse(query.toJson().toString()).equals(query)) {
          failures.add(file.getFileName() + ": does not read back equal");
        }
        for (Map.Entry<String, JsonNode> entry : expect.get("queries").properties()) {
          List<String> vcts = strings(entry.getValue().get("vct_values"));
          List<String> claims = strings(entry.getValue().get("claims"));
          if (!List.copyOf(query.vctValues(entry.getKey())).equals(vcts)
              || !List.copyOf(query.claimNames(entry.getKey())).equals(claims)) {
            failures.add(file.getFileName() + ": query " + entry.getKey() + " reads as "
                + query.vctValues(entry.getKey()) + " " + query.claimNames(entry.getKey()));
          }
        }
      } catch (CredentialException e) {
        checkRefusal(file, expect, e, failures);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void requestObjects_readWithOurAdditions_writeBackAndRefuseWhatTheyMust() {
    List<String> failures = new ArrayList<>();
    for (Path file : vectors("request-objects")) {
      JsonNode vector = read(file);
      ObjectNode payload = (ObjectNode) vector.get("payload");
      try {
        PresentationRequest.fromJson(payload);
        failures.add(file.getFileName() + ": accepted without our additions");
      } catch (CredentialException e) {
        checkRefusal(file, vector.get("without_additions"), e, failures);
      }
      if (!vector.has("additions")) {
        continue;
      }
      ObjectNode completed = payload.deepCopy();
      completed.setAll((ObjectNode) vector.get("additions"));
      try {
        PresentationRequest request = PresentationRequest.fromJson(completed);
        ObjectNode expected = completed.deepCopy();
        vector.get("dropped").forEach(name -> expected.remove(name.textValue()));
        expected.put("aud", PresentationRequest.AUDIENCE);
        if (!JSON.readTree(request.toJson().toString()).equals(expected)) {
          failures.add(file.getFileName() + ": written back as " + request.toJson());
        }
        if (!request.clientId().equals(payload.get("client_id").textValue())
            || !request.nonce().equals(payload.get("nonce").textValue())
            || !request.state().equals(payload.get("state").textValue())
            || !request.responseUri().equals(payload.get("response_uri").textValue())
            || !request.dcqlQuery().toJson().equals(payload.get("dcql_query"))) {
          failures.add(file.getFileName() + ": fields read as " + request);
        }
        PresentationRequest.refusePrefix(request.clientId());
        failures.add(file.getFileName() + ": client_id prefix accepted");
      } catch (CredentialException e) {
        checkRefusal(file, vector.get("client_id_prefix"), e, failures);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void vpTokens_parseFromTheFormBodyAndAnswerTheirQuery() {
    List<String> failures = new ArrayList<>();
    for (Path file : vectors("vp-tokens")) {
      JsonNode vector = read(file);
      try {
        VpResponse response = VpResponse.fromParameters(vector.get("vp_token").toString(),
            vector.has("state") ? vector.get("state").textValue() : null);
        if (vector.has("expect")) {
          failures.add(file.getFileName() + ": accepted, want " + vector.get("expect"));
          continue;
        }
        if (!response.vpTokenJson().equals(vector.get("vp_token"))
            || !response.state().equals(vector.get("state").textValue())) {
          failures.add(file.getFileName() + ": read as " + response.vpTokenJson());
        }
        if (!VpResponse.parseForm(response.toFormBody()).equals(response)) {
          failures.add(file.getFileName() + ": form body does not read back equal");
        }
        checkAnswers(file, vector, response, failures);
      } catch (CredentialException e) {
        checkRefusal(file, vector.get("expect"), e, failures);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static void checkAnswers(Path file, JsonNode vector, VpResponse response,
      List<String> failures) {
    for (Map.Entry<String, JsonNode> entry : vector.get("answers").properties()) {
      DcqlQuery.CredentialQuery asked = new DcqlQuery.CredentialQuery(entry.getKey(),
          List.of("urn:example:vct"), List.of(), entry.getValue().booleanValue());
      try {
        response.checkAnswers(new DcqlQuery(List.of(asked)));
      } catch (CredentialException e) {
        failures.add(file.getFileName() + ": does not answer its query: " + e);
      }
      if (vector.has("answers_single")) {
        DcqlQuery.CredentialQuery single = new DcqlQuery.CredentialQuery(entry.getKey(),
            List.of("urn:example:vct"), List.of(), false);
        try {
          response.checkAnswers(new DcqlQuery(List.of(single)));
          failures.add(file.getFileName() + ": answers a single query with several");
        } catch (CredentialException e) {
          checkRefusal(file, vector.get("answers_single"), e, failures);
        }
      }
    }
  }

  private static void checkRefusal(Path file, JsonNode expect, CredentialException e,
      List<String> failures) {
    if (expect == null || !expect.has("code")) {
      failures.add(file.getFileName() + ": refused unexpectedly: " + e);
      return;
    }
    if (!e.code().equals(expect.get("code").textValue())
        || !e.getMessage().contains(expect.get("message_contains").textValue())) {
      failures.add(file.getFileName() + ": got " + e + ", want " + expect);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.textValue()));
    return values;
  }

  static List<Path> vectors(String folder) {
    URL url = SpecificationVectorsTest.class.getResource("/openid4vp/" + folder);
    assertThat(url).as("test resources openid4vp/%s", folder).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<Path> list = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
      assertThat(list).as("vectors in %s", folder).isNotEmpty();
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
