package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.engine.CommittedBlock;
import org.govledger.ledger.state.StateProof;

/**
 * Checks a node's answer to {@code GET /api/v1/state} offline, trusting only the node's key: the
 * block header must carry the node's signature, and the proof must lead from the key and value
 * (or the key's absence) to that header's state root.
 */
public final class StateVerifier {
  private final TrustAnchor trust;

  public StateVerifier(TrustAnchor trust) {
    this.trust = trust;
  }

  /** A value (or absence) proven at a height. */
  public record ProvenState(String key, Optional<byte[]> value, long height) {}

  public ProvenState verify(JsonNode answer) throws VerificationException {
    CommittedBlock block;
    StateProof proof;
    try {
      block = CommittedBlock.fromJson(answer.path("block"));
      proof = StateProofJson.fromJson(answer.path("proof"));
    } catch (IllegalArgumentException e) {
      throw new VerificationException("state answer is malformed: " + e.getMessage(), e);
    }
    BlockHeader header = block.header();
    if (!header.ledger().equals(trust.ledger())) {
      throw new VerificationException(
          "block is of ledger " + header.ledger() + ", want " + trust.ledger());
    }
    trust.suite().verifier(trust.nodePublicKey()).verify(header.canonicalBytes(), block.signature());
    String key = answer.path("key").asText();
    if (!Arrays.equals(proof.key(), key.getBytes(StandardCharsets.UTF_8))) {
      throw new VerificationException("proof is for another key than \"" + key + "\"");
    }
    if (proof.version() != header.height()) {
      throw new VerificationException("proof is for height " + proof.version()
          + ", the block is " + header.height());
    }
    proof.verify(trust.suite().hash(), header.stateRoot());
    return new ProvenState(key, proof.value(), header.height());
  }
}
