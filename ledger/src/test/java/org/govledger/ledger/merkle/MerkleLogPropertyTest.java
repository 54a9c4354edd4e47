package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;

class MerkleLogPropertyTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();

  /**
   * Distinct leaf data for trees of 1 to 300 leaves (uniformly many, not mostly small ones), each
   * a 4-byte index and 0 to 36 random bytes. Distinct, because with two equal leaves the proof of
   * one is also a proof of the other, not a corruption.
   */
  @Provide
  Arbitrary<List<byte[]>> leaves() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 300).withDistribution(RandomDistribution.uniform()),
            Arbitraries.longs())
        .as(MerkleLogPropertyTest::distinctLeaves);
  }

  private static List<byte[]> distinctLeaves(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] tail = new byte[random.nextInt(37)];
      random.nextBytes(tail);
      out.add(ByteBuffer.allocate(4 + tail.length).putInt(i).put(tail).array());
    }
    return out;
  }

  /** Leaf data and a split of it into append batches, as a list of batch sizes. */
  @Provide
  Arbitrary<List<List<byte[]>>> batches() {
    return leaves()
        .flatMap(data -> Arbitraries.integers().between(1, 40).list().ofMaxSize(300)
            .map(sizes -> split(data, sizes)));
  }

  private static List<List<byte[]>> split(List<byte[]> data, List<Integer> sizes) {
    List<List<byte[]>> out = new ArrayList<>();
    int start = 0;
    for (int size : sizes) {
      if (start >= data.size()) {
        break;
      }
      int end = Math.min(data.size(), start + size);
      out.add(data.subList(start, end));
      start = end;
    }
    if (start < data.size()) {
      out.add(data.subList(start, data.size()));
    }
    return out;
  }

  private static List<byte[]> leafHashes(List<byte[]> data) {
    List<byte[]> out = new ArrayList<>(data.size());
    for (byte[] d : data) {
      out.add(MerkleHashing.leafHash(SHA256, d));
    }
    return out;
  }

  @Property(tries = 60)
  void root_equalsTheReferenceRoot_forEverySize(@ForAll("leaves") List<byte[]> data) {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(data));
    List<String> failures = new ArrayList<>();
    for (int size = 0; size <= data.size(); size++) {
      byte[] want = MerkleHashing.root(SHA256, data.subList(0, size));
      if (!Arrays.equals(log.root(size), want)) {
        failures.add("size " + size);
      }
      if (!Arrays.equals(MerkleLog.open(SHA256, nodes, size).root(), want)) {
        failures.add("reopened at size " + size);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Property(tries = 40)
  void inclusionProofs_equalTheReference_andVerify(@ForAll("leaves") List<byte[]> data) {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> hashes = leafHashes(data);
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), hashes);
    int n = data.size();
    byte[] root = log.root();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InclusionProof proof = log.inclusionProof(i, n);
      if (!proof.equals(new InclusionProof(i, n, ReferenceProofs.path(SHA256, i, data)))) {
        failures.add("leaf " + i + ": differs from the reference path");
      }
      byte[] leafHash = hashes.get(i);
      ProofVectorTest.check(failures, "leaf " + i, "", () -> proof.verify(SHA256, leafHash, root));
    }
    assertThat(failures).isEmpty();
  }

  @Property(tries = 40)
  void consistencyProofs_equalTheReference_andVerify(@ForAll("leaves") List<byte[]> data) {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leafHashes(data));
    int n = data.size();
    byte[] root = log.root();
    List<String> failures = new ArrayList<>();
    for (int m = 0; m <= n; m++) {
      ConsistencyProof proof = log.consistencyProof(m, n);
      if (!proof.equals(new ConsistencyProof(m, n, ReferenceProofs.consistency(SHA256, m, data)))) {
        failures.add("from " + m + ": differs from the reference proof");
      }
      byte[] root1 = log.root(m);
      ProofVectorTest.check(failures, "from " + m, "", () -> proof.verify(SHA256, root1, root));
    }
    assertThat(failures).isEmpty();
  }

  @Property(tries = 100)
  void corruptedProofs_fail(
      @ForAll("leaves") List<byte[]> data,
      @ForAll @IntRange(min = 0, max = 299) int leafPick,
      @ForAll @IntRange(min = 0, max = 300) int sizePick)
      throws VerificationException {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> hashes = leafHashes(data);
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), hashes);
    int n = data.size();
    int i = leafPick % n;
    int m = sizePick % (n + 1);
    List<String> failures = new ArrayList<>();
    InclusionProof inclusion = log.inclusionProof(i, n);
    inclusion.verify(SHA256, hashes.get(i), log.root());
    for (Corruptions.InclusionProbe p : Corruptions.of(inclusion, hashes.get(i), log.root())) {
      ProofVectorTest.check(failures, "leaf " + i + " " + p.description(), "-",
          () -> p.proof().verify(SHA256, p.leafHash(), p.root()));
    }
    ConsistencyProof consistency = log.consistencyProof(m, n);
    consistency.verify(SHA256, log.root(m), log.root());
    for (Corruptions.ConsistencyProbe p : Corruptions.of(consistency, log.root(m), log.root())) {
      ProofVectorTest.check(failures, "from " + m + " " + p.description(), "-",
          () -> p.proof().verify(SHA256, p.root1(), p.root2()));
    }
    assertThat(failures).isEmpty();
  }

  @Property(tries = 60)
  void differentBatchSplits_storeIdenticalNodesAndRoots(@ForAll("batches") List<List<byte[]>> batches) {
    List<byte[]> all = new ArrayList<>();
    batches.forEach(all::addAll);
    InMemoryTreeNodes oneByOne = new InMemoryTreeNodes();
    MerkleLog a = MerkleLog.empty(SHA256, oneByOne);
    for (byte[] d : all) {
      a = oneByOne.appendAndStore(a, List.of(MerkleHashing.leafHash(SHA256, d)));
    }
    InMemoryTreeNodes batched = new InMemoryTreeNodes();
    MerkleLog b = MerkleLog.empty(SHA256, batched);
    List<TreeNode> emitted = new ArrayList<>();
    for (List<byte[]> batch : batches) {
      AppendResult result = b.append(leafHashes(batch));
      emitted.addAll(result.nodes());
      batched.putAll(result.nodes());
      b = result.log();
      assertThat(result.root()).isEqualTo(MerkleHashing.root(SHA256, all.subList(0, (int) b.size())));
    }
    assertThat(batched.snapshot()).isEqualTo(oneByOne.snapshot());
    assertThat(emitted).hasSameSizeAs(batched.snapshot()).doesNotHaveDuplicates();
    assertThat(b.root()).isEqualTo(a.root());
  }

}
