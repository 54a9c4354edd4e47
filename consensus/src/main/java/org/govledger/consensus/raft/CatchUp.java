package org.govledger.consensus.raft;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.engine.OrdererPosition;

/**
 * The messages of catch-up by blocks: a node whose missing log entries the others no longer keep
 * asks a peer for its blocks from a height on, each with the log entry that made it, and applies
 * them with its own engine (so it checks every signature and re-executes every transaction, as if
 * it had replayed the log).
 *
 * <pre>
 *   request  'C' from(8) maxBytes(4)
 *   reply    'B' point: height(8) term(8) index(8)  count(4)
 *            { height(8) term(8) index(8) hashLength(1) hash  batchLength(4) batch }*
 * </pre>
 *
 * where a batch is in {@link BatchCodec}'s format.
 */
final class CatchUp {
  private static final byte REQUEST = 'C';
  private static final byte REPLY = 'B';

  private CatchUp() {}

  /** Blocks from height {@code from} on, in replies of about {@code maxBytes} (at least one block). */
  record Request(long from, int maxBytes) {
    Request {
      if (from < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("catch-up starts at height 1 or above, with a positive"
            + " reply size; got from " + from + ", maxBytes " + maxBytes);
      }
    }

    byte[] encode() {
      return ByteBuffer.allocate(13).put(REQUEST).putLong(from).putInt(maxBytes).array();
    }

    static Request decode(ByteBuffer b) {
      try {
        if (b.get() != REQUEST) {
          throw new IllegalArgumentException("not a catch-up request");
        }
        return new Request(b.getLong(), b.getInt());
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException("truncated catch-up request", e);
      }
    }
  }

  /**
   * How far the sender's ledger provably stands: its store holds block {@code height} and every
   * log entry up to {@code index}, and no entry after the one that made block {@code height}
   * made a block.
   */
  record Point(long height, long term, long index) {}

  /** One block as the log entry at {@code position} made it, and the hash it had. */
  record Block(long height, OrdererPosition position, byte[] hash, byte[] batch) {}

  record Reply(Point point, List<Block> blocks) {
    byte[] encode() {
      int size = 1 + 24 + 4;
      for (Block b : blocks) {
        size += 24 + 1 + b.hash().length + 4 + b.batch().length;
      }
      ByteBuffer out = ByteBuffer.allocate(size);
      out.put(REPLY).putLong(point.height()).putLong(point.term()).putLong(point.index());
      out.putInt(blocks.size());
      for (Block b : blocks) {
        out.putLong(b.height()).putLong(b.position().term()).putLong(b.position().index());
        out.put((byte) b.hash().length).put(b.hash());
        out.putInt(b.batch().length).put(b.batch());
      }
      return out.array();
    }

    static Reply decode(ByteBuffer in) {
      try {
        if (in.get() != REPLY) {
          throw new IllegalArgumentException("not a catch-up reply");
        }
        Point point = new Point(in.getLong(), in.getLong(), in.getLong());
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 29) {
          throw new IllegalArgumentException("catch-up reply claims " + count + " blocks");
        }
        List<Block> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          long height = in.getLong();
          OrdererPosition position = new OrdererPosition(in.getLong(), in.getLong());
          byte[] hash = new byte[in.get() & 0xff];
          in.get(hash);
          int length = in.getInt();
          if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("catch-up reply: block " + height + " claims "
                + length + " bytes, " + in.remaining() + " remain");
          }
          byte[] batch = new byte[length];
          in.get(batch);
          blocks.add(new Block(height, position, hash, batch));
        }
        return new Reply(point, blocks);
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException("truncated catch-up reply", e);
      }
    }
  }
}
