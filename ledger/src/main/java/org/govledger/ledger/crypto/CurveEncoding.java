package org.govledger.ledger.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.govledger.ledger.VerificationException;

/**
 * Byte encodings shared by the two short-Weierstrass suites, P-256 and SM2: SEC1 points (SEC 1
 * v2 section 2.3.3-2.3.4), fixed-length big-endian private scalars, and raw {@code r || s}
 * signatures (IEEE P1363). Strict: exactly one length per form, no hybrid points, no leading-zero
 * tricks, so that one key or signature has one encoding.
 */
final class CurveEncoding {
  private CurveEncoding() {}

  /** The byte length of a scalar or coordinate: 32 for both curves. */
  static int scalarLength(ECDomainParameters domain) {
    return BigIntegers.getUnsignedByteLength(domain.getN());
  }

  /**
   * Decodes and validates a public key: 65 bytes {@code 04 || X || Y} or 33 bytes {@code 02|03 ||
   * X}; the point must be on the curve and not the point at infinity.
   */
  static ECPoint decodePublicKey(ECDomainParameters domain, byte[] encoded, String algorithm) {
    int fieldLength = (domain.getCurve().getFieldSize() + 7) / 8;
    boolean uncompressed = encoded.length == 1 + 2 * fieldLength && encoded[0] == 0x04;
    boolean compressed =
        encoded.length == 1 + fieldLength && (encoded[0] == 0x02 || encoded[0] == 0x03);
    if (!uncompressed && !compressed) {
      throw new IllegalArgumentException(
          String.format(
              "%s public key must be %d bytes starting 04 (uncompressed) or %d bytes starting 02"
                  + " or 03 (compressed); got %d bytes",
              algorithm, 1 + 2 * fieldLength, 1 + fieldLength, encoded.length));
    }
    try {
      return domain.validatePublicPoint(domain.getCurve().decodePoint(encoded));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(algorithm + " public key is not a point on the curve", e);
    }
  }

  /** The uncompressed SEC1 encoding {@code 04 || X || Y}. */
  static byte[] encodeUncompressed(ECPoint point) {
    return point.getEncoded(false);
  }

  /**
   * Decodes a private scalar of exactly {@link #scalarLength} bytes in {@code [1, max]}. The
   * message names the range, never the value.
   */
  static BigInteger decodePrivateKey(
      ECDomainParameters domain, byte[] encoded, BigInteger max, String maxName, String algorithm) {
    int length = scalarLength(domain);
    if (encoded.length != length) {
      throw new IllegalArgumentException(
          algorithm + " private key has " + encoded.length + " bytes, want " + length);
    }
    BigInteger d = new BigInteger(1, encoded);
    if (d.signum() == 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          algorithm + " private key is not in [1, " + maxName + "]");
    }
    return d;
  }

  static byte[] encodePrivateKey(ECDomainParameters domain, BigInteger d) {
    return BigIntegers.asUnsignedByteArray(scalarLength(domain), d);
  }

  /**
   * Splits a raw {@code r || s} signature and checks both halves are in {@code [1, n-1]}, which
   * ECDSA (SEC 1 section 4.1.4 step 1) and SM2 (GB/T 32918.2 section 7.1 B1-B2) both demand.
   */
  static Signature decodeSignature(ECDomainParameters domain, byte[] signature, String algorithm)
      throws VerificationException {
    int half = scalarLength(domain);
    if (signature.length != 2 * half) {
      throw new VerificationException(
          algorithm + " signature has " + signature.length + " bytes, want " + 2 * half);
    }
    BigInteger r = new BigInteger(1, signature, 0, half);
    BigInteger s = new BigInteger(1, signature, half, half);
    checkInRange(domain.getN(), r, "r", algorithm);
    checkInRange(domain.getN(), s, "s", algorithm);
    return new Signature(r, s);
  }

  private static void checkInRange(BigInteger n, BigInteger value, String name, String algorithm)
      throws VerificationException {
    if (value.signum() == 0 || value.compareTo(n) >= 0) {
      throw new VerificationException(
          algorithm + " signature " + name + " is not in [1, n-1] (n is the group order)");
    }
  }

  /** The two halves of a signature, as numbers. */
  record Signature(BigInteger r, BigInteger s) {
    Signature {
      if (r.signum() <= 0 || s.signum() <= 0) {
        throw new IllegalArgumentException("signature values must be positive");
      }
    }
  }
}
