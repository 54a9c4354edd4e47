package org.govledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. A subclass supplies a fresh, empty store per test;
 * the in-memory store and RocksDB both run this suite, so the ledger cannot tell them apart.
 */
public abstract class StoreContractTest {

  /** The smallest key: scans from here start at the first entry. */
  protected static final byte[] FIRST = new byte[0];

  /** Above every key these tests write: scans up to here reach the last entry. */
  protected static final byte[] BEYOND_LAST = filled(16, 0xff);

  private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};

  protected Store store;

  /** A new, empty store, owned by the test (closed after it). */
  protected abstract Store newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void get_absentKey_isEmpty() {
    assertThat(store.get(bytes("nothing here"))).isEmpty();
  }

  @Test
  void put_thenGet_returnsTheValue() {
    store.write(new WriteBatch().put(bytes("k"), bytes("v")));

    assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
  }

  @Test
  void put_overExistingKey_replacesTheValue() {
    store.write(new WriteBatch().put(bytes("k"), bytes("old")));
    store.write(new WriteBatch().put(bytes("k"), bytes("new")));

    assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("new"));
  }

  @Test
  void delete_removesTheKey() {
    store.write(new WriteBatch().put(bytes("k"), bytes("v")));
    store.write(new WriteBatch().delete(bytes("k")));

    assertThat(store.get(bytes("k"))).isEmpty();
  }

  @Test
  void delete_ofAbsentKey_changesNothing() {
    store.write(new WriteBatch().put(bytes("a"), bytes("1")));
    store.write(new WriteBatch().delete(bytes("b")));

    assertThat(keys(store.scan(FIRST, BEYOND_LAST, 10))).containsExactly("a");
  }

  @Test
  void batch_putThenDeleteOfSameKey_leavesItAbsent() {
    store.write(new WriteBatch().put(bytes("k"), bytes("v")).delete(bytes("k")));

    assertThat(store.get(bytes("k"))).isEmpty();
  }

  @Test
  void batch_deleteThenPutOfSameKey_leavesTheValue() {
    store.write(new WriteBatch().put(bytes("k"), bytes("old")));
    store.write(new WriteBatch().delete(bytes("k")).put(bytes("k"), bytes("new")));

    assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("new"));
  }

  @Test
  void batch_twoPutsOfSameKey_lastOneWins() {
    store.write(new WriteBatch().put(bytes("k"), bytes("first")).put(bytes("k"), bytes("second")));

    assertThat(store.get(bytes("k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("second")));
  }

  @Test
  void write_ofEmptyBatch_changesNothing() {
    store.write(new WriteBatch());

    assertThat(store.scan(FIRST, BEYOND_LAST, 10)).isEmpty();
  }

  @Test
  void scan_includesFrom_andExcludesTo() {
    putAll("a", "b", "c", "d");

    assertThat(keys(store.scan(bytes("b"), bytes("d"), 10))).containsExactly("b", "c");
  }

  @Test
  void scan_withBoundsBetweenKeys_returnsKeysInside() {
    putAll("a", "b", "c", "d");

    assertThat(keys(store.scan(bytes("aa"), bytes("cc"), 10))).containsExactly("b", "c");
  }

  @Test
  void scan_stopsAtLimit_withTheSmallestKeys() {
    putAll("e", "d", "c", "b", "a");

    assertThat(keys(store.scan(FIRST, BEYOND_LAST, 3))).containsExactly("a", "b", "c");
  }

  @Test
  void scan_withLimitZero_isEmpty() {
    putAll("a");

    assertThat(store.scan(FIRST, BEYOND_LAST, 0)).isEmpty();
  }

  @Test
  void scan_withFromEqualToTo_isEmpty() {
    putAll("a", "b");

    assertThat(store.scan(bytes("a"), bytes("a"), 10)).isEmpty();
  }

  @Test
  void scan_withFromAfterTo_isEmpty() {
    putAll("a", "b", "c");

    assertThat(store.scan(bytes("c"), bytes("a"), 10)).isEmpty();
  }

  @Test
  void scan_ofRangeWithoutKeys_isEmpty() {
    putAll("a", "z");

    assertThat(store.scan(bytes("b"), bytes("y"), 10)).isEmpty();
  }

  @Test
  void scan_returnsValuesWithTheirKeys() {
    store.write(new WriteBatch().put(bytes("a"), bytes("1")).put(bytes("b"), bytes("2")));

    List<Store.Entry> entries = store.scan(FIRST, BEYOND_LAST, 10);

    assertThat(entries).extracting(e -> text(e.value())).containsExactly("1", "2");
  }

  @Test
  void scan_skipsDeletedKeys() {
    putAll("a", "b", "c");
    store.write(new WriteBatch().delete(bytes("b")));

    assertThat(keys(store.scan(FIRST, BEYOND_LAST, 10))).containsExactly("a", "c");
  }

  @Test
  void scan_ordersKeysAsUnsignedBytes() {
    byte[][] sorted = {
      {}, {0x00}, {0x00, 0x00}, {0x00, (byte) 0xff}, {0x01}, {0x7f}, {0x7f, 0x00},
      {(byte) 0x80}, {(byte) 0x80, 0x00}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0xff},
      {(byte) 0xff, 0x00}, {(byte) 0xff, (byte) 0xff}
    };
    WriteBatch batch = new WriteBatch();
    for (int i = sorted.length - 1; i >= 0; i--) {
      batch.put(sorted[i], new byte[] {(byte) i});
    }
    store.write(batch);

    List<Store.Entry> entries = store.scan(FIRST, BEYOND_LAST, 100);

    assertThat(entries).extracting(Store.Entry::key).containsExactly(sorted);
  }

  @Test
  void scan_comparesBoundsAsUnsignedBytes() {
    byte[] low = {0x7f};
    byte[] high = {(byte) 0x80};
    byte[] top = {(byte) 0xff};
    store.write(
        new WriteBatch().put(low, bytes("low")).put(high, bytes("high")).put(top, bytes("top")));

    // Signed comparison would make 0x81 smaller than 0x7f and the range empty.
    List<Store.Entry> entries = store.scan(low, new byte[] {(byte) 0x81}, 10);

    assertThat(entries).extracting(Store.Entry::key).containsExactly(low, high);
    assertThat(store.scan(high, top, 10)).extracting(Store.Entry::key).containsExactly(high);
  }

  @Test
  void get_returnsACopy_soMutatingItChangesNothing() {
    store.write(new WriteBatch().put(bytes("k"), bytes("value")));

    store.get(bytes("k")).orElseThrow()[0] = 'X';

    assertThat(text(store.get(bytes("k")).orElseThrow())).isEqualTo("value");
  }

  @Test
  void scan_returnsCopies_soMutatingThemChangesNothing() {
    store.write(new WriteBatch().put(bytes("k"), bytes("value")));

    Store.Entry entry = store.scan(FIRST, BEYOND_LAST, 10).get(0);
    entry.key()[0] = 'X';
    entry.value()[0] = 'X';

    Store.Entry again = store.scan(FIRST, BEYOND_LAST, 10).get(0);
    assertThat(text(again.key())).isEqualTo("k");
    assertThat(text(again.value())).isEqualTo("value");
  }

  @Test
  void write_thenMutatingTheCallersArrays_changesNothing() {
    byte[] key = bytes("k");
    byte[] value = bytes("value");
    store.write(new WriteBatch().put(key, value));

    key[0] = 'X';
    value[0] = 'X';

    assertThat(text(store.get(bytes("k")).orElseThrow())).isEqualTo("value");
    assertThat(store.get(key)).isEmpty();
  }

  @Test
  void write_ofLargeBatch_makesEveryEntryVisible() {
    int count = 100_000;
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < count; i++) {
      batch.put(intKey(i), ByteBuffer.allocate(8).putLong(i * 31L).array());
    }

    store.write(batch);

    List<Store.Entry> all = store.scan(FIRST, BEYOND_LAST, count + 1);
    assertThat(all).hasSize(count);
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Store.Entry e = all.get(i);
      if (!Arrays.equals(e.key(), intKey(i)) || ByteBuffer.wrap(e.value()).getLong() != i * 31L) {
        wrong.add(i);
      }
    }
    assertThat(wrong).as("entries out of place or with a wrong value").isEmpty();
    assertThat(store.get(intKey(count - 1))).isPresent();
  }

  @Test
  void put_ofA64KiBValue_roundTrips() {
    byte[] value = new byte[64 * 1024];
    new Random(7).nextBytes(value);

    store.write(new WriteBatch().put(bytes("big"), value));

    assertThat(store.get(bytes("big"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    assertThat(store.scan(FIRST, BEYOND_LAST, 1).get(0).value()).isEqualTo(value);
  }

  @Test
  void put_ofEmptyValue_isPresentAndEmpty() {
    store.write(new WriteBatch().put(bytes("k"), new byte[0]));

    assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
    assertThat(store.scan(FIRST, BEYOND_LAST, 10)).singleElement()
        .satisfies(e -> assertThat(e.value()).isEmpty());
  }

  @Test
  void put_ofEmptyKey_isStored() {
    store.write(new WriteBatch().put(new byte[0], bytes("v")));

    assertThat(store.get(new byte[0])).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
  }

  @Test
  void randomBatches_matchASortedMapModel() {
    Random random = new Random(20260101);
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (int round = 0; round < 50; round++) {
      WriteBatch batch = new WriteBatch();
      for (int op = 0; op < 40; op++) {
        byte[] key = randomBytes(random, 1 + random.nextInt(3));
        if (random.nextInt(4) == 0) {
          batch.delete(key);
          model.remove(key);
        } else {
          byte[] value = randomBytes(random, random.nextInt(5));
          batch.put(key, value);
          model.put(key, value);
        }
      }
      store.write(batch);
    }

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] from = randomBytes(random, random.nextInt(3));
      byte[] to = randomBytes(random, random.nextInt(3));
      int limit = random.nextInt(30);
      List<String> want = describe(modelScan(model, from, to, limit));
      List<String> got = describe(store.scan(from, to, limit));
      if (!want.equals(got)) {
        mismatches.add(
            hex(from) + ".." + hex(to) + " limit " + limit + ": got " + got + ", want " + want);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private void putAll(String... keys) {
    WriteBatch batch = new WriteBatch();
    for (String k : keys) {
      batch.put(bytes(k), bytes("value of " + k));
    }
    store.write(batch);
  }

  private static List<Store.Entry> modelScan(
      TreeMap<byte[], byte[]> model, byte[] from, byte[] to, int limit) {
    List<Store.Entry> out = new ArrayList<>();
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return out;
    }
    for (Map.Entry<byte[], byte[]> e : model.subMap(from, true, to, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(new Store.Entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<String> describe(List<Store.Entry> entries) {
    return entries.stream().map(e -> hex(e.key()) + "=" + hex(e.value())).toList();
  }

  private static List<String> keys(List<Store.Entry> entries) {
    return entries.stream().map(e -> text(e.key())).toList();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      // Few distinct byte values, on both sides of 0x80, so that keys collide and share prefixes.
      b[i] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xff));
    }
    return s.toString();
  }

  protected static byte[] intKey(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
