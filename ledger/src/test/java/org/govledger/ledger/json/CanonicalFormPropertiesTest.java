package org.govledger.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class CanonicalFormPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 500)
  void parsingCanonicalBytes_givesTheSameCanonicalBytes(@ForAll("trees") JsonNode tree)
      throws Exception {
    byte[] canonical = JsonCanonicalizer.canonicalize(tree);
    JsonNode reparsed = StrictJson.parse(canonical, canonical.length);
    assertThat(JsonCanonicalizer.canonicalize(reparsed)).isEqualTo(canonical);
  }

  @Property(tries = 300)
  void canonicalBytes_doNotDependOnMemberOrder(
      @ForAll("trees") JsonNode tree, @ForAll long seed) throws Exception {
    JsonNode shuffled = shuffle(tree, new Random(seed));
    assertThat(JsonCanonicalizer.canonicalize(shuffled))
        .isEqualTo(JsonCanonicalizer.canonicalize(tree));
  }

  @Property(tries = 3000)
  void numberText_readsBackAsTheSameDouble(@ForAll double value) {
    String text = EcmaScriptNumbers.toString(value);
    assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value);
  }

  @Property(tries = 3000)
  void numberText_isNeverLongerThanJavaDoubleToString(@ForAll double value) {
    String text = EcmaScriptNumbers.toString(value);
    assertThat(significantDigits(text)).isLessThanOrEqualTo(significantDigits(Double.toString(value)));
  }

  @Property(tries = 1000)
  void numberText_fromBitPatterns_readsBackExactly(@ForAll long bits) {
    double value = Double.longBitsToDouble(bits);
    if (Double.isFinite(value) && value != 0) {
      assertThat(Double.parseDouble(EcmaScriptNumbers.toString(value))).isEqualTo(value);
    }
  }

  @Provide
  Arbitrary<JsonNode> trees() {
    return trees(3);
  }

  private Arbitrary<JsonNode> trees(int depth) {
    if (depth == 0) {
      return scalars();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, scalars()),
        Tuple.of(1, arrays(depth - 1)),
        Tuple.of(2, objects(depth - 1)));
  }

  private Arbitrary<JsonNode> scalars() {
    Arbitrary<JsonNode> strings = Arbitraries.strings().all().ofMaxLength(12)
        .filter(s -> CanonicalWriter.firstLoneSurrogate(s) < 0)
        .map(TextNode::valueOf);
    Arbitrary<JsonNode> integers = Arbitraries.longs()
        .between(-(1L << 53), 1L << 53).map(LongNode::valueOf);
    Arbitrary<JsonNode> doubles = Arbitraries.doubles()
        .filter(Double::isFinite).map(DoubleNode::valueOf);
    Arbitrary<JsonNode> bitPatterns = Arbitraries.longs()
        .map(Double::longBitsToDouble).filter(Double::isFinite).map(DoubleNode::valueOf);
    Arbitrary<JsonNode> decimals = Arbitraries.bigDecimals()
        .between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(4)
        .map(d -> (JsonNode) NODES.numberNode(d));
    Arbitrary<JsonNode> literals = Arbitraries.of(
        NullNode.instance, BooleanNode.TRUE, BooleanNode.FALSE);
    return Arbitraries.oneOf(strings, integers, doubles, bitPatterns, decimals, literals);
  }

  private Arbitrary<JsonNode> arrays(int depth) {
    return trees(depth).list().ofMaxSize(4).map(items -> {
      ArrayNode array = NODES.arrayNode();
      items.forEach(array::add);
      return array;
    });
  }

  private Arbitrary<JsonNode> objects(int depth) {
    Arbitrary<String> names = Arbitraries.strings().all().ofMaxLength(6)
        .filter(s -> CanonicalWriter.firstLoneSurrogate(s) < 0);
    return Arbitraries.maps(names, trees(depth)).ofMaxSize(5).map(members -> {
      ObjectNode object = NODES.objectNode();
      members.forEach(object::set);
      return object;
    });
  }

  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(item -> copy.add(shuffle(item, random)));
      return copy;
    }
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      Collections.shuffle(members, random);
      ObjectNode copy = NODES.objectNode();
      members.forEach(member -> copy.set(member.getKey(), shuffle(member.getValue(), random)));
      return copy;
    }
    return node;
  }

  private static int significantDigits(String number) {
    String mantissa = number.replace("-", "").split("[eE]")[0].replace(".", "");
    return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
  }
}
