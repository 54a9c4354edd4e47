package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every code we draw, we can read back: share links and request URIs of every length we make. */
class QrRoundTripPropertyTest {
  @Property(tries = 300)
  void everyLinkWeDrawDecodes(@ForAll @IntRange(min = 16, max = 48) int tokenBytes, @ForAll long seed) throws Exception {
    byte[] b = new byte[tokenBytes];
    new SecureRandom(Long.toString(seed).getBytes()).nextBytes(b);
    String url = "http://127.0.0.1:" + (1024 + Math.floorMod(seed, 60000)) + "/api/v1/shares/"
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    assertThat(QrCodes.decode(QrCodes.png(url, 6))).isEqualTo(url);
  }
}
