package org.govledger.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;

/**
 * Where a store's bytes are, by kind of record: for each kind, how many entries, their raw key and
 * value bytes, and the bytes they take compacted and compressed on their own (copied into a fresh
 * RocksDB with the node's settings, compacted, measured). That last figure is what the kind costs
 * on disk; the raw sizes alone say nothing about how well it compresses.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.govledger.bench.DiskBreakdown STORE_DIR [TX_COUNT]
 * </pre>
 *
 * With {@code TX_COUNT} (the log size), every figure is also given per transaction. Stop the node
 * first: the store must not be open elsewhere.
 */
public final class DiskBreakdown {
  private static final int PAGE = 10_000;

  private DiskBreakdown() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: DiskBreakdown STORE_DIR [TX_COUNT]");
      System.exit(2);
    }
    report(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 0);
  }

  /** Compacts the store in {@code dir} and prints its breakdown; per transaction if txs > 0. */
  static void report(Path dir, long txs) {
    Map<String, Kind> kinds = new TreeMap<>();
    long total;
    try (RocksDbStore store = RocksDbStore.open(dir, RocksDbConfig.defaults());
        TempDirectory scratch = new TempDirectory("disk-breakdown")) {
      store.compact();
      total = store.diskBytes();
      byte[] from = new byte[0];
      byte[] end = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
      while (true) {
        List<Store.Entry> page = store.scan(from, end, PAGE);
        for (Store.Entry e : page) {
          kinds.computeIfAbsent(kindOf(e.key()), k -> new Kind(scratch.path().resolve(k)))
              .add(e);
        }
        if (page.size() < PAGE) {
          break;
        }
        byte[] last = page.get(page.size() - 1).key();
        from = java.util.Arrays.copyOf(last, last.length + 1);
      }
      long empty = emptyStoreBytes(scratch.path().resolve("empty"));
      System.out.printf("store %s: %,d bytes compacted%s%n", dir, total,
          txs > 0 ? String.format(" = %.1f per transaction (%,d)", total / (double) txs, txs) : "");
      System.out.printf("%-22s %12s %14s %14s %14s%s%n", "kind", "entries", "raw key B",
          "raw value B", "alone on disk", txs > 0 ? "   per tx: raw / on disk" : "");
      long sum = 0;
      for (Map.Entry<String, Kind> e : kinds.entrySet()) {
        Kind k = e.getValue();
        long disk = k.finish() - empty;
        sum += disk;
        System.out.printf("%-22s %,12d %,14d %,14d %,14d%s%n", e.getKey(), k.entries, k.keyBytes,
            k.valueBytes, disk, txs > 0 ? String.format("   %8.1f / %8.1f",
                (k.keyBytes + k.valueBytes) / (double) txs, disk / (double) txs) : "");
      }
      System.out.printf("sum of kinds alone: %,d bytes (an empty store is %,d)%n", sum, empty);
    }
  }

  /** The ledger's table letter; for the state tree, also the tree's own kind letter. */
  static String kindOf(byte[] key) {
    int zero = 0;
    while (zero < key.length && key[zero] != 0) {
      zero++;
    }
    if (zero + 1 >= key.length) {
      return "other:" + new String(key, StandardCharsets.ISO_8859_1);
    }
    char table = (char) key[zero + 1];
    if (table != 'n' || zero + 2 >= key.length) {
      return String.valueOf(table);
    }
    char treeKind = (char) key[zero + 2];
    return "n" + treeKind;
  }

  private static long emptyStoreBytes(Path dir) {
    try (RocksDbStore empty = RocksDbStore.open(dir, RocksDbConfig.defaults().withSync(false))) {
      empty.write(new WriteBatch().put(new byte[] {1}, new byte[] {1}));
      empty.compact();
      return empty.diskBytes();
    }
  }

  /** One kind's entries, copied into a store of their own as they are read. */
  private static final class Kind {
    private final RocksDbStore copy;
    private final List<Store.Entry> pending = new ArrayList<>();
    long entries;
    long keyBytes;
    long valueBytes;

    Kind(Path dir) {
      copy = RocksDbStore.open(dir, RocksDbConfig.defaults().withSync(false));
    }

    void add(Store.Entry e) {
      entries++;
      keyBytes += e.key().length;
      valueBytes += e.value().length;
      pending.add(e);
      if (pending.size() >= PAGE) {
        drain();
      }
    }

    private void drain() {
      WriteBatch batch = new WriteBatch();
      for (Store.Entry e : pending) {
        batch.put(e.key(), e.value());
      }
      copy.write(batch);
      pending.clear();
    }

    /** The copy's size once compacted; closes it. */
    long finish() {
      drain();
      try (copy) {
        copy.compact();
        return copy.diskBytes();
      }
    }
  }
}
