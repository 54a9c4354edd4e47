package org.govledger.ledger.state;

import org.govledger.ledger.crypto.HashFunction;

/**
 * The tree's hashing rules, shared by the tree and by proof checking so that they cannot drift
 * apart. Leaves and internal nodes get different one-byte prefixes (as in RFC 9162) so that a leaf
 * can never be passed off as an internal node or the reverse.
 */
final class TreeHasher {
  /** Bits in a key hash, and so the greatest depth a leaf can sit at. */
  static final int MAX_DEPTH = 256;

  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] INTERNAL_PREFIX = {0x01};

  private TreeHasher() {}

  /** The hash of an empty subtree: all zero bytes, which no real node hashes to in practice. */
  static byte[] placeholder(HashFunction hash) {
    return new byte[hash.length()];
  }

  static byte[] keyHash(HashFunction hash, byte[] key) {
    return hash.digest(key);
  }

  static byte[] valueHash(HashFunction hash, byte[] value) {
    return hash.digest(value);
  }

  /** H(0x00 || keyHash || valueHash). */
  static byte[] leaf(HashFunction hash, byte[] keyHash, byte[] valueHash) {
    return hash.digest(LEAF_PREFIX, keyHash, valueHash);
  }

  /** H(0x01 || left || right), where an empty child is the placeholder. */
  static byte[] internal(HashFunction hash, byte[] left, byte[] right) {
    return hash.digest(INTERNAL_PREFIX, left, right);
  }

  /** Bit {@code index} of {@code keyHash}, most significant bit of the first byte first. */
  static int bit(byte[] keyHash, int index) {
    return (keyHash[index >>> 3] >>> (7 - (index & 7))) & 1;
  }

  /** Whether {@code a} and {@code b} agree on their first {@code bits} bits. */
  static boolean samePrefix(byte[] a, byte[] b, int bits) {
    int whole = bits >>> 3;
    for (int i = 0; i < whole; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    int rest = bits & 7;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[whole] & mask) == (b[whole] & mask);
  }
}
