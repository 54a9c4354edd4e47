package org.govledger.ledger.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFC 8785 canonical bytes of a tree that code built (a header, a record, a transaction body
 * already checked by {@link StrictJson}), where a value JSON cannot carry exactly is a bug or a
 * caller's mistake rather than bad input: it throws {@link IllegalArgumentException}.
 */
public final class Canonical {
  private Canonical() {}

  public static byte[] canonicalize(JsonNode node) {
    try {
      return JsonCanonicalizer.canonicalize(node);
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
