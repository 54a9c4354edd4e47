package org.govledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.StoreContractTest;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RocksDB in a temporary directory against the store contract, plus what only a disk has. */
class RocksDbStoreTest extends StoreContractTest {

  @TempDir Path temp;

  private Path dataDir() {
    return temp.resolve("data");
  }

  @Override
  protected Store newStore() {
    return RocksDbStore.open(dataDir(), RocksDbConfig.defaults());
  }

  private RocksDbStore rocks() {
    return (RocksDbStore) store;
  }

  @Test
  void reopen_afterClose_keepsTheData() {
    store.write(new WriteBatch().put(bytes("k"), bytes("v")).put(bytes("gone"), bytes("x")));
    store.write(new WriteBatch().delete(bytes("gone")));
    store.close();

    store = RocksDbStore.open(dataDir(), RocksDbConfig.defaults());

    assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
    assertThat(store.get(bytes("gone"))).isEmpty();
  }

  @Test
  void open_ofDirectoryAlreadyOpen_failsSayingItIsInUse() {
    assertThatThrownBy(() -> RocksDbStore.open(dataDir(), RocksDbConfig.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "cannot open the store at " + dataDir() + ": it is in use by another process"
                + " (is another node running on this directory?)");
  }

  @Test
  void open_ofDirectoryAlreadyOpen_leavesTheOpenStoreWorking() {
    assertThatThrownBy(() -> RocksDbStore.open(dataDir(), RocksDbConfig.defaults()))
        .isInstanceOf(StoreException.class);

    store.write(new WriteBatch().put(bytes("k"), bytes("v")));

    assertThat(store.get(bytes("k"))).isPresent();
  }

  @Test
  void open_whereAFileIsInTheWay_failsSayingSo() throws IOException {
    Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

    assertThatThrownBy(() -> RocksDbStore.open(file.resolve("data"), RocksDbConfig.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot create the store directory " + file.resolve("data"))
        .hasMessageContaining("no file is in the way");
  }

  @Test
  void open_ofCorruptedStore_failsPointingToAudit() throws IOException {
    store.write(new WriteBatch().put(bytes("k"), new byte[1000]));
    rocks().flush();
    store.close();
    for (Path sst : filesEndingWith(".sst")) {
      byte[] content = Files.readAllBytes(sst);
      for (int i = Math.max(0, content.length - 64); i < content.length; i++) {
        content[i] ^= 0x5a; // the footer, where the table's magic number lives
      }
      Files.write(sst, content);
    }

    assertThatThrownBy(() -> RocksDbStore.open(dataDir(), RocksDbConfig.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("RocksDB reports corruption in " + dataDir() + ": ")
        .hasMessageEndingWith("run `govledger audit --data " + dataDir() + "`");
  }

  @Test
  void everyOperation_afterClose_failsSayingTheStoreIsClosed() {
    store.close();

    List<Runnable> calls =
        List.of(
            () -> store.write(new WriteBatch().put(bytes("k"), bytes("v"))),
            () -> store.get(bytes("k")),
            () -> store.scan(FIRST, BEYOND_LAST, 10),
            () -> store.diskBytes(),
            () -> rocks().flush(),
            () -> rocks().compact());
    for (Runnable call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("store is closed: " + dataDir());
    }
  }

  @Test
  void close_twice_isHarmless() {
    store.close();
    store.close();
  }

  @Test
  void diskBytes_growsAfterWrites_andKeepsCountingTheDataAfterFlush() {
    long empty = store.diskBytes();
    int payload = 2 * 1024 * 1024;
    writeRandomValues(0, payload / 1024, 1024); // random: compression cannot shrink them

    long written = store.diskBytes();
    rocks().flush();
    long flushed = store.diskBytes();

    assertThat(empty).isPositive(); // MANIFEST, OPTIONS, CURRENT, an empty write-ahead log
    assertThat(written).isGreaterThan(empty + payload);
    assertThat(flushed)
        .as("the data moved from the log into SST files")
        .isGreaterThan(empty + payload);
    assertThat(filesEndingWith(".sst")).isNotEmpty();
  }

  @Test
  void diskBytes_growsAfterASecondFlush() {
    writeRandomValues(0, 1000, 1024);
    rocks().flush();
    long first = store.diskBytes();

    writeRandomValues(1000, 1000, 1024);
    rocks().flush();

    assertThat(store.diskBytes()).isGreaterThan(first + 1000 * 1024);
  }

  @Test
  void compact_keepsEveryEntry() {
    writeRandomValues(0, 5000, 100);
    store.write(new WriteBatch().delete(intKey(0)));

    rocks().compact();

    assertThat(store.scan(FIRST, BEYOND_LAST, 10_000)).hasSize(4999);
    assertThat(store.get(intKey(0))).isEmpty();
  }

  @Test
  void compact_ofCompressibleData_makesTheStoreSmallerThanItsPayload() {
    int entries = 20_000;
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < entries; i++) {
      batch.put(intKey(i), bytes("status=valid;kind=medical-e-bill;issuer=zhejiang;n=" + i % 10));
    }
    store.write(batch);

    rocks().compact();

    assertThat(store.diskBytes()).isLessThan(batch.payloadBytes());
  }

  @Test
  void write_from8ThreadsAtOnce_landsEveryBatch() throws Exception {
    int threads = 8;
    int batchesPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(
            () -> {
              for (int b = 0; b < batchesPerThread; b++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 10; i++) {
                  batch.put(bytes(thread + "/" + b + "/" + i), intKey(i));
                }
                store.write(batch);
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(writers, 2, TimeUnit.MINUTES)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.scan(FIRST, BEYOND_LAST, 10_000)).hasSize(threads * batchesPerThread * 10);
  }

  @Test
  void open_withSyncOff_storesAndReopens() {
    store.close();
    store = RocksDbStore.open(dataDir(), RocksDbConfig.defaults().withSync(false));
    store.write(new WriteBatch().put(bytes("k"), bytes("v")));
    store.close();

    store = RocksDbStore.open(dataDir(), RocksDbConfig.defaults());

    assertThat(store.get(bytes("k"))).isPresent();
  }

  @Test
  void compression_byDefault_isLz4AboveZstd() {
    assertThat(rocks().compression()).isEqualTo("lz4 (upper levels), zstd (bottommost level)");
  }

  @Test
  void compression_whenTurnedOff_isNone() {
    store.close();
    store = RocksDbStore.open(dataDir(), RocksDbConfig.defaults().withCompression(false));

    assertThat(rocks().compression()).isEqualTo("none (upper levels), none (bottommost level)");
  }

  @Test
  void directory_isTheAbsolutePathOpened() {
    assertThat(rocks().directory()).isEqualTo(dataDir().toAbsolutePath());
  }

  // ---------------------------------------------------------------------------------------------

  private void writeRandomValues(int firstKey, int count, int valueBytes) {
    Random random = new Random(firstKey);
    WriteBatch batch = new WriteBatch();
    for (int i = firstKey; i < firstKey + count; i++) {
      byte[] value = new byte[valueBytes];
      random.nextBytes(value);
      batch.put(intKey(i), value);
    }
    store.write(batch);
  }

  private List<Path> filesEndingWith(String suffix) {
    try (Stream<Path> files = Files.list(dataDir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
    } catch (IOException e) {
      throw new AssertionError("cannot list " + dataDir(), e);
    }
  }
}
