package org.govledger.ledger.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.govledger.ledger.contract.TxContext.StateEntry;
import org.govledger.ledger.store.Store;

/**
 * The world state while a block is being built: the writes of the block's transactions so far,
 * over the committed values in the store. One thread uses it; {@link #changes()} is sorted, so
 * what is written is independent of the order in which keys were touched.
 */
final class BlockState {
  private final Store store;
  private final LedgerKeys keys;
  private final TreeMap<byte[], Optional<byte[]>> writes = new TreeMap<>(Arrays::compareUnsigned);
  private long firstLogIndex = -1; // read from the head block when a transaction first needs it
  private int committedTxs;

  /**
   * The state of a block built on the store's head block, whose log size is read from the store
   * when first needed. Right only while a block is executed after the one before it is written, as
   * {@link Engine#apply} does; an engine that executes the next block while the previous one is
   * being written must say where the log stands with {@link #BlockState(Store, LedgerKeys, long)}.
   */
  BlockState(Store store, LedgerKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** The state of a block whose first transaction gets log index {@code firstLogIndex}. */
  BlockState(Store store, LedgerKeys keys, long firstLogIndex) {
    this(store, keys);
    if (firstLogIndex < 0) {
      throw new IllegalArgumentException("log index must not be negative, got " + firstLogIndex);
    }
    this.firstLogIndex = firstLogIndex;
  }

  Optional<byte[]> get(byte[] key) {
    Optional<byte[]> pending = writes.get(key);
    if (pending != null) {
      return pending;
    }
    return store.get(keys.stateValue(key));
  }

  /** Committed entries under {@code prefix}, with this block's writes laid over them. */
  List<StateEntry> scan(byte[] prefix, int limit, Map<byte[], Optional<byte[]>> extra) {
    byte[] end = prefixEnd(prefix);
    TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
    int strip = keys.stateValuePrefixLength();
    int want = limit + writes.size() + extra.size();
    for (Store.Entry e : store.scan(keys.stateValue(prefix), keys.stateValue(end), want)) {
      byte[] k = e.key();
      merged.put(Arrays.copyOfRange(k, strip, k.length), e.value());
    }
    overlay(merged, writes.subMap(prefix, end));
    overlay(merged, subMap(extra, prefix, end));
    List<StateEntry> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : merged.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(new StateEntry(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static Map<byte[], Optional<byte[]>> subMap(
      Map<byte[], Optional<byte[]>> m, byte[] from, byte[] to) {
    TreeMap<byte[], Optional<byte[]>> t = new TreeMap<>(Arrays::compareUnsigned);
    t.putAll(m);
    return t.subMap(from, to);
  }

  private static void overlay(TreeMap<byte[], byte[]> into, Map<byte[], Optional<byte[]>> over) {
    over.forEach((k, v) -> v.ifPresentOrElse(val -> into.put(k, val), () -> into.remove(k)));
  }

  static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    // All 0xff (or empty): everything after the prefix; one byte past any key we use.
    byte[] all = Arrays.copyOf(prefix, prefix.length + 1);
    all[prefix.length] = (byte) 0xff;
    return all;
  }

  /**
   * Keeps one accepted transaction's writes. The engine calls it once per accepted transaction, in
   * the order in which they enter the block and so the log; {@link #nextLogIndex} counts on that.
   */
  void putAll(Map<byte[], Optional<byte[]>> txWrites) {
    writes.putAll(txWrites);
    committedTxs++;
  }

  /** The log index the next accepted transaction gets: the log's size so far, plus this block's. */
  long nextLogIndex() {
    if (firstLogIndex < 0) {
      long height = store.get(keys.head()).map(h -> ByteBuffer.wrap(h).getLong())
          .orElseThrow(() -> new IllegalStateException("no head block: the ledger has no genesis"));
      firstLogIndex = store.get(keys.block(height)).map(CommittedBlock::decode)
          .orElseThrow(() -> new IllegalStateException("head block " + height + " is missing"))
          .header().logSize();
    }
    return firstLogIndex + committedTxs;
  }

  SortedMap<byte[], Optional<byte[]>> changes() {
    return writes;
  }
}
