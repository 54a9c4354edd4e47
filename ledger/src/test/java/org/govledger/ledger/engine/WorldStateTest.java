package org.govledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.state.TreeUpdate;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/** How much of the state history a block prunes, on a real in-memory store. */
class WorldStateTest {
  private static final Executor HERE = Runnable::run;
  private final LedgerKeys keys = new LedgerKeys("test");
  private final MemoryStore store = new MemoryStore();
  private final WorldState state = new WorldState(HashFunctions.sha256(), keys, store);
  private int nextKey;

  @Test
  void afterABurst_eachSmallBlockDeletesOnlyItsBudget_untilTheBacklogIsGone() {
    commit(0, newKeys(10_000), 0);
    // The burst: 10,000 more keys rewrite most of the tree, so most of version 0's pages go stale
    // at version 1; with one version kept, version 2 is the first that may delete them.
    int backlog = commit(1, newKeys(10_000), 1).stale();
    assertThat(backlog).isGreaterThan(1_500);

    int deletedInAll = 0;
    int staleInAll = backlog;
    long version = 2;
    while (true) {
      Committed small = commit(version, newKeys(5), version);
      int budget = WorldState.pruneBudget(small.stale());
      assertThat(small.deleted()).as("version %d", version).isLessThanOrEqualTo(budget);
      deletedInAll += small.deleted();
      if (small.deleted() < budget) {
        break; // everything stale before this version is deleted
      }
      staleInAll += small.stale();
      version++;
    }

    assertThat(version).as("blocks that drained the backlog").isGreaterThan(5);
    assertThat(deletedInAll).isEqualTo(staleInAll);
    assertThat(WorldState.pruneBudget(0)).isEqualTo(128);
    assertThat(WorldState.pruneBudget(100)).isEqualTo(278);
  }

  private SortedMap<byte[], Optional<byte[]>> newKeys(int count) {
    SortedMap<byte[], Optional<byte[]>> changes = new TreeMap<>(Arrays::compareUnsigned);
    for (int i = 0; i < count; i++) {
      changes.put(bytes("record/" + nextKey++), Optional.of(bytes("value")));
    }
    return changes;
  }

  /** A version's stale nodes and the nodes its pruning deleted. */
  private record Committed(int stale, int deleted) {}

  /** Commits {@code version} as the engine does, keeping versions from {@code oldestKept}. */
  private Committed commit(long version, SortedMap<byte[], Optional<byte[]>> changes,
      long oldestKept) {
    WriteBatch batch = new WriteBatch();
    TreeUpdate update = state.update(version, changes, oldestKept, HERE, batch);
    changes.forEach((k, v) -> batch.put(keys.stateValue(k), v.orElseThrow()));
    store.write(batch);
    state.written(update);
    return new Committed(update.staleNodes().size(), deletedNodes(batch));
  }

  private int deletedNodes(WriteBatch batch) {
    byte[] prefix = keys.stateTreePrefix();
    int deleted = 0;
    for (WriteBatch.Op op : batch.ops()) {
      byte[] key = op.key();
      if (op.value().isEmpty() && key.length > prefix.length
          && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)
          && key[prefix.length] == 'n') {
        deleted++;
      }
    }
    return deleted;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
