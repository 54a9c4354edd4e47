package org.govledger.services.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.services.certificate.CertificateRecord.StatusChange;
import org.govledger.services.identity.Agencies;
import org.govledger.services.identity.Agency;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;

/**
 * Anchors issued certificates and keeps their status. The credential itself never comes here:
 * only its digest, type, issuer and pseudonymous subject. Actions, each signed by an agency key:
 *
 * <ul>
 *   <li>{@code certificate/issue} {@code {id, type, subject, holder, validFrom, validUntil?,
 *       paper?}}: by an agency authorised for the type at the block's time, with a key in force;
 *       the subject must be registered, of the type's kind, and {@code holder} (the RFC 7638
 *       thumbprint of the credential's holder key) one of its wallet keys in force; an id is
 *       anchored once;
 *   <li>{@code certificate/suspend}, {@code certificate/reinstate}, {@code certificate/revoke}
 *       {@code {id, reason}}: by the issuing agency or one above it. Revoked is final; only a
 *       suspended certificate can be reinstated.
 * </ul>
 */
public final class CertificateContract implements Contract {
  public static final String NAME = "certificate";
  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{1,31}");
  private static final int MAX_PARENT_DEPTH = 16;

  private final Catalogue catalogue;

  /** @param catalogue the certificate types; every node of a ledger must load the same */
  public CertificateContract(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    switch (ctx.tx().type().action()) {
      case "issue" -> issue(ctx);
      case "suspend" -> change(ctx, CertificateStatus.SUSPENDED, Set.of(CertificateStatus.VALID));
      case "reinstate" -> change(ctx, CertificateStatus.VALID, Set.of(CertificateStatus.SUSPENDED));
      case "revoke" -> change(ctx, CertificateStatus.REVOKED,
          Set.of(CertificateStatus.VALID, CertificateStatus.SUSPENDED));
      default -> throw refuse("unknown-action", "certificate has actions issue, suspend, reinstate"
          + " and revoke, not " + ctx.tx().type().action());
    }
  }

  private void issue(TxContext ctx) {
    JsonNode b = ctx.body();
    String id = id(b);
    String typeId = b.path("type").asText("");
    CertificateType type = catalogue.find(typeId).orElseThrow(() ->
        refuse("unknown-type", "\"" + typeId + "\" is not a certificate type in the catalogue"));
    Agency agency = signerAgency(ctx);
    if (!agency.authorisedFor(typeId, ctx.blockTime())) {
      throw refuse("not-authorised", "agency " + agency.id() + " is not authorised to issue " + typeId);
    }
    String subject = b.path("subject").asText("");
    Subject holder = Subjects.lookup(ctx::get, subject).orElseThrow(() ->
        refuse("unknown-subject", "subject " + subject + " is not registered by an identity authority"));
    if (!holder.kind().name().equals(type.subject().name())) {
      throw refuse("wrong-subject-kind", typeId + " is issued to a " + type.subject().jsonName()
          + ", and subject " + subject + " is a " + holder.kind().label());
    }
    String holderKey = b.path("holder").asText("");
    if (holder.key(holderKey).filter(k -> k.validAt(ctx.blockTime())).isEmpty()) {
      throw refuse("holder-key-not-bound", "\"holder\" must be the thumbprint of a wallet key the"
          + " identity authority bound to subject " + subject + " and did not revoke");
    }
    if (!b.path("validFrom").canConvertToLong() || b.path("validFrom").asLong() < 0) {
      throw refuse("bad-body", "\"validFrom\" is the start of validity in epoch seconds");
    }
    long from = b.path("validFrom").asLong();
    Optional<Long> until = Optional.empty();
    if (b.has("validUntil")) {
      if (!b.path("validUntil").canConvertToLong() || b.path("validUntil").asLong() <= from) {
        throw refuse("bad-body", "\"validUntil\" is in epoch seconds and after validFrom");
      }
      until = Optional.of(b.path("validUntil").asLong());
    }
    if (b.has("paper") && !b.path("paper").isBoolean()) {
      throw refuse("bad-body", "\"paper\" is true or false");
    }
    if (Certificates.lookup(ctx::get, id).isPresent()) {
      throw refuse("exists", "certificate " + id + " is already anchored");
    }
    String tx = ctx.tx().id().toString();
    CertificateRecord r = new CertificateRecord(id, typeId, agency.id(), ctx.signer().keyId(), subject, holderKey,
        ctx.blockTime(), ctx.height(), tx, from, until, b.path("paper").asBoolean(false),
        List.of(new StatusChange(CertificateStatus.VALID, "issued", ctx.blockTime(), ctx.signer().keyId(), tx)));
    ctx.put(Certificates.key(id), Certificates.encode(r));
  }

  private void change(TxContext ctx, CertificateStatus to, Set<CertificateStatus> from) {
    JsonNode b = ctx.body();
    String id = id(b);
    String reason = b.path("reason").asText("");
    if (!REASON.matcher(reason).matches()) {
      throw refuse("bad-body", "\"reason\" is a reason code (2-32 characters a-z, 0-9, '-'),"
          + " for example data-error, holder-request, investigation, court-order");
    }
    CertificateRecord r = Certificates.lookup(ctx::get, id)
        .orElseThrow(() -> refuse("unknown-certificate", "no certificate " + id + " is anchored"));
    Agency agency = signerAgency(ctx);
    if (!supervises(ctx, agency.id(), r.agency())) {
      throw refuse("not-issuer", "only " + r.agency() + " or an agency above it may change the"
          + " status of this certificate; " + agency.id() + " may not");
    }
    if (!from.contains(r.issuerStatus())) {
      throw refuse("bad-transition", "certificate " + id + " is " + r.issuerStatus().label()
          + "; it cannot be made " + to.label());
    }
    ctx.put(Certificates.key(id), Certificates.encode(r.with(new StatusChange(
        to, reason, ctx.blockTime(), ctx.signer().keyId(), ctx.tx().id().toString()))));
  }

  /** Whether {@code actor} is {@code issuer} or one of its ancestors. */
  private static boolean supervises(TxContext ctx, String actor, String issuer) {
    Optional<String> at = Optional.of(issuer);
    for (int i = 0; i < MAX_PARENT_DEPTH && at.isPresent(); i++) {
      if (at.get().equals(actor)) {
        return true;
      }
      at = Agencies.lookup(ctx::get, at.get()).flatMap(Agency::parent);
    }
    return false;
  }

  private static Agency signerAgency(TxContext ctx) {
    KeyId k = ctx.signer().keyId();
    Agency a = Agencies.ofKey(ctx::get, k)
        .orElseThrow(() -> refuse("not-agency", k + " is not an agency key"));
    if (a.key(k).filter(key -> key.validAt(ctx.blockTime())).isEmpty()) {
      throw refuse("key-revoked", "key " + k + " of agency " + a.id() + " is revoked");
    }
    return a;
  }

  private static String id(JsonNode b) {
    String id = b.path("id").asText("");
    if (!Certificates.isId(id)) {
      throw refuse("bad-body", "\"id\" is the 64-hex-digit ledger hash of the credential's issuer-signed JWT");
    }
    return id;
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }

  /** The body of an issue transaction. */
  public static ObjectNode issueBody(String id, String type, String subject, String holderThumbprint,
      long validFrom, Optional<Long> validUntil, boolean paper) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("type", type);
    o.put("subject", subject);
    o.put("holder", holderThumbprint);
    o.put("validFrom", validFrom);
    validUntil.ifPresent(u -> o.put("validUntil", u));
    if (paper) {
      o.put("paper", true);
    }
    return o;
  }

  /** The body of a status change. */
  public static ObjectNode statusBody(String id, String reason) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("reason", reason);
    return o;
  }
}
