package org.govledger.ledger.store;

import java.util.List;
import java.util.Optional;

/**
 * An ordered byte-key store: the only I/O the ledger does. Implementations: {@link MemoryStore}
 * for tests and RocksDB for nodes. Both pass the same contract test ({@code StoreContractTest}).
 *
 * <p>Writes happen only through {@link #write(WriteBatch)}, which is atomic: after a crash either
 * the whole batch is there or none of it is. Whether it is also synced to disk before returning is
 * the implementation's configuration (durable by default).
 */
public interface Store extends AutoCloseable {

  /** The value at {@code key}, if any. */
  Optional<byte[]> get(byte[] key);

  /**
   * Up to {@code limit} entries with {@code from <= key < to} in unsigned lexicographic key order.
   */
  List<Entry> scan(byte[] from, byte[] to, int limit);

  /** Applies every put and delete of {@code batch} atomically, in order. */
  void write(WriteBatch batch);

  /** Bytes this store occupies on disk (0 for an in-memory store); for benchmarks and metrics. */
  long diskBytes();

  @Override
  void close();

  /** One key and its value. */
  record Entry(byte[] key, byte[] value) {
    public Entry {
      key = key.clone();
      value = value.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }
  }
}
