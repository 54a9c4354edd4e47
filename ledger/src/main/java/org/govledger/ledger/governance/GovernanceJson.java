package org.govledger.ledger.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.govledger.ledger.json.Canonical;

/** JSON of the records governance keeps in state: canonical, so every node writes the same bytes. */
final class GovernanceJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private GovernanceJson() {}

  static JsonNode read(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("governance record in state is not JSON", e);
    }
  }

  static byte[] canonical(JsonNode node) {
    return Canonical.canonicalize(node);
  }
}
