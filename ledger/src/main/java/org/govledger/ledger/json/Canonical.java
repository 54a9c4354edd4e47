package org.govledger.ledger.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * RFC 8785 canonical bytes of a tree that code built (a header, a record, a transaction body
 * already checked by {@link StrictJson}), where a value JSON cannot carry exactly is a bug or a
 * caller's mistake rather than bad input: it throws {@link IllegalArgumentException}.
 */
public final class Canonical {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Canonical() {}

  /**
   * Reads back a record that code wrote with {@link #canonicalize} (a contract's state value), not
   * untrusted input: that goes through {@link StrictJson}.
   *
   * @throws UncheckedIOException if the bytes are not JSON, which means the store is damaged
   */
  public static JsonNode read(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("a record in the state is not JSON; the store is damaged", e);
    }
  }

  public static byte[] canonicalize(JsonNode node) {
    try {
      return JsonCanonicalizer.canonicalize(node);
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
