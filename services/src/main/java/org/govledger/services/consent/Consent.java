package org.govledger.services.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A holder's answer to a verifier's request, as the ledger keeps it: who (pseudonymous subject and
 * the thumbprint of the wallet key that signed), to whom, which types and claim names, for which
 * purpose, agreed or declined, valid until when, and whether it was withdrawn.
 *
 * @param id the ledger hash of the holder's signed statement, in hex
 * @param request the presentation request it answers
 * @param standing whether the verifier may fetch the current document again until {@code untilMillis}
 */
public record Consent(String id, String subject, String holderKey, String verifier, String request,
    Set<String> types, Set<String> claims, String purpose, boolean agreed, boolean standing,
    long fromMillis, long untilMillis, Optional<Long> withdrawnMillis, String tx) {

  public Consent {
    types = Set.copyOf(new TreeSet<>(types));
    claims = Set.copyOf(new TreeSet<>(claims));
  }

  /** Whether the consent lets the verifier in at {@code t}: agreed, in its period, not withdrawn. */
  public boolean inForceAt(long t) {
    return agreed && fromMillis <= t && t < untilMillis && withdrawnMillis.map(w -> t < w).orElse(true);
  }

  Consent withdrawnAt(long t) {
    return new Consent(id, subject, holderKey, verifier, request, types, claims, purpose, agreed,
        standing, fromMillis, untilMillis, Optional.of(t), tx);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("subject", subject);
    o.put("holderKey", holderKey);
    o.put("verifier", verifier);
    o.put("request", request);
    ArrayNode t = o.putArray("types");
    new TreeSet<>(types).forEach(t::add);
    ArrayNode c = o.putArray("claims");
    new TreeSet<>(claims).forEach(c::add);
    o.put("purpose", purpose);
    o.put("decision", agreed ? "agree" : "decline");
    o.put("standing", standing);
    o.put("from", fromMillis);
    o.put("until", untilMillis);
    withdrawnMillis.ifPresent(w -> o.put("withdrawn", w));
    o.put("tx", tx);
    return o;
  }

  public static Consent fromJson(JsonNode o) {
    Set<String> types = new TreeSet<>();
    o.path("types").forEach(x -> types.add(x.asText()));
    Set<String> claims = new TreeSet<>();
    o.path("claims").forEach(x -> claims.add(x.asText()));
    return new Consent(o.path("id").asText(), o.path("subject").asText(), o.path("holderKey").asText(),
        o.path("verifier").asText(), o.path("request").asText(), types, claims, o.path("purpose").asText(),
        o.path("decision").asText().equals("agree"), o.path("standing").asBoolean(), o.path("from").asLong(),
        o.path("until").asLong(),
        o.has("withdrawn") ? Optional.of(o.path("withdrawn").asLong()) : Optional.empty(), o.path("tx").asText());
  }
}
