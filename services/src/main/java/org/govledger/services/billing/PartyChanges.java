package org.govledger.services.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.governance.GovernedChange;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;
import org.govledger.services.identity.RegisteredKey;

/**
 * {@code register-party} {@code {party, role: biller|payer, name, category, keys: [publicKey]}},
 * made by the admins M of N: billers' and payers' keys become ledger signers with their role.
 */
public final class PartyChanges {
  public static final Set<String> ROLES = Set.of("biller", "payer");
  private final CryptoSuite suite;

  public PartyChanges(CryptoSuite suite) {
    this.suite = suite;
  }

  public List<GovernedChange.Kind> kinds() {
    return List.of(new GovernedChange.Kind() {
      @Override
      public String action() {
        return "register-party";
      }

      @Override
      public GovernedChange parse(JsonNode c) {
        return parseRegister(c);
      }
    });
  }

  private GovernedChange parseRegister(JsonNode c) {
    ObjectNode stored = c.deepCopy();
    String id = c.path("party").asText("");
    String role = c.path("role").asText("");
    String name = c.path("name").asText("");
    String category = c.path("category").asText("");
    if (!Party.ID.matcher(id).matches() || !ROLES.contains(role) || name.isBlank() || name.length() > 200
        || !Party.ID.matcher(category).matches()) {
      throw GovernedChange.badChange("register-party needs \"party\" (an id), \"role\" (biller or payer),"
          + " \"name\" (1-200 characters) and \"category\" (medical, transport, insurance, employer, ...)");
    }
    List<byte[]> keys = new ArrayList<>();
    if (!c.path("keys").isArray() || c.path("keys").isEmpty() || c.path("keys").size() > 8) {
      throw GovernedChange.badChange("\"keys\" must list 1-8 public keys (base64url)");
    }
    for (JsonNode k : c.path("keys")) {
      try {
        byte[] pk = Base64.getUrlDecoder().decode(k.asText(""));
        suite.verifier(pk);
        keys.add(pk);
      } catch (IllegalArgumentException e) {
        throw GovernedChange.badChange("a party key must be a " + suite.id() + " public key: " + e.getMessage());
      }
    }
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        if (Party.lookup(ctx::get, id).isPresent()) {
          throw GovernedChange.refused("party-exists", "party " + id + " is already registered");
        }
        List<RegisteredKey> ks = new ArrayList<>();
        for (byte[] pk : keys) {
          KeyId keyId = KeyId.of(suite, pk);
          if (Signers.lookup(ctx::get, keyId).isPresent()) {
            throw GovernedChange.refused("signer-exists", "key " + keyId + " is already registered");
          }
          ctx.put(Signers.key(keyId), Signers.encode(new SignerRecord(keyId, pk, name + " (" + id + ")", Set.of(role))));
          ctx.put(Party.keyIndex(keyId), id.getBytes(StandardCharsets.US_ASCII));
          ks.add(new RegisteredKey(keyId, pk, ctx.blockTime(), Optional.empty()));
        }
        ctx.put(Party.key(id), Canonical.canonicalize(new Party(id, role, name, category, ks).toJson()));
      }

      @Override
      public ObjectNode toJson() {
        return stored.deepCopy();
      }
    };
  }
}
