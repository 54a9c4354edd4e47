package org.govledger.node.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  private static final long T0 = 1_800_000_000L;
  private static final long TTL = 300;

  private static PresentationRequest request(String nonce, String state) {
    return new PresentationRequest("sz-bank", "http://127.0.0.1/api/v1/presentations", nonce, state,
        DcqlQuery.single("id", Set.of("urn:vct:test"), Set.of("name")), T0, T0 + TTL, "account-opening");
  }

  private static ObjectNode granted() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("status", "granted");
    return o;
  }

  @Test
  void aReadResultIsForgottenAMinuteAfterTheVerifierFirstReadIt() {
    PendingRequests pending = new PendingRequests();
    PendingRequests.Pending p = pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-aaaaaaaaaaaaaaaa"), "t", T0)
        .orElseThrow();
    p.finish("granted", granted());
    assertThat(p.result(T0 + 10)).isPresent();
    assertThat(p.result(T0 + 50)).as("a second read does not extend it").isPresent();

    pending.add("jws", request("nonce-bbbbbbbbbbbbbbbb", "state-bbbbbbbbbbbbbbbb"), "t",
        T0 + 10 + PendingRequests.READ_KEEP_SECONDS + 1);
    assertThat(pending.get("state-aaaaaaaaaaaaaaaa")).isEmpty();
    assertThat(pending.get("state-bbbbbbbbbbbbbbbb")).isPresent();
  }

  @Test
  void anUnreadResultStaysUntilAnHourAfterItsRequestExpired() {
    PendingRequests pending = new PendingRequests();
    pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-aaaaaaaaaaaaaaaa"), "t", T0).orElseThrow()
        .finish("granted", granted());
    long lastDay = T0 + TTL + PendingRequests.KEEP_SECONDS;
    pending.add("jws", request("nonce-bbbbbbbbbbbbbbbb", "state-bbbbbbbbbbbbbbbb"), "t", lastDay);
    assertThat(pending.get("state-aaaaaaaaaaaaaaaa")).isPresent();
    pending.add("jws", request("nonce-cccccccccccccccc", "state-cccccccccccccccc"), "t", lastDay + 10);
    assertThat(pending.get("state-aaaaaaaaaaaaaaaa")).isEmpty();
  }

  @Test
  void aRequestNobodyAnsweredIsForgottenAMinuteAfterItExpired() {
    PendingRequests pending = new PendingRequests();
    pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-aaaaaaaaaaaaaaaa"), "t", T0).orElseThrow();
    pending.add("jws", request("nonce-bbbbbbbbbbbbbbbb", "state-bbbbbbbbbbbbbbbb"), "t", T0).orElseThrow()
        .declined();
    long afterExpiry = T0 + TTL + PendingRequests.UNANSWERED_KEEP_SECONDS + 1;
    pending.add("jws", request("nonce-cccccccccccccccc", "state-cccccccccccccccc"), "t", afterExpiry);
    assertThat(pending.get("state-aaaaaaaaaaaaaaaa")).as("never scanned").isEmpty();
    assertThat(pending.get("state-bbbbbbbbbbbbbbbb")).as("a refusal stays readable like a result").isPresent();
  }

  @Test
  void aNonceIsRefusedUntilItsRequestExpiresAndForgottenAfter() {
    PendingRequests pending = new PendingRequests();
    PendingRequests.Pending p = pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-aaaaaaaaaaaaaaaa"), "t", T0)
        .orElseThrow();
    p.finish("granted", granted());
    p.result(T0 + 1);
    // the entry is gone a minute after it was read, yet its nonce still cannot be used again
    assertThat(pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-zzzzzzzzzzzzzzzz"), "t", T0 + 120))
        .isEmpty();
    assertThat(pending.get("state-aaaaaaaaaaaaaaaa")).isEmpty();
    // once its request expired the nonce is forgotten (a replayed request object is refused as expired)
    pending.add("jws", request("nonce-bbbbbbbbbbbbbbbb", "state-bbbbbbbbbbbbbbbb"), "t", T0 + TTL + 1);
    assertThat(pending.add("jws", request("nonce-aaaaaaaaaaaaaaaa", "state-yyyyyyyyyyyyyyyy"), "t", T0 + TTL + 7))
        .as("the map no longer holds it").isPresent();
  }
}
