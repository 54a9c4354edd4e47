package org.govledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockCutTest {

  @Test
  void sharedBy_threeNodes_waitsThreeTimesAsLong_forBlocksOfTheSameSize() {
    BlockCut each = BlockCut.DEFAULT.sharedBy(3);

    assertThat(each.maxWaitMillis()).isEqualTo(3 * BlockCut.DEFAULT.maxWaitMillis());
    assertThat(each.maxTxs()).isEqualTo(BlockCut.DEFAULT.maxTxs());
    assertThat(BlockCut.DEFAULT.sharedBy(1)).isEqualTo(BlockCut.DEFAULT);
  }

  @Test
  void sharedBy_staysWithinTheLongestWaitABlockCutAllows() {
    assertThat(new BlockCut(10, 40_000).sharedBy(5).maxWaitMillis()).isEqualTo(60_000);
  }

  @Test
  void sharedBy_noNodes_isRefused() {
    assertThatThrownBy(() -> BlockCut.DEFAULT.sharedBy(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cluster has at least one node, got 0");
  }

  @Test
  void blockCut_outOfRange_isRefusedWithTheRange() {
    assertThatThrownBy(() -> new BlockCut(0, 5)).hasMessageContaining("1..100000");
    assertThatThrownBy(() -> new BlockCut(10, -1)).hasMessageContaining("0..60000");
  }
}
