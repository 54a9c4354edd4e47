package org.govledger.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/**
 * The child process of {@link CrashAtomicityIT}: writes numbered batches with synced writes until
 * it is killed, printing "ack N" after batch N's write has returned. It resumes after the last
 * batch a previous run committed. Each batch holds {@link #ENTRIES} entries and the marker
 * {@link #LAST_BATCH} = N, so a partially applied batch would show as a count other than
 * {@code ENTRIES} or a marker that disagrees with the batches present.
 */
final class CrashingWriter {
  static final int ENTRIES = 1000;
  static final byte[] LAST_BATCH = "last-batch".getBytes(StandardCharsets.UTF_8);
  static final byte[] BATCH_PREFIX = "batch/".getBytes(StandardCharsets.UTF_8);

  private CrashingWriter() {}

  public static void main(String[] args) {
    try (Store store = RocksDbStore.open(Path.of(args[0]), RocksDbConfig.defaults())) {
      long next = store.get(LAST_BATCH).map(v -> ByteBuffer.wrap(v).getLong() + 1).orElse(0L);
      for (long batch = next; ; batch++) {
        store.write(batch(batch));
        System.out.println("ack " + batch);
        System.out.flush();
      }
    }
  }

  static WriteBatch batch(long number) {
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < ENTRIES; i++) {
      batch.put(entryKey(number, i), entryValue(number, i));
    }
    return batch.put(LAST_BATCH, ByteBuffer.allocate(8).putLong(number).array());
  }

  /** "batch/" + number (8 bytes, big-endian) + index (4 bytes): batches sort by number. */
  static byte[] entryKey(long number, int index) {
    return ByteBuffer.allocate(BATCH_PREFIX.length + 12)
        .put(BATCH_PREFIX)
        .putLong(number)
        .putInt(index)
        .array();
  }

  /** The first key of batch {@code number}; every key of the batch is at least this. */
  static byte[] batchStart(long number) {
    return ByteBuffer.allocate(BATCH_PREFIX.length + 8).put(BATCH_PREFIX).putLong(number).array();
  }

  static byte[] entryValue(long number, int index) {
    return ByteBuffer.allocate(100).putLong(number).putInt(index).array();
  }
}
