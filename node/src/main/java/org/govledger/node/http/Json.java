package org.govledger.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** JSON responses of the API. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

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
  static void send(Context ctx, int status, JsonNode body) {
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
