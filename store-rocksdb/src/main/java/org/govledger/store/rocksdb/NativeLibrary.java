package org.govledger.store.rocksdb;

import org.rocksdb.RocksDB;

/** Loads RocksDB's native library once per process, with an actionable error if it cannot. */
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
    loaded = true;
  }
}
