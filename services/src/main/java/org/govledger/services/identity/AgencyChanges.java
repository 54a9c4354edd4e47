package org.govledger.services.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.governance.GovernedChange;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.tx.KeyId;

import org.govledger.services.identity.Agency.Authorisation;

/**
 * The changes to the agency registry, each made by the admins M of N through governance (like
 * EBSI's trusted issuers registry, no single key can make an issuer):
 *
 * <ul>
 *   <li>{@code register-agency}: {@code {agency, name, parent?, types: [...], keys: [publicKey]}};
 *       its keys become ledger signers with the {@code issuer} role;
 *   <li>{@code authorise-types}: {@code {agency, add: [...], remove: [...]}};
 *   <li>{@code add-agency-key}: {@code {agency, publicKey}};
 *   <li>{@code revoke-agency-key}: {@code {agency, keyId}}: the key can no longer sign
 *       transactions, and credentials it signed no longer verify.
 * </ul>
 */
public final class AgencyChanges {
  /** The role of an agency's keys among the ledger's signers. */
  public static final String ROLE_ISSUER = "issuer";
  private static final int MAX_TYPES = 64;
  private static final int MAX_KEYS = 16;

  private final CryptoSuite suite;
  private final Predicate<String> knownType;

  /**
   * @param suite the ledger's crypto suite, which agency keys must be of
   * @param knownType whether a certificate type id is in the catalogue
   */
  public AgencyChanges(CryptoSuite suite, Predicate<String> knownType) {
    this.suite = suite;
    this.knownType = knownType;
  }

  /** The kinds to give {@link org.govledger.ledger.governance.GovernanceContract}. */
  public List<GovernedChange.Kind> kinds() {
    return List.of(
        GovernedChange.Kind.of("register-agency", this::parseRegister),
        GovernedChange.Kind.of("authorise-types", this::parseAuthorise),
        GovernedChange.Kind.of("add-agency-key", this::parseAddKey),
        GovernedChange.Kind.of("revoke-agency-key", this::parseRevokeKey));
  }


  // ---- register-agency

  private GovernedChange parseRegister(JsonNode c) {
    String id = agencyId(c);
    String name = c.path("name").asText("");
    if (name.isBlank() || name.length() > 200) {
      throw GovernedChange.badChange("register-agency needs a \"name\" of 1-200 characters");
    }
    Optional<String> parent = c.hasNonNull("parent") ? Optional.of(agencyId(c, "parent")) : Optional.empty();
    if (parent.filter(id::equals).isPresent()) {
      throw GovernedChange.badChange("agency " + id + " cannot be its own parent");
    }
    Set<String> types = types(c.path("types"), "types");
    List<byte[]> keys = new ArrayList<>();
    if (!c.path("keys").isArray() || c.path("keys").isEmpty() || c.path("keys").size() > MAX_KEYS) {
      throw GovernedChange.badChange("register-agency needs \"keys\": 1-" + MAX_KEYS
          + " public keys (base64url) the agency signs with");
    }
    for (JsonNode k : c.path("keys")) {
      keys.add(publicKey(k));
    }
    return new Register(id, name, parent, types, keys);
  }

  private final class Register implements GovernedChange {
    private final String id;
    private final String name;
    private final Optional<String> parent;
    private final Set<String> types;
    private final List<byte[]> keys;

    Register(String id, String name, Optional<String> parent, Set<String> types, List<byte[]> keys) {
      this.id = id;
      this.name = name;
      this.parent = parent;
      this.types = types;
      this.keys = keys;
    }

    @Override
    public void apply(TxContext ctx) {
      if (Agencies.lookup(ctx::get, id).isPresent()) {
        throw GovernedChange.refused("agency-exists", "agency " + id + " is already registered");
      }
      parent.ifPresent(p -> Agencies.lookup(ctx::get, p).orElseThrow(
          () -> GovernedChange.refused("unknown-agency", "parent agency " + p + " is not registered")));
      List<Authorisation> auths = new ArrayList<>();
      for (String t : types) {
        auths.add(new Authorisation(t, ctx.blockTime(), Optional.empty()));
      }
      List<RegisteredKey> agencyKeys = new ArrayList<>();
      for (byte[] pk : keys) {
        agencyKeys.add(addSigner(ctx, id, name, pk));
      }
      Agency agency = new Agency(id, name, parent, auths, agencyKeys);
      ctx.put(Agencies.key(id), Agencies.encode(agency));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("action", "register-agency");
      o.put("agency", id);
      o.put("name", name);
      parent.ifPresent(p -> o.put("parent", p));
      ArrayNode t = o.putArray("types");
      types.forEach(t::add);
      ArrayNode k = o.putArray("keys");
      keys.forEach(pk -> k.add(b64(pk)));
      return o;
    }
  }

  // ---- authorise-types

  private GovernedChange parseAuthorise(JsonNode c) {
    String id = agencyId(c);
    Set<String> add = c.has("add") ? types(c.path("add"), "add") : Set.of();
    Set<String> remove = c.has("remove") ? types(c.path("remove"), "remove") : Set.of();
    if (add.isEmpty() && remove.isEmpty()) {
      throw GovernedChange.badChange("authorise-types needs a non-empty \"add\" or \"remove\" list");
    }
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Agency a = existing(ctx, id);
        List<Authorisation> auths = new ArrayList<>();
        for (Authorisation x : a.authorisations()) {
          auths.add(x.open() && remove.contains(x.type())
              ? new Authorisation(x.type(), x.fromMillis(), Optional.of(ctx.blockTime()))
              : x);
        }
        for (String t : add) {
          if (!a.authorisedFor(t, ctx.blockTime()) || remove.contains(t)) {
            auths.add(new Authorisation(t, ctx.blockTime(), Optional.empty()));
          }
        }
        ctx.put(Agencies.key(id), Agencies.encode(a.withAuthorisations(auths)));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", "authorise-types");
        o.put("agency", id);
        ArrayNode a = o.putArray("add");
        add.forEach(a::add);
        ArrayNode r = o.putArray("remove");
        remove.forEach(r::add);
        return o;
      }
    };
  }

  // ---- add-agency-key / revoke-agency-key

  private GovernedChange parseAddKey(JsonNode c) {
    String id = agencyId(c);
    byte[] pk = publicKey(c.path("publicKey"));
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Agency a = existing(ctx, id);
        if (a.keys().size() >= MAX_KEYS) {
          throw GovernedChange.refused("too-many-keys", "agency " + id + " has " + MAX_KEYS + " keys already");
        }
        List<RegisteredKey> keys = new ArrayList<>(a.keys());
        keys.add(addSigner(ctx, id, a.name(), pk));
        ctx.put(Agencies.key(id), Agencies.encode(a.withKeys(keys)));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", "add-agency-key");
        o.put("agency", id);
        o.put("publicKey", b64(pk));
        return o;
      }
    };
  }

  private GovernedChange parseRevokeKey(JsonNode c) {
    String id = agencyId(c);
    KeyId keyId;
    try {
      keyId = new KeyId(c.path("keyId").asText(""));
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("revoke-agency-key: " + e.getMessage());
    }
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Agency a = existing(ctx, id);
        RegisteredKey k = a.key(keyId).orElseThrow(() -> GovernedChange.refused("unknown-key",
            "agency " + id + " has no key " + keyId));
        if (k.revoked()) {
          throw GovernedChange.refused("key-revoked", "key " + keyId + " of " + id + " is already revoked");
        }
        List<RegisteredKey> keys = new ArrayList<>();
        for (RegisteredKey x : a.keys()) {
          keys.add(x.keyId().equals(keyId) ? x.revokedAt(ctx.blockTime()) : x);
        }
        ctx.delete(Signers.key(keyId));
        ctx.put(Agencies.key(id), Agencies.encode(a.withKeys(keys)));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", "revoke-agency-key");
        o.put("agency", id);
        o.put("keyId", keyId.value());
        return o;
      }
    };
  }

  // ---- shared

  private RegisteredKey addSigner(TxContext ctx, String agencyId, String agencyName, byte[] pk) {
    KeyId keyId = KeyId.of(suite, pk);
    if (Signers.lookup(ctx::get, keyId).isPresent() || ctx.get(Agencies.keyIndex(keyId)).isPresent()) {
      throw GovernedChange.refused("signer-exists", "key " + keyId + " is already registered");
    }
    String label = agencyName.length() > 180 ? agencyName.substring(0, 180) : agencyName;
    SignerRecord signer = new SignerRecord(keyId, pk, label + " (" + agencyId + ")", Set.of(ROLE_ISSUER));
    ctx.put(Signers.key(keyId), Signers.encode(signer));
    ctx.put(Agencies.keyIndex(keyId), agencyId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return new RegisteredKey(keyId, pk, ctx.blockTime(), Optional.empty());
  }

  private static Agency existing(TxContext ctx, String id) {
    return Agencies.lookup(ctx::get, id).orElseThrow(
        () -> GovernedChange.refused("unknown-agency", "agency " + id + " is not registered"));
  }

  private static String agencyId(JsonNode c) {
    return agencyId(c, "agency");
  }

  private static String agencyId(JsonNode c, String field) {
    try {
      return Agency.checkId(c.path(field).asText(null));
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("\"" + field + "\": " + e.getMessage());
    }
  }

  private Set<String> types(JsonNode list, String field) {
    if (!list.isArray() || list.size() > MAX_TYPES) {
      throw GovernedChange.badChange("\"" + field + "\" must be a list of at most " + MAX_TYPES
          + " certificate type ids");
    }
    Set<String> types = new TreeSet<>();
    for (JsonNode t : list) {
      if (!t.isTextual() || !knownType.test(t.textValue())) {
        throw GovernedChange.badChange("\"" + field + "\" names " + t
            + ", which is not a certificate type in the catalogue");
      }
      types.add(t.textValue());
    }
    return types;
  }

  private byte[] publicKey(JsonNode k) {
    try {
      byte[] pk = Base64.getUrlDecoder().decode(k.asText(""));
      suite.verifier(pk);
      return pk;
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("an agency key must be a " + suite.id()
          + " public key in base64url: " + e.getMessage());
    }
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
