package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.ledger.state.ReferenceTree.bytes;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A big update rebuilds half the tree on another thread; every node must still store the same
 * bytes as a node that did it on one thread, or their state roots and stale records would differ.
 */
class StateTreeParallelTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void bigUpdatesOnTwoThreads_writeExactlyWhatOneThreadWrites_andMatchTheReference() {
    StateFixture oneThread = new StateFixture();
    StateFixture twoThreads = new StateFixture();
    TreeMap<String, String> state = new TreeMap<>();
    Random random = new Random(7);
    for (int version = 0; version < 6; version++) {
      // Over a small key space, so that later versions overwrite and delete as well as add.
      Map<String, Optional<String>> changes = new TreeMap<>();
      while (changes.size() < 3 * BatchUpdate.PARALLEL_MIN_CHANGES / 2) {
        String key = "k" + random.nextInt(4_000);
        boolean delete = version > 0 && random.nextInt(5) == 0;
        changes.put(key, delete ? Optional.empty() : Optional.of("v" + version + "-" + key));
      }
      List<StateChange> list = new ArrayList<>();
      changes.forEach((k, v) -> list.add(new StateChange(bytes(k), v.map(ReferenceTree::bytes))));
      changes.forEach((k, v) -> v.ifPresentOrElse(x -> state.put(k, x), () -> state.remove(k)));

      TreeUpdate sequential = oneThread.commit(version, list);
      TreeUpdate parallel = commitOnPool(twoThreads, version, list);

      assertThat(HexFormat.of().formatHex(parallel.root()))
          .isEqualTo(HexFormat.of().formatHex(sequential.root()))
          .isEqualTo(HexFormat.of().formatHex(ReferenceTree.root(state)));
      assertThat(parallel.nodeWrites()).isEqualTo(sequential.nodeWrites());
      assertThat(parallel.staleNodes()).isEqualTo(sequential.staleNodes());
    }
    assertThat(entries(twoThreads.store)).isEqualTo(entries(oneThread.store));
  }

  private static TreeUpdate commitOnPool(StateFixture f, long version, List<StateChange> changes) {
    TreeUpdate update = f.tree.update(version, changes, POOL);
    WriteBatch batch = new WriteBatch();
    update.writeTo(batch);
    f.values.writeTo(changes, batch);
    f.store.write(batch);
    return update;
  }

  private static List<String> entries(Store store) {
    List<String> out = new ArrayList<>();
    for (Store.Entry e : store.scan(new byte[0], new byte[] {(byte) 0xff}, Integer.MAX_VALUE)) {
      out.add(HexFormat.of().formatHex(e.key()) + "=" + HexFormat.of().formatHex(e.value()));
    }
    return out;
  }
}
