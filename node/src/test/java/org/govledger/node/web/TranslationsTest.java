package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The web UI's strings: every key in all three languages, every key the code uses defined. */
class TranslationsTest {
  private static final List<String> LANGUAGES = List.of("zh", "en", "ar");
  private static final Path WEB = Path.of("src/main/resources/web");
  /** t('key'), data-i18n="key", data-i18n-aria="key": the literal keys the code asks for. */
  private static final Pattern USED = Pattern.compile("\\bt\\('([a-zA-Z0-9.]+)'|data-i18n(?:-aria)?=\"([a-zA-Z0-9.]+)\"");

  static Set<String> keys(String language) throws IOException {
    try (InputStream in = TranslationsTest.class.getResourceAsStream("/web/i18n/" + language + ".json")) {
      JsonNode o = new ObjectMapper().readTree(in);
      Set<String> keys = new TreeSet<>();
      o.fieldNames().forEachRemaining(k -> {
        assertThat(o.get(k).isTextual()).as("%s: %s is text", language, k).isTrue();
        assertThat(o.get(k).asText()).as("%s: %s", language, k).isNotBlank();
        keys.add(k);
      });
      return keys;
    }
  }

  @Test
  void everyKey_isInAllThreeLanguages() throws IOException {
    Set<String> all = new TreeSet<>();
    for (String l : LANGUAGES) {
      all.addAll(keys(l));
    }
    List<String> missing = new ArrayList<>();
    for (String l : LANGUAGES) {
      Set<String> mine = keys(l);
      all.stream().filter(k -> !mine.contains(k)).forEach(k -> missing.add(l + ": " + k));
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyKeyTheCodeUses_isDefined() throws IOException {
    Set<String> defined = keys("en");
    List<String> undefined = new ArrayList<>();
    try (Stream<Path> files = Files.walk(WEB)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).toList()) {
        Matcher m = USED.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          String key = m.group(1) != null ? m.group(1) : m.group(2);
          if (!defined.contains(key)) {
            undefined.add(WEB.relativize(f) + ": " + key);
          }
        }
      }
    }
    assertThat(undefined).isEmpty();
  }
}
