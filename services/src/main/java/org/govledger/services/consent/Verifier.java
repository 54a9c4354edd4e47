package org.govledger.services.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.govledger.ledger.tx.KeyId;
import org.govledger.services.identity.RegisteredKey;

/**
 * A third party registered to ask holders for certificates: the purposes it may state (a code and
 * the text shown to the holder) and the types it may ask for; its keys sign its presentation
 * requests.
 *
 * @param id a short stable id, also the OpenID4VP {@code client_id}, for example {@code sz-bank-1}
 * @param active false once governance removed it
 */
public record Verifier(String id, String name, Map<String, String> purposes, Set<String> types,
    List<RegisteredKey> keys, boolean active) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  public Verifier {
    checkId(id);
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("a verifier name is 1-200 characters");
    }
    purposes = Map.copyOf(new TreeMap<>(purposes));
    types = Set.copyOf(new TreeSet<>(types));
    keys = List.copyOf(keys);
  }

  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a verifier id is 2-64 characters of a-z, 0-9 and '-',"
          + " starting with a letter; got \"" + id + "\"");
    }
    return id;
  }

  public Optional<RegisteredKey> key(KeyId keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  Verifier inactive(long t) {
    List<RegisteredKey> ks = new ArrayList<>();
    keys.forEach(k -> ks.add(k.revoked() ? k : k.revokedAt(t)));
    return new Verifier(id, name, purposes, types, ks, false);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("name", name);
    ObjectNode p = o.putObject("purposes");
    new TreeMap<>(purposes).forEach(p::put);
    ArrayNode t = o.putArray("types");
    new TreeSet<>(types).forEach(t::add);
    ArrayNode k = o.putArray("keys");
    keys.forEach(x -> k.add(x.toJson()));
    o.put("active", active);
    return o;
  }

  public static Verifier fromJson(JsonNode o) {
    Map<String, String> purposes = new TreeMap<>();
    o.path("purposes").properties().forEach(e -> purposes.put(e.getKey(), e.getValue().asText()));
    Set<String> types = new TreeSet<>();
    o.path("types").forEach(t -> types.add(t.asText()));
    List<RegisteredKey> keys = new ArrayList<>();
    o.path("keys").forEach(k -> keys.add(RegisteredKey.fromJson(k)));
    return new Verifier(o.path("id").asText(), o.path("name").asText(), purposes, types, keys,
        o.path("active").asBoolean());
  }
}
