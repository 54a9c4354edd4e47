package org.govledger.ledger.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;

/**
 * The document a ledger starts from: its id, its crypto suite, its first signers (admins, nodes,
 * clients) and the number of admins that must approve a governance change. Its hash is the
 * genesis block's {@code previous}, so two ledgers with different genesis never share a chain.
 */
public record Genesis(
    String ledger, CryptoSuite suite, long time, int adminThreshold, List<SignerRecord> signers) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Genesis {
    signers = List.copyOf(signers);
    long admins = signers.stream().filter(s -> s.hasRole(SignerRecord.ROLE_ADMIN)).count();
    if (admins == 0) {
      throw new IllegalArgumentException("genesis needs at least one admin signer");
    }
    if (adminThreshold < 1 || adminThreshold > admins) {
      throw new IllegalArgumentException(
          "admin threshold must be between 1 and the number of admins (" + admins + "), got "
              + adminThreshold);
    }
    if (signers.stream().noneMatch(s -> s.hasRole(SignerRecord.ROLE_NODE))) {
      throw new IllegalArgumentException("genesis needs at least one node signer");
    }
    Set<KeyId> seen = new TreeSet<>();
    for (SignerRecord s : signers) {
      if (!s.keyId().equals(KeyId.of(suite, s.publicKey()))) {
        throw new IllegalArgumentException(
            "signer " + s.name() + ": key id " + s.keyId() + " is not the id of its public key");
      }
      if (!seen.add(s.keyId())) {
        throw new IllegalArgumentException("signer " + s.keyId() + " is listed twice");
      }
      suite.verifier(s.publicKey()); // throws if the key is not a valid point for the suite
    }
  }

  /** A signer entry built from a public key alone. */
  public static SignerRecord signer(
      CryptoSuite suite, byte[] publicKey, String name, Set<String> roles) {
    return new SignerRecord(KeyId.of(suite, publicKey), publicKey, name, roles);
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("ledger", ledger);
    o.put("suite", suite.id());
    o.put("time", time);
    o.put("adminThreshold", adminThreshold);
    ArrayNode arr = o.putArray("signers");
    signers.forEach(s -> arr.add(s.toJson()));
    return o;
  }

  public byte[] canonicalBytes() {
    return Canonical.canonicalize(toJson());
  }

  public static Genesis fromJson(JsonNode o) {
    CryptoSuite suite = CryptoSuite.fromId(o.path("suite").asText());
    List<SignerRecord> signers = new ArrayList<>();
    for (JsonNode s : o.path("signers")) {
      Set<String> roles = new TreeSet<>();
      s.path("roles").forEach(r -> roles.add(r.asText()));
      byte[] pk = Base64.getUrlDecoder().decode(s.path("publicKey").asText());
      signers.add(signer(suite, pk, s.path("name").asText(), roles));
    }
    return new Genesis(
        o.path("ledger").asText(),
        suite,
        o.path("time").asLong(),
        o.path("adminThreshold").asInt(1),
        signers);
  }
}
