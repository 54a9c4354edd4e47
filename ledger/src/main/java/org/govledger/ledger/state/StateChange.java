package org.govledger.ledger.state;

import java.util.Optional;

/**
 * One change to the state in an update: set {@code key} to a value, or delete it (value empty).
 *
 * @param key any bytes, up to {@link #MAX_KEY_BYTES}
 * @param value the new value, up to {@link #MAX_VALUE_BYTES}; empty to delete
 */
public record StateChange(byte[] key, Optional<byte[]> value) {
  public static final int MAX_KEY_BYTES = 1024;
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  public StateChange {
    if (key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key has " + key.length + " bytes, at most " + MAX_KEY_BYTES + " allowed");
    }
    if (value.isPresent() && value.get().length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "value has " + value.get().length + " bytes, at most " + MAX_VALUE_BYTES + " allowed");
    }
    key = key.clone();
    value = value.map(byte[]::clone);
  }

  public static StateChange put(byte[] key, byte[] value) {
    return new StateChange(key, Optional.of(value));
  }

  public static StateChange delete(byte[] key) {
    return new StateChange(key, Optional.empty());
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public Optional<byte[]> value() {
    return value.map(byte[]::clone);
  }
}
