package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.ledger.state.ReferenceTree.bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A block-sized batch on a large tree rewrites only the changed paths, each shared node once. */
class StateTreeScaleTest {
  private static final int KEYS = 100_000;
  private static final int CHANGES = 10_000;

  @Test
  void update_of10000KeysOnTreeOf100000_writesBoundedNodes() {
    StateFixture f = new StateFixture();
    Map<String, String> state = new HashMap<>();
    List<StateChange> initial = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      initial.add(StateChange.put(bytes("account/" + i), bytes("balance " + i)));
      state.put("account/" + i, "balance " + i);
    }
    f.commit(0, initial);

    // A third each of overwrites, new keys and deletes, chosen with a fixed seed.
    SplittableRandom random = new SplittableRandom(42);
    List<StateChange> block = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      int kind = i % 3;
      String key = kind == 1 ? "account/new/" + i : "account/" + (i * 10 + random.nextInt(10));
      if (kind == 2) {
        block.add(StateChange.delete(bytes(key)));
        state.remove(key);
      } else {
        block.add(StateChange.put(bytes(key), bytes("balance " + i + " at 1")));
        state.put(key, "balance " + i + " at 1");
      }
    }
    TreeUpdate update = f.commit(1, block);

    double log2 = Math.log(KEYS) / Math.log(2);
    assertThat(update.nodeWrites()).isLessThanOrEqualTo((int) (CHANGES * (log2 + 2)));
    assertThat(HexFormat.of().formatHex(update.root()))
        .isEqualTo(HexFormat.of().formatHex(ReferenceTree.root(state)));
  }
}
