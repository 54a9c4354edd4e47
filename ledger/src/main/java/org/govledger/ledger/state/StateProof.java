package org.govledger.ledger.state;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;

/**
 * A key's value, or its absence, in the state tree at a version, with the sibling hashes that tie
 * it to the root. Checked by {@link #verify}, a pure function of the proof, the hash function and a
 * root the verifier trusts (from a signed block header).
 *
 * <p>The proof walks the path of H(key) from the root down: {@code siblings.get(i)} is the hash of
 * the other child at depth {@code i} (all zero bytes if that child is empty). The path ends at
 * depth {@code siblings.size()} in one of three ways:
 *
 * <ul>
 *   <li>{@code value} present: the key's own leaf;
 *   <li>{@code value} empty, {@code otherLeaf} present: the leaf of another key, whose hash shares
 *       the path so far, holds the place where the key would be, so the key is absent;
 *   <li>both empty: the path ends in an empty subtree, so the key is absent.
 * </ul>
 *
 * @param key the key asked about
 * @param value its value at {@code version}, or empty if absent
 * @param version the version (block height) the proof is for
 * @param root the state root at {@code version} the proof claims to lead to
 * @param siblings the sibling hashes, root first; at most 256
 * @param otherLeaf for absence, the leaf found in the key's place, if any
 */
public record StateProof(
    byte[] key,
    Optional<byte[]> value,
    long version,
    byte[] root,
    List<byte[]> siblings,
    Optional<LeafDigest> otherLeaf) {

  public StateProof {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, got " + version);
    }
    if (siblings.size() > TreeHasher.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "at most " + TreeHasher.MAX_DEPTH + " siblings, got " + siblings.size());
    }
    if (value.isPresent() && otherLeaf.isPresent()) {
      throw new IllegalArgumentException("a proof of a value cannot also show another leaf");
    }
    key = key.clone();
    value = value.map(byte[]::clone);
    root = root.clone();
    siblings = siblings.stream().map(byte[]::clone).toList();
  }

  /** The hashes of a leaf: enough to hash it, without its key and value. */
  public record LeafDigest(byte[] keyHash, byte[] valueHash) {
    public LeafDigest {
      keyHash = keyHash.clone();
      valueHash = valueHash.clone();
    }

    @Override
    public byte[] keyHash() {
      return keyHash.clone();
    }

    @Override
    public byte[] valueHash() {
      return valueHash.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LeafDigest d
          && Arrays.equals(keyHash, d.keyHash)
          && Arrays.equals(valueHash, d.valueHash);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(keyHash) + Arrays.hashCode(valueHash);
    }

    @Override
    public String toString() {
      return "LeafDigest[keyHash=" + hex(keyHash) + ", valueHash=" + hex(valueHash) + "]";
    }
  }

  /**
   * Checks that the proof leads from {@code key} (and {@code value}, or its absence) to {@code
   * expectedRoot}.
   *
   * @throws VerificationException saying what was expected and what was found
   */
  public void verify(HashFunction hash, byte[] expectedRoot) throws VerificationException {
    if (!Arrays.equals(root, expectedRoot)) {
      throw new VerificationException(
          "state proof is for root " + hex(root) + ", want " + hex(expectedRoot));
    }
    checkLengths(hash);
    byte[] keyHash = TreeHasher.keyHash(hash, key);
    byte[] node = bottom(hash, keyHash);
    for (int depth = siblings.size() - 1; depth >= 0; depth--) {
      byte[] sibling = siblings.get(depth);
      node =
          TreeHasher.bit(keyHash, depth) == 0
              ? TreeHasher.internal(hash, node, sibling)
              : TreeHasher.internal(hash, sibling, node);
    }
    if (!Arrays.equals(node, expectedRoot)) {
      throw new VerificationException(
          "state root mismatch for key hash "
              + hex(keyHash)
              + ": got "
              + hex(node)
              + ", want "
              + hex(expectedRoot));
    }
  }

  /** Whether the proof shows a value (rather than absence). */
  public boolean isPresent() {
    return value.isPresent();
  }

  /** The hash of the node where the key's path ends. */
  private byte[] bottom(HashFunction hash, byte[] keyHash) throws VerificationException {
    if (value.isPresent()) {
      return TreeHasher.leaf(hash, keyHash, TreeHasher.valueHash(hash, value.get()));
    }
    if (otherLeaf.isEmpty()) {
      return TreeHasher.placeholder(hash);
    }
    byte[] otherKeyHash = otherLeaf.get().keyHash;
    if (Arrays.equals(otherKeyHash, keyHash)) {
      throw new VerificationException(
          "state proof of absence shows the key's own leaf (key hash " + hex(keyHash) + ")");
    }
    if (!TreeHasher.samePrefix(otherKeyHash, keyHash, siblings.size())) {
      throw new VerificationException(
          "state proof of absence shows a leaf off the key's path: key hash "
              + hex(otherKeyHash)
              + " does not share the first "
              + siblings.size()
              + " bits of "
              + hex(keyHash));
    }
    return TreeHasher.leaf(hash, otherKeyHash, otherLeaf.get().valueHash);
  }

  private void checkLengths(HashFunction hash) throws VerificationException {
    int want = hash.length();
    if (root.length != want) {
      throw new VerificationException("state root has " + root.length + " bytes, want " + want);
    }
    for (int i = 0; i < siblings.size(); i++) {
      if (siblings.get(i).length != want) {
        throw new VerificationException(
            "sibling " + i + " has " + siblings.get(i).length + " bytes, want " + want);
      }
    }
    if (otherLeaf.isPresent()
        && (otherLeaf.get().keyHash.length != want || otherLeaf.get().valueHash.length != want)) {
      throw new VerificationException("other leaf's hashes must have " + want + " bytes each");
    }
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public Optional<byte[]> value() {
    return value.map(byte[]::clone);
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  @Override
  public List<byte[]> siblings() {
    return siblings.stream().map(byte[]::clone).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateProof p
        && version == p.version
        && Arrays.equals(key, p.key)
        && Arrays.equals(value.orElse(null), p.value.orElse(null))
        && value.isPresent() == p.value.isPresent()
        && Arrays.equals(root, p.root)
        && Arrays.deepEquals(siblings.toArray(), p.siblings.toArray())
        && otherLeaf.equals(p.otherLeaf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(key),
        value.map(Arrays::hashCode),
        version,
        Arrays.hashCode(root),
        Arrays.deepHashCode(siblings.toArray()),
        otherLeaf);
  }

  @Override
  public String toString() {
    return "StateProof[key="
        + hex(key)
        + ", present="
        + value.isPresent()
        + ", version="
        + version
        + ", root="
        + hex(root)
        + ", siblings="
        + siblings.size()
        + ", otherLeaf="
        + otherLeaf
        + "]";
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
