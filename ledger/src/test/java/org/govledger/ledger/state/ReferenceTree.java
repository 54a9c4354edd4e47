package org.govledger.ledger.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.govledger.ledger.crypto.HashFunction;

/**
 * A slow, obviously correct root computation straight from the definitions, sharing no code with
 * the tree (by default not even its SHA-256): sort the key hashes, and hash a set of leaves as the
 * placeholder (none), the leaf (one) or an internal node over the two halves split by the next bit.
 */
final class ReferenceTree {
  /** Hashes the concatenation of its arguments. */
  interface Hash {
    byte[] of(byte[]... parts);
  }

  private ReferenceTree() {}

  /**
   * The root of a tree holding {@code state} (keys and values as strings in UTF-8), with SHA-256.
   */
  static byte[] root(Map<String, String> state) {
    return root(ReferenceTree::sha256, state);
  }

  /** The root of a tree holding {@code state} with another hash function. */
  static byte[] root(HashFunction hash, Map<String, String> state) {
    return root(hash::digest, state);
  }

  private static byte[] root(Hash hash, Map<String, String> state) {
    List<byte[][]> leaves = new ArrayList<>();
    for (Map.Entry<String, String> e : state.entrySet()) {
      leaves.add(new byte[][] {hash.of(bytes(e.getKey())), hash.of(bytes(e.getValue()))});
    }
    leaves.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    return hash(hash, leaves, 0);
  }

  /** How many internal nodes (the nodes stored on their own) a tree holding {@code state} has. */
  /**
   * How many internal nodes of the tree holding {@code state} sit at a depth that is a multiple of
   * {@code everyLevels}: with 1, all of them; with the tree's page height, those stored on their own.
   */
  static int internalNodeCount(Map<String, String> state, int everyLevels) {
    List<byte[][]> leaves = new ArrayList<>();
    for (String key : state.keySet()) {
      leaves.add(new byte[][] {sha256(bytes(key))});
    }
    return count(leaves, 0, everyLevels);
  }

  private static int count(List<byte[][]> leaves, int depth, int everyLevels) {
    if (leaves.size() <= 1) {
      return 0;
    }
    List<List<byte[][]>> halves = halves(leaves, depth);
    return (depth % everyLevels == 0 ? 1 : 0)
        + count(halves.get(0), depth + 1, everyLevels)
        + count(halves.get(1), depth + 1, everyLevels);
  }

  private static byte[] hash(Hash hash, List<byte[][]> leaves, int depth) {
    if (leaves.isEmpty()) {
      return new byte[32];
    }
    if (leaves.size() == 1) {
      return hash.of(new byte[] {0x00}, leaves.get(0)[0], leaves.get(0)[1]);
    }
    List<List<byte[][]>> halves = halves(leaves, depth);
    return hash.of(
        new byte[] {0x01},
        hash(hash, halves.get(0), depth + 1),
        hash(hash, halves.get(1), depth + 1));
  }

  private static List<List<byte[][]>> halves(List<byte[][]> leaves, int depth) {
    List<byte[][]> left = new ArrayList<>();
    List<byte[][]> right = new ArrayList<>();
    for (byte[][] leaf : leaves) {
      int bit = (leaf[0][depth / 8] >> (7 - depth % 8)) & 1;
      (bit == 0 ? left : right).add(leaf);
    }
    return List.of(left, right);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
