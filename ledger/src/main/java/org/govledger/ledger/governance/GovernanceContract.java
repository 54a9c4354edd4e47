package org.govledger.ledger.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * M-of-N governance by the ledger's admins. An admin proposes a change ({@code
 * governance/propose}); other admins approve it ({@code governance/approve}); when the number of
 * approvals (the proposer's included) reaches the threshold, the change is carried out in the
 * same transaction. Changes: add a signer, remove a signer, set the threshold, and the kinds of
 * change that services add (see {@link GovernedChange}).
 *
 * <p>The rules that keep the ledger governable: the last admin and the last node cannot be
 * removed, and the threshold can never exceed the number of admins.
 */
public final class GovernanceContract implements Contract {
  public static final String NAME = "governance";
  static final String THRESHOLD_KEY = NAME + "/threshold";
  static final String PROPOSAL_PREFIX = NAME + "/proposal/";

  private final CryptoSuite suite;
  private final Map<String, GovernedChange.Kind> extraKinds;

  /** Governance with its own changes only. */
  public GovernanceContract(CryptoSuite suite) {
    this(suite, List.of());
  }

  /**
   * Governance that can also carry out the services' changes of {@code extraKinds}.
   *
   * @throws IllegalArgumentException if two kinds share an action name, or one takes a built-in
   *     name
   */
  public GovernanceContract(CryptoSuite suite, List<GovernedChange.Kind> extraKinds) {
    this.suite = suite;
    Map<String, GovernedChange.Kind> kinds = new TreeMap<>();
    for (GovernedChange.Kind k : extraKinds) {
      if (BUILT_IN.contains(k.action()) || kinds.put(k.action(), k) != null) {
        throw new IllegalArgumentException("two governance changes are named " + k.action());
      }
    }
    this.extraKinds = Map.copyOf(kinds);
  }

  private static final Set<String> BUILT_IN = Set.of("add-signer", "remove-signer", "set-threshold");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    if (!ctx.signer().hasRole(SignerRecord.ROLE_ADMIN)) {
      if (ctx.tx().type().action().equals("propose") && delegatedToSigner(ctx)) {
        enact(ctx);
        return;
      }
      throw refuse("not-admin", "only admins may take part in governance; "
          + ctx.signer().keyId() + " is not an admin");
    }
    switch (ctx.tx().type().action()) {
      case "propose" -> propose(ctx);
      case "approve" -> approve(ctx);
      default -> throw refuse("unknown-action",
          "governance has actions propose and approve, not " + ctx.tx().type().action());
    }
  }

  private void propose(TxContext ctx) {
    JsonNode change = ctx.body().path("change");
    Change parsed = parse(change); // refuses a malformed change before it is stored
    ObjectNode proposal = GovernanceJson.MAPPER.createObjectNode();
    proposal.set("change", parsed.toJson());
    proposal.put("proposer", ctx.signer().keyId().value());
    proposal.put("height", ctx.height());
    proposal.putArray("approvals").add(ctx.signer().keyId().value());
    proposal.put("status", "open");
    decide(ctx, ctx.tx().id().toString(), proposal, parsed);
  }

  /** Whether the proposed change is of a kind the admins delegated to a role this signer has. */
  private boolean delegatedToSigner(TxContext ctx) {
    GovernedChange.Kind kind = extraKinds.get(ctx.body().path("change").path("action").asText(""));
    return kind != null && kind.delegatedTo().filter(ctx.signer()::hasRole).isPresent();
  }

  /**
   * A change a delegated role carries out alone: done at once, and kept like any proposal
   * (proposer, height, {@code executed}), so that who did it stays on the ledger.
   */
  private void enact(TxContext ctx) {
    Change parsed = parse(ctx.body().path("change"));
    parsed.apply(ctx);
    ObjectNode proposal = GovernanceJson.MAPPER.createObjectNode();
    proposal.set("change", parsed.toJson());
    proposal.put("proposer", ctx.signer().keyId().value());
    proposal.put("height", ctx.height());
    proposal.put("delegatedRole", extraKinds.get(ctx.body().path("change").path("action").asText())
        .delegatedTo().orElseThrow());
    proposal.putArray("approvals").add(ctx.signer().keyId().value());
    proposal.put("status", "executed");
    proposal.put("executedAt", ctx.height());
    ctx.put(proposalKey(ctx.tx().id().toString()), GovernanceJson.canonical(proposal));
  }

  private void approve(TxContext ctx) {
    String id = ctx.body().path("proposal").asText();
    byte[] key = proposalKey(id);
    ObjectNode proposal = (ObjectNode) GovernanceJson.read(
        ctx.get(key).orElseThrow(() -> refuse("unknown-proposal", "no proposal " + id)));
    if (!proposal.path("status").asText().equals("open")) {
      throw refuse("proposal-closed",
          "proposal " + id + " is already " + proposal.path("status").asText());
    }
    ArrayNode approvals = (ArrayNode) proposal.path("approvals");
    for (JsonNode a : approvals) {
      if (a.asText().equals(ctx.signer().keyId().value())) {
        throw refuse("already-approved", ctx.signer().keyId() + " already approved " + id);
      }
    }
    approvals.add(ctx.signer().keyId().value());
    decide(ctx, id, proposal, parse(proposal.path("change")));
  }

  /** Stores the proposal; carries the change out if enough admins (still admins) approved. */
  private void decide(TxContext ctx, String id, ObjectNode proposal, Change change) {
    int valid = 0;
    for (JsonNode a : proposal.path("approvals")) {
      if (Signers.lookup(ctx::get, new KeyId(a.asText()))
          .filter(s -> s.hasRole(SignerRecord.ROLE_ADMIN)).isPresent()) {
        valid++;
      }
    }
    if (valid >= threshold(ctx)) {
      change.apply(ctx);
      proposal.put("status", "executed");
      proposal.put("executedAt", ctx.height());
    }
    ctx.put(proposalKey(id), GovernanceJson.canonical(proposal));
  }

  private Change parse(JsonNode change) {
    GovernedChange.Kind extra = extraKinds.get(change.path("action").asText(""));
    return extra != null ? new Extra(extra.parse(change)) : Change.parse(change, suite, extraKinds.keySet());
  }

  static int threshold(TxContext ctx) {
    return ctx.get(THRESHOLD_KEY.getBytes(StandardCharsets.US_ASCII))
        .map(b -> Integer.parseInt(new String(b, StandardCharsets.US_ASCII)))
        .orElse(1);
  }

  /** The state key of the threshold, and its encoding, for the genesis state. */
  public static byte[] thresholdKey() {
    return THRESHOLD_KEY.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] encodeThreshold(int threshold) {
    return Integer.toString(threshold).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] proposalKey(String id) {
    if (!id.matches("[0-9a-f]{64}")) {
      throw refuse("unknown-proposal", "a proposal id is the 64-hex-digit id of its propose transaction");
    }
    return (PROPOSAL_PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }

  /** A governance change, validated when parsed. */
  sealed interface Change extends GovernedChange permits AddSigner, RemoveSigner, SetThreshold, Extra {
    static Change parse(JsonNode c, CryptoSuite suite, Set<String> extraActions) {
      String action = c.path("action").asText("");
      return switch (action) {
        case "add-signer" -> AddSigner.parse(c, suite);
        case "remove-signer" -> new RemoveSigner(keyId(c.path("keyId").asText()));
        case "set-threshold" -> {
          if (!c.path("threshold").canConvertToInt() || c.path("threshold").asInt() < 1) {
            throw refuse("bad-change", "set-threshold needs a positive integer \"threshold\"");
          }
          yield new SetThreshold(c.path("threshold").asInt());
        }
        default -> {
          Set<String> known = new TreeSet<>(BUILT_IN);
          known.addAll(extraActions);
          throw refuse("bad-change",
              "change.action must be one of " + known + ", got \"" + action + "\"");
        }
      };
    }

    private static KeyId keyId(String s) {
      try {
        return new KeyId(s);
      } catch (IllegalArgumentException e) {
        throw refuse("bad-change", e.getMessage());
      }
    }
  }

  /** A service's change, carried out through governance. */
  record Extra(GovernedChange change) implements Change {
    @Override
    public void apply(TxContext ctx) {
      change.apply(ctx);
    }

    @Override
    public ObjectNode toJson() {
      return change.toJson();
    }
  }

  record AddSigner(SignerRecord signer) implements Change {
    static AddSigner parse(JsonNode c, CryptoSuite suite) {
      byte[] pk;
      try {
        pk = Base64.getUrlDecoder().decode(c.path("publicKey").asText());
        suite.verifier(pk);
      } catch (IllegalArgumentException e) {
        throw refuse("bad-change", "publicKey is not a valid " + suite.id()
            + " public key in base64url: " + e.getMessage());
      }
      Set<String> roles = new TreeSet<>();
      c.path("roles").forEach(r -> roles.add(r.asText()));
      if (roles.isEmpty() || !roles.stream().allMatch(r -> r.matches("[a-z][a-z0-9-]{0,31}"))) {
        throw refuse("bad-change", "roles must be a non-empty list of lower-case role names");
      }
      try {
        return new AddSigner(new SignerRecord(KeyId.of(suite, pk), pk, c.path("name").asText(), roles));
      } catch (IllegalArgumentException e) {
        throw refuse("bad-change", e.getMessage());
      }
    }

    @Override
    public void apply(TxContext ctx) {
      if (Signers.lookup(ctx::get, signer.keyId()).isPresent()) {
        throw refuse("signer-exists", "signer " + signer.keyId() + " is already registered");
      }
      ctx.put(Signers.key(signer.keyId()), Signers.encode(signer));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = signer.toJson();
      o.remove("keyId");
      o.put("action", "add-signer");
      return o;
    }
  }

  record RemoveSigner(KeyId keyId) implements Change {
    @Override
    public void apply(TxContext ctx) {
      SignerRecord gone = Signers.lookup(ctx::get, keyId)
          .orElseThrow(() -> refuse("unknown-signer", "no signer " + keyId + " to remove"));
      int admins = 0;
      int nodes = 0;
      for (TxContext.StateEntry e : ctx.scan(Signers.PREFIX.getBytes(StandardCharsets.US_ASCII), 100_000)) {
        SignerRecord s = SignerRecord.fromJson(GovernanceJson.read(e.value()));
        admins += s.hasRole(SignerRecord.ROLE_ADMIN) ? 1 : 0;
        nodes += s.hasRole(SignerRecord.ROLE_NODE) ? 1 : 0;
      }
      if (gone.hasRole(SignerRecord.ROLE_ADMIN) && admins - 1 < Math.max(1, threshold(ctx))) {
        throw refuse("would-lock-out", "removing " + keyId + " would leave fewer admins ("
            + (admins - 1) + ") than the threshold (" + threshold(ctx) + ")");
      }
      if (gone.hasRole(SignerRecord.ROLE_NODE) && nodes == 1) {
        throw refuse("would-lock-out", "cannot remove the last node key " + keyId);
      }
      ctx.delete(Signers.key(keyId));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = GovernanceJson.MAPPER.createObjectNode();
      o.put("action", "remove-signer");
      o.put("keyId", keyId.value());
      return o;
    }
  }

  record SetThreshold(int threshold) implements Change {
    @Override
    public void apply(TxContext ctx) {
      long admins = ctx.scan(Signers.PREFIX.getBytes(StandardCharsets.US_ASCII), 100_000).stream()
          .map(e -> SignerRecord.fromJson(GovernanceJson.read(e.value())))
          .filter(s -> s.hasRole(SignerRecord.ROLE_ADMIN))
          .count();
      if (threshold > admins) {
        throw refuse("bad-change",
            "threshold " + threshold + " is more than the number of admins (" + admins + ")");
      }
      ctx.put(thresholdKey(), encodeThreshold(threshold));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = GovernanceJson.MAPPER.createObjectNode();
      o.put("action", "set-threshold");
      o.put("threshold", threshold);
      return o;
    }
  }
}
