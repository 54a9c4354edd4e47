package org.govledger.services.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.governance.GovernedChange;
import org.govledger.ledger.tx.KeyId;
import org.govledger.services.identity.RegisteredKey;

/**
 * The changes to the verifier registry, made by the admins M of N through governance, or by a
 * supervising agency alone (a key with the {@link #SUPERVISOR_ROLE} role):
 * {@code register-verifier} {@code {verifier, name, purposes: {code: text}, types: [...], keys:
 * [publicKey]}} and {@code remove-verifier} {@code {verifier}} (its requests are refused from
 * then on; its record stays, inactive).
 */
public final class VerifierChanges {
  private static final int MAX = 32;

  private final CryptoSuite suite;
  private final Predicate<String> knownType;

  public VerifierChanges(CryptoSuite suite, Predicate<String> knownType) {
    this.suite = suite;
    this.knownType = knownType;
  }

  /**
   * The role the admins give a supervising agency's key (with {@code add-signer}) so that it
   * registers and removes verifiers itself, each change carried out at once and kept with its key.
   */
  public static final String SUPERVISOR_ROLE = "verifier-supervisor";

  public List<GovernedChange.Kind> kinds() {
    return List.of(
        GovernedChange.Kind.of("register-verifier", this::parseRegister).delegatedTo(SUPERVISOR_ROLE),
        GovernedChange.Kind.of("remove-verifier", this::parseRemove).delegatedTo(SUPERVISOR_ROLE));
  }

  private GovernedChange parseRegister(JsonNode c) {
    String id = verifierId(c);
    String name = c.path("name").asText("");
    if (name.isBlank() || name.length() > 200) {
      throw GovernedChange.badChange("register-verifier needs a \"name\" of 1-200 characters");
    }
    Map<String, String> purposes = new TreeMap<>();
    if (!c.path("purposes").isObject() || c.path("purposes").isEmpty() || c.path("purposes").size() > MAX) {
      throw GovernedChange.badChange("\"purposes\" must map 1-" + MAX
          + " purpose codes to the text shown to holders, e.g. {\"account-opening\": \"Opening a bank account\"}");
    }
    c.path("purposes").properties().forEach(e -> {
      if (!Verifier.PURPOSE.matcher(e.getKey()).matches() || !e.getValue().isTextual()
          || e.getValue().textValue().isBlank() || e.getValue().textValue().length() > 200) {
        throw GovernedChange.badChange("purpose \"" + e.getKey() + "\": a code is 2-32 characters a-z, 0-9, '-',"
            + " and its text 1-200 characters");
      }
      purposes.put(e.getKey(), e.getValue().textValue());
    });
    Set<String> types = new TreeSet<>();
    if (!c.path("types").isArray() || c.path("types").isEmpty() || c.path("types").size() > 64) {
      throw GovernedChange.badChange("\"types\" must list 1-64 certificate types the verifier may ask for");
    }
    for (JsonNode t : c.path("types")) {
      if (!t.isTextual() || !knownType.test(t.textValue())) {
        throw GovernedChange.badChange("\"types\" names " + t + ", which is not a certificate type in the catalogue");
      }
      types.add(t.textValue());
    }
    List<byte[]> keys = new ArrayList<>();
    if (!c.path("keys").isArray() || c.path("keys").isEmpty() || c.path("keys").size() > 8) {
      throw GovernedChange.badChange("\"keys\" must list 1-8 public keys (base64url) that sign the verifier's requests");
    }
    for (JsonNode k : c.path("keys")) {
      try {
        byte[] pk = Base64.getUrlDecoder().decode(k.asText(""));
        suite.verifier(pk);
        keys.add(pk);
      } catch (IllegalArgumentException e) {
        throw GovernedChange.badChange("a verifier key must be a " + suite.id() + " public key in base64url: "
            + e.getMessage());
      }
    }
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Optional<Verifier> existing = Verifiers.lookup(ctx::get, id);
        if (existing.filter(Verifier::active).isPresent()) {
          throw GovernedChange.refused("verifier-exists", "verifier " + id + " is already registered");
        }
        List<RegisteredKey> ks = new ArrayList<>();
        for (byte[] pk : keys) {
          ks.add(new RegisteredKey(KeyId.of(suite, pk), pk, ctx.blockTime(), Optional.empty()));
        }
        ctx.put(Verifiers.key(id), Verifiers.encode(new Verifier(id, name, purposes, types, ks, true)));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", "register-verifier");
        o.put("verifier", id);
        o.put("name", name);
        ObjectNode p = o.putObject("purposes");
        purposes.forEach(p::put);
        ArrayNode t = o.putArray("types");
        types.forEach(t::add);
        ArrayNode k = o.putArray("keys");
        keys.forEach(pk -> k.add(Base64.getUrlEncoder().withoutPadding().encodeToString(pk)));
        return o;
      }
    };
  }

  private GovernedChange parseRemove(JsonNode c) {
    String id = verifierId(c);
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Verifier v = Verifiers.lookup(ctx::get, id).filter(Verifier::active).orElseThrow(() ->
            GovernedChange.refused("unknown-verifier", "no active verifier " + id));
        ctx.put(Verifiers.key(id), Verifiers.encode(v.inactive(ctx.blockTime())));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", "remove-verifier");
        o.put("verifier", id);
        return o;
      }
    };
  }

  private static String verifierId(JsonNode c) {
    try {
      return Verifier.checkId(c.path("verifier").asText(null));
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("\"verifier\": " + e.getMessage());
    }
  }
}
