package org.govledger.ledger.merkle;

import java.util.Optional;

/**
 * Read access to the stored hashes of complete subtrees of a Merkle log. The node at {@code
 * level} and {@code index} is the root of the perfect subtree over leaves {@code [index * 2^level,
 * (index + 1) * 2^level)}; level 0 holds the leaf hashes. Appending only ever creates new complete
 * subtrees, so a stored node never changes.
 *
 * <p>Implementations must be safe for concurrent reads while a writer adds new nodes. A store
 * that can supply leaf hashes another way (for example from its transaction index) may serve
 * level 0 from there instead of storing {@link TreeNode}s of level 0.
 */
public interface TreeNodeReader {
  /** The hash of the complete subtree at {@code level} and {@code index}, if it is stored. */
  Optional<byte[]> node(int level, long index);
}
