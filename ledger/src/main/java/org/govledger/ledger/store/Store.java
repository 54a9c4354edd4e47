package org.govledger.ledger.store;

import java.util.Arrays;
import java.util.HexFormat;
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

  /**
   * One key and its value. Immutable: the arrays it hands out are copies. Scans of the state
   * tree's stale records read values of hundreds of KB, so an entry is copied once on the way in,
   * or not at all when a store hands over arrays it just made ({@link #owning}).
   */
  final class Entry {
    private final byte[] key;
    private final byte[] value;

    /** An entry holding copies of {@code key} and {@code value}. */
    public Entry(byte[] key, byte[] value) {
      this(key.clone(), value.clone(), true);
    }

    // The flag only tells this constructor, which keeps the arrays, from the copying one.
    private Entry(byte[] key, byte[] value, boolean owned) {
      this.key = key;
      this.value = value;
    }

    /**
     * An entry that keeps {@code key} and {@code value} themselves: for a store handing over
     * arrays it made for this entry and will not touch again.
     */
    public static Entry owning(byte[] key, byte[] value) {
      return new Entry(key, value, true);
    }

    /** This entry with the first {@code length} bytes of its key cut off; the value is shared. */
    public Entry withoutKeyPrefix(int length) {
      if (length < 0 || length > key.length) {
        throw new IllegalArgumentException(
            "cannot cut " + length + " bytes off a key of " + key.length);
      }
      return new Entry(Arrays.copyOfRange(key, length, key.length), value, true);
    }

    public byte[] key() {
      return key.clone();
    }

    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry other
          && Arrays.equals(key, other.key)
          && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Entry[key=" + HexFormat.of().formatHex(key) + ", " + value.length + " value bytes]";
    }
  }
}
