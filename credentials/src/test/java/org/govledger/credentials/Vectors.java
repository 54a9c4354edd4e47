package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the published vectors under {@code vectors/sd-jwt/} (see the README there). */
final class Vectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Vectors() {}

  /** A wrapped string vector, with the specification's line breaks and indentation removed. */
  static String compact(String name) {
    return text(name).replaceAll("\\s", "");
  }

  static JsonNode json(String name) {
    try {
      return MAPPER.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/sd-jwt/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
