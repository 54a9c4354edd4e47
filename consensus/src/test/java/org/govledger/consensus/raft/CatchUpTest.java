package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.govledger.ledger.engine.OrdererPosition;
import org.junit.jupiter.api.Test;

class CatchUpTest {

  private static final CatchUp.Reply REPLY = new CatchUp.Reply(new CatchUp.Point(7, 3, 41),
      List.of(new CatchUp.Block(5, new OrdererPosition(2, 30), new byte[32], new byte[] {1, 2, 3}),
          new CatchUp.Block(6, new OrdererPosition(3, 38), filled(32, 9), new byte[0])));

  @Test
  void requestAndReply_roundTrip() {
    CatchUp.Request r = new CatchUp.Request(12, 4096);
    assertThat(CatchUp.Request.decode(ByteBuffer.wrap(r.encode()))).isEqualTo(r);

    CatchUp.Reply back = CatchUp.Reply.decode(ByteBuffer.wrap(REPLY.encode()));
    assertThat(back.point()).isEqualTo(REPLY.point());
    assertThat(back.blocks()).hasSize(2);
    assertThat(back.blocks().get(1).height()).isEqualTo(6);
    assertThat(back.blocks().get(1).position()).isEqualTo(new OrdererPosition(3, 38));
    assertThat(back.blocks().get(1).hash()).isEqualTo(filled(32, 9));
    assertThat(back.blocks().get(0).batch()).containsExactly(1, 2, 3);
  }

  @Test
  void aTruncatedOrForeignReply_isRefusedWithTheReason() {
    byte[] bytes = REPLY.encode();
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> CatchUp.Reply.decode(ByteBuffer.wrap(truncated)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("catch-up reply");
    }
    byte[] foreign = bytes.clone();
    foreign[0] = 'X';
    assertThatThrownBy(() -> CatchUp.Reply.decode(ByteBuffer.wrap(foreign)))
        .hasMessage("not a catch-up reply");
    byte[] huge = bytes.clone();
    ByteBuffer.wrap(huge).putInt(25, Integer.MAX_VALUE); // the block count
    assertThatThrownBy(() -> CatchUp.Reply.decode(ByteBuffer.wrap(huge)))
        .hasMessageContaining("claims " + Integer.MAX_VALUE + " blocks");
  }

  @Test
  void aRequest_mustStartAboveGenesis() {
    assertThatThrownBy(() -> new CatchUp.Request(0, 10)).hasMessageContaining("height 1");
    assertThatThrownBy(() -> CatchUp.Request.decode(ByteBuffer.wrap(new byte[] {'C', 0})))
        .hasMessage("truncated catch-up request");
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
