package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * Runs every proof vector in {@code vectors/state/}: one JSON file per case, each happy case with
 * its corrupted twins, so that other implementations (the SDK, a browser verifier) can run the same
 * files. Collects every failing case before asserting, so one run shows them all.
 */
class StateProofVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void everyVector_verifiesOrFailsAsItSays() throws Exception {
    Path dir = Path.of(getClass().getResource("/vectors/state").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      check(new ObjectMapper().readTree(file.toFile()))
          .ifPresent(f -> failures.add(file.getFileName() + ": " + f));
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(18);
    assertThat(failures).isEmpty();
  }

  /** What went wrong with one vector, if anything. */
  private static Optional<String> check(JsonNode vector) {
    assertThat(vector.get("hash").asText()).isEqualTo("sha256");
    StateProof proof = proof(vector.get("proof"));
    byte[] expectedRoot = HEX.parseHex(vector.get("expectedRoot").asText());
    boolean wantOk = vector.get("want").asText().equals("ok");
    try {
      proof.verify(StateFixture.SHA256, expectedRoot);
      return wantOk ? Optional.empty() : Optional.of("verified, want error " + vector.get("error"));
    } catch (VerificationException e) {
      if (wantOk) {
        return Optional.of("failed with " + e.getMessage() + ", want ok");
      }
      String want = vector.get("error").asText();
      return e.getMessage().contains(want)
          ? Optional.empty()
          : Optional.of("failed with " + e.getMessage() + ", want a message containing " + want);
    }
  }

  private static StateProof proof(JsonNode json) {
    List<byte[]> siblings = new ArrayList<>();
    json.get("siblings").forEach(s -> siblings.add(HEX.parseHex(s.asText())));
    Optional<StateProof.LeafDigest> other =
        Optional.ofNullable(json.get("otherLeaf"))
            .map(
                o ->
                    new StateProof.LeafDigest(
                        HEX.parseHex(o.get("keyHash").asText()),
                        HEX.parseHex(o.get("valueHash").asText())));
    return new StateProof(
        HEX.parseHex(json.get("key").asText()),
        Optional.ofNullable(json.get("value")).map(v -> HEX.parseHex(v.asText())),
        json.get("version").asLong(),
        HEX.parseHex(json.get("root").asText()),
        siblings,
        other);
  }
}
