package org.govledger.consensus.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.governance.GovernanceContract;
import org.govledger.ledger.governance.GovernedChange;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.tx.KeyId;

/**
 * Who is in the Raft group, decided by governance (admins, M of N), like any other signer:
 *
 * <ul>
 *   <li>{@code add-node {id, raft: "host:port", publicKey, name}}: the node's key becomes a
 *       signer with role {@code node}, and the node a member of the group;
 *   <li>{@code remove-node {id, keyId}}: the node leaves the group and its key is no longer
 *       accepted.
 * </ul>
 *
 * The ledger records each decision under {@code governance/raft-node/<id>}. The members are the
 * cluster file's nodes, plus those added, less those removed; the leader carries each decision out
 * with a Ratis configuration change once its block is committed.
 */
public final class MembershipChanges {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String PREFIX = GovernanceContract.NAME + "/raft-node/";

  private final CryptoSuite suite;

  public MembershipChanges(CryptoSuite suite) {
    this.suite = suite;
  }

  public List<GovernedChange.Kind> kinds() {
    return List.of(GovernedChange.Kind.of("add-node", this::parseAdd),
        GovernedChange.Kind.of("remove-node", this::parseRemove));
  }

  /**
   * The members the ledger has decided on: the cluster file's, plus nodes added by governance,
   * less nodes removed by it, in that order.
   */
  public static List<ClusterMember> members(Cluster file, LedgerView view) {
    Map<String, ClusterMember> members = new LinkedHashMap<>();
    file.members().forEach(m -> members.put(m.id(), m));
    decisions(view).forEach((id, record) -> {
      if (record.path("member").asBoolean()) {
        String raft = record.path("raft").asText();
        int colon = raft.lastIndexOf(':');
        members.putIfAbsent(id, new ClusterMember(id, raft.substring(0, colon),
            Integer.parseInt(raft.substring(colon + 1)), Optional.empty()));
      } else {
        members.remove(id);
      }
    });
    return new ArrayList<>(members.values());
  }

  /** The nodes the ledger has removed (and not added again). */
  public static Set<String> removed(LedgerView view) {
    Set<String> removed = new TreeSet<>();
    decisions(view).forEach((id, record) -> {
      if (!record.path("member").asBoolean()) {
        removed.add(id);
      }
    });
    return removed;
  }

  /** The ledger's membership decision for each node id it has one for, in key order. */
  private static Map<String, JsonNode> decisions(LedgerView view) {
    Map<String, JsonNode> decisions = new LinkedHashMap<>();
    byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
    for (TxContext.StateEntry e : view.scanState(prefix, prefix, 1_000)) {
      decisions.put(new String(e.key(), StandardCharsets.US_ASCII).substring(PREFIX.length()),
          read(e.value()));
    }
    return decisions;
  }

  private GovernedChange parseAdd(JsonNode c) {
    String id = c.path("id").asText("");
    String raft = c.path("raft").asText("");
    ClusterMember member;
    try {
      int colon = raft.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("\"raft\" must be host:port, got \"" + raft + "\"");
      }
      member = new ClusterMember(id, raft.substring(0, colon),
          Integer.parseInt(raft.substring(colon + 1)), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("add-node needs \"id\", \"raft\" (host:port), \"publicKey\""
          + " and \"name\": " + e.getMessage());
    }
    byte[] pk;
    try {
      pk = Base64.getUrlDecoder().decode(c.path("publicKey").asText(""));
      suite.verifier(pk);
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("add-node: publicKey is not a " + suite.id()
          + " public key in base64url: " + e.getMessage());
    }
    String name = c.path("name").asText("node " + id);
    SignerRecord signer = new SignerRecord(KeyId.of(suite, pk), pk, name,
        Set.of(SignerRecord.ROLE_NODE));
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Optional<JsonNode> was = ctx.get(key(id)).map(MembershipChanges::read);
        if (was.isPresent()) {
          throw GovernedChange.refused("node-exists", "node " + id + " was already "
              + (was.get().path("member").asBoolean() ? "added" : "removed")
              + "; a node id is used once");
        }
        if (Signers.lookup(ctx::get, signer.keyId()).isPresent()) {
          throw GovernedChange.refused("signer-exists", "key " + signer.keyId()
              + " is already registered");
        }
        ctx.put(Signers.key(signer.keyId()), Signers.encode(signer));
        ObjectNode record = MAPPER.createObjectNode();
        record.put("member", true);
        record.put("raft", member.raftAddress());
        record.put("keyId", signer.keyId().value());
        ctx.put(key(id), bytes(record));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("action", "add-node");
        o.put("id", id);
        o.put("raft", member.raftAddress());
        o.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(pk));
        o.put("name", name);
        return o;
      }
    };
  }

  private GovernedChange parseRemove(JsonNode c) {
    String id = c.path("id").asText("");
    KeyId keyId;
    try {
      new ClusterMember(id, "h", 1, Optional.empty()); // checks the id's form
      keyId = new KeyId(c.path("keyId").asText(""));
    } catch (IllegalArgumentException e) {
      throw GovernedChange.badChange("remove-node needs \"id\" and \"keyId\" (the node's key):"
          + " " + e.getMessage());
    }
    return new GovernedChange() {
      @Override
      public void apply(TxContext ctx) {
        Optional<JsonNode> was = ctx.get(key(id)).map(MembershipChanges::read);
        if (was.isPresent() && !was.get().path("member").asBoolean()) {
          throw GovernedChange.refused("node-removed", "node " + id + " was already removed");
        }
        SignerRecord signer = Signers.lookup(ctx::get, keyId)
            .filter(s -> s.hasRole(SignerRecord.ROLE_NODE))
            .orElseThrow(() -> GovernedChange.refused("unknown-node",
                "no node key " + keyId + " is registered"));
        long nodes = ctx.scan(Signers.keyPrefix(), 100_000).stream()
            .map(e -> SignerRecord.fromJson(read(e.value())))
            .filter(s -> s.hasRole(SignerRecord.ROLE_NODE)).count();
        if (nodes <= 1) {
          throw GovernedChange.refused("would-lock-out", "cannot remove the last node");
        }
        ctx.delete(Signers.key(signer.keyId()));
        ObjectNode record = MAPPER.createObjectNode();
        record.put("member", false);
        record.put("keyId", keyId.value());
        ctx.put(key(id), bytes(record));
      }

      @Override
      public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("action", "remove-node");
        o.put("id", id);
        o.put("keyId", keyId.value());
        return o;
      }
    };
  }

  private static byte[] key(String id) {
    return (PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(ObjectNode o) {
    return org.govledger.ledger.json.Canonical.canonicalize(o);
  }

  private static JsonNode read(byte[] value) {
    try {
      return MAPPER.readTree(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a stored governance record is not JSON", e);
    }
  }

}
