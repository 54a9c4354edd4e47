package org.govledger.store.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteOptions;

/**
 * The native option objects a {@link RocksDbStore} holds for as long as its database is open,
 * built from a {@link RocksDbConfig}. Each is C++ memory that only {@link #close()} frees.
 */
final class NativeOptions implements AutoCloseable {
  private static final long MIB = 1024L * 1024L;

  private final LRUCache cache;
  private final BloomFilter filter;
  private final Options options;
  private final WriteOptions writeOptions;
  private final Compression compression;

  private NativeOptions(RocksDbConfig config) {
    compression = config.compression() ? Compression.best() : Compression.none();
    // Half the cache is reserved for index and filter blocks: a point lookup that misses them
    // reads them from disk first, which is what made a growing ledger slow down.
    cache = new LRUCache(config.blockCacheBytes(), -1, false, 0.5);
    filter = new BloomFilter(config.bloomBitsPerKey());
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(filter)
            // Index and filter blocks live in (and are bounded by) the block cache, so native
            // memory does not grow with the number of files; L0's stay pinned for fast gets.
            .setCacheIndexAndFilterBlocks(true)
            .setCacheIndexAndFilterBlocksWithHighPriority(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setPinTopLevelIndexAndFilter(true)
            .setBlockSize(16 * 1024);
    options =
        new Options()
            .setCreateIfMissing(true)
            .setTableFormatConfig(table)
            .setWriteBufferSize(config.writeBufferBytes())
            .setMaxWriteBufferNumber(config.maxWriteBuffers())
            .setCompressionType(compression.upper())
            .setBottommostCompressionType(compression.bottommost())
            .setBytesPerSync(MIB)
            // Most lookups are for keys that do not exist (replay checks, new state keys):
            // a bloom filter over the memtable answers those without searching it.
            .setMemtablePrefixBloomSizeRatio(0.05)
            .setMemtableWholeKeyFiltering(true)
            .setMaxBackgroundJobs(4)
            .setKeepLogFileNum(5)
            .setMaxLogFileSize(16 * MIB);
    writeOptions = new WriteOptions().setSync(config.sync());
  }

  static NativeOptions create(RocksDbConfig config) {
    NativeLibrary.load();
    return new NativeOptions(config);
  }

  Options options() {
    return options;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  Compression compression() {
    return compression;
  }

  /** Frees everything; call only after the database that used these options is closed. */
  @Override
  public void close() {
    writeOptions.close();
    options.close();
    filter.close();
    cache.close();
  }
}
