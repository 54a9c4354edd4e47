package org.govledger.ledger.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.util.BigIntegers;

/** Malformed SEC1 public keys for P-256 and SM2, built from the curve equation. */
final class WeierstrassKeys {
  private WeierstrassKeys() {}

  /** Named invalid encodings derived from a valid uncompressed key. */
  static List<Object[]> invalidEncodings(ECDomainParameters domain, byte[] valid) {
    BigInteger p = domain.getCurve().getField().getCharacteristic();
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"empty", new byte[0]});
    cases.add(new Object[] {"point at infinity", new byte[] {0}});
    cases.add(new Object[] {"64 bytes, no prefix", slice(valid, 1, 65)});
    cases.add(new Object[] {"66 bytes", concat(valid, new byte[1])});
    cases.add(new Object[] {"32 bytes, compressed without prefix", slice(valid, 1, 33)});

    byte[] hybrid = valid.clone();
    hybrid[0] = 0x06;
    cases.add(new Object[] {"hybrid prefix 06", hybrid});

    byte[] offCurve = valid.clone();
    offCurve[64] ^= 1;
    cases.add(new Object[] {"Y changed, not on the curve", offCurve});

    byte[] xTooBig = concat(new byte[] {0x02}, BigIntegers.asUnsignedByteArray(32, p));
    cases.add(new Object[] {"compressed X = p", xTooBig});

    byte[] noY =
        concat(new byte[] {0x02}, BigIntegers.asUnsignedByteArray(32, xWithoutPoint(domain)));
    cases.add(new Object[] {"compressed X with no Y on the curve", noY});
    return cases;
  }

  /** The smallest x for which x^3 + ax + b is not a square mod p. */
  static BigInteger xWithoutPoint(ECDomainParameters domain) {
    BigInteger p = domain.getCurve().getField().getCharacteristic();
    BigInteger a = domain.getCurve().getA().toBigInteger();
    BigInteger b = domain.getCurve().getB().toBigInteger();
    BigInteger halfOrder = p.subtract(BigInteger.ONE).shiftRight(1);
    for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(p);
      if (rhs.modPow(halfOrder, p).equals(p.subtract(BigInteger.ONE))) {
        return x;
      }
    }
  }

  /** The compressed SEC1 form {@code 02|03 || X} of an uncompressed key. */
  static byte[] compress(byte[] uncompressed) {
    byte[] out = slice(uncompressed, 0, 33);
    out[0] = (byte) (0x02 | (uncompressed[64] & 1));
    return out;
  }

  /** A raw signature {@code r || s} of two numbers, 32 bytes each. */
  static byte[] signature(BigInteger r, BigInteger s) {
    return concat(BigIntegers.asUnsignedByteArray(32, r), BigIntegers.asUnsignedByteArray(32, s));
  }

  static byte[] slice(byte[] bytes, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(bytes, from, out, 0, out.length);
    return out;
  }

  static byte[] concat(byte[] left, byte[] right) {
    byte[] out = new byte[left.length + right.length];
    System.arraycopy(left, 0, out, 0, left.length);
    System.arraycopy(right, 0, out, left.length, right.length);
    return out;
  }
}
