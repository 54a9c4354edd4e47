package org.govledger.services.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;
import org.govledger.services.identity.RegisteredKey;

/**
 * A biller (hospital, pharmacy, metro, taxi company) or a payer (medical insurance bureau,
 * insurer, employer), registered by governance; its keys are ledger signers with its role.
 *
 * @param role {@code biller} or {@code payer}
 * @param category for a biller, {@code medical} or {@code transport}; for a payer, its kind
 */
public record Party(String id, String role, String name, String category, List<RegisteredKey> keys) {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  static final String PREFIX = "governance/party/";
  static final String KEY_INDEX = "governance/party-key/";

  public Party {
    keys = List.copyOf(keys);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("role", role);
    o.put("name", name);
    o.put("category", category);
    keys.forEach(k -> o.withArrayProperty("keys").add(k.toJson()));
    return o;
  }

  public static Party fromJson(JsonNode o) {
    List<RegisteredKey> keys = new ArrayList<>();
    o.path("keys").forEach(k -> keys.add(RegisteredKey.fromJson(k)));
    return new Party(o.path("id").asText(), o.path("role").asText(), o.path("name").asText(),
        o.path("category").asText(), keys);
  }

  static byte[] key(String id) {
    return (PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] keyIndex(KeyId k) {
    return (KEY_INDEX + k.value()).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Party> lookup(Function<byte[], Optional<byte[]>> state, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return state.apply(key(id)).map(Canonical::read).map(Party::fromJson);
  }

  /** The party a signing key belongs to. */
  public static Optional<Party> ofKey(Function<byte[], Optional<byte[]>> state, KeyId k) {
    return state.apply(keyIndex(k)).map(b -> new String(b, StandardCharsets.US_ASCII)).flatMap(id -> lookup(state, id));
  }
}
