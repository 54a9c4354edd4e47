package org.govledger.store.rocksdb;

import java.nio.file.Path;
import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns a {@link RocksDBException} into a {@link StoreException} that says what to do. */
final class RocksDbErrors {

  private RocksDbErrors() {}

  /** An error opening the store at {@code dir}. */
  static StoreException onOpen(Path dir, RocksDBException e) {
    String detail = detail(e);
    if (code(e) == Status.Code.IOError && detail.contains("LOCK")) {
      return new StoreException(
          "cannot open the store at " + dir + ": it is in use by another process"
              + " (is another node running on this directory?)",
          e);
    }
    return translate(dir, "open the store", e);
  }

  /** An error doing {@code action} (e.g. "write a batch") in the store at {@code dir}. */
  static StoreException translate(Path dir, String action, RocksDBException e) {
    String detail = detail(e);
    String lower = detail.toLowerCase(Locale.ROOT);
    if (code(e) == Status.Code.Corruption) {
      return new StoreException(
          "RocksDB reports corruption in " + dir + ": " + detail
              + "; stop the node, restore the directory from a backup or a peer,"
              + " then run `govledger audit --data " + dir + "`",
          e);
    }
    if (lower.contains("no space left on device")) {
      return new StoreException(
          "cannot " + action + " in " + dir + ": the disk is full (" + detail
              + "); free space on it, then restart the node",
          e);
    }
    if (lower.contains("permission denied") || lower.contains("read-only file system")) {
      return notWritable(dir, detail, e);
    }
    if (code(e) == Status.Code.IOError) {
      return new StoreException(
          "cannot " + action + " in " + dir + ": the disk reported an I/O error (" + detail
              + "); check the disk and the system log",
          e);
    }
    return new StoreException("RocksDB could not " + action + " in " + dir + ": " + detail, e);
  }

  /** The directory exists or could exist, but this process may not write there. */
  static StoreException notWritable(Path dir, String detail, Exception cause) {
    return new StoreException(
        "cannot open the store at " + dir + ": the directory is not writable (" + detail
            + "); give the node's user write access to it or choose another data directory",
        cause);
  }

  private static Status.Code code(RocksDBException e) {
    Status status = e.getStatus();
    return status == null ? Status.Code.Undefined : status.getCode();
  }

  private static String detail(RocksDBException e) {
    return e.getMessage() == null ? "no detail given" : e.getMessage().strip();
  }
}
