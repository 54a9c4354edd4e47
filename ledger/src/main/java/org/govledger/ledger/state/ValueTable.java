package org.govledger.ledger.state;

import java.util.Collection;
import java.util.Optional;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/**
 * Current values kept in a {@link Store}, each key under a fixed prefix: the state table a {@link
 * StateTree} reads through {@link CurrentValues}. The engine keeps its table this way; tests and
 * benchmarks that drive a tree alone use this class to keep theirs.
 */
public final class ValueTable implements CurrentValues {
  private final Store store;
  private final byte[] prefix;

  public ValueTable(Store store, byte[] prefix) {
    this.store = store;
    this.prefix = prefix.clone();
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return store.get(StoreNodeReader.prefixed(prefix, key));
  }

  /** Adds the puts and deletes that make {@code changes} the current values to {@code batch}. */
  public void writeTo(Collection<StateChange> changes, WriteBatch batch) {
    for (StateChange c : changes) {
      byte[] key = StoreNodeReader.prefixed(prefix, c.key());
      c.value().ifPresentOrElse(v -> batch.put(key, v), () -> batch.delete(key));
    }
  }
}
