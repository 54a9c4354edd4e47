package org.govledger.ledger.engine;

/**
 * How far this ledger has applied a replicated orderer's log (a Raft log's term and index). The
 * engine stores it in the same atomic write as the block that entry produced, so a node that
 * restarts resumes at exactly the next entry: never applying one twice, never skipping one.
 *
 * @param term the term of the last applied log entry
 * @param index the index of the last applied log entry
 */
public record OrdererPosition(long term, long index) {
  public OrdererPosition {
    if (term < 0 || index < 0) {
      throw new IllegalArgumentException(
          "orderer position must not be negative, got term " + term + ", index " + index);
    }
  }

  byte[] encode() {
    return java.nio.ByteBuffer.allocate(16).putLong(term).putLong(index).array();
  }

  static OrdererPosition decode(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalStateException("stored orderer position has " + bytes.length
          + " bytes, not 16: the store is damaged");
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    return new OrdererPosition(b.getLong(), b.getLong());
  }
}
