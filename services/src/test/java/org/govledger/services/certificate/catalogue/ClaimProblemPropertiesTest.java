package org.govledger.services.certificate.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client puts in a claim, the problems never repeat it: claims are personal data. */
class ClaimProblemPropertiesTest {
  private static final Catalogue CATALOGUE = Catalogue.builtIn();
  private static final String OPEN = "⟦";
  private static final String CLOSE = "⟧";

  @Property(tries = 300)
  void anyValueInAnyField_neverAppearsInTheProblems(
      @ForAll("fields") Map.Entry<CertificateType, String> field,
      @ForAll("secrets") JsonNode value) {
    ObjectNode claims = field.getKey().example();
    claims.set(field.getValue(), value);

    for (ClaimProblem problem : field.getKey().validate(claims)) {
      assertThat(problem.message()).doesNotContain(OPEN).doesNotContain(CLOSE);
      assertThat(problem.path()).startsWith("/" + field.getValue());
    }
  }

  @Provide
  Arbitrary<Map.Entry<CertificateType, String>> fields() {
    List<Map.Entry<CertificateType, String>> fields = CATALOGUE.all().stream()
        .flatMap(type -> type.schema().get("properties").properties().stream()
            .map(property -> Map.entry(type, property.getKey())))
        .toList();
    return Arbitraries.of(fields);
  }

  @Provide
  Arbitrary<JsonNode> secrets() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300)
        .map(s -> OPEN + s + CLOSE);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return Arbitraries.oneOf(
        text.map(nodes::textNode),
        text.list().ofMaxSize(3).map(items -> {
          var array = nodes.arrayNode();
          items.forEach(array::add);
          return array;
        }),
        Combinators.combine(text, text).as((k, v) -> {
          ObjectNode object = nodes.objectNode();
          object.put("name", k);
          object.put("value", v);
          return object;
        }));
  }
}
