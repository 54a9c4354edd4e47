package org.govledger.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.store.Store;

/** Reads a tree's key space from a {@link Store}, where it lives under a fixed prefix. */
final class StoreNodeReader implements NodeReader {
  private final Store store;
  private final byte[] prefix;

  StoreNodeReader(Store store, byte[] prefix) {
    this.store = store;
    this.prefix = prefix.clone();
  }

  @Override
  public Optional<byte[]> read(byte[] key) {
    return store.get(prefixed(prefix, key));
  }

  @Override
  public List<Store.Entry> scan(byte[] from, byte[] to, int limit) {
    List<Store.Entry> out = new ArrayList<>();
    for (Store.Entry e : store.scan(prefixed(prefix, from), prefixed(prefix, to), limit)) {
      out.add(e.withoutKeyPrefix(prefix.length));
    }
    return out;
  }

  static byte[] prefixed(byte[] prefix, byte[] key) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + key.length);
    System.arraycopy(key, 0, out, prefix.length, key.length);
    return out;
  }
}
