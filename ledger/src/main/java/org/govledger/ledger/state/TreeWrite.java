package org.govledger.ledger.state;

import java.util.List;
import java.util.Optional;
import org.govledger.ledger.store.WriteBatch;

/** One put (value present) or delete (value empty) in the tree's key space. */
record TreeWrite(byte[] key, Optional<byte[]> value) {
  // Not copied: writes are built by this package from fresh arrays and never handed out.

  static TreeWrite put(byte[] key, byte[] value) {
    return new TreeWrite(key, Optional.of(value));
  }

  static TreeWrite delete(byte[] key) {
    return new TreeWrite(key, Optional.empty());
  }

  static void writeAll(byte[] prefix, List<TreeWrite> writes, WriteBatch batch) {
    for (TreeWrite w : writes) {
      byte[] key = StoreNodeReader.prefixed(prefix, w.key());
      if (w.value().isPresent()) {
        batch.put(key, w.value().get());
      } else {
        batch.delete(key);
      }
    }
  }
}
