package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.ledger.state.ReferenceTree.bytes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

class StateTreeUpdateTest {

  @Test
  void update_withVersionThatDoesNotFollowTheLatest_isRefused() {
    StateFixture f = new StateFixture();
    f.commit(5, Map.of("a", Optional.of("1")));

    assertThatThrownBy(() -> f.tree.update(7, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state version must follow the latest: want 6, got 7");
    assertThatThrownBy(() -> f.tree.update(5, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void update_withSameKeyTwice_isRefused() {
    StateFixture f = new StateFixture();

    assertThatThrownBy(
            () ->
                f.tree.update(
                    0,
                    List.of(
                        StateChange.put(bytes("a"), bytes("1")), StateChange.delete(bytes("a")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void update_isNotVisibleUntilItsBatchIsWritten() {
    StateFixture f = new StateFixture();
    TreeUpdate update = f.tree.update(0, List.of(StateChange.put(bytes("a"), bytes("1"))));

    assertThat(f.tree.latestVersion()).isEmpty();
    assertThat(f.tree.root(0)).isEmpty();

    WriteBatch batch = new WriteBatch();
    update.writeTo(batch);
    f.store.write(batch);
    assertThat(f.tree.latestVersion()).hasValue(0);
    assertThat(f.tree.root(0)).hasValueSatisfying(r -> assertThat(r).isEqualTo(update.root()));
  }

  @Test
  void update_withoutChanges_recordsTheSameRootForTheNewVersion() throws Exception {
    StateFixture f = new StateFixture();
    byte[] root = f.commit(0, Map.of("a", Optional.of("1"), "b", Optional.of("2"))).root();

    TreeUpdate empty = f.commit(1, List.of());

    assertThat(empty.root()).isEqualTo(root);
    assertThat(empty.nodeWrites()).isZero();
    f.tree.prove(bytes("a"), 1).verify(StateFixture.SHA256, root);
  }

  @Test
  void update_writesEveryKeyUnderThePrefix() {
    StateFixture f = new StateFixture();
    TreeUpdate update = f.tree.update(0, List.of(StateChange.put(bytes("a"), bytes("1"))));
    WriteBatch batch = new WriteBatch();

    update.writeTo(batch);

    assertThat(batch.ops()).hasSize(update.writeCount());
    assertThat(batch.payloadBytes()).isEqualTo(update.payloadBytes());
    for (WriteBatch.Op op : batch.ops()) {
      assertThat(op.key()).startsWith(StateFixture.PREFIX);
    }
  }

  @Test
  void update_overwritingAValue_rewritesItsParentsAndMarksTheOldOnesStale() {
    StateFixture f = new StateFixture();
    f.commit(0, Map.of("alice", Optional.of("100"), "bob", Optional.of("200")));

    TreeUpdate update = f.commit(1, Map.of("alice", Optional.of("101")));

    // The root, which holds both leaves, is rewritten; the leaves have no entries of their own.
    assertThat(update.nodeWrites()).isEqualTo(1);
    assertThat(update.staleNodes()).hasSize(1).allSatisfy(k -> assertThat(k.version()).isZero());
  }

  @Test
  void stateChange_withValueOver64KiB_isRefused() {
    assertThatThrownBy(() -> StateChange.put(bytes("a"), new byte[64 * 1024 + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
