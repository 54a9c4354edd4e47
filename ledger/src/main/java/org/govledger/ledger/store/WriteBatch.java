package org.govledger.ledger.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Puts and deletes to apply atomically. Not thread-safe: one batch is built by one thread, then
 * handed to {@link Store#write(WriteBatch)}. The batch keeps the arrays it is given (no copy),
 * because block commits put hundreds of thousands of entries; callers must not change them after.
 */
public final class WriteBatch {
  private final List<Op> ops = new ArrayList<>();
  private long bytes;

  /** Sets {@code key} to {@code value}. */
  public WriteBatch put(byte[] key, byte[] value) {
    ops.add(new Op(key, Optional.of(value)));
    bytes += key.length + value.length;
    return this;
  }

  /** Removes {@code key}, if present. */
  public WriteBatch delete(byte[] key) {
    ops.add(new Op(key, Optional.empty()));
    bytes += key.length;
    return this;
  }

  /** The operations in the order they were added. */
  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  public int size() {
    return ops.size();
  }

  /** Sum of key and value lengths: what the batch asks the store to write. */
  public long payloadBytes() {
    return bytes;
  }

  /** A put (value present) or a delete (value empty). */
  public record Op(byte[] key, Optional<byte[]> value) {}
}
