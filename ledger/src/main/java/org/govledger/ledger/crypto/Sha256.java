package org.govledger.ledger.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK; one {@link MessageDigest} per thread, because creating one is costly. */
final class Sha256 implements HashFunction {
  static final Sha256 INSTANCE = new Sha256();

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-256", e);
            }
          });

  private Sha256() {}

  @Override
  public String name() {
    return "sha256";
  }

  @Override
  public int length() {
    return 32;
  }

  @Override
  public byte[] digest(byte[]... parts) {
    MessageDigest md = DIGEST.get();
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }
}
