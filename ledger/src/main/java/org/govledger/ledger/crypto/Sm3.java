package org.govledger.ledger.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * SM3 (GB/T 32905-2016, GM/T 0004-2012) from BouncyCastle. A digest object carries state, so each
 * thread gets its own; {@code doFinal} resets it for the next call.
 */
final class Sm3 implements HashFunction {
  static final Sm3 INSTANCE = new Sm3();

  private static final ThreadLocal<SM3Digest> DIGEST = ThreadLocal.withInitial(SM3Digest::new);

  private Sm3() {}

  @Override
  public String name() {
    return "sm3";
  }

  @Override
  public int length() {
    return 32;
  }

  @Override
  public byte[] digest(byte[]... parts) {
    SM3Digest digest = DIGEST.get();
    // A part that threw half-way (a null) must not leak its bytes into this thread's next digest.
    digest.reset();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
