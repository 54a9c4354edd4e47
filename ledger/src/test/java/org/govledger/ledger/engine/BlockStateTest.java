package org.govledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.store.MemoryStore;
import org.junit.jupiter.api.Test;

class BlockStateTest {

  @Test
  void nextLogIndex_countsTheTransactionsKeptAfterTheGivenStart() {
    BlockState state = new BlockState(new MemoryStore(), new LedgerKeys("test"), 10);

    assertThat(state.nextLogIndex()).isEqualTo(10);
    state.putAll(Map.of());
    state.putAll(Map.of());
    assertThat(state.nextLogIndex()).isEqualTo(12);
  }

  @Test
  void nextLogIndex_withoutAStart_followsTheStoredHeadBlock() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      l.apply(l.anchor(l.client, 1), l.anchor(l.client, 2));

      BlockState state = new BlockState(l.store, new LedgerKeys("test"));

      assertThat(state.nextLogIndex()).isEqualTo(2);
    }
  }
}
