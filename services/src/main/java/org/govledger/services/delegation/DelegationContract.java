package org.govledger.services.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
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
import org.govledger.services.identity.Agencies;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Grants, their revocation, and the decision on each use. Grants and revocations are the
 * grantor's {@link SignedStatement}s (a company's by its legal representative), verified here
 * against wallet keys bound to the signing subject; uses are decided here, by a node, after it
 * checked the grantee's identity credential and (for a company) the business licence:
 *
 * <ul>
 *   <li>{@code delegation/grant} {@code {statement}} ({@value #GRANT_TYP}: {@code grantor,
 *       grantee, services, offices, nbf, exp, maxUses, mayDelegate, parent?, representative?,
 *       eSeal?, companyMayUseSeal?, iat});
 *   <li>{@code delegation/revoke} {@code {statement}} ({@value #REVOCATION_TYP}: {@code grant,
 *       iat}), by whoever signed the grant;
 *   <li>{@code delegation/use} {@code {grant, service, office, grantee, application, checks}}:
 *       resolves the chain, checks every link (not revoked, in its window, service and office in
 *       scope, uses left), and records the decision with its reasons; a granted use counts
 *       against every link of the chain. Blocks apply transactions one at a time, so two
 *       applications can never both take the last use.
 * </ul>
 */
public final class DelegationContract implements Contract {
  public static final String NAME = "delegation";
  public static final String GRANT_TYP = "govledger-grant+jwt";
  public static final String REVOCATION_TYP = "govledger-grant-revocation+jwt";
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  static final int MAX_USES = 10_000;

  private static final BodyFields FIELDS = new BodyFields(NAME, "bad-body");
  private final HashFunction hash;

  public DelegationContract(HashFunction ledgerHash) {
    this.hash = ledgerHash;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    switch (ctx.tx().type().action()) {
      case "grant" -> grant(ctx);
      case "revoke" -> revoke(ctx);
      case "use" -> use(ctx);
      default -> throw refuse("unknown-action", "delegation has actions grant, revoke and use, not "
          + ctx.tx().type().action());
    }
  }

  public static String idOf(HashFunction ledgerHash, String statement) {
    return HexFormat.of().formatHex(ledgerHash.digest(statement.getBytes(StandardCharsets.US_ASCII)));
  }

  private void grant(TxContext ctx) {
    String statement = ctx.body().path("statement").asText("");
    SignedStatement.Verified s = statement(statement, GRANT_TYP);
    JsonNode p = s.payload();
    String grantorId = FIELDS.text(p, "grantor");
    Subject grantor = subject(ctx, grantorId);
    Subject grantee = subject(ctx, FIELDS.text(p, "grantee"));
    if (grantee.kind() != Subject.Kind.PERSON) {
      throw refuse("bad-grant", "the grantee must be a person");
    }
    Set<String> services = codes(p, "services");
    Set<String> offices = codes(p, "offices");
    for (String office : offices) {
      if (Agencies.lookup(ctx::get, office).isEmpty()) {
        throw refuse("bad-grant", "office " + office + " is not a registered agency");
      }
    }
    long from = seconds(p, "nbf") * 1000;
    long until = seconds(p, "exp") * 1000;
    if (until <= from || until <= ctx.blockTime()) {
      throw refuse("bad-grant", "the window must end after it starts, and after now");
    }
    JsonNode uses = p.path("maxUses");
    if (!uses.isIntegralNumber() || uses.asInt() < 1 || uses.asInt() > MAX_USES) {
      throw refuse("bad-grant", "\"maxUses\" is 1-" + MAX_USES);
    }
    boolean mayDelegate = p.path("mayDelegate").asBoolean(false);
    boolean eSeal = p.path("eSeal").asBoolean(false);
    boolean companyMayUseSeal = p.path("companyMayUseSeal").asBoolean(true);
    Optional<String> representative = Optional.empty();
    Optional<String> parentId = p.hasNonNull("parent") ? Optional.of(FIELDS.text(p, "parent")) : Optional.empty();
    String signerSubject;
    if (parentId.isPresent()) {
      Grant parent = Grants.lookup(ctx::get, parentId.get())
          .orElseThrow(() -> refuse("unknown-grant", "no parent grant " + parentId.get()));
      if (Grants.chain(ctx::get, parent).size() >= Grants.MAX_CHAIN) {
        throw refuse("chain-too-long", "a chain has at most " + Grants.MAX_CHAIN + " links");
      }
      if (parent.revokedMillis().isPresent()) {
        throw refuse("revoked", "parent grant " + parent.id() + " is revoked");
      }
      if (!parent.mayDelegate()) {
        throw refuse("not-delegable", "grant " + parent.id() + " may not be passed on");
      }
      if (!grantorId.equals(parent.grantee())) {
        throw refuse("bad-grant", "only the grantee of " + parent.id() + " may pass it on");
      }
      Set<String> wider = new TreeSet<>(services);
      wider.removeAll(parent.services());
      Set<String> widerOffices = new TreeSet<>(offices);
      widerOffices.removeAll(parent.offices());
      if (!wider.isEmpty() || !widerOffices.isEmpty() || from < parent.fromMillis() || until > parent.untilMillis()
          || uses.asInt() > parent.usesLeft() || (eSeal && !parent.eSeal())) {
        throw refuse("widened", "a sub-grant must be no wider than " + parent.id() + ": services "
            + parent.services() + ", offices " + parent.offices() + ", its window, " + parent.usesLeft()
            + " uses left" + (parent.eSeal() ? "" : ", no e-seal"));
      }
      signerSubject = grantorId;
    } else if (grantor.kind() == Subject.Kind.COMPANY) {
      String rep = FIELDS.text(p, "representative");
      if (subject(ctx, rep).kind() != Subject.Kind.PERSON) {
        throw refuse("bad-grant", "a company's representative must be a person");
      }
      representative = Optional.of(rep);
      signerSubject = rep;
    } else {
      if (eSeal) {
        throw refuse("bad-grant", "only a company has an e-seal to delegate");
      }
      signerSubject = grantorId;
    }
    String thumbprint = boundKey(ctx, signerSubject, s);
    String id = idOf(hash, statement);
    if (Grants.lookup(ctx::get, id).isPresent()) {
      throw refuse("exists", "grant " + id + " is already recorded");
    }
    Grant g = new Grant(id, grantorId, grantor.kind().label(), representative, thumbprint, grantee.id(), services,
        offices, from, until, uses.asInt(), 0, mayDelegate, parentId, eSeal, companyMayUseSeal, Optional.empty(),
        ctx.tx().id().toString());
    ctx.put(Grants.key(id), Grants.encode(g));
  }

  private void revoke(TxContext ctx) {
    SignedStatement.Verified s = statement(ctx.body().path("statement").asText(""), REVOCATION_TYP);
    Grant g = Grants.lookup(ctx::get, FIELDS.text(s.payload(), "grant"))
        .orElseThrow(() -> refuse("unknown-grant", "no grant " + s.payload().path("grant").asText()));
    boundKey(ctx, g.representative().orElse(g.grantor()), s);
    if (g.revokedMillis().isPresent()) {
      throw refuse("revoked", "grant " + g.id() + " is already revoked");
    }
    ctx.put(Grants.key(g.id()), Grants.encode(g.revokedAt(ctx.blockTime())));
  }

  private void use(TxContext ctx) {
    if (!ctx.signer().hasRole(SignerRecord.ROLE_NODE)) {
      throw refuse("forbidden", "uses are decided by nodes, after they checked the parties' documents");
    }
    JsonNode b = ctx.body();
    Grant leaf = Grants.lookup(ctx::get, FIELDS.text(b, "grant"))
        .orElseThrow(() -> refuse("unknown-grant", "no grant " + b.path("grant").asText()));
    String service = FIELDS.code(b, "service");
    String office = FIELDS.code(b, "office");
    String grantee = FIELDS.text(b, "grantee");
    String application = FIELDS.text(b, "application");
    if (!APPLICATION.matcher(application).matches()) {
      throw refuse("bad-body", "\"application\" is a 16-64 character id");
    }
    List<Grant> chain = Grants.chain(ctx::get, leaf);
    ArrayNode reasons = JsonNodeFactory.instance.arrayNode();
    ArrayNode links = JsonNodeFactory.instance.arrayNode();
    if (!grantee.equals(leaf.grantee())) {
      reason(reasons, leaf.id(), "grantee", "the applicant is not the person this grant names");
    }
    long t = ctx.blockTime();
    for (Grant g : chain) {
      ObjectNode link = links.addObject();
      link.put("grant", g.id());
      link.put("grantor", g.grantor());
      int before = reasons.size();
      if (g.revokedMillis().isPresent()) {
        reason(reasons, g.id(), "revoked", "revoked by its grantor");
      }
      if (t < g.fromMillis()) {
        reason(reasons, g.id(), "not-yet-valid", "its window has not started");
      } else if (t >= g.untilMillis()) {
        reason(reasons, g.id(), "expired", "its window has ended");
      }
      if (!g.services().contains(service)) {
        reason(reasons, g.id(), "service-out-of-scope", service + " is not in " + g.services());
      }
      if (!g.offices().contains(office)) {
        reason(reasons, g.id(), "wrong-office", office + " is not in " + g.offices());
      }
      if (g.usesLeft() <= 0) {
        reason(reasons, g.id(), "uses-exhausted", "all " + g.maxUses() + " uses are taken");
      }
      link.put("outcome", reasons.size() == before ? "passed" : "failed");
    }
    if (chain.get(chain.size() - 1).parent().isPresent()) {
      reason(reasons, leaf.id(), "chain-too-long", "the chain has more than " + Grants.MAX_CHAIN + " links");
    }
    for (JsonNode c : b.path("checks")) {
      if (!c.path("outcome").asText().equals("passed")) {
        reason(reasons, leaf.id(), FIELDS.code(c, "name"), c.path("detail").asText("failed"));
      }
    }
    boolean granted = reasons.isEmpty();
    if (granted) {
      chain.forEach(g -> ctx.put(Grants.key(g.id()), Grants.encode(g.withUse())));
    }
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("grant", leaf.id());
    d.put("application", application);
    d.put("service", service);
    d.put("office", office);
    d.put("outcome", granted ? "granted" : "refused");
    d.set("reasons", reasons);
    d.set("links", links);
    ArrayNode checks = d.putArray("checks");
    b.path("checks").forEach(c -> {
      ObjectNode x = checks.addObject();
      x.put("name", c.path("name").asText());
      x.put("outcome", c.path("outcome").asText());
    });
    d.put("time", t);
    d.put("tx", ctx.tx().id().toString());
    byte[] value = Canonical.canonicalize(d);
    for (Grant g : chain) { // every grantor up the chain sees the action
      ctx.put((new String(Grants.decisionPrefix(g.id()), StandardCharsets.US_ASCII) + ctx.tx().id())
          .getBytes(StandardCharsets.US_ASCII), value);
    }
  }

  private static void reason(ArrayNode reasons, String grant, String check, String detail) {
    ObjectNode r = reasons.addObject();
    r.put("link", grant);
    r.put("check", check);
    r.put("detail", detail.length() > 300 ? detail.substring(0, 300) : detail);
  }

  private static SignedStatement.Verified statement(String jws, String typ) {
    try {
      return SignedStatement.verify(jws, typ);
    } catch (CredentialException e) {
      throw refuse("bad-signature", "the statement does not verify: " + e.getMessage());
    }
  }

  private static Subject subject(TxContext ctx, String id) {
    return Subjects.lookup(ctx::get, id).orElseThrow(() -> refuse("unknown-subject", "no subject " + id + " is registered"));
  }

  private static String boundKey(TxContext ctx, String subjectId, SignedStatement.Verified s) {
    String thumbprint = s.key().thumbprint();
    if (subject(ctx, subjectId).key(thumbprint).filter(k -> k.validAt(ctx.blockTime())).isEmpty()) {
      throw refuse("bad-signature", "signed by a key that is not bound to " + subjectId + ", who must sign");
    }
    return thumbprint;
  }



  private static Set<String> codes(JsonNode p, String name) {
    JsonNode a = p.get(name);
    if (a == null || !a.isArray() || a.isEmpty() || a.size() > 32) {
      throw refuse("bad-grant", "\"" + name + "\" must list 1-32 codes");
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode n : a) {
      if (!n.isTextual() || !CODE.matcher(n.textValue()).matches()) {
        throw refuse("bad-grant", "\"" + name + "\" holds a malformed code");
      }
      out.add(n.textValue());
    }
    return out;
  }

  private static long seconds(JsonNode p, String name) {
    JsonNode n = p.get(name);
    if (n == null || !n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 32_503_680_000L) {
      throw refuse("bad-grant", "\"" + name + "\" must be epoch seconds");
    }
    return n.asLong();
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }
}
