package org.govledger.ledger.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import org.govledger.ledger.tx.KeyId;

/**
 * A registered signing key and what it may do. Kept in the world state by the governance
 * contract under {@code gov/signer/<keyId>}.
 *
 * @param keyId derived from the public key
 * @param publicKey the suite's public key encoding
 * @param name a label for people ("Shenzhen Public Security Bureau, key 1")
 * @param roles what the key may do, for example {@code admin}, {@code node}, {@code client}
 */
public record SignerRecord(KeyId keyId, byte[] publicKey, String name, Set<String> roles) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static final String ROLE_ADMIN = "admin";
  public static final String ROLE_NODE = "node";
  public static final String ROLE_CLIENT = "client";

  public SignerRecord {
    publicKey = publicKey.clone();
    roles = Set.copyOf(new TreeSet<>(roles));
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("a signer name is 1-200 characters");
    }
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("keyId", keyId.value());
    o.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
    o.put("name", name);
    ArrayNode r = o.putArray("roles");
    new TreeSet<>(roles).forEach(r::add);
    return o;
  }

  public static SignerRecord fromJson(JsonNode o) {
    Set<String> roles = new TreeSet<>();
    o.path("roles").forEach(r -> roles.add(r.asText()));
    return new SignerRecord(
        new KeyId(o.path("keyId").asText()),
        Base64.getUrlDecoder().decode(o.path("publicKey").asText()),
        o.path("name").asText(),
        roles);
  }
}
