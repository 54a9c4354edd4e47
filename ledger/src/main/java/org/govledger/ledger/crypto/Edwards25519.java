package org.govledger.ledger.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * The group edwards25519 (RFC 8032 section 5.1), just enough of it to check many Ed25519
 * signatures at once: point decoding, addition, doubling, and a multi-scalar multiplication.
 * Field arithmetic is BouncyCastle's {@link X25519Field}; the point formulas are the extended
 * twisted Edwards ones of Hisil, Wong, Carter and Dawson (2008) for a = -1.
 *
 * <p>Everything here is variable-time: it only ever sees public data (keys, signatures,
 * messages), never a secret.
 */
final class Edwards25519 {
  /** p = 2^255 - 19. */
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  /** The prime order of the base point, L = 2^252 + 27742317777372353535851937790883648493. */
  static final BigInteger L = BigInteger.ONE.shiftLeft(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));

  /** d = -121665 / 121666 mod p. */
  private static final BigInteger CURVE_D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final int[] D = fieldConstant(CURVE_D);
  private static final int[] D2 = fieldConstant(CURVE_D.shiftLeft(1).mod(P));

  private Edwards25519() {}

  /** A point in extended coordinates (X:Y:Z:T): x = X/Z, y = Y/Z, xy = T/Z. Mutable scratch. */
  static final class Point {
    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    static Point identity() {
      Point p = new Point();
      X25519Field.one(p.y);
      X25519Field.one(p.z);
      return p;
    }

    /** Whether this is the neutral element (0, 1). */
    boolean isIdentity() {
      int[] a = X25519Field.create();
      X25519Field.copy(x, 0, a, 0);
      X25519Field.carry(a);
      X25519Field.normalize(a);
      if (!X25519Field.isZeroVar(a)) {
        return false;
      }
      X25519Field.sub(y, z, a);
      X25519Field.carry(a);
      X25519Field.normalize(a);
      return X25519Field.isZeroVar(a);
    }
  }

  /** A point kept ready for adding: (Y+X, Y-X, 2Z, 2dT). Immutable once built. */
  static final class Cached {
    final int[] ypx = X25519Field.create();
    final int[] ymx = X25519Field.create();
    final int[] z2 = X25519Field.create();
    final int[] t2d = X25519Field.create();

    Cached(Point p) {
      X25519Field.apm(p.y, p.x, ypx, ymx);
      X25519Field.carry(ypx);
      X25519Field.carry(ymx);
      X25519Field.add(p.z, p.z, z2);
      X25519Field.carry(z2);
      X25519Field.mul(p.t, D2, t2d);
    }
  }

  /** Scratch space for point operations, one per thread of work. */
  static final class Scratch {
    final int[] a = X25519Field.create();
    final int[] b = X25519Field.create();
    final int[] c = X25519Field.create();
    final int[] d = X25519Field.create();
    final int[] e = X25519Field.create();
    final int[] f = X25519Field.create();
    final int[] g = X25519Field.create();
    final int[] h = X25519Field.create();
  }

  /**
   * Decodes a 32-byte point encoding (RFC 8032 section 5.1.3) into {@code r}. False if the
   * encoding is not canonical (y not below p), or names no point on the curve, or is x = 0
   * with the sign bit set.
   */
  static boolean decode(byte[] in, int off, Point r) {
    if (!canonicalY(in, off)) {
      return false;
    }
    int sign = (in[off + 31] >>> 7) & 1;
    X25519Field.decode(in, off, r.y); // drops bit 255, the sign of x
    int[] u = X25519Field.create();
    int[] v = X25519Field.create();
    X25519Field.sqr(r.y, u);
    X25519Field.mul(D, u, v);
    X25519Field.subOne(u); // u = y^2 - 1
    X25519Field.addOne(v); // v = d y^2 + 1
    X25519Field.carry(v);
    if (!X25519Field.sqrtRatioVar(u, v, r.x)) {
      return false;
    }
    X25519Field.normalize(r.x);
    if (sign == 1 && X25519Field.isZeroVar(r.x)) {
      return false;
    }
    if ((r.x[0] & 1) != sign) {
      X25519Field.negate(r.x, r.x);
      X25519Field.normalize(r.x);
    }
    X25519Field.normalize(r.y);
    X25519Field.one(r.z);
    X25519Field.mul(r.x, r.y, r.t);
    return true;
  }

  /** The 32-byte encoding of {@code p}: y, with the low bit of x as bit 255. */
  static byte[] encode(Point p) {
    int[] zInv = X25519Field.create();
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    X25519Field.inv(p.z, zInv);
    X25519Field.mul(p.x, zInv, x);
    X25519Field.mul(p.y, zInv, y);
    X25519Field.normalize(x);
    X25519Field.normalize(y);
    byte[] out = new byte[32];
    X25519Field.encode(y, out, 0);
    out[31] |= (byte) ((x[0] & 1) << 7);
    return out;
  }

  /** Whether the little-endian y in bytes 0..254 is below p = 2^255 - 19. */
  private static boolean canonicalY(byte[] in, int off) {
    if ((in[off + 31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if ((in[off + i] & 0xff) != 0xff) {
        return true;
      }
    }
    return (in[off] & 0xff) < 0xed;
  }

  /** r = 2p (dbl-2008-hwcd with a = -1). {@code r} may be {@code p}. */
  static void dbl(Point p, Point r, Scratch s) {
    X25519Field.sqr(p.x, s.a); // A = X^2
    X25519Field.sqr(p.y, s.b); // B = Y^2
    X25519Field.sqr(p.z, s.c);
    X25519Field.add(s.c, s.c, s.c); // C = 2 Z^2
    X25519Field.add(p.x, p.y, s.e);
    X25519Field.sqr(s.e, s.e); // (X + Y)^2
    X25519Field.apm(s.b, s.a, s.d, s.g); // s.d = A + B; G = B - A (that is D + B, with D = aA = -A)
    X25519Field.negate(s.d, s.h); // H = D - B = -(A + B)
    X25519Field.sub(s.e, s.d, s.e); // E = (X + Y)^2 - A - B
    X25519Field.sub(s.g, s.c, s.f); // F = G - C
    finish(s, r);
  }

  /** r = p + q, or p - q when {@code subtract} (add-2008-hwcd-3). {@code r} may be {@code p}. */
  static void add(Point p, Cached q, boolean subtract, Point r, Scratch s) {
    X25519Field.apm(p.y, p.x, s.b, s.a); // s.b = Y1 + X1, s.a = Y1 - X1
    X25519Field.carry(s.a);
    X25519Field.carry(s.b);
    // -q has Y+X and Y-X swapped and T negated
    X25519Field.mul(s.a, subtract ? q.ypx : q.ymx, s.a); // A
    X25519Field.mul(s.b, subtract ? q.ymx : q.ypx, s.b); // B
    X25519Field.mul(p.t, q.t2d, s.c); // C, or -C when subtracting
    X25519Field.mul(p.z, q.z2, s.d); // D
    X25519Field.apm(s.b, s.a, s.h, s.e); // H = B + A, E = B - A
    if (subtract) {
      X25519Field.apm(s.d, s.c, s.f, s.g); // F = D - (-C), G = D + (-C)
    } else {
      X25519Field.apm(s.d, s.c, s.g, s.f); // G = D + C, F = D - C
    }
    finish(s, r);
  }

  /** The last step both formulas share: r = (E F : G H : F G : E H) from the scratch's E, F, G, H. */
  private static void finish(Scratch s, Point r) {
    X25519Field.carry(s.e);
    X25519Field.carry(s.f);
    X25519Field.carry(s.g);
    X25519Field.carry(s.h);
    X25519Field.mul(s.e, s.f, r.x);
    X25519Field.mul(s.g, s.h, r.y);
    X25519Field.mul(s.e, s.h, r.t);
    X25519Field.mul(s.f, s.g, r.z);
  }

  /** The odd multiples P, 3P, 5P, …, (2^(w-1) - 1)P, ready for a width-w NAF. */
  static Cached[] oddMultiples(Point p, int w, Scratch s) {
    Cached[] table = new Cached[1 << (w - 2)];
    Point twice = new Point();
    dbl(p, twice, s);
    Cached twiceCached = new Cached(twice);
    Point acc = copy(p);
    table[0] = new Cached(acc);
    for (int i = 1; i < table.length; i++) {
      add(acc, twiceCached, false, acc, s);
      table[i] = new Cached(acc);
    }
    return table;
  }

  static Point copy(Point p) {
    Point r = new Point();
    X25519Field.copy(p.x, 0, r.x, 0);
    X25519Field.copy(p.y, 0, r.y, 0);
    X25519Field.copy(p.z, 0, r.z, 0);
    X25519Field.copy(p.t, 0, r.t, 0);
    return r;
  }

  /**
   * The width-w non-adjacent form of a scalar below 2^255 given as 32 little-endian bytes: 256
   * digits, each zero or odd with absolute value below 2^(w-1), at least w - 1 zeros between
   * non-zero ones.
   */
  static byte[] naf(byte[] scalar, int w) {
    long[] x = new long[5];
    for (int i = 0; i < 32; i++) {
      x[i >>> 3] |= (scalar[i] & 0xffL) << ((i & 7) * 8);
    }
    byte[] naf = new byte[256];
    int width = 1 << w;
    long mask = width - 1;
    int pos = 0;
    int carry = 0;
    while (pos < 256) {
      int idx = pos >>> 6;
      int bit = pos & 63;
      long buf = bit < 64 - w ? x[idx] >>> bit : (x[idx] >>> bit) | (x[idx + 1] << (64 - bit));
      int window = carry + (int) (buf & mask);
      if ((window & 1) == 0) {
        pos++;
        continue;
      }
      if (window < width / 2) {
        carry = 0;
        naf[pos] = (byte) window;
      } else {
        carry = 1;
        naf[pos] = (byte) (window - width);
      }
      pos += w;
    }
    return naf;
  }

  /**
   * Adds sum over i of [digits_i]P_i to {@code acc}, where each digits_i is a NAF over the odd
   * multiples in tables_i (Straus's method: one shared run of doublings).
   */
  static Point multiScalar(byte[][] nafs, Cached[][] tables, int count, Scratch s) {
    Point acc = Point.identity();
    int top = -1;
    for (int j = 0; j < count; j++) {
      for (int i = 255; i > top; i--) {
        if (nafs[j][i] != 0) {
          top = i;
          break;
        }
      }
    }
    for (int i = top; i >= 0; i--) {
      dbl(acc, acc, s);
      for (int j = 0; j < count; j++) {
        int digit = nafs[j][i];
        if (digit > 0) {
          add(acc, tables[j][digit >>> 1], false, acc, s);
        } else if (digit < 0) {
          add(acc, tables[j][(-digit) >>> 1], true, acc, s);
        }
      }
    }
    return acc;
  }

  /** [8]p, in place. */
  static void timesCofactor(Point p, Scratch s) {
    dbl(p, p, s);
    dbl(p, p, s);
    dbl(p, p, s);
  }

  /** Little-endian 32 bytes of a value in [0, 2^256). */
  static byte[] littleEndian(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** The value of little-endian bytes {@code in[off .. off+len)}. */
  static BigInteger fromLittleEndian(byte[] in, int off, int len) {
    byte[] be = new byte[len + 1];
    for (int i = 0; i < len; i++) {
      be[len - i] = in[off + i];
    }
    return new BigInteger(be);
  }

  private static int[] fieldConstant(BigInteger v) {
    int[] f = X25519Field.create();
    X25519Field.decode(littleEndian(v), 0, f);
    return f;
  }
}
