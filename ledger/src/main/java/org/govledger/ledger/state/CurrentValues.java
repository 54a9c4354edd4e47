package org.govledger.ledger.state;

import java.util.Optional;

/**
 * Where a {@link StateTree} reads the current value of a key. The tree's leaves hold only value
 * hashes; the caller keeps each key's latest value (the engine's state table) and writes it in the
 * same atomic batch as the tree update that set it. The tree reads it for a proof, and, just before
 * an update replaces or deletes a value, to keep the old one in its history for proofs at older
 * versions.
 */
@FunctionalInterface
public interface CurrentValues {
  /** The value of {@code key} as of the latest written version, if it has one. */
  Optional<byte[]> get(byte[] key);
}
