package org.govledger.ledger.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the JSON vector files under {@code vectors/crypto/} on the test classpath. */
final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  static JsonNode load(String name) {
    String path = "/vectors/crypto/" + name;
    try (InputStream in = Vectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      JsonNode root = JSON.readTree(in);
      if (!root.path("source").isTextual()) {
        throw new IllegalStateException(path + " does not state its source");
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node, String field) {
    return HexFormat.of().parseHex(node.get(field).asText());
  }

  static byte[] ascii(JsonNode node, String field) {
    return node.get(field).asText().getBytes(StandardCharsets.US_ASCII);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
