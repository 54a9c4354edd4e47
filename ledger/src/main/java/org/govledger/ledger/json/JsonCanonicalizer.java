package org.govledger.ledger.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * RFC 8785 JSON Canonicalization Scheme: the exact bytes the ledger signs and hashes (a transaction
 * id is the hash of its canonical bytes).
 *
 * <p>Object members are sorted by the UTF-16 code units of their names; there is no whitespace;
 * strings are escaped as ECMAScript {@code JSON.stringify} escapes them (only {@code "}, {@code \}
 * and controls below U+0020; everything else, U+2028 and U+2029 included, is literal UTF-8); numbers
 * are written as ECMAScript {@code Number.prototype.toString} writes the double they stand for.
 * A browser computing {@code JSON.stringify} over sorted keys gets the same bytes.
 *
 * <p>Refused, with the JSON Pointer of the offending value: NaN and infinities, numbers JavaScript
 * cannot hold without silently changing them (see the rules in {@code InteroperableNumbers}: for
 * instance {@code 12345678901234567890}), strings with lone surrogates, non-JSON nodes (binary, POJO,
 * missing), and trees nested deeper than 1000 levels. Trees from {@link StrictJson#parse} always
 * canonicalize.
 *
 * <p>Thread-safe and allocation-light: the bytes are written straight into one growing buffer.
 */
public final class JsonCanonicalizer {
  private JsonCanonicalizer() {}

  /**
   * The RFC 8785 canonical UTF-8 bytes of {@code node}.
   *
   * @throws JsonFormatException if a value in the tree has no canonical form; the message names it
   *     and gives its JSON Pointer
   */
  public static byte[] canonicalize(JsonNode node) throws JsonFormatException {
    Objects.requireNonNull(node, "node");
    try {
      return CanonicalWriter.write(node);
    } catch (InvalidValue e) {
      String where = e.pointer().isEmpty() ? "at the root" : "at " + e.pointer();
      throw new JsonFormatException(e.problem() + " (" + where + ")");
    }
  }
}
