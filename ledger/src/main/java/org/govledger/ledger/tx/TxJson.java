package org.govledger.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.govledger.ledger.json.Canonical;

/** The one place the tx package touches Jackson and the canonicalizer. */
final class TxJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TxJson() {}

  static byte[] canonical(JsonNode node) {
    return Canonical.canonicalize(node);
  }

  /** Parses bytes this package produced itself (already validated). */
  static JsonNode readTrusted(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("canonical JSON failed to parse", e);
    }
  }
}
