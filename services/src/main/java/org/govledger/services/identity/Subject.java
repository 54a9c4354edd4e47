package org.govledger.services.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person or company as the ledger knows it: a pseudonymous id (never a national id number in
 * the clear), the identity authority that vouched for it, and the wallet keys bound to it.
 *
 * @param id opaque, 16-64 base64url characters (see {@link SubjectIds})
 * @param kind person or company
 * @param boundBy the agency (an identity authority) that registered the subject
 * @param keys every wallet key ever bound, oldest first; revoked ones stay, closed
 */
public record Subject(String id, Kind kind, String boundBy, List<HolderKey> keys) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  /** Who a subject is. */
  public enum Kind {
    PERSON,
    COMPANY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.label().equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("a subject kind is \"person\" or \"company\", not \"" + s + "\"");
    }
  }

  public Subject {
    checkId(id);
    Agency.checkId(boundBy);
    keys = List.copyOf(keys);
  }

  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a subject id is 16-64 base64url characters (pseudonymous, never an id number)");
    }
    return id;
  }

  /** The key with this RFC 7638 thumbprint. */
  public Optional<HolderKey> key(String thumbprint) {
    return keys.stream().filter(k -> k.thumbprint().equals(thumbprint)).findFirst();
  }

  public long activeKeys() {
    return keys.stream().filter(k -> k.revokedMillis().isEmpty()).count();
  }

  Subject withKeys(List<HolderKey> k) {
    return new Subject(id, kind, boundBy, k);
  }

  /**
   * A wallet key: its JWK (public), thumbprint, when it was bound and, if so, when and why it was
   * revoked.
   */
  public record HolderKey(
      String thumbprint, ObjectNode jwk, long fromMillis, Optional<Long> revokedMillis, Optional<String> reason) {
    public HolderKey {
      jwk = jwk.deepCopy();
    }

    @Override
    public ObjectNode jwk() {
      return jwk.deepCopy();
    }

    public boolean validAt(long t) {
      return fromMillis <= t && revokedMillis.map(r -> t < r).orElse(true);
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("kind", kind.label());
    o.put("boundBy", boundBy);
    ArrayNode ks = o.putArray("keys");
    for (HolderKey k : keys) {
      ObjectNode j = ks.addObject();
      j.put("thumbprint", k.thumbprint());
      j.set("jwk", k.jwk());
      j.put("from", k.fromMillis());
      k.revokedMillis().ifPresent(r -> j.put("revoked", r));
      k.reason().ifPresent(r -> j.put("reason", r));
    }
    return o;
  }

  public static Subject fromJson(JsonNode o) {
    List<HolderKey> ks = new ArrayList<>();
    for (JsonNode j : o.path("keys")) {
      ks.add(new HolderKey(j.path("thumbprint").asText(), (ObjectNode) j.path("jwk"),
          j.path("from").asLong(),
          j.has("revoked") ? Optional.of(j.path("revoked").asLong()) : Optional.empty(),
          j.has("reason") ? Optional.of(j.path("reason").asText()) : Optional.empty()));
    }
    return new Subject(o.path("id").asText(), Kind.parse(o.path("kind").asText()),
        o.path("boundBy").asText(), ks);
  }
}
