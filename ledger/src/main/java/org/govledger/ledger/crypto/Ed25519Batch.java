package org.govledger.ledger.crypto;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.govledger.ledger.crypto.Edwards25519.Cached;
import org.govledger.ledger.crypto.Edwards25519.Point;
import org.govledger.ledger.crypto.Edwards25519.Scratch;

/**
 * Checks many Ed25519 signatures with one multi-scalar multiplication (the batch equation of
 * Bernstein et al., "High-speed high-security signatures", 2011, section 5): with fresh random
 * 128-bit z_i, [8]([sum z_i S_i]B - sum [z_i]R_i - sum [z_i k_i]A_i) is the neutral element
 * if every signature is valid, and, if any is not, is the neutral element only with probability
 * 2^-128.
 *
 * <p>The rule it decides is the cofactored equation [8][S]B = [8]R + [8][k]A of RFC 8032
 * section 5.1.7, for each signature on its own, so that whether a transaction is valid never
 * depends on which others share its batch; {@link Ed25519Verifier} decides one signature by the
 * same rule. Keys are of prime order (checked when a verifier is made), so the cofactor only ever
 * removes a small-order part of R, which only the key's owner can put there.
 */
final class Ed25519Batch {
  static final int KEY_WIDTH = 5;
  private static final int R_WIDTH = 5;
  private static final int BASE_WIDTH = 8;
  private static final Cached[] BASE;

  static {
    byte[] b = new byte[32];
    b[0] = 0x58;
    for (int i = 1; i < 32; i++) {
      b[i] = 0x66;
    }
    Point base = new Point();
    if (!Edwards25519.decode(b, 0, base)) {
      throw new IllegalStateException("the Ed25519 base point does not decode");
    }
    BASE = Edwards25519.oddMultiples(base, BASE_WIDTH, new Scratch());
  }

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });

  private Ed25519Batch() {}

  /** One signature, its R decoded and its challenge k computed. */
  private record Parsed(Cached[] key, Point r, BigInteger s, BigInteger k) {}

  /**
   * Whether every one of these signatures is valid (each i: {@code signatures.get(i)} by {@code
   * keys.get(i)} over {@code messages.get(i)}). False says only that at least one is not.
   */
  static boolean allValid(List<Ed25519Verifier> keys, List<byte[]> messages, List<byte[]> signatures) {
    int n = keys.size();
    Parsed[] parsed = new Parsed[n];
    for (int i = 0; i < n; i++) {
      Parsed p = parse(keys.get(i).encoded(), keys.get(i).table(), messages.get(i), signatures.get(i));
      if (p == null) {
        return false;
      }
      parsed[i] = p;
    }
    byte[] random = new byte[16 * n];
    RANDOM.get().nextBytes(random);
    Scratch scratch = new Scratch();
    Map<Cached[], BigInteger> keyScalars = new IdentityHashMap<>();
    byte[][] nafs = new byte[2 * n + 1][];
    Cached[][] tables = new Cached[2 * n + 1][];
    BigInteger baseScalar = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger z = Edwards25519.fromLittleEndian(random, 16 * i, 16);
      Parsed p = parsed[i];
      nafs[i] = Edwards25519.naf(Edwards25519.littleEndian(z), R_WIDTH);
      tables[i] = Edwards25519.oddMultiples(p.r(), R_WIDTH, scratch);
      keyScalars.merge(p.key(), z.multiply(p.k()), BigInteger::add);
      baseScalar = baseScalar.add(z.multiply(p.s()));
    }
    int count = n;
    for (Map.Entry<Cached[], BigInteger> e : keyScalars.entrySet()) {
      nafs[count] = Edwards25519.naf(Edwards25519.littleEndian(e.getValue().mod(Edwards25519.L)), KEY_WIDTH);
      tables[count++] = e.getKey();
    }
    BigInteger minusBase = Edwards25519.L.subtract(baseScalar.mod(Edwards25519.L)).mod(Edwards25519.L);
    nafs[count] = Edwards25519.naf(Edwards25519.littleEndian(minusBase), BASE_WIDTH);
    tables[count++] = BASE;
    return neutralTimesCofactor(Edwards25519.multiScalar(nafs, tables, count, scratch), scratch);
  }

  /** Whether one signature satisfies [8]([S]B - R - [k]A) = 0. */
  static boolean valid(Ed25519Verifier key, byte[] message, byte[] signature) {
    return valid(key.encoded(), key.table(), message, signature);
  }

  /**
   * The cofactored equation for any 32-byte key encoding, of prime order or not; for testing
   * against vectors with small- and mixed-order keys, which a verifier refuses outright.
   */
  static boolean cofactoredEquationHolds(byte[] publicKey, byte[] message, byte[] signature) {
    Point a = new Point();
    if (publicKey.length != 32 || !Edwards25519.decode(publicKey, 0, a)) {
      return false;
    }
    return valid(publicKey, Edwards25519.oddMultiples(a, KEY_WIDTH, new Scratch()), message, signature);
  }

  private static boolean valid(byte[] publicKey, Cached[] keyTable, byte[] message, byte[] signature) {
    Parsed p = parse(publicKey, keyTable, message, signature);
    if (p == null) {
      return false;
    }
    Scratch scratch = new Scratch();
    byte[][] nafs = {
      Edwards25519.naf(Edwards25519.littleEndian(BigInteger.ONE), R_WIDTH),
      Edwards25519.naf(Edwards25519.littleEndian(p.k()), KEY_WIDTH),
      Edwards25519.naf(Edwards25519.littleEndian(Edwards25519.L.subtract(p.s()).mod(Edwards25519.L)), BASE_WIDTH),
    };
    Cached[][] tables = {Edwards25519.oddMultiples(p.r(), R_WIDTH, scratch), keyTable, BASE};
    return neutralTimesCofactor(Edwards25519.multiScalar(nafs, tables, 3, scratch), scratch);
  }

  private static boolean neutralTimesCofactor(Point q, Scratch scratch) {
    Edwards25519.timesCofactor(q, scratch);
    return q.isIdentity();
  }

  /** The signature's parts, or null if it is malformed: wrong length, S not below L, R no point. */
  private static Parsed parse(byte[] a, Cached[] keyTable, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return null;
    }
    BigInteger s = Edwards25519.fromLittleEndian(signature, 32, 32);
    if (s.compareTo(Edwards25519.L) >= 0) {
      return null;
    }
    Point r = new Point();
    if (!Edwards25519.decode(signature, 0, r)) {
      return null;
    }
    SHA512Digest sha = new SHA512Digest();
    sha.update(signature, 0, 32);
    sha.update(a, 0, a.length);
    sha.update(message, 0, message.length);
    byte[] h = new byte[64];
    sha.doFinal(h, 0);
    BigInteger k = Edwards25519.fromLittleEndian(h, 0, 64).mod(Edwards25519.L);
    return new Parsed(keyTable, r, s, k);
  }
}
