package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.ledger.state.ReferenceTree.bytes;
import static org.govledger.ledger.state.StateFixture.SHA256;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/**
 * The tree against {@link ReferenceTree} over random histories of puts and deletes on a small key
 * universe (so that keys are often overwritten, deleted and re-added).
 */
class StateTreePropertiesTest {
  static final int KEYS_FOR_TESTS = 40;
  private static final int KEYS = KEYS_FOR_TESTS;

  @Property(tries = 150)
  void history_rootsAndProofsAtEveryVersionMatchTheReference(
      @ForAll("histories") List<Map<Integer, Optional<Integer>>> batches,
      @ForAll @IntRange(min = 0, max = 3) int firstVersion)
      throws Exception {
    StateFixture f = new StateFixture();
    TreeMap<String, String> state = new TreeMap<>();
    List<Map<String, String>> snapshots = new ArrayList<>();
    for (Map<Integer, Optional<Integer>> batch : batches) {
      Map<String, Optional<String>> changes = changes(batch);
      apply(state, changes);
      byte[] root = f.commit(firstVersion + snapshots.size(), changes).root();
      assertThat(hex(root)).isEqualTo(hex(ReferenceTree.root(state)));
      snapshots.add(new TreeMap<>(state));
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      long version = firstVersion + i;
      byte[] root = f.tree.root(version).orElseThrow();
      for (int k = 0; k < KEYS; k++) {
        String key = key(k);
        StateProof proof = f.tree.prove(bytes(key), version);
        proof.verify(SHA256, root);
        Optional<String> want = Optional.ofNullable(snapshots.get(i).get(key));
        Optional<String> got =
            proof.value().map(v -> new String(v, java.nio.charset.StandardCharsets.UTF_8));
        if (!want.equals(got)) {
          failures.add("version " + version + " " + key + ": got " + got + ", want " + want);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Property(tries = 150)
  void update_splitIntoBatches_givesTheSameRoot(
      @ForAll("batch") Map<Integer, Optional<Integer>> initial,
      @ForAll("operations") List<Tuple2<Integer, Optional<Integer>>> operations,
      @ForAll @IntRange(min = 2, max = 6) int pieces) {
    StateFixture whole = new StateFixture();
    StateFixture split = new StateFixture();
    whole.commit(0, changes(initial));
    split.commit(0, changes(initial));
    TreeMap<String, String> state = new TreeMap<>();
    apply(state, changes(initial));

    byte[] wholeRoot = whole.commit(1, lastWins(operations)).root();
    int size = (operations.size() + pieces - 1) / pieces;
    byte[] splitRoot = split.tree.emptyRoot();
    long version = 1;
    for (int from = 0; from < operations.size() || version == 1; from += size) {
      List<Tuple2<Integer, Optional<Integer>>> piece =
          operations.subList(
              Math.min(from, operations.size()), Math.min(from + size, operations.size()));
      splitRoot = split.commit(version++, lastWins(piece)).root();
    }

    apply(state, lastWins(operations));
    assertThat(hex(splitRoot)).isEqualTo(hex(wholeRoot)).isEqualTo(hex(ReferenceTree.root(state)));
  }

  @Property(tries = 100)
  void update_deletingEveryKey_returnsToTheEmptyRoot(
      @ForAll("batch") Map<Integer, Optional<Integer>> initial,
      @ForAll @IntRange(min = 1, max = 3) int pieces)
      throws Exception {
    StateFixture f = new StateFixture();
    f.commit(0, changes(initial));
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      keys.add(key(k));
    }
    long version = 1;
    for (int p = 0; p < pieces; p++) {
      Map<String, Optional<String>> deletes = new LinkedHashMap<>();
      for (int i = p; i < keys.size(); i += pieces) {
        deletes.put(keys.get(i), Optional.empty());
      }
      f.commit(version++, deletes);
    }

    long last = version - 1;
    assertThat(f.tree.root(last)).hasValueSatisfying(r -> assertThat(r).isEqualTo(new byte[32]));
    StateProof proof = f.tree.prove(bytes(key(0)), last);
    proof.verify(SHA256, new byte[32]);
    assertThat(proof.siblings()).isEmpty();
    assertThat(proof.value()).isEmpty();
  }

  @Property(tries = 100)
  void update_thatChangesNothing_writesNoNodesAndKeepsTheRoot(
      @ForAll("batch") Map<Integer, Optional<Integer>> initial) {
    StateFixture f = new StateFixture();
    byte[] before = f.commit(0, changes(initial)).root();
    TreeMap<String, String> state = new TreeMap<>();
    apply(state, changes(initial));
    // Put every present key to its current value and delete every absent key.
    Map<String, Optional<String>> same = new LinkedHashMap<>();
    for (int k = 0; k < KEYS; k++) {
      same.put(key(k), Optional.ofNullable(state.get(key(k))));
    }

    TreeUpdate update = f.commit(1, same);

    assertThat(update.root()).isEqualTo(before);
    assertThat(update.nodeWrites()).isZero();
    assertThat(update.staleNodes()).isEmpty();
  }

  @Provide
  Arbitrary<List<Map<Integer, Optional<Integer>>>> histories() {
    return batch().list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Map<Integer, Optional<Integer>>> batch() {
    return Arbitraries.maps(
            Arbitraries.integers().between(0, KEYS - 1),
            Arbitraries.integers().between(0, 4).optional(0.75))
        .ofMaxSize(KEYS);
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Optional<Integer>>>> operations() {
    return Arbitraries.integers()
        .between(0, KEYS - 1)
        .flatMap(k -> Arbitraries.integers().between(0, 4).optional(0.7).map(v -> Tuple.of(k, v)))
        .list()
        .ofMaxSize(60);
  }

  static String key(int k) {
    return "key-" + k;
  }

  static Map<String, Optional<String>> changes(Map<Integer, Optional<Integer>> batch) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    batch.forEach((k, v) -> out.put(key(k), v.map(x -> "value-" + x)));
    return out;
  }

  private static Map<String, Optional<String>> lastWins(
      List<Tuple2<Integer, Optional<Integer>>> operations) {
    Map<Integer, Optional<Integer>> out = new LinkedHashMap<>();
    operations.forEach(op -> out.put(op.get1(), op.get2()));
    return changes(out);
  }

  static void apply(Map<String, String> state, Map<String, Optional<String>> changes) {
    changes.forEach(
        (k, v) -> {
          if (v.isPresent()) {
            state.put(k, v.get());
          } else {
            state.remove(k);
          }
        });
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
