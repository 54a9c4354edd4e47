package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.junit.jupiter.api.Test;

class MerkleHashingTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void emptyRoot_isSha256OfTheEmptyString() {
    assertThat(HEX.formatHex(MerkleHashing.emptyRoot(SHA256)))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void leafAndNodeHashes_areDomainSeparated() {
    byte[] a = new byte[32];
    byte[] leafOfPair = MerkleHashing.leafHash(SHA256, new byte[64]);
    assertThat(MerkleHashing.nodeHash(SHA256, a, a)).isNotEqualTo(leafOfPair);
    assertThat(MerkleHashing.leafHash(SHA256, new byte[0]))
        .isEqualTo(SHA256.digest(new byte[] {0}));
  }

  @Test
  void root_ofEveryPrefixOfTheReferenceTree_matchesTheVectors() {
    JsonNode tree = Vectors.load("reference-tree.json");
    List<byte[]> leaves = Vectors.hexList(tree.get("leaves"));
    List<String> wantRoots = Vectors.strings(tree.get("roots"));
    List<String> failures = new ArrayList<>();
    for (int size = 0; size <= leaves.size(); size++) {
      String got = HEX.formatHex(MerkleHashing.root(SHA256, leaves.subList(0, size)));
      if (!got.equals(wantRoots.get(size))) {
        failures.add("size " + size + ": got " + got + ", want " + wantRoots.get(size));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(wantRoots.get(8))
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  @Test
  void root_ofEveryCompleteSubtree_matchesTheNodeVectors() {
    JsonNode tree = Vectors.load("reference-tree.json");
    List<byte[]> leaves = Vectors.hexList(tree.get("leaves"));
    List<String> failures = new ArrayList<>();
    JsonNode levels = tree.get("nodes");
    for (int level = 0; level < levels.size(); level++) {
      List<String> row = Vectors.strings(levels.get(level));
      for (int index = 0; index < row.size(); index++) {
        int width = 1 << level;
        String got =
            HEX.formatHex(
                MerkleHashing.root(SHA256, leaves.subList(index * width, (index + 1) * width)));
        if (!got.equals(row.get(index))) {
          failures.add("level " + level + " index " + index + ": got " + got);
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
