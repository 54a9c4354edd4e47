package org.govledger.services.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.tx.KeyId;

/**
 * What the ledger keeps of an issued certificate: no claims, only the digest of the issuer-signed
 * credential (its id), who issued what type to which pseudonymous subject, when, and its status
 * with every change.
 *
 * @param id the ledger hash of the credential's issuer-signed JWT, 64 hex digits
 * @param holder the RFC 7638 thumbprint of the wallet key the credential is bound to
 * @param validFrom start of validity, epoch seconds (the credential's {@code nbf})
 * @param validUntil end of validity, epoch seconds (its {@code exp}), if it expires
 * @param paper whether the credential digitises a paper document the agency holds on record
 * @param history every status change, oldest first; the first is the issue
 */
public record CertificateRecord(
    String id,
    String type,
    String agency,
    KeyId issuerKey,
    String subject,
    String holder,
    long issuedAtMillis,
    long height,
    String tx,
    long validFrom,
    Optional<Long> validUntil,
    boolean paper,
    List<StatusChange> history) {

  public CertificateRecord {
    history = List.copyOf(history);
    if (history.isEmpty()) {
      throw new IllegalArgumentException("a certificate record starts with its issue");
    }
  }

  /** A status the issuer set: valid, suspended or revoked, with a reason code. */
  public record StatusChange(CertificateStatus status, String reason, long timeMillis, KeyId by, String tx) {}

  /** The status the issuer last set. */
  public CertificateStatus issuerStatus() {
    return history.get(history.size() - 1).status();
  }

  /** The status at {@code nowMillis}: the issuer's, unless the validity period says otherwise. */
  public CertificateStatus statusAt(long nowMillis) {
    CertificateStatus s = issuerStatus();
    if (s != CertificateStatus.VALID) {
      return s;
    }
    long now = Math.floorDiv(nowMillis, 1000);
    if (now < validFrom) {
      return CertificateStatus.NOT_YET_VALID;
    }
    if (validUntil.filter(u -> now >= u).isPresent()) {
      return CertificateStatus.EXPIRED;
    }
    return CertificateStatus.VALID;
  }

  CertificateRecord with(StatusChange change) {
    List<StatusChange> h = new ArrayList<>(history);
    h.add(change);
    return new CertificateRecord(id, type, agency, issuerKey, subject, holder, issuedAtMillis, height, tx,
        validFrom, validUntil, paper, h);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("type", type);
    o.put("agency", agency);
    o.put("issuerKey", issuerKey.value());
    o.put("subject", subject);
    o.put("holder", holder);
    o.put("issuedAt", issuedAtMillis);
    o.put("height", height);
    o.put("tx", tx);
    o.put("validFrom", validFrom);
    validUntil.ifPresent(u -> o.put("validUntil", u));
    if (paper) {
      o.put("paper", true);
    }
    ArrayNode h = o.putArray("history");
    for (StatusChange c : history) {
      ObjectNode j = h.addObject();
      j.put("status", c.status().label());
      j.put("reason", c.reason());
      j.put("time", c.timeMillis());
      j.put("by", c.by().value());
      j.put("tx", c.tx());
    }
    return o;
  }

  public static CertificateRecord fromJson(JsonNode o) {
    List<StatusChange> h = new ArrayList<>();
    for (JsonNode j : o.path("history")) {
      h.add(new StatusChange(CertificateStatus.parse(j.path("status").asText()), j.path("reason").asText(),
          j.path("time").asLong(), new KeyId(j.path("by").asText()), j.path("tx").asText()));
    }
    return new CertificateRecord(o.path("id").asText(), o.path("type").asText(), o.path("agency").asText(),
        new KeyId(o.path("issuerKey").asText()), o.path("subject").asText(), o.path("holder").asText(),
        o.path("issuedAt").asLong(),
        o.path("height").asLong(), o.path("tx").asText(), o.path("validFrom").asLong(),
        o.has("validUntil") ? Optional.of(o.path("validUntil").asLong()) : Optional.empty(),
        o.path("paper").asBoolean(false), h);
  }
}
