package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.state.StateProof;

/**
 * The JSON form of a {@link StateProof}: key and value in base64url (they are bytes), hashes in
 * hex. The node writes it; the SDK reads it back and checks it offline.
 */
public final class StateProofJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private StateProofJson() {}

  public static ObjectNode toJson(StateProof p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("key", B64.encodeToString(p.key()));
    p.value().ifPresentOrElse(v -> o.put("value", B64.encodeToString(v)), () -> o.putNull("value"));
    o.put("version", p.version());
    o.put("root", HEX.formatHex(p.root()));
    ArrayNode s = o.putArray("siblings");
    p.siblings().forEach(h -> s.add(HEX.formatHex(h)));
    p.otherLeaf().ifPresent(l -> {
      ObjectNode leaf = o.putObject("otherLeaf");
      leaf.put("keyHash", HEX.formatHex(l.keyHash()));
      leaf.put("valueHash", HEX.formatHex(l.valueHash()));
    });
    return o;
  }

  /**
   * Reads a proof.
   *
   * @throws IllegalArgumentException naming the malformed field
   */
  public static StateProof fromJson(JsonNode o) {
    try {
      List<byte[]> siblings = new ArrayList<>();
      o.path("siblings").forEach(h -> siblings.add(HEX.parseHex(h.asText())));
      JsonNode v = o.path("value");
      Optional<byte[]> value = v.isTextual()
          ? Optional.of(Base64.getUrlDecoder().decode(v.asText())) : Optional.empty();
      JsonNode leaf = o.path("otherLeaf");
      Optional<StateProof.LeafDigest> other = leaf.isObject()
          ? Optional.of(new StateProof.LeafDigest(HEX.parseHex(leaf.path("keyHash").asText()),
              HEX.parseHex(leaf.path("valueHash").asText())))
          : Optional.empty();
      return new StateProof(Base64.getUrlDecoder().decode(o.path("key").asText()), value,
          o.path("version").asLong(), HEX.parseHex(o.path("root").asText()), siblings, other);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("state proof is malformed: " + e.getMessage(), e);
    }
  }
}
