package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.ledger.state.ReferenceTree.bytes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/** Leaves hold only hashes: old values come from the tree's history, current ones from the table. */
class StateHistoryTest {

  @Test
  void prove_atVersionsBeforeAChangeAndADelete_showsTheValuesOfThoseVersions() throws Exception {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));
    f.commit(1, Map.of("a", Optional.of("2")));
    f.commit(2, Map.of("a", Optional.empty()));
    f.commit(3, Map.of("a", Optional.of("4")));

    assertThat(provenValue(f, "a", 0)).contains("1");
    assertThat(provenValue(f, "a", 1)).contains("2");
    assertThat(provenValue(f, "a", 2)).isEmpty();
    assertThat(provenValue(f, "a", 3)).contains("4");
  }

  @Test
  void prove_atVersionBeforeALeafMovedAndLaterChanged_showsItsValueThen() throws Exception {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));
    // Adding neighbours moves a's leaf down without changing it; the change comes later.
    Map<String, Optional<String>> neighbours = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      neighbours.put("n" + i, Optional.of("x"));
    }
    f.commit(1, neighbours);
    f.commit(2, Map.of("a", Optional.of("3")));

    assertThat(provenValue(f, "a", 0)).contains("1");
    assertThat(provenValue(f, "a", 1)).contains("1");
    assertThat(provenValue(f, "a", 2)).contains("3");
  }

  @Test
  void prune_deletesTheValuesOnlyPrunedVersionsNeeded() throws Exception {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1"), "b", Optional.of("1")));
    f.commit(1, Map.of("a", Optional.of("2")));
    f.commit(2, Map.of("b", Optional.empty()));
    int withHistory = f.storedEntries();

    f.prune(2);

    // Two history values (a's "1", b's "1"), two nodes (a's and b's first leaves, or the root).
    assertThat(f.storedEntries()).isLessThan(withHistory - 1);
    assertThat(provenValue(f, "a", 2)).contains("2");
    assertThat(provenValue(f, "b", 2)).isEmpty();
  }

  @Test
  void update_whenTheTableDisagreesWithTheTree_isRefused() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("a", Optional.of("1")));
    WriteBatch tamper = new WriteBatch().put(
        StoreNodeReader.prefixed(StateFixture.VALUES, bytes("a")), bytes("not 1"));
    f.store.write(tamper);

    assertThatThrownBy(() -> f.tree.update(1, java.util.List.of(StateChange.delete(bytes("a")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the state table and the tree disagree");
  }

  @Test
  void leaf_storesOnlyTheHashesOfKeyAndValue() {
    Node.Leaf leaf = Node.Leaf.of(StateFixture.SHA256, bytes("a key"), new byte[1000]);

    assertThat(leaf.encode()).hasSize(1 + 32 + 32);
  }

  private static Optional<String> provenValue(StateFixture f, String key, long version)
      throws Exception {
    StateProof proof = f.tree.prove(bytes(key), version);
    proof.verify(StateFixture.SHA256, f.tree.root(version).orElseThrow());
    return proof.value().map(v -> new String(v, StandardCharsets.UTF_8));
  }
}
