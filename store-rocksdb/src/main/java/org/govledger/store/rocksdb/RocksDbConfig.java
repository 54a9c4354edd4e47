package org.govledger.store.rocksdb;

/**
 * How a {@link RocksDbStore} uses the disk and memory. {@link #defaults()} is the one place the
 * defaults live; change one setting with {@code withSync} or by building a record.
 *
 * <p>Native memory stays bounded by about {@code blockCacheBytes + writeBufferBytes *
 * maxWriteBuffers}: index and filter blocks are kept in the block cache rather than beside it.
 *
 * @param sync whether {@link RocksDbStore#write} returns only after the write-ahead log is fsynced.
 *     The ledger acknowledges a commit only after that, so turn it off only in benchmarks.
 * @param compression LZ4 for the upper levels and ZSTD for the bottommost one (where most data
 *     ends up), if the RocksDB library has them; otherwise the best it has
 * @param blockCacheBytes the LRU cache of uncompressed blocks, index and bloom filter blocks
 * @param writeBufferBytes the size of one memtable before it is flushed to disk
 * @param maxWriteBuffers how many memtables (one active, the rest being flushed) may exist
 * @param bloomBitsPerKey bits per key of the bloom filters that let a get skip files quickly
 */
public record RocksDbConfig(
    boolean sync,
    boolean compression,
    long blockCacheBytes,
    long writeBufferBytes,
    int maxWriteBuffers,
    double bloomBitsPerKey) {

  private static final long MIB = 1024L * 1024L;

  public RocksDbConfig {
    requireAtLeast("blockCacheBytes", blockCacheBytes, MIB);
    requireAtLeast("writeBufferBytes", writeBufferBytes, MIB);
    requireAtLeast("maxWriteBuffers", maxWriteBuffers, 2);
    if (!(bloomBitsPerKey >= 1 && bloomBitsPerKey <= 64)) {
      throw new IllegalArgumentException(
          "bloomBitsPerKey must be between 1 and 64 (10 gives about 1% false positives), got "
              + bloomBitsPerKey);
    }
  }

  /** Synced writes, LZ4/ZSTD, a 64 MiB block cache, two 64 MiB memtables, 10-bit blooms. */
  public static RocksDbConfig defaults() {
    return new RocksDbConfig(true, true, 256 * MIB, 64 * MIB, 2, 10);
  }

  /** This configuration with writes synced ({@code true}) or left to the OS ({@code false}). */
  public RocksDbConfig withSync(boolean sync) {
    return new RocksDbConfig(
        sync, compression, blockCacheBytes, writeBufferBytes, maxWriteBuffers, bloomBitsPerKey);
  }

  /** This configuration with compression on or off. */
  public RocksDbConfig withCompression(boolean compression) {
    return new RocksDbConfig(
        sync, compression, blockCacheBytes, writeBufferBytes, maxWriteBuffers, bloomBitsPerKey);
  }

  private static void requireAtLeast(String name, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          name + " must be at least " + minimum + ", got " + value);
    }
  }
}
