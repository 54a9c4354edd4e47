package org.govledger.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** JSON responses of the API. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * The request body as a JSON object, parsed strictly (no duplicate keys, bounded depth).
   *
   * @throws Problem 413 if it is larger than {@code maxBytes}, 400 if it is not a JSON object
   */
  public static com.fasterxml.jackson.databind.node.ObjectNode body(Context ctx, int maxBytes) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBytes) {
      throw new Problem(413, "too-large", "Request too large",
          "the body is " + body.length + " bytes; this endpoint takes at most " + maxBytes);
    }
    try {
      JsonNode n = org.govledger.ledger.json.StrictJson.parse(body, maxBytes);
      if (!n.isObject()) {
        throw Problem.badRequest("malformed-json", "the body must be a JSON object, not " + n.getNodeType());
      }
      return (com.fasterxml.jackson.databind.node.ObjectNode) n;
    } catch (org.govledger.ledger.json.JsonFormatException e) {
      throw Problem.badRequest("malformed-json", "the body is not valid JSON: " + e.getMessage());
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e);
    }
  }

  /**
   * Writes a JSON answer straight to the response: handing Javalin the bytes as a result makes it
   * copy them through a fresh buffer, which at thousands of answers a second was most of the
   * node's garbage.
   */
  public static void send(Context ctx, int status, JsonNode body) {
    byte[] bytes = bytes(body);
    ctx.status(status).contentType("application/json");
    ctx.res().setContentLength(bytes.length);
    try {
      ctx.res().getOutputStream().write(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("client went away", e);
    }
  }
}
