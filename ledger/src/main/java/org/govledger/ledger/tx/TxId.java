package org.govledger.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;

/** A transaction id: the ledger hash of the transaction's canonical unsigned bytes. */
public record TxId(byte[] bytes) implements Comparable<TxId> {
  private static final HexFormat HEX = HexFormat.of();

  public TxId {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a tx id has 32 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** Parses the 64 lower-case hex digits that {@link #toString()} prints. */
  public static TxId parse(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException(
          "a tx id is 64 hex digits, got " + hex.length() + " characters");
    }
    try {
      return new TxId(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a tx id is 64 hex digits: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(TxId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }
}
