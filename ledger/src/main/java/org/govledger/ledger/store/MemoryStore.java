package org.govledger.ledger.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link Store} in memory, for tests and for tools that replay a chain without a disk. */
public final class MemoryStore implements Store {
  private final ConcurrentSkipListMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  @Override
  public Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(map.get(key)).map(byte[]::clone);
  }

  @Override
  public List<Entry> scan(byte[] from, byte[] to, int limit) {
    List<Entry> out = new ArrayList<>();
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return out;
    }
    for (Map.Entry<byte[], byte[]> e : map.subMap(from, true, to, false).entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(new Entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    // Synchronized so that two batches never interleave; readers may see a batch half applied,
    // which the ledger tolerates because it reads only data of committed heights.
    for (WriteBatch.Op op : batch.ops()) {
      if (op.value().isPresent()) {
        map.put(op.key().clone(), op.value().get().clone());
      } else {
        map.remove(op.key());
      }
    }
  }

  @Override
  public long diskBytes() {
    return 0;
  }

  @Override
  public void close() {}
}
