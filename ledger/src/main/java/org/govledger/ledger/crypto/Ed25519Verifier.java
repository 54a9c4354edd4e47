package org.govledger.ledger.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.govledger.ledger.VerificationException;

/**
 * Ed25519 verification (RFC 8032 section 5.1.7), the node's hot path. The public key is decoded
 * and fully validated once, into BouncyCastle's {@link Ed25519.PublicPoint}, so that each verify
 * skips point decompression (a field inversion and square root), and into the table of its odd
 * multiples that {@link Ed25519Batch} adds from.
 *
 * <p>The rule is the cofactored equation [8][S]B = [8]R + [8][k]A, with S below L and R and A
 * canonical encodings (ADR 0010): the rule a batch check can decide exactly. BouncyCastle's check
 * is tried first, since it is faster for one signature and whatever it accepts the cofactored
 * equation accepts too; only a signature it refuses is decided by {@link Ed25519Batch#valid}.
 */
final class Ed25519Verifier implements Verifier {
  /** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
  private static final byte[] ORDER = {
    (byte) 0xed, (byte) 0xd3, (byte) 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
    (byte) 0xd6, (byte) 0x9c, (byte) 0xf7, (byte) 0xa2, (byte) 0xde, (byte) 0xf9, (byte) 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0x10
  };

  private final Ed25519.PublicPoint publicPoint;
  private final byte[] encoded;
  private final Edwards25519.Cached[] table;

  Ed25519Verifier(byte[] publicKey) {
    if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException(
          "ed25519 public key has "
              + publicKey.length
              + " bytes, want "
              + Ed25519.PUBLIC_KEY_SIZE);
    }
    // Full validation also refuses small-order and mixed-order points: a key of small order
    // admits signatures that verify for many messages, which a ledger must never accept.
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
    if (point == null) {
      throw new IllegalArgumentException(
          "ed25519 public key is not a canonical encoding of a point of prime order L");
    }
    this.publicPoint = point;
    this.encoded = publicKey.clone();
    Edwards25519.Point a = new Edwards25519.Point();
    if (!Edwards25519.decode(publicKey, 0, a)) {
      throw new IllegalStateException("a key BouncyCastle validated does not decode");
    }
    this.table = Edwards25519.oddMultiples(a, Ed25519Batch.KEY_WIDTH, new Edwards25519.Scratch());
  }

  byte[] encoded() {
    return encoded;
  }

  /** [1]A, [3]A, …, for the batch check; never modified. */
  Edwards25519.Cached[] table() {
    return table;
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws VerificationException {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new VerificationException(
          "ed25519 signature has "
              + signature.length
              + " bytes, want "
              + Ed25519.SIGNATURE_SIZE);
    }
    // BouncyCastle rejects S >= L too; checking here states the reason and keeps the rule (no
    // malleable signatures, RFC 8032 section 5.1.7 step 1) visible in our own code.
    if (!isBelowOrder(signature, 32)) {
      throw new VerificationException(
          "ed25519 signature S is not below the group order L (non-canonical)");
    }
    if (!Ed25519.verify(signature, 0, publicPoint, message, 0, message.length)
        && !Ed25519Batch.valid(this, message, signature)) {
      throw new VerificationException("ed25519 signature does not verify");
    }
  }

  /** Whether the 32-byte little-endian number at {@code offset} is below L. */
  private static boolean isBelowOrder(byte[] bytes, int offset) {
    for (int i = 31; i >= 0; i--) {
      int b = bytes[offset + i] & 0xff;
      int l = ORDER[i] & 0xff;
      if (b != l) {
        return b < l;
      }
    }
    return false;
  }
}
