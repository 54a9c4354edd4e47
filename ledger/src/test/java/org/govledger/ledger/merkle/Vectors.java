package org.govledger.ledger.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Loads the JSON test vectors under {@code src/test/resources/vectors/merkle}. */
final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** One vector file: its name (for failure messages) and its content. */
  record Vector(String file, JsonNode json) {
    String describe() {
      return file + " (" + json.path("description").asText() + ")";
    }
  }

  static JsonNode load(String relative) {
    try {
      return JSON.readTree(Files.readString(path(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code .json} file in a directory, sorted by name. */
  static List<Vector> loadAll(String directory) {
    try (Stream<Path> files = Files.list(path(directory))) {
      List<Vector> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(new Vector(p.getFileName().toString(), JSON.readTree(Files.readString(p))));
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no vectors in " + directory);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  static List<byte[]> hexList(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(n -> out.add(hex(n)));
    return out;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path path(String relative) {
    URL url = Vectors.class.getClassLoader().getResource("vectors/merkle/" + relative);
    if (url == null) {
      throw new IllegalStateException("missing test resource vectors/merkle/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
