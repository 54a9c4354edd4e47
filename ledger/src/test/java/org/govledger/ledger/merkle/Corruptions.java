package org.govledger.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The corrupted twins of a valid proof, after transparency-dev/merkle's proof/verify_test.go:
 * wrong index or sizes, flipped bits, extra and missing elements. Every twin must fail.
 *
 * <p>Not every other size is a corruption: a path only fixes the shape of the tree it climbs, and
 * the hash of the right part of a tree of size 5 (one leaf) looks like that of size 6 (two leaves).
 * So the proof of leaf 1 in the tree of size 5 also "verifies" for size 6 against the root of size
 * 5. That is why a root is only ever trusted together with its size, in a signed checkpoint; the
 * twins here change the size by a factor of two, as transparency-dev's do.
 */
final class Corruptions {
  private Corruptions() {}

  record InclusionProbe(String description, InclusionProof proof, byte[] leafHash, byte[] root) {}

  record ConsistencyProbe(String description, ConsistencyProof proof, byte[] root1, byte[] root2) {}

  static byte[] flipBit(byte[] b, int bit) {
    byte[] copy = b.clone();
    copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  static List<InclusionProbe> of(InclusionProof p, byte[] leafHash, byte[] root) {
    long i = p.leafIndex();
    long n = p.treeSize();
    List<byte[]> path = p.path();
    List<InclusionProbe> out = new ArrayList<>();
    if (i > 0) {
      out.add(new InclusionProbe("leafIndex - 1", new InclusionProof(i - 1, n, path), leafHash, root));
    }
    out.add(new InclusionProbe("leafIndex + 1", new InclusionProof(i + 1, n, path), leafHash, root));
    out.add(new InclusionProbe("leafIndex ^ 2", new InclusionProof(i ^ 2, n, path), leafHash, root));
    out.add(new InclusionProbe("treeSize * 2", new InclusionProof(i, n * 2, path), leafHash, root));
    out.add(new InclusionProbe("treeSize / 2", new InclusionProof(i, n / 2, path), leafHash, root));
    out.add(new InclusionProbe("flipped leaf bit", p, flipBit(leafHash, 0), root));
    out.add(new InclusionProbe("flipped root bit", p, leafHash, flipBit(root, 255)));
    out.add(new InclusionProbe("trailing root", new InclusionProof(i, n, with(path, path.size(), root)), leafHash, root));
    out.add(new InclusionProbe("preceding root", new InclusionProof(i, n, with(path, 0, root)), leafHash, root));
    out.add(new InclusionProbe("trailing empty", new InclusionProof(i, n, with(path, path.size(), new byte[0])), leafHash, root));
    for (int k = 0; k < path.size(); k++) {
      List<byte[]> flipped = new ArrayList<>(path);
      flipped.set(k, flipBit(path.get(k), 3));
      out.add(new InclusionProbe("flipped bit in path[" + k + "]", new InclusionProof(i, n, flipped), leafHash, root));
    }
    if (!path.isEmpty()) {
      out.add(new InclusionProbe("missing last element", new InclusionProof(i, n, path.subList(0, path.size() - 1)), leafHash, root));
      out.add(new InclusionProbe("missing first element", new InclusionProof(i, n, path.subList(1, path.size())), leafHash, root));
    }
    return out;
  }

  static List<ConsistencyProbe> of(ConsistencyProof p, byte[] root1, byte[] root2) {
    long m = p.size1();
    long n = p.size2();
    List<byte[]> path = p.path();
    List<ConsistencyProbe> out = new ArrayList<>();
    if (m > 0) {
      out.add(new ConsistencyProbe("size1 - 1", new ConsistencyProof(m - 1, n, path), root1, root2));
    }
    out.add(new ConsistencyProbe("size1 + 1", new ConsistencyProof(m + 1, n, path), root1, root2));
    out.add(new ConsistencyProbe("size1 ^ 2", new ConsistencyProof(m ^ 2, n, path), root1, root2));
    // A proof from the empty tree says nothing about the newer tree: every tree extends it.
    if (m > 0) {
      out.add(new ConsistencyProbe("size2 * 2", new ConsistencyProof(m, n * 2, path), root1, root2));
      out.add(new ConsistencyProbe("size2 / 2", new ConsistencyProof(m, n / 2, path), root1, root2));
    }
    out.add(new ConsistencyProbe("flipped root1 bit", p, flipBit(root1, 255), root2));
    if (m > 0 || n == 0) {
      out.add(new ConsistencyProbe("flipped root2 bit", p, root1, flipBit(root2, 255)));
    }
    out.add(new ConsistencyProbe("trailing root1", new ConsistencyProof(m, n, with(path, path.size(), root1)), root1, root2));
    out.add(new ConsistencyProbe("trailing root2", new ConsistencyProof(m, n, with(path, path.size(), root2)), root1, root2));
    out.add(new ConsistencyProbe("preceding root1", new ConsistencyProof(m, n, with(path, 0, root1)), root1, root2));
    if (!Arrays.equals(root1, root2)) {
      out.add(new ConsistencyProbe("swapped roots", p, root2, root1));
    }
    for (int k = 0; k < path.size(); k++) {
      List<byte[]> flipped = new ArrayList<>(path);
      flipped.set(k, flipBit(path.get(k), 4));
      out.add(new ConsistencyProbe("flipped bit in path[" + k + "]", new ConsistencyProof(m, n, flipped), root1, root2));
    }
    if (!path.isEmpty()) {
      out.add(new ConsistencyProbe("empty path", new ConsistencyProof(m, n, List.of()), root1, root2));
      out.add(new ConsistencyProbe("missing last element", new ConsistencyProof(m, n, path.subList(0, path.size() - 1)), root1, root2));
      out.add(new ConsistencyProbe("preceding path[0]", new ConsistencyProof(m, n, with(path, 0, path.get(0))), root1, root2));
    }
    return out;
  }

  private static List<byte[]> with(List<byte[]> path, int at, byte[] element) {
    List<byte[]> out = new ArrayList<>(path);
    out.add(at, element);
    return out;
  }
}
