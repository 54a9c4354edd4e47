package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;

/**
 * JSON decoded from a presentation: read with the ledger's {@link StrictJson} (no duplicate
 * member names, I-JSON numbers, bounded depth), with error messages cut down to the kind of
 * problem and its position, because StrictJson quotes the input and a Disclosure's input is
 * personal data. The OpenID4VP readers use its {@link #kind} and {@link #position} too.
 */
public final class UntrustedJson {
  private static final Pattern POSITION =
      Pattern.compile("( at line \\d+, column \\d+| at offset \\d+)$");

  private UntrustedJson() {}

  static ObjectNode object(byte[] utf8, String what) throws CredentialException {
    JsonNode node = parse(utf8, what);
    if (!node.isObject()) {
      throw malformed(what + " must be a JSON object, not " + kind(node));
    }
    return (ObjectNode) node;
  }

  static ArrayNode array(byte[] utf8, String what) throws CredentialException {
    JsonNode node = parse(utf8, what);
    if (!node.isArray()) {
      throw malformed(what + " must be a JSON array, not " + kind(node));
    }
    return (ArrayNode) node;
  }

  private static JsonNode parse(byte[] utf8, String what) throws CredentialException {
    try {
      return StrictJson.parse(utf8, SdJwt.MAX_LENGTH);
    } catch (JsonFormatException e) {
      throw malformed(what + " is not acceptable JSON: " + scrub(e.getMessage()));
    }
  }

  /**
   * Where a {@link StrictJson} error happened (" at line L, column C" or " at offset N"), or ""
   * if it does not say; never an excerpt of the input.
   */
  public static String position(String message) {
    Matcher where = POSITION.matcher(message == null ? "" : message);
    return where.find() ? where.group(1) : "";
  }

  /** The kind of problem and where, without any excerpt of the input. */
  static String scrub(String message) {
    String text = message == null ? "" : message;
    String position = position(text);
    String kind;
    if (text.contains("duplicate key")) {
      kind = "a member name appears twice in one object";
    } else if (text.contains("nested deeper")) {
      kind = "nested deeper than " + StrictJson.MAX_DEPTH + " levels";
    } else if (text.contains("UTF-8")) {
      kind = "not well-formed UTF-8 (or starts with a byte order mark)";
    } else if (text.contains("negative zero")) {
      kind = "negative zero is not allowed";
    } else if (text.contains("trailing content")) {
      kind = "content after the JSON value";
    } else if (text.contains("surrogate")) {
      kind = "a string holds a lone surrogate";
    } else if (text.contains("empty")) {
      kind = "empty";
    } else if (text.contains("number") || text.contains("integer")) {
      kind = "a number that JSON readers cannot all hold exactly (I-JSON, RFC 7493)";
    } else {
      kind = "malformed JSON";
    }
    return kind + position;
  }

  /** What a JSON value is, for an error message: "an object", "a string", ..., or "absent". */
  public static String kind(JsonNode node) {
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
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }
}
