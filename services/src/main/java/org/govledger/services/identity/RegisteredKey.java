package org.govledger.services.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;
import org.govledger.ledger.tx.KeyId;

/**
 * A signing key of a registered party (an agency, a verifier), kept after it is revoked so that
 * what it signed can be judged by when.
 */
public record RegisteredKey(KeyId keyId, byte[] publicKey, long fromMillis, Optional<Long> revokedMillis) {
  public RegisteredKey {
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Whether the key was in force at {@code t}: added before, not yet revoked. */
  public boolean validAt(long t) {
    return fromMillis <= t && revokedMillis.map(r -> t < r).orElse(true);
  }

  public boolean revoked() {
    return revokedMillis.isPresent();
  }

  public RegisteredKey revokedAt(long t) {
    return new RegisteredKey(keyId, publicKey, fromMillis, Optional.of(t));
  }

  public ObjectNode toJson() {
    ObjectNode j = JsonNodeFactory.instance.objectNode();
    j.put("keyId", keyId.value());
    j.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
    j.put("from", fromMillis);
    revokedMillis.ifPresent(r -> j.put("revoked", r));
    return j;
  }

  public static RegisteredKey fromJson(JsonNode j) {
    return new RegisteredKey(new KeyId(j.path("keyId").asText()),
        Base64.getUrlDecoder().decode(j.path("publicKey").asText()), j.path("from").asLong(),
        j.has("revoked") ? Optional.of(j.path("revoked").asLong()) : Optional.empty());
  }
}
