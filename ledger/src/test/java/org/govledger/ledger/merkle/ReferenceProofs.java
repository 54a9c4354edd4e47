package org.govledger.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.crypto.HashFunction;

/**
 * The recursive proof definitions of RFC 9162 sections 2.1.3.1 and 2.1.4.1 over all leaf data in
 * memory: the oracle that {@link MerkleLog}'s proofs are compared with.
 */
final class ReferenceProofs {
  private ReferenceProofs() {}

  /** {@code PATH(m, D[n])}. */
  static List<byte[]> path(HashFunction h, int m, List<byte[]> d) {
    if (d.size() <= 1) {
      return new ArrayList<>();
    }
    int k = (int) MerkleHashing.largestPowerOfTwoBelow(d.size());
    List<byte[]> out;
    if (m < k) {
      out = path(h, m, d.subList(0, k));
      out.add(MerkleHashing.root(h, d.subList(k, d.size())));
    } else {
      out = path(h, m - k, d.subList(k, d.size()));
      out.add(MerkleHashing.root(h, d.subList(0, k)));
    }
    return out;
  }

  /** {@code PROOF(m, D[n])}, empty for {@code m == 0} or {@code m == n}. */
  static List<byte[]> consistency(HashFunction h, int m, List<byte[]> d) {
    if (m == 0 || m == d.size()) {
      return new ArrayList<>();
    }
    return subproof(h, m, d, true);
  }

  private static List<byte[]> subproof(HashFunction h, int m, List<byte[]> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<byte[]> out = new ArrayList<>();
      if (!b) {
        out.add(MerkleHashing.root(h, d));
      }
      return out;
    }
    int k = (int) MerkleHashing.largestPowerOfTwoBelow(n);
    List<byte[]> out;
    if (m <= k) {
      out = subproof(h, m, d.subList(0, k), b);
      out.add(MerkleHashing.root(h, d.subList(k, n)));
    } else {
      out = subproof(h, m - k, d.subList(k, n), false);
      out.add(MerkleHashing.root(h, d.subList(0, k)));
    }
    return out;
  }
}
