package org.govledger.ledger.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where one ledger keeps each kind of record in the store. Every key starts with the ledger id
 * and a zero byte, so that several ledgers can share one store; then one table byte:
 *
 * <pre>
 *   g                       the genesis document
 *   h                       head: height of the last committed block
 *   o                       the engine options the store was last written with
 *   r                       how far a replicated orderer's log has been applied (Raft only)
 *   r height(8)             the log entry (term, index) that made this block (Raft only), so
 *                           that a node can hand blocks to one that is catching up
 *   b height(8)             a committed block: header, node signature, checkpoint
 *   t logIndex(8)           a transaction's canonical signed bytes, by its place in the log
 *   i txId[0..16)           logIndex(8) height(8): where a transaction is (and that it is there)
 *   m level(1) index(8)     Merkle log: hash of a complete subtree (level 4 and up; lower
 *                           ones are computed from the transactions they cover)
 *   s stateKey              the current value of a world-state key (the state tree's leaves hold
 *                           only its hash, and read the value here for proofs)
 *   n ...                   the world-state tree's nodes
 * </pre>
 *
 * Numbers are big-endian so that keys sort in numeric order.
 */
final class LedgerKeys {
  /**
   * How much of a tx id keys the transaction index. The full id is random bytes that no
   * compression shrinks, so each byte cut is a byte saved per transaction; 16 bytes still take
   * 2^64 work to find any two transactions sharing a key, and 2^128 to match a given one, and a
   * lookup checks the transaction it finds (see {@link LedgerView#locate}).
   */
  static final int TX_INDEX_ID_BYTES = 16;

  private final byte[] prefix;

  LedgerKeys(String ledger) {
    byte[] id = ledger.getBytes(StandardCharsets.US_ASCII);
    prefix = Arrays.copyOf(id, id.length + 1);
  }

  byte[] genesis() {
    return table('g', 0).array();
  }

  byte[] options() {
    return table('o', 0).array();
  }

  byte[] ordererPosition() {
    return table('r', 0).array();
  }

  byte[] blockPosition(long height) {
    return table('r', 8).putLong(height).array();
  }

  /** The first key after every orderer-position key: {@code [ordererPosition(), this)} holds them all. */
  byte[] ordererPositionsEnd() {
    return table((char) ('r' + 1), 0).array();
  }

  byte[] head() {
    return table('h', 0).array();
  }

  byte[] block(long height) {
    return table('b', 8).putLong(height).array();
  }

  byte[] tx(long logIndex) {
    return table('t', 8).putLong(logIndex).array();
  }

  byte[] txIndex(byte[] txId) {
    return table('i', TX_INDEX_ID_BYTES).put(txId, 0, TX_INDEX_ID_BYTES).array();
  }

  byte[] merkleNode(int level, long index) {
    return table('m', 9).put((byte) level).putLong(index).array();
  }

  byte[] stateValue(byte[] stateKey) {
    return table('s', stateKey.length).put(stateKey).array();
  }

  int stateValuePrefixLength() {
    return prefix.length + 1;
  }

  byte[] stateTreePrefix() {
    return table('n', 0).array();
  }

  private ByteBuffer table(char table, int extra) {
    ByteBuffer b = ByteBuffer.allocate(prefix.length + 1 + extra);
    return b.put(prefix).put((byte) table);
  }
}
