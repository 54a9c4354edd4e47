package org.govledger.store.rocksdb;

import java.util.List;
import org.rocksdb.CompressionType;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksMemEnv;
import org.slf4j.LoggerFactory;

/**
 * The compression of the upper levels and of the bottommost level, where about 90% of the data
 * ends up: LZ4 (fast) above, ZSTD (smaller) at the bottom. A RocksDB library built without one of
 * them falls back to the next best it has, with a warning in the log.
 */
record Compression(CompressionType upper, CompressionType bottommost) {

  private static final List<CompressionType> UPPER_PREFERENCE =
      List.of(CompressionType.LZ4_COMPRESSION, CompressionType.SNAPPY_COMPRESSION);

  private static final List<CompressionType> BOTTOMMOST_PREFERENCE =
      List.of(
          CompressionType.ZSTD_COMPRESSION,
          CompressionType.LZ4_COMPRESSION,
          CompressionType.SNAPPY_COMPRESSION);

  private static Compression best;

  static Compression none() {
    return new Compression(CompressionType.NO_COMPRESSION, CompressionType.NO_COMPRESSION);
  }

  /** LZ4 above ZSTD, or the closest this RocksDB library supports; probed once per process. */
  static synchronized Compression best() {
    if (best == null) {
      best = new Compression(firstLinked(UPPER_PREFERENCE), firstLinked(BOTTOMMOST_PREFERENCE));
      if (best.upper() != UPPER_PREFERENCE.get(0)
          || best.bottommost() != BOTTOMMOST_PREFERENCE.get(0)) {
        LoggerFactory.getLogger(Compression.class)
            .warn(
                "this RocksDB library lacks LZ4 or ZSTD; the store uses {} instead,"
                    + " so it will take more disk or CPU than planned",
                best.describe());
      }
    }
    return best;
  }

  /** For logs and benchmark reports, e.g. "lz4 (upper levels), zstd (bottommost level)". */
  String describe() {
    return name(upper) + " (upper levels), " + name(bottommost) + " (bottommost level)";
  }

  private static CompressionType firstLinked(List<CompressionType> preference) {
    for (CompressionType type : preference) {
      if (isLinked(type)) {
        return type;
      }
    }
    return CompressionType.NO_COMPRESSION;
  }

  /**
   * Whether the native library was built with {@code type}. RocksJava has no direct query, but
   * opening a database refuses a compression that is not linked; the probe opens one in memory.
   */
  private static boolean isLinked(CompressionType type) {
    NativeLibrary.load();
    try (Env env = new RocksMemEnv(Env.getDefault());
        Options options =
            new Options().setEnv(env).setCreateIfMissing(true).setCompressionType(type);
        RocksDB db = RocksDB.open(options, "/compression-probe")) {
      return db != null;
    } catch (RocksDBException e) {
      return false;
    }
  }

  private static String name(CompressionType type) {
    return type.getLibraryName() == null ? "none" : type.getLibraryName();
  }
}
