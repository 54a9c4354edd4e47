package org.govledger.services.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A delegation as the ledger keeps it.
 *
 * @param id the ledger hash of the grantor's signed statement, in hex
 * @param grantor the subject who grants (a person, or a company)
 * @param representative for a company grantor, the person who signed for it (its legal
 *     representative, checked against the company's business licence at each use)
 * @param signer the thumbprint of the wallet key that signed
 * @param services service codes (or certificate type ids) in scope
 * @param offices agency ids where the grantee may act
 * @param fromMillis start of the window; {@code untilMillis} its end
 * @param maxUses how many applications the grant allows; {@code used} how many were granted
 * @param mayDelegate whether the grantee may pass it on (never wider than this)
 * @param parent the grant this one was passed on from
 * @param eSeal whether the company's e-seal use is delegated, and {@code companyMayUseSeal}
 *     whether the company itself may still use it meanwhile
 */
public record Grant(String id, String grantor, String grantorKind, Optional<String> representative, String signer,
    String grantee, Set<String> services, Set<String> offices, long fromMillis, long untilMillis, int maxUses,
    int used, boolean mayDelegate, Optional<String> parent, boolean eSeal, boolean companyMayUseSeal,
    Optional<Long> revokedMillis, String tx) {

  public Grant {
    services = Set.copyOf(new TreeSet<>(services));
    offices = Set.copyOf(new TreeSet<>(offices));
  }

  public int usesLeft() {
    return maxUses - used;
  }

  Grant withUse() {
    return new Grant(id, grantor, grantorKind, representative, signer, grantee, services, offices, fromMillis,
        untilMillis, maxUses, used + 1, mayDelegate, parent, eSeal, companyMayUseSeal, revokedMillis, tx);
  }

  Grant revokedAt(long t) {
    return new Grant(id, grantor, grantorKind, representative, signer, grantee, services, offices, fromMillis,
        untilMillis, maxUses, used, mayDelegate, parent, eSeal, companyMayUseSeal, Optional.of(t), tx);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("grantor", grantor);
    o.put("grantorKind", grantorKind);
    representative.ifPresent(r -> o.put("representative", r));
    o.put("signer", signer);
    o.put("grantee", grantee);
    ArrayNode s = o.putArray("services");
    new TreeSet<>(services).forEach(s::add);
    ArrayNode f = o.putArray("offices");
    new TreeSet<>(offices).forEach(f::add);
    o.put("from", fromMillis);
    o.put("until", untilMillis);
    o.put("maxUses", maxUses);
    o.put("used", used);
    o.put("mayDelegate", mayDelegate);
    parent.ifPresent(p -> o.put("parent", p));
    o.put("eSeal", eSeal);
    o.put("companyMayUseSeal", companyMayUseSeal);
    revokedMillis.ifPresent(r -> o.put("revoked", r));
    o.put("tx", tx);
    return o;
  }

  public static Grant fromJson(JsonNode o) {
    Set<String> services = new TreeSet<>();
    o.path("services").forEach(x -> services.add(x.asText()));
    Set<String> offices = new TreeSet<>();
    o.path("offices").forEach(x -> offices.add(x.asText()));
    return new Grant(o.path("id").asText(), o.path("grantor").asText(), o.path("grantorKind").asText(),
        o.has("representative") ? Optional.of(o.path("representative").asText()) : Optional.empty(),
        o.path("signer").asText(), o.path("grantee").asText(), services, offices, o.path("from").asLong(),
        o.path("until").asLong(), o.path("maxUses").asInt(), o.path("used").asInt(), o.path("mayDelegate").asBoolean(),
        o.has("parent") ? Optional.of(o.path("parent").asText()) : Optional.empty(), o.path("eSeal").asBoolean(),
        o.path("companyMayUseSeal").asBoolean(),
        o.has("revoked") ? Optional.of(o.path("revoked").asLong()) : Optional.empty(), o.path("tx").asText());
  }
}
