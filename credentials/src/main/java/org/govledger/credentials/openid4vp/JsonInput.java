package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;

/**
 * JSON from the other side (a request object, a DCQL query, a VP Token), read with the ledger's
 * {@link StrictJson}. Errors keep only the position, never an excerpt: a VP Token carries
 * personal data.
 */
final class JsonInput {
  private static final Pattern POSITION =
      Pattern.compile("( at line \\d+, column \\d+| at offset \\d+)$");

  private JsonInput() {}

  static ObjectNode object(String json, int maxBytes, String what) throws CredentialException {
    return object(json.getBytes(StandardCharsets.UTF_8), maxBytes, what);
  }

  static ObjectNode object(byte[] utf8, int maxBytes, String what) throws CredentialException {
    if (utf8.length > maxBytes) {
      throw new CredentialException(CredentialException.TOO_LARGE,
          what + " is " + utf8.length + " bytes, over the limit of " + maxBytes);
    }
    JsonNode node;
    try {
      node = StrictJson.parse(utf8, maxBytes);
    } catch (JsonFormatException e) {
      Matcher where = POSITION.matcher(e.getMessage() == null ? "" : e.getMessage());
      throw new CredentialException(CredentialException.MALFORMED, what + " is not strict JSON"
          + " (RFC 8259 and I-JSON, no member name twice)" + (where.find() ? where.group(1) : ""));
    }
    if (!node.isObject()) {
      throw new CredentialException(CredentialException.MALFORMED,
          what + " must be a JSON object, not " + kind(node));
    }
    return (ObjectNode) node;
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "absent";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.isBoolean() ? "a boolean" : "null";
  }
}
