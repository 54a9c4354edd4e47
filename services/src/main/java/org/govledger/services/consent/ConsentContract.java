package org.govledger.services.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.contract.BodyFields;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Consents and the trace of every access. The holder's words are a {@link SignedStatement} by a
 * wallet key bound to the subject, checked here, so a consent on the ledger is the holder's own
 * whoever carried it in. Actions:
 *
 * <ul>
 *   <li>{@code consent/record} {@code {statement}}: a {@value #CONSENT_TYP} statement {@code {sub,
 *       verifier, request, types, claims, purpose, decision: agree|decline, standing?, iat,
 *       exp}}; the verifier must be active and registered for the purpose and the types;
 *   <li>{@code consent/withdraw} {@code {statement}}: a {@value #WITHDRAWAL_TYP} statement {@code
 *       {sub, consent, iat}} by a key of the same subject;
 *   <li>{@code consent/access} {@code {verifier, request, purpose, outcome: granted|refused,
 *       reason?, credential?, type?, consent? | share?}}: by a node key, after it checked a presentation
 *       (or refused one); ids and codes only, no personal data.
 * </ul>
 */
public final class ConsentContract implements Contract {
  public static final String NAME = "consent";
  public static final String CONSENT_TYP = SignedStatement.CONSENT_TYP;
  public static final String WITHDRAWAL_TYP = SignedStatement.WITHDRAWAL_TYP;
  /** The longest a consent may last: a standing consent of a year. */
  static final long MAX_CONSENT_SECONDS = 366L * 86_400;
  static final long MAX_CLOCK_SKEW_SECONDS = 300;
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  private static final Pattern CLAIM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private static final BodyFields STATEMENT = new BodyFields(NAME, "bad-statement");
  private static final BodyFields BODY = new BodyFields(NAME, "bad-body");
  private final HashFunction hash;

  public ConsentContract(HashFunction ledgerHash) {
    this.hash = ledgerHash;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    switch (ctx.tx().type().action()) {
      case "record" -> record(ctx);
      case "withdraw" -> withdraw(ctx);
      case "access" -> access(ctx);
      default -> throw refuse("unknown-action",
          "consent has actions record, withdraw and access, not " + ctx.tx().type().action());
    }
  }

  /** The id of a consent: the ledger hash of the holder's statement, in hex. */
  public static String idOf(HashFunction ledgerHash, String statement) {
    return HexFormat.of().formatHex(ledgerHash.digest(statement.getBytes(StandardCharsets.US_ASCII)));
  }

  private void record(TxContext ctx) {
    String statement = ctx.body().path("statement").asText("");
    SignedStatement.Verified s = statement(statement, CONSENT_TYP);
    JsonNode p = s.payload();
    String subject = STATEMENT.text(p, "sub");
    String thumbprint = holderKey(ctx, subject, s);
    Verifier v = Verifiers.lookup(ctx::get, STATEMENT.text(p, "verifier")).filter(Verifier::active).orElseThrow(() ->
        refuse("unknown-verifier", "\"" + p.path("verifier").asText() + "\" is not an active registered verifier"));
    String request = STATEMENT.text(p, "request");
    if (!Consents.REQUEST_ID.matcher(request).matches()) {
      throw refuse("bad-statement", "\"request\" is the 16-64 character id of the presentation request");
    }
    String purpose = STATEMENT.text(p, "purpose");
    if (!v.purposes().containsKey(purpose)) {
      throw refuse("purpose-not-registered", "verifier " + v.id() + " is not registered for purpose \"" + purpose + "\"");
    }
    Set<String> types = names(p, "types", CODE);
    if (types.isEmpty() || !v.types().containsAll(types)) {
      Set<String> beyond = new TreeSet<>(types);
      beyond.removeAll(v.types());
      throw refuse("type-not-registered", "verifier " + v.id() + " may not ask for " + beyond);
    }
    Set<String> claims = names(p, "claims", CLAIM);
    String decision = STATEMENT.text(p, "decision");
    if (!decision.equals("agree") && !decision.equals("decline")) {
      throw refuse("bad-statement", "\"decision\" is agree or decline");
    }
    long iat = seconds(p, "iat");
    long exp = seconds(p, "exp");
    long now = Math.floorDiv(ctx.blockTime(), 1000);
    if (iat > now + MAX_CLOCK_SKEW_SECONDS) {
      throw refuse("bad-statement", "the consent is dated " + (iat - now) + " s in the future");
    }
    if (exp <= now || exp - iat > MAX_CONSENT_SECONDS) {
      throw refuse("expired", "the consent must end after now and last at most 366 days");
    }
    String id = idOf(hash, statement);
    if (Consents.lookup(ctx::get, id).isPresent()
        || ctx.get(Consents.byRequest(request, subject)).isPresent()) {
      throw refuse("exists", "subject " + subject + " already answered request " + request);
    }
    Consent c = new Consent(id, subject, thumbprint, v.id(), request, types, claims, purpose,
        decision.equals("agree"), p.path("standing").asBoolean(false), ctx.blockTime(), exp * 1000,
        Optional.empty(), ctx.tx().id().toString());
    ctx.put(Consents.key(id), Consents.encode(c));
    ctx.put(Consents.byRequest(request, subject), id.getBytes(StandardCharsets.US_ASCII));
  }

  private void withdraw(TxContext ctx) {
    SignedStatement.Verified s = statement(ctx.body().path("statement").asText(""), WITHDRAWAL_TYP);
    JsonNode p = s.payload();
    Consent c = Consents.lookup(ctx::get, STATEMENT.text(p, "consent"))
        .orElseThrow(() -> refuse("unknown-consent", "no consent " + p.path("consent").asText()));
    if (!STATEMENT.text(p, "sub").equals(c.subject())) {
      throw refuse("not-holder", "only the subject who consented may withdraw");
    }
    holderKey(ctx, c.subject(), s);
    if (c.withdrawnMillis().isPresent() || !c.agreed()) {
      throw refuse("not-in-force", "consent " + c.id() + " is " + (c.agreed() ? "already withdrawn" : "a refusal"));
    }
    ctx.put(Consents.key(c.id()), Consents.encode(c.withdrawnAt(ctx.blockTime())));
  }

  private void access(TxContext ctx) {
    if (!ctx.signer().hasRole(SignerRecord.ROLE_NODE)) {
      throw refuse("forbidden", "access records are written by nodes, after they checked a presentation");
    }
    JsonNode b = ctx.body();
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("verifier", BODY.code(b, "verifier"));
    String request = STATEMENT.text(b, "request");
    if (!Consents.REQUEST_ID.matcher(request).matches()) {
      throw refuse("bad-body", "\"request\" is the 16-64 character id of the presentation request");
    }
    r.put("request", request);
    r.put("purpose", BODY.code(b, "purpose"));
    String outcome = STATEMENT.text(b, "outcome");
    if (!outcome.equals("granted") && !outcome.equals("refused")) {
      throw refuse("bad-body", "\"outcome\" is granted or refused");
    }
    r.put("outcome", outcome);
    if (b.has("reason")) {
      r.put("reason", BODY.code(b, "reason"));
    } else if (outcome.equals("refused")) {
      throw refuse("bad-body", "a refused access needs a \"reason\" code");
    }
    Optional<String> credential = Optional.empty();
    if (b.has("credential")) {
      String id = STATEMENT.text(b, "credential");
      if (!HEX64.matcher(id).matches()) {
        throw refuse("bad-body", "\"credential\" is a 64-hex-digit certificate id");
      }
      credential = Optional.of(id);
      r.put("credential", id);
    }
    if (b.has("type")) {
      r.put("type", BODY.code(b, "type"));
    }
    if (b.has("consent")) {
      r.put("consent", STATEMENT.text(b, "consent"));
    }
    if (b.has("share")) {
      r.put("share", STATEMENT.text(b, "share"));
    }
    if (outcome.equals("granted") && (credential.isEmpty() || !(b.has("consent") || b.has("share")))) {
      throw refuse("bad-body", "a granted access names the credential and the consent (or the holder's one-time share)");
    }
    r.put("time", ctx.blockTime());
    r.put("height", ctx.height());
    String tx = ctx.tx().id().toString();
    r.put("tx", tx);
    byte[] prefix = credential.map(Consents::accessPrefix).orElseGet(() -> Consents.refusedPrefix(request));
    byte[] key = (new String(prefix, StandardCharsets.US_ASCII) + tx).getBytes(StandardCharsets.US_ASCII);
    ctx.put(key, Canonical.canonicalize(r));
  }

  private static SignedStatement.Verified statement(String jws, String typ) {
    try {
      return SignedStatement.verify(jws, typ);
    } catch (CredentialException e) {
      throw refuse("bad-statement", "the holder's statement does not verify: " + e.getMessage());
    }
  }

  /** The thumbprint of the statement's key, which must be bound to the subject now. */
  private static String holderKey(TxContext ctx, String subject, SignedStatement.Verified s) {
    String thumbprint = s.key().thumbprint();
    Subject sub = Subjects.lookup(ctx::get, subject)
        .orElseThrow(() -> refuse("unknown-subject", "no subject " + subject + " is registered"));
    if (sub.key(thumbprint).filter(k -> k.validAt(ctx.blockTime())).isEmpty()) {
      throw refuse("not-holder", "the statement is signed by a key that is not bound to subject " + subject);
    }
    return thumbprint;
  }



  private static long seconds(JsonNode p, String name) {
    JsonNode n = p.get(name);
    if (n == null || !n.isIntegralNumber() || n.asLong() < 0) {
      throw refuse("bad-statement", "\"" + name + "\" must be epoch seconds");
    }
    return n.asLong();
  }

  private static Set<String> names(JsonNode p, String field, Pattern pattern) {
    JsonNode a = p.get(field);
    if (a == null || !a.isArray() || a.size() > 64) {
      throw refuse("bad-statement", "\"" + field + "\" must be a list of at most 64 names");
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode n : a) {
      if (!n.isTextual() || !pattern.matcher(n.textValue()).matches()) {
        throw refuse("bad-statement", "\"" + field + "\" holds a malformed name");
      }
      out.add(n.textValue());
    }
    return out;
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }
}
