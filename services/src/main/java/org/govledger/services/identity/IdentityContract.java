package org.govledger.services.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.services.identity.Subject.HolderKey;

/**
 * The subject registry, kept by the identity authorities: the agencies authorised to issue the
 * resident identity card (for persons) or the business licence (for companies). Actions:
 *
 * <ul>
 *   <li>{@code identity/bind-subject} {@code {subject, kind, holderKey}}: registers a subject
 *       with its first wallet key (a public JWK), when the authority issues the identity
 *       credential;
 *   <li>{@code identity/add-holder-key} {@code {subject, holderKey}}: binds another key (a new
 *       phone; key rotation);
 *   <li>{@code identity/revoke-holder-key} {@code {subject, thumbprint, reason}}: a lost or
 *       retired key; credentials bound to it no longer pass the holder check.
 * </ul>
 */
public final class IdentityContract implements Contract {
  public static final String NAME = "identity";
  /** The certificate type whose issuers may vouch for persons. */
  public static final String PERSON_AUTHORITY_TYPE = "resident-identity-card";
  /** The certificate type whose issuers may vouch for companies. */
  public static final String COMPANY_AUTHORITY_TYPE = "business-licence";
  static final int MAX_ACTIVE_KEYS = 8;
  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    switch (ctx.tx().type().action()) {
      case "bind-subject" -> bind(ctx);
      case "add-holder-key" -> addKey(ctx);
      case "revoke-holder-key" -> revokeKey(ctx);
      default -> throw refuse("unknown-action", "identity has actions bind-subject, add-holder-key"
          + " and revoke-holder-key, not " + ctx.tx().type().action());
    }
  }

  private void bind(TxContext ctx) {
    JsonNode body = ctx.body();
    String id = subjectId(body);
    Subject.Kind kind;
    try {
      kind = Subject.Kind.parse(body.path("kind").asText(""));
    } catch (IllegalArgumentException e) {
      throw refuse("bad-body", e.getMessage());
    }
    Agency authority = authority(ctx, kind);
    if (Subjects.lookup(ctx::get, id).isPresent()) {
      throw refuse("subject-exists", "subject " + id + " is already registered; add a key instead");
    }
    HolderKey key = holderKey(ctx, body.path("holderKey"));
    ctx.put(Subjects.key(id), Subjects.encode(new Subject(id, kind, authority.id(), List.of(key))));
  }

  private void addKey(TxContext ctx) {
    Subject s = existing(ctx, subjectId(ctx.body()));
    authority(ctx, s.kind());
    HolderKey key = holderKey(ctx, ctx.body().path("holderKey"));
    if (s.key(key.thumbprint()).isPresent()) {
      throw refuse("key-exists", "this key is already bound to subject " + s.id());
    }
    if (s.activeKeys() >= MAX_ACTIVE_KEYS) {
      throw refuse("too-many-keys", "subject " + s.id() + " has " + MAX_ACTIVE_KEYS
          + " active keys; revoke one first");
    }
    List<HolderKey> keys = new ArrayList<>(s.keys());
    keys.add(key);
    ctx.put(Subjects.key(s.id()), Subjects.encode(s.withKeys(keys)));
  }

  private void revokeKey(TxContext ctx) {
    JsonNode body = ctx.body();
    Subject s = existing(ctx, subjectId(body));
    authority(ctx, s.kind());
    String thumbprint = body.path("thumbprint").asText("");
    String reason = body.path("reason").asText("");
    if (!REASON.matcher(reason).matches()) {
      throw refuse("bad-body", "\"reason\" is a reason code such as lost, stolen or retired");
    }
    HolderKey k = s.key(thumbprint).orElseThrow(
        () -> refuse("unknown-key", "subject " + s.id() + " has no key with thumbprint " + thumbprint));
    if (k.revokedMillis().isPresent()) {
      throw refuse("key-revoked", "that key of subject " + s.id() + " is already revoked");
    }
    List<HolderKey> keys = new ArrayList<>();
    for (HolderKey x : s.keys()) {
      keys.add(x == k
          ? new HolderKey(x.thumbprint(), x.jwk(), x.fromMillis(), Optional.of(ctx.blockTime()), Optional.of(reason))
          : x);
    }
    ctx.put(Subjects.key(s.id()), Subjects.encode(s.withKeys(keys)));
  }

  /** The signer's agency, which must be an identity authority for this kind of subject now. */
  private static Agency authority(TxContext ctx, Subject.Kind kind) {
    String type = kind == Subject.Kind.PERSON ? PERSON_AUTHORITY_TYPE : COMPANY_AUTHORITY_TYPE;
    Agency a = Agencies.ofKey(ctx::get, ctx.signer().keyId()).orElseThrow(() -> refuse("not-authority",
        ctx.signer().keyId() + " is not an agency key; only identity authorities keep the subject registry"));
    if (!a.authorisedFor(type, ctx.blockTime())) {
      throw refuse("not-authority", "agency " + a.id() + " is not authorised to issue " + type
          + ", so it cannot vouch for a " + kind.label());
    }
    return a;
  }

  private static Subject existing(TxContext ctx, String id) {
    return Subjects.lookup(ctx::get, id)
        .orElseThrow(() -> refuse("unknown-subject", "no subject " + id));
  }

  private static String subjectId(JsonNode body) {
    try {
      return Subject.checkId(body.path("subject").asText(null));
    } catch (IllegalArgumentException e) {
      throw refuse("bad-body", "\"subject\": " + e.getMessage());
    }
  }

  private static HolderKey holderKey(TxContext ctx, JsonNode jwk) {
    try {
      PublicJwk key = PublicJwk.fromJson(jwk);
      return new HolderKey(key.thumbprint(), key.toJson(), ctx.blockTime(), Optional.empty(), Optional.empty());
    } catch (CredentialException e) {
      throw refuse("bad-holder-key", "\"holderKey\" is not a usable public JWK: " + e.getMessage());
    }
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }

  /** The body of a bind-subject transaction. */
  public static ObjectNode bindBody(String subject, Subject.Kind kind, PublicJwk holderKey) {
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("subject", subject);
    o.put("kind", kind.label());
    o.set("holderKey", holderKey.toJson());
    return o;
  }
}
