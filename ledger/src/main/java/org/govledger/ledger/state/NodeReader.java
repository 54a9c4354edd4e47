package org.govledger.ledger.state;

import java.util.List;
import java.util.Optional;
import org.govledger.ledger.store.Store;

/**
 * How a {@link StateTree} reads its nodes and pointers: keys are relative to the tree's own key
 * space. The tree never writes through it; updates come back as a {@link TreeUpdate} for the caller
 * to put into its own atomic batch. {@link StateTree#StateTree(
 * org.govledger.ledger.crypto.HashFunction, byte[], Store)} adapts a {@link Store} under a prefix.
 */
public interface NodeReader {
  /** The value at {@code key}, if any. */
  Optional<byte[]> read(byte[] key);

  /** Up to {@code limit} entries with {@code from <= key < to}, in unsigned key order. */
  List<Store.Entry> scan(byte[] from, byte[] to, int limit);
}
