package org.govledger.store.rocksdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A {@link Store} in one RocksDB directory, in RocksDB's default bytewise (unsigned) key order.
 *
 * <p>Thread-safe. Concurrent {@link #write} calls are not serialized here: RocksDB joins writers
 * that arrive together into one group and syncs its write-ahead log once for all of them (group
 * commit). The only Java lock is a read-write lock whose read side every operation takes, so that
 * {@link #close()} waits for calls in flight instead of freeing memory under them.
 */
public final class RocksDbStore implements Store {
  private final Path dir;
  private final NativeOptions nativeOptions;
  private final RocksDB db;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // read under the read lock, written under the write lock

  private RocksDbStore(Path dir, NativeOptions nativeOptions, RocksDB db) {
    this.dir = dir;
    this.nativeOptions = nativeOptions;
    this.db = db;
  }

  /**
   * Opens the store in {@code dir}, creating the directory and an empty store if needed.
   *
   * @throws StoreException if the directory cannot be created or written, another process has the
   *     store open, or RocksDB finds it corrupted; the message says which and what to do
   */
  public static RocksDbStore open(Path dir, RocksDbConfig config) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(config, "config");
    Path absolute = dir.toAbsolutePath().normalize();
    prepareDirectory(absolute);
    NativeOptions nativeOptions = NativeOptions.create(config);
    try {
      RocksDB db = RocksDB.open(nativeOptions.options(), absolute.toString());
      return new RocksDbStore(absolute, nativeOptions, db);
    } catch (RocksDBException e) {
      nativeOptions.close();
      throw RocksDbErrors.onOpen(absolute, e);
    }
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    return whileOpen("read a key", () -> Optional.ofNullable(db.get(key)));
  }

  @Override
  public List<Entry> scan(byte[] from, byte[] to, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return whileOpen(
        "scan a key range",
        () -> {
          List<Entry> out = new ArrayList<>(Math.max(0, Math.min(limit, 1024)));
          if (limit <= 0 || Arrays.compareUnsigned(from, to) >= 0) {
            return out;
          }
          // The upper bound lets RocksDB stop at `to` instead of reading blocks past it.
          // Closed in reverse order: the iterator, then the options, then the bound they use.
          try (Slice upperBound = new Slice(to);
              ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upperBound);
              RocksIterator iterator = db.newIterator(readOptions)) {
            for (iterator.seek(from); iterator.isValid() && out.size() < limit; iterator.next()) {
              out.add(Entry.owning(iterator.key(), iterator.value())); // fresh arrays from JNI
            }
            iterator.status(); // throws if the scan stopped on an error rather than at the end
          }
          return out;
        });
  }

  @Override
  public void write(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    try (org.rocksdb.WriteBatch nativeBatch = toNative(batch)) {
      whileOpen(
          "write a batch",
          () -> {
            db.write(nativeOptions.writeOptions(), nativeBatch);
            return null;
          });
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(dir, "prepare a batch", e);
    }
  }

  /**
   * The size of every file in the store's directory: SST files, the write-ahead log, the MANIFEST,
   * OPTIONS and RocksDB's info logs. Walking the directory (rather than adding up the properties
   * {@code rocksdb.live-sst-files-size} and the WAL) counts what the store really occupies: SST
   * files that compaction has replaced but an open iterator still pins, and the metadata files,
   * which the properties leave out. Sizes are apparent sizes (as {@code du --apparent-size}).
   */
  @Override
  public long diskBytes() {
    return whileOpen("measure its size", this::directorySize);
  }

  /** Writes the memtables to SST files and waits until that is done. */
  public void flush() {
    whileOpen(
        "flush",
        () -> {
          try (FlushOptions flushOptions = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flushOptions);
          }
          return null;
        });
  }

  /**
   * Flushes, then compacts every key into the bottommost level, so that a benchmark measures the
   * settled size. Flushing first means the memtables' data is compacted too, not left beside it.
   */
  public void compact() {
    flush();
    whileOpen(
        "compact",
        () -> {
          try (CompactRangeOptions compactOptions =
              new CompactRangeOptions()
                  .setBottommostLevelCompaction(
                      CompactRangeOptions.BottommostLevelCompaction.kForceOptimized)) {
            db.compactRange(db.getDefaultColumnFamily(), null, null, compactOptions);
          }
          return null;
        });
  }

  /** The directory this store lives in (absolute). */
  public Path directory() {
    return dir;
  }

  /** The compression in use, for the node's start-up log, e.g. "lz4 (upper levels), zstd ...". */
  public String compression() {
    return nativeOptions.compression().describe();
  }

  /** Waits for calls in flight, closes the database and frees its native memory; idempotent. */
  @Override
  public void close() {
    Lock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        db.closeE();
      } catch (RocksDBException e) {
        throw RocksDbErrors.translate(dir, "close the store", e);
      } finally {
        nativeOptions.close();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "RocksDbStore[" + dir + "]";
  }

  /** A call into RocksDB. */
  @FunctionalInterface
  private interface NativeCall<T> {
    T call() throws RocksDBException;
  }

  private <T> T whileOpen(String action, NativeCall<T> call) {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed: " + dir);
      }
      return call.call();
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(dir, action, e);
    } finally {
      lock.unlock();
    }
  }

  private static org.rocksdb.WriteBatch toNative(WriteBatch batch) throws RocksDBException {
    org.rocksdb.WriteBatch nativeBatch = new org.rocksdb.WriteBatch();
    try {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value().isPresent()) {
          nativeBatch.put(op.key(), op.value().get());
        } else {
          nativeBatch.delete(op.key());
        }
      }
      return nativeBatch;
    } catch (RocksDBException | RuntimeException e) {
      nativeBatch.close();
      throw e;
    }
  }

  private long directorySize() {
    long total = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        total += sizeOf(file);
      }
    } catch (IOException e) {
      throw new StoreException("cannot measure the store at " + dir + ": " + e, e);
    }
    return total;
  }

  private static long sizeOf(Path file) throws IOException {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (NoSuchFileException e) {
      return 0; // RocksDB deleted an obsolete file while we listed the directory
    }
  }

  private static void prepareDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the store directory " + dir + " (" + e + "); check that the path"
              + " is right, that no file is in the way and that the node's user may write there",
          e);
    }
    if (!Files.isWritable(dir)) {
      throw RocksDbErrors.notWritable(dir, "no write permission for this user", null);
    }
  }
}
