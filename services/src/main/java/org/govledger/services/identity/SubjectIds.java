package org.govledger.services.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous subject ids. The identity authority either derives one from the national id
 * number with a keyed hash (HMAC-SHA-256 under a secret only it holds, so the same person always
 * gets the same id and nobody without the secret can test a guess), or draws a random one and
 * keeps the binding itself.
 */
public final class SubjectIds {
  private SubjectIds() {}

  /**
   * The id of {@code nationalId} under the authority's secret: 22 base64url characters (128 bits
   * of the HMAC).
   *
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  public static String derive(byte[] authoritySecret, String nationalId) {
    if (authoritySecret.length < 32) {
      throw new IllegalArgumentException("the identity authority's secret must be at least 32 bytes");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(authoritySecret, "HmacSHA256"));
      byte[] h = mac.doFinal(("govledger subject id\0" + nationalId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** A fresh random id: 22 base64url characters (128 bits). */
  public static String random(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
