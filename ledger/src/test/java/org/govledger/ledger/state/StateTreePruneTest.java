package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.ledger.state.ReferenceTree.bytes;
import static org.govledger.ledger.state.StateFixture.SHA256;
import static org.govledger.ledger.state.StateTreePropertiesTest.apply;
import static org.govledger.ledger.state.StateTreePropertiesTest.changes;
import static org.govledger.ledger.state.StateTreePropertiesTest.key;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

class StateTreePruneTest {

  @Property(tries = 100)
  void prune_keepsEveryRetainedVersionProvableAndRefusesPrunedOnes(
      @ForAll("histories") List<Map<Integer, Optional<Integer>>> batches,
      @ForAll @IntRange(min = 0, max = 8) int keepFrom)
      throws Exception {
    StateFixture f = new StateFixture();
    TreeMap<String, String> state = new TreeMap<>();
    List<Map<String, String>> snapshots = new ArrayList<>();
    for (int v = 0; v < batches.size(); v++) {
      apply(state, changes(batches.get(v)));
      f.commit(v, changes(batches.get(v)));
      snapshots.add(new TreeMap<>(state));
    }
    long oldestKept = Math.min(keepFrom, batches.size() - 1);

    f.prune(oldestKept);

    for (int v = 0; v < batches.size(); v++) {
      if (v < oldestKept) {
        assertPruned(f, v);
        continue;
      }
      byte[] root = f.tree.root(v).orElseThrow();
      for (int k = 0; k < StateTreePropertiesTest.KEYS_FOR_TESTS; k++) {
        StateProof proof = f.tree.prove(bytes(key(k)), v);
        proof.verify(SHA256, root);
        assertThat(proof.value().map(b -> new String(b, StandardCharsets.UTF_8)))
            .isEqualTo(Optional.ofNullable(snapshots.get(v).get(key(k))));
      }
    }
    assertThat(f.tree.oldestVersion()).hasValue(oldestKept);
  }

  @Property(tries = 100)
  void prune_toTheLatestVersion_leavesExactlyTheNodesOfItsTree(
      @ForAll("histories") List<Map<Integer, Optional<Integer>>> batches) {
    StateFixture f = new StateFixture();
    TreeMap<String, String> state = new TreeMap<>();
    for (int v = 0; v < batches.size(); v++) {
      apply(state, changes(batches.get(v)));
      f.commit(v, changes(batches.get(v)));
    }

    f.prune(batches.size() - 1);

    // Besides pages (the internal nodes at every PAGE_LEVELS-th depth, holding the levels below):
    // one root pointer, the latest and the oldest version. A missing stale entry would leave an
    // extra page; a wrong one would have broken the proofs above.
    assertThat(f.storedEntries())
        .isEqualTo(ReferenceTree.internalNodeCount(state, StateTree.PAGE_LEVELS) + 3);
  }

  @Property(tries = 100)
  void boundedPrunes_asBlocksCommit_keepTheRetainedVersionsProvableAndEndLikeOneWholePrune(
      @ForAll("histories") List<Map<Integer, Optional<Integer>>> batches,
      @ForAll @IntRange(min = 1, max = 3) int keep,
      @ForAll @IntRange(min = 1, max = 12) int maxDeletes)
      throws Exception {
    StateFixture bounded = new StateFixture();
    StateFixture whole = new StateFixture();
    TreeMap<String, String> state = new TreeMap<>();
    List<Map<String, String>> snapshots = new ArrayList<>();
    for (int v = 0; v < batches.size(); v++) {
      apply(state, changes(batches.get(v)));
      snapshots.add(new TreeMap<>(state));
      bounded.commit(v, changes(batches.get(v)));
      whole.commit(v, changes(batches.get(v)));
      long oldestKept = v - keep + 1;
      if (oldestKept > 0) {
        TreePruning pruning = bounded.prune(oldestKept, maxDeletes);
        whole.prune(oldestKept);
        assertThat(pruning.nodesDeleted()).isLessThanOrEqualTo(maxDeletes);
        assertRetainedAndPruned(bounded, snapshots, oldestKept);
      }
    }
    long oldestKept = Math.max(0, batches.size() - keep);
    int rounds = 0;
    while (oldestKept > 0 && !bounded.prune(oldestKept, maxDeletes).caughtUp()) {
      assertThat(++rounds).as("prunes needed to catch up").isLessThan(10_000);
    }

    assertRetainedAndPruned(bounded, snapshots, oldestKept);
    assertThat(bounded.storedEntries()).isEqualTo(whole.storedEntries());
  }

  @Test
  void boundedPrune_thatStopsInsideAVersion_carriesOnThereNextTime() throws Exception {
    StateFixture f = thirtyKeysWrittenTwiceThenOneAgain();
    StateFixture whole = thirtyKeysWrittenTwiceThenOneAgain();

    TreePruning once = f.prune(1, 3);
    TreePruning twice = f.prune(2, 3);
    int rounds = 2;
    while (!f.prune(2, 3).caughtUp()) {
      rounds++;
    }
    whole.prune(2);

    assertThat(once.nodesDeleted()).isEqualTo(3);
    assertThat(once.caughtUp()).isFalse();
    assertThat(twice.nodesDeleted()).isEqualTo(3);
    assertPruned(f, 0);
    assertPruned(f, 1);
    assertThat(rounds).isGreaterThan(3);
    assertThat(f.tree.prove(bytes(key(0)), 2).value()).contains(bytes("c"));
    assertThat(f.storedEntries()).isEqualTo(whole.storedEntries());
  }

  @Test
  void boundedPrune_whoseDeletionsWereNeverWritten_isComputedAgainFromTheStore() throws Exception {
    // The tree keeps the record a pruning stopped in, so the next one need not read it again; a
    // pruning whose batch was lost (a failed commit) must not make the next one skip its nodes.
    StateFixture f = thirtyKeysWrittenTwiceThenOneAgain();
    StateFixture whole = thirtyKeysWrittenTwiceThenOneAgain();
    f.prune(2, 3);

    List<String> lost = deletions(f.tree.prune(2, 4));
    List<String> again = deletions(f.tree.prune(2, 4));
    List<String> written = deletions(f.prune(2, 4));
    while (!f.prune(2, 3).caughtUp()) {
      assertThat(f.storedEntries()).isGreaterThan(0);
    }
    whole.prune(2);

    assertThat(again).isEqualTo(lost);
    assertThat(written).isEqualTo(lost);
    assertThat(f.storedEntries()).isEqualTo(whole.storedEntries());
    assertThat(f.tree.prove(bytes(key(0)), 2).value()).contains(bytes("c"));
  }

  /** Versions 0 and 1 write 30 keys each, version 2 one of them: version 1 makes many nodes stale. */
  private static StateFixture thirtyKeysWrittenTwiceThenOneAgain() {
    StateFixture f = new StateFixture();
    Map<String, Optional<String>> first = new TreeMap<>();
    Map<String, Optional<String>> second = new TreeMap<>();
    for (int k = 0; k < 30; k++) {
      first.put(key(k), Optional.of("a" + k));
      second.put(key(k), Optional.of("b" + k));
    }
    f.commit(0, first);
    f.commit(1, second);
    f.commit(2, Map.of(key(0), Optional.of("c")));
    return f;
  }

  private static List<String> deletions(TreePruning pruning) {
    WriteBatch batch = new WriteBatch();
    pruning.writeTo(batch);
    List<String> out = new ArrayList<>();
    for (WriteBatch.Op op : batch.ops()) {
      out.add((op.value().isPresent() ? "put " : "delete ") + HexFormat.of().formatHex(op.key()));
    }
    return out;
  }

  @Test
  void prune_withNoDeletionsAllowed_isRefused() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));
    f.commit(1, Map.of("a", Optional.of("2")));

    assertThatThrownBy(() -> f.tree.prune(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a pruning must delete something, got 0");
  }

  private static void assertRetainedAndPruned(
      StateFixture f, List<Map<String, String>> snapshots, long oldestKept) throws Exception {
    for (int v = 0; v < snapshots.size(); v++) {
      if (v < oldestKept) {
        assertPruned(f, v);
        continue;
      }
      byte[] root = f.tree.root(v).orElseThrow();
      for (int k = 0; k < StateTreePropertiesTest.KEYS_FOR_TESTS; k += 7) {
        StateProof proof = f.tree.prove(bytes(key(k)), v);
        proof.verify(SHA256, root);
        assertThat(proof.value().map(b -> new String(b, StandardCharsets.UTF_8)))
            .isEqualTo(Optional.ofNullable(snapshots.get(v).get(key(k))));
      }
    }
  }

  @Test
  void prove_atPrunedVersion_saysItWasPruned() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));
    f.commit(1, Map.of("a", Optional.of("2")));
    f.commit(2, Map.of("a", Optional.of("3")));

    f.prune(2);

    assertPruned(f, 1);
    assertThatThrownBy(() -> f.tree.prove(bytes("a"), 1))
        .hasMessage("state version 1 pruned: oldest kept is 2");
  }

  @Test
  void prove_atVersionNotYetWritten_saysSo() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));

    assertThatThrownBy(() -> f.tree.prove(bytes("a"), 1))
        .isInstanceOf(VersionNotAvailableException.class)
        .hasMessage("state version 1 not written: latest is 0")
        .satisfies(e -> assertThat(((VersionNotAvailableException) e).pruned()).isFalse());
  }

  @Test
  void prune_beyondTheLatestVersion_isRefused() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));

    assertThatThrownBy(() -> f.tree.prune(1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertPruned(StateFixture f, long version) {
    assertThat(f.tree.root(version)).isEmpty();
    assertThatThrownBy(() -> f.tree.prove(bytes("a"), version))
        .isInstanceOf(VersionNotAvailableException.class)
        .hasMessageStartingWith("state version " + version + " pruned")
        .satisfies(e -> assertThat(((VersionNotAvailableException) e).pruned()).isTrue());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<Map<Integer, Optional<Integer>>>> histories() {
    return new StateTreePropertiesTest().histories();
  }
}
