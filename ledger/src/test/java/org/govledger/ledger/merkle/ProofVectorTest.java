package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.junit.jupiter.api.Test;

/** Runs every inclusion and consistency vector, and every corrupted twin of each valid one. */
class ProofVectorTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();

  @Test
  void inclusionVectors_verifyOrFailAsExpected_andEveryTwinFails() {
    List<String> failures = new ArrayList<>();
    int twins = 0;
    for (Vectors.Vector v : Vectors.loadAll("inclusion")) {
      JsonNode j = v.json();
      InclusionProof proof =
          new InclusionProof(
              j.get("leafIndex").asLong(), j.get("treeSize").asLong(), Vectors.hexList(j.get("path")));
      byte[] leafHash = Vectors.hex(j.get("leafHash"));
      byte[] root = Vectors.hex(j.get("root"));
      String wantError = j.path("wantError").asText("");
      check(failures, v.describe(), wantError, () -> proof.verify(SHA256, leafHash, root));
      if (wantError.isEmpty()) {
        for (Corruptions.InclusionProbe p : Corruptions.of(proof, leafHash, root)) {
          twins++;
          check(failures, v.describe() + " twin " + p.description(), "-",
              () -> p.proof().verify(SHA256, p.leafHash(), p.root()));
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(twins).isGreaterThan(50);
  }

  @Test
  void consistencyVectors_verifyOrFailAsExpected_andEveryTwinFails() {
    List<String> failures = new ArrayList<>();
    int twins = 0;
    for (Vectors.Vector v : Vectors.loadAll("consistency")) {
      JsonNode j = v.json();
      ConsistencyProof proof =
          new ConsistencyProof(
              j.get("size1").asLong(), j.get("size2").asLong(), Vectors.hexList(j.get("path")));
      byte[] root1 = Vectors.hex(j.get("root1"));
      byte[] root2 = Vectors.hex(j.get("root2"));
      String wantError = j.path("wantError").asText("");
      check(failures, v.describe(), wantError, () -> proof.verify(SHA256, root1, root2));
      if (wantError.isEmpty()) {
        for (Corruptions.ConsistencyProbe p : Corruptions.of(proof, root1, root2)) {
          twins++;
          check(failures, v.describe() + " twin " + p.description(), "-",
              () -> p.proof().verify(SHA256, p.root1(), p.root2()));
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(twins).isGreaterThan(50);
  }

  @Test
  void proofsFromTheLog_equalTheVectors() {
    JsonNode tree = Vectors.load("reference-tree.json");
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> leafHashes = new ArrayList<>();
    for (byte[] data : Vectors.hexList(tree.get("leaves"))) {
      leafHashes.add(MerkleHashing.leafHash(SHA256, data));
    }
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes);
    List<String> failures = new ArrayList<>();
    for (Vectors.Vector v : Vectors.loadAll("inclusion")) {
      JsonNode j = v.json();
      if (!j.has("wantError") && v.file().startsWith("leaf")) {
        InclusionProof want =
            new InclusionProof(
                j.get("leafIndex").asLong(), j.get("treeSize").asLong(), Vectors.hexList(j.get("path")));
        InclusionProof got = log.inclusionProof(want.leafIndex(), want.treeSize());
        if (!got.equals(want)) {
          failures.add(v.describe() + ": got " + got);
        }
      }
    }
    for (Vectors.Vector v : Vectors.loadAll("consistency")) {
      JsonNode j = v.json();
      if (!j.has("wantError")) {
        ConsistencyProof want =
            new ConsistencyProof(
                j.get("size1").asLong(), j.get("size2").asLong(), Vectors.hexList(j.get("path")));
        ConsistencyProof got = log.consistencyProof(want.size1(), want.size2());
        if (!got.equals(want)) {
          failures.add(v.describe() + ": got " + got);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  interface Check {
    void run() throws VerificationException;
  }

  /**
   * Records a failure unless {@code check} behaves: passes when {@code wantError} is empty, throws
   * a {@link VerificationException} containing it otherwise ({@code "-"} accepts any message).
   */
  static void check(List<String> failures, String what, String wantError, Check check) {
    try {
      check.run();
      if (!wantError.isEmpty()) {
        failures.add(what + ": verified, want error \"" + wantError + "\"");
      }
    } catch (VerificationException e) {
      if (wantError.isEmpty()) {
        failures.add(what + ": " + e.getMessage());
      } else if (!wantError.equals("-") && !e.getMessage().contains(wantError)) {
        failures.add(what + ": error \"" + e.getMessage() + "\", want \"" + wantError + "\"");
      }
    } catch (RuntimeException e) {
      failures.add(what + ": unexpected " + e);
    }
  }
}
