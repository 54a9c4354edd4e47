package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ForwardingTest {

  @Test
  void everyAnswer_decodesAsItself() {
    for (Forwarding.Answer a : Forwarding.Answer.values()) {
      assertThat(Forwarding.Answer.decode(ByteBuffer.wrap(a.encode()))).isEqualTo(a);
    }
  }

  @Test
  void anAnswerThatIsNotOne_countsAsNotTaken_soTheFollowerOrdersTheBatchItself() {
    assertThat(Forwarding.Answer.decode(ByteBuffer.wrap(new byte[0])))
        .isEqualTo(Forwarding.Answer.NOT_LEADER);
    assertThat(Forwarding.Answer.decode(ByteBuffer.wrap("applied".getBytes())))
        .isEqualTo(Forwarding.Answer.NOT_LEADER);
    assertThat(Forwarding.Answer.decode(ByteBuffer.wrap(new byte[] {'?'})))
        .isEqualTo(Forwarding.Answer.NOT_LEADER);
  }

  @Test
  void aForward_isToldApartFromACatchUpRequest_withoutBeingConsumed() {
    ByteBuffer forward = ByteBuffer.wrap(Forwarding.request(new byte[] {1, 2, 3}));
    assertThat(Forwarding.isRequest(forward)).isTrue();
    assertThat(forward.remaining()).isEqualTo(4);
    assertThat(Forwarding.isRequest(ByteBuffer.wrap(new CatchUp.Request(1, 100).encode()))).isFalse();
    assertThat(Forwarding.isRequest(ByteBuffer.allocate(0))).isFalse();
  }
}
