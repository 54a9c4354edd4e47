package org.govledger.consensus.raft;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * The bytes of one Raft log entry: an ordered batch as its proposer cut it.
 *
 * <pre>
 *   version(1) = 1  time(8)  proposerLength(2) proposer(UTF-8)  count(4)  { length(4) tx(length) }*
 * </pre>
 *
 * Decoding is the same on every node whatever its own settings: a transaction that does not
 * decode is dropped from the batch (it could only come from a faulty proposer), and a batch that
 * does not decode at all is empty. So every node builds the same block from the same entry.
 */
final class BatchCodec {
  private static final byte VERSION = 1;

  /** Replicated transactions were admitted by some node's size limit; this only bounds memory. */
  private static final int MAX_TX_BYTES = 16 * 1024 * 1024;

  private final TransactionCodec txCodec;

  BatchCodec(HashFunction hash) {
    this.txCodec = new TransactionCodec(hash, MAX_TX_BYTES);
  }

  static byte[] encode(OrderedBatch batch) {
    List<byte[]> txs = new ArrayList<>(batch.txs().size());
    batch.txs().forEach(tx -> txs.add(tx.encoded()));
    return encode(batch.time(), batch.proposer(), txs);
  }

  /** A batch of transactions given as their encoded bytes (as a block's are stored). */
  static byte[] encode(long time, KeyId proposer, List<byte[]> txs) {
    byte[] proposerBytes = proposer.value().getBytes(StandardCharsets.UTF_8);
    int size = 1 + 8 + 2 + proposerBytes.length + 4;
    for (byte[] tx : txs) {
      size += 4 + tx.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(VERSION).putLong(time).putShort((short) proposerBytes.length).put(proposerBytes);
    b.putInt(txs.size());
    txs.forEach(t -> b.putInt(t.length).put(t));
    return b.array();
  }

  /** The batch in {@code bytes}, or an empty one if they are not a batch. */
  OrderedBatch decode(ByteBuffer bytes, KeyId fallbackProposer) {
    try {
      if (bytes.get() != VERSION) {
        return new OrderedBatch(0, fallbackProposer, List.of());
      }
      long time = bytes.getLong();
      byte[] proposer = new byte[bytes.getShort() & 0xffff];
      bytes.get(proposer);
      KeyId proposerId = new KeyId(new String(proposer, StandardCharsets.UTF_8));
      int count = bytes.getInt();
      if (count < 0 || count > bytes.remaining() / 4) {
        return new OrderedBatch(0, fallbackProposer, List.of());
      }
      List<Transaction> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = bytes.getInt();
        if (length < 0 || length > bytes.remaining()) {
          break;
        }
        byte[] raw = new byte[length];
        bytes.get(raw);
        try {
          txs.add(txCodec.decode(raw));
        } catch (TxRejectedException e) {
          // dropped: see the class comment
        }
      }
      return new OrderedBatch(Math.max(0, time), proposerId, txs);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return new OrderedBatch(0, fallbackProposer, List.of());
    }
  }
}
