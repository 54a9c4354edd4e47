package org.govledger.services.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.govledger.ledger.tx.KeyId;

/**
 * An issuing agency as the ledger records it: what it may issue and since when, and the keys it
 * signs with. Authorisations and keys are never deleted, only closed, so that a credential can
 * be judged by the rules of the day it was issued.
 *
 * @param id a short stable id, for example {@code sz-psb}
 * @param name for people, for example "Shenzhen Public Security Bureau"
 * @param parent the supervising agency, which may also change the status of this one's documents
 * @param authorisations every grant of a certificate type, open or closed, oldest first
 * @param keys every key the agency has had, oldest first
 */
public record Agency(
    String id,
    String name,
    Optional<String> parent,
    List<Authorisation> authorisations,
    List<RegisteredKey> keys) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");

  public Agency {
    checkId(id);
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("an agency name is 1-200 characters");
    }
    parent.ifPresent(Agency::checkId);
    authorisations = List.copyOf(authorisations);
    keys = List.copyOf(keys);
  }

  /** Checks the form of an agency id. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an agency id is 2-64 characters of a-z, 0-9 and '-',"
          + " starting with a letter; got \"" + id + "\"");
    }
    return id;
  }

  /** The {@code iss} of the credentials this agency issues. */
  public String issuer() {
    return issuerOf(id);
  }

  public static String issuerOf(String agencyId) {
    return "urn:govledger:agency:" + agencyId;
  }

  /** The agency id in an {@code iss}, if it is one of ours. */
  public static Optional<String> idFromIssuer(String iss) {
    String prefix = "urn:govledger:agency:";
    if (iss == null || !iss.startsWith(prefix) || !ID.matcher(iss.substring(prefix.length())).matches()) {
      return Optional.empty();
    }
    return Optional.of(iss.substring(prefix.length()));
  }

  /** Whether the agency may issue {@code type} at {@code timeMillis}. */
  public boolean authorisedFor(String type, long timeMillis) {
    return authorisations.stream().anyMatch(a -> a.type().equals(type) && a.covers(timeMillis));
  }

  public Optional<RegisteredKey> key(KeyId keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /** A copy with one more authorisation or key, or one of them replaced. */
  Agency withAuthorisations(List<Authorisation> a) {
    return new Agency(id, name, parent, a, keys);
  }

  Agency withKeys(List<RegisteredKey> k) {
    return new Agency(id, name, parent, authorisations, k);
  }

  /**
   * A grant of one certificate type, from a block time until another (or still open).
   */
  public record Authorisation(String type, long fromMillis, Optional<Long> untilMillis) {
    public boolean covers(long t) {
      return fromMillis <= t && untilMillis.map(u -> t < u).orElse(true);
    }

    public boolean open() {
      return untilMillis.isEmpty();
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("name", name);
    parent.ifPresent(p -> o.put("parent", p));
    ArrayNode as = o.putArray("authorisations");
    for (Authorisation a : authorisations) {
      ObjectNode j = as.addObject();
      j.put("type", a.type());
      j.put("from", a.fromMillis());
      a.untilMillis().ifPresent(u -> j.put("until", u));
    }
    ArrayNode ks = o.putArray("keys");
    keys.forEach(k -> ks.add(k.toJson()));
    return o;
  }

  public static Agency fromJson(JsonNode o) {
    List<Authorisation> as = new ArrayList<>();
    for (JsonNode j : o.path("authorisations")) {
      as.add(new Authorisation(j.path("type").asText(), j.path("from").asLong(),
          j.has("until") ? Optional.of(j.path("until").asLong()) : Optional.empty()));
    }
    List<RegisteredKey> ks = new ArrayList<>();
    o.path("keys").forEach(j -> ks.add(RegisteredKey.fromJson(j)));
    return new Agency(o.path("id").asText(), o.path("name").asText(),
        o.hasNonNull("parent") ? Optional.of(o.path("parent").asText()) : Optional.empty(), as, ks);
  }
}
