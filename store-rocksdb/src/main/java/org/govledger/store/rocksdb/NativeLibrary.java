package org.govledger.store.rocksdb;

import org.rocksdb.Env;
import org.rocksdb.Priority;
import org.rocksdb.RocksDB;

/**
 * Loads RocksDB's native library once per process, with an actionable error if it cannot, and
 * sets the process-wide background thread priorities.
 */
final class NativeLibrary {
  private static boolean loaded;

  private NativeLibrary() {}

  static synchronized void load() {
    if (loaded) {
      return;
    }
    try {
      RocksDB.loadLibrary();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new StoreException(
          "cannot load the RocksDB native library for "
              + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
              + ": " + e.getMessage()
              + " (the rocksdbjni jar unpacks it into java.io.tmpdir="
              + System.getProperty("java.io.tmpdir")
              + "; make sure that directory is writable and not mounted noexec,"
              + " or point -Djava.io.tmpdir elsewhere)",
          e);
    }
    // Compactions (the LOW pool) run at low CPU and I/O priority: they are background work
    // that can wait, and on a machine with few cores they otherwise take the CPU from the
    // threads a client is waiting on. Flushes (HIGH) keep normal priority, so writes never
    // stall behind a full memtable for lack of CPU.
    Env.getDefault().lowerThreadPoolCPUPriority(Priority.LOW)
        .lowerThreadPoolIOPriority(Priority.LOW);
    loaded = true;
  }
}
