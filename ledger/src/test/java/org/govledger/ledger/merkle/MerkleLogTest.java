package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.junit.jupiter.api.Test;

class MerkleLogTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();
  private static final HexFormat HEX = HexFormat.of();

  private static List<byte[]> leafHashes(HashFunction h, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(MerkleHashing.leafHash(h, ("leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void append_referenceLeavesOneByOne_storesExactlyTheReferenceNodes() {
    JsonNode tree = Vectors.load("reference-tree.json");
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = MerkleLog.empty(SHA256, nodes);
    List<String> roots = Vectors.strings(tree.get("roots"));
    List<String> failures = new ArrayList<>();
    for (byte[] data : Vectors.hexList(tree.get("leaves"))) {
      log = nodes.appendAndStore(log, List.of(MerkleHashing.leafHash(SHA256, data)));
      String got = HEX.formatHex(log.root());
      if (!got.equals(roots.get((int) log.size()))) {
        failures.add("size " + log.size() + ": root " + got);
      }
    }
    List<TreeNode> want = new ArrayList<>();
    JsonNode levels = tree.get("nodes");
    for (int level = 0; level < levels.size(); level++) {
      List<byte[]> row = Vectors.hexList(levels.get(level));
      for (int index = 0; index < row.size(); index++) {
        want.add(new TreeNode(level, index, row.get(index)));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(nodes.snapshot()).containsExactlyElementsOf(want);
    for (int size = 0; size <= 8; size++) {
      assertThat(HEX.formatHex(log.root(size))).as("root(%d)", size).isEqualTo(roots.get(size));
    }
  }

  @Test
  void append_readsNothing_andCreatesAboutTwoNodesPerLeaf() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(SHA256, 1000));
    long before = nodes.reads();
    AppendResult result = log.append(leafHashes(SHA256, 24));
    assertThat(nodes.reads()).isEqualTo(before);
    // A tree of n leaves has sum(floor(n / 2^level)) complete subtrees: 2047 at 1024, 1994 at 1000.
    assertThat(result.nodes()).hasSize(2047 - 1994);
    assertThat(result.size()).isEqualTo(1024);
    assertThat(result.nodes().get(result.nodes().size() - 1).level()).isEqualTo(10);
  }

  @Test
  void append_nothing_keepsSizeAndRoot() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(SHA256, 5));
    AppendResult result = log.append(List.of());
    assertThat(result.nodes()).isEmpty();
    assertThat(result.size()).isEqualTo(5);
    assertThat(result.root()).isEqualTo(log.root());
  }

  @Test
  void open_readsOneNodePerSetBitOfTheSize_andHasTheSameRoot() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(SHA256, 1234));
    long before = nodes.reads();
    MerkleLog reopened = MerkleLog.open(SHA256, nodes, 1234);
    assertThat(nodes.reads() - before).isEqualTo(Long.bitCount(1234));
    assertThat(reopened.root()).isEqualTo(log.root());
    assertThat(reopened.append(leafHashes(SHA256, 3)).root())
        .isEqualTo(log.append(leafHashes(SHA256, 3)).root());
  }

  @Test
  void proofs_readLogarithmicallyManyNodes() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(SHA256, 100_003));
    long before = nodes.reads();
    log.inclusionProof(77_777, 100_003);
    log.consistencyProof(65_537, 100_003);
    log.root(99_999);
    // Each is at most about 2 * log2(100003) = 34 reads.
    assertThat(nodes.reads() - before).isLessThanOrEqualTo(3 * 34);
  }

  @Test
  void proofs_forOldSizes_verifyAgainstOldRoots() throws VerificationException {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> leaves = leafHashes(SHA256, 300);
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leaves);
    for (long size : new long[] {1, 2, 3, 100, 257, 300}) {
      byte[] root = log.root(size);
      for (long i = 0; i < size; i += 7) {
        log.inclusionProof(i, size).verify(SHA256, leaves.get((int) i), root);
      }
      log.consistencyProof(size / 3, size).verify(SHA256, log.root(size / 3), root);
    }
  }

  @Test
  void worksWithAnyHashFunction_hereSha512() throws VerificationException {
    HashFunction sha512 = new HashFunction() {
      @Override
      public String name() {
        return "sha512";
      }

      @Override
      public int length() {
        return 64;
      }

      @Override
      public byte[] digest(byte[]... parts) {
        try {
          MessageDigest md = MessageDigest.getInstance("SHA-512");
          for (byte[] p : parts) {
            md.update(p);
          }
          return md.digest();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> leaves = leafHashes(sha512, 21);
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(sha512, nodes), leaves);
    log.inclusionProof(13, 21).verify(sha512, leaves.get(13), log.root());
    log.consistencyProof(5, 21).verify(sha512, log.root(5), log.root());
    assertThatThrownBy(() -> log.inclusionProof(13, 21).verify(SHA256, leaves.get(13), log.root()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("leaf hash has 64 bytes, want 32");
  }

  @Test
  void arguments_outsideTheLog_areRefused() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(SHA256, 10));
    assertThatThrownBy(() -> log.root(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tree size 11 is not in [0, 10], the log's size");
    assertThatThrownBy(() -> log.inclusionProof(10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaf index 10 is not in a tree of size 10");
    assertThatThrownBy(() -> log.consistencyProof(6, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size1 6 is not in [0, 5]");
    assertThatThrownBy(() -> log.append(List.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaf hash 10 has 31 bytes, want 32");
    assertThat(log.consistencyProof(0, 10).path()).isEmpty();
    assertThat(log.consistencyProof(10, 10).path()).isEmpty();
  }

  @Test
  void missingNode_isReportedByPosition() {
    TreeNodeReader nothing = (level, index) -> Optional.empty();
    assertThatThrownBy(() -> MerkleLog.open(SHA256, nothing, 6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("tree node at level 2 index 0 is not stored");
    AppendResult uncommitted = MerkleLog.empty(SHA256, nothing).append(leafHashes(SHA256, 3));
    assertThatThrownBy(() -> uncommitted.log().inclusionProof(0, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not stored");
  }

  @Test
  void readers_proveCommittedSizes_whileTheWriterAppends() throws Exception {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> leaves = leafHashes(SHA256, 20_000);
    final class Published {
      volatile MerkleLog log = MerkleLog.empty(SHA256, nodes);
    }
    Published published = new Published();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        long seed = r;
        readers.add(pool.submit(() -> {
          int verified = 0;
          Random random = new Random(seed);
          while (!done.get() || verified == 0) {
            MerkleLog log = published.log;
            long size = log.size();
            if (size == 0) {
              continue;
            }
            long i = (long) (random.nextDouble() * size);
            log.inclusionProof(i, size).verify(SHA256, leaves.get((int) i), log.root());
            long m = (long) (random.nextDouble() * size);
            log.consistencyProof(m, size).verify(SHA256, log.root(m), log.root());
            verified++;
          }
          return verified;
        }));
      }
      for (int start = 0; start < leaves.size(); start += 100) {
        AppendResult result = published.log.append(leaves.subList(start, start + 100));
        nodes.putAll(result.nodes()); // commit, then publish
        published.log = result.log();
      }
      done.set(true);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
