package org.govledger.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Sm3Test {
  @Test
  void digest_ofStandardExamples_matchesAppendixA() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Vectors.load("sm3.json").get("cases")) {
      String got = Vectors.hex(HashFunctions.sm3().digest(Vectors.ascii(c, "messageAscii")));
      String want = c.get("digest").asText();
      if (!got.equals(want)) {
        failures.add(c.get("name").asText() + ": got " + got + ", want " + want);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void digest_ofParts_equalsDigestOfConcatenation() {
    byte[] whole = "abcdabcd".getBytes(StandardCharsets.US_ASCII);
    byte[] left = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] right = "dabcd".getBytes(StandardCharsets.US_ASCII);

    assertThat(HashFunctions.sm3().digest(left, new byte[0], right))
        .isEqualTo(HashFunctions.sm3().digest(whole));
  }

  @Test
  void digest_afterFailedCall_isUnaffected() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] want = HashFunctions.sm3().digest(abc);
    try {
      HashFunctions.sm3().digest(abc, null);
    } catch (NullPointerException expected) {
      // the thread's digest now holds "abc"; the next call must not see it
    }

    assertThat(HashFunctions.sm3().digest(abc)).isEqualTo(want);
  }

  @Test
  void nameAndLength_describeSm3() {
    assertThat(HashFunctions.sm3().name()).isEqualTo("sm3");
    assertThat(HashFunctions.sm3().length()).isEqualTo(32);
    assertThat(HashFunctions.sm3().digest()).hasSize(32);
  }
}
