package org.govledger.consensus.raft;

import java.nio.ByteBuffer;

/**
 * The messages by which a follower hands the transactions it admitted to the leader, so that one
 * node cuts the cluster's blocks. Without it every node cut blocks from its own submissions, and
 * every node applied every node's blocks: three times the blocks, each costing every node a block's
 * fixed work (two signatures, the state tree's upper nodes, a synced write) and the log an entry.
 *
 * <pre>
 *   request  'F' batch            (a batch in {@link BatchCodec}'s format; its time is unused)
 *   answer   'T' taken | 'N' not the leader | 'X' no room
 * </pre>
 *
 * The leader only queues them: it does not check their signatures, since every node, the leader
 * too, checks every transaction of a log entry when it applies it.
 */
final class Forwarding {
  static final byte REQUEST = 'F';

  private Forwarding() {}

  /** What the leader did with forwarded transactions. */
  enum Answer {
    /** Queued for its next batches; the follower learns the outcome when it applies them. */
    TAKEN('T'),
    /** The node asked does not lead (any more): the follower orders the batch itself. */
    NOT_LEADER('N'),
    /** The leader's mempool has no room for them all: the follower orders the batch itself. */
    NO_ROOM('X');

    private final byte code;

    Answer(char code) {
      this.code = (byte) code;
    }

    byte[] encode() {
      return new byte[] {code};
    }

    /** The answer in {@code bytes}; anything else counts as not taken. */
    static Answer decode(ByteBuffer bytes) {
      if (bytes.remaining() == 1) {
        byte b = bytes.get();
        for (Answer a : values()) {
          if (a.code == b) {
            return a;
          }
        }
      }
      return NOT_LEADER;
    }
  }

  static byte[] request(byte[] batch) {
    return ByteBuffer.allocate(1 + batch.length).put(REQUEST).put(batch).array();
  }

  /** Whether a query's bytes are a forward (as opposed to a catch-up request). */
  static boolean isRequest(ByteBuffer bytes) {
    return bytes.remaining() > 0 && bytes.get(bytes.position()) == REQUEST;
  }
}
