package org.govledger.ledger.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HexFormat;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;

/**
 * What a block commits to. The block hash is the ledger hash of this header's canonical JSON, so
 * every node that applies the same transactions computes the same hash, whoever signs it.
 *
 * @param ledger the ledger id
 * @param height 0 for genesis
 * @param previous hash of the previous header; for genesis, the hash of the genesis document
 * @param logSize number of transactions in the ledger's Merkle log after this block
 * @param txRoot root of that log (RFC 9162) at {@code logSize}
 * @param stateRoot root of the world state after this block
 * @param time block time, milliseconds since the epoch, never decreasing
 * @param proposer key id of the node that proposed the block
 * @param txCount transactions in this block: they are log entries {@code logSize - txCount} to
 *     {@code logSize - 1}
 */
public record BlockHeader(
    String ledger,
    long height,
    byte[] previous,
    long logSize,
    byte[] txRoot,
    byte[] stateRoot,
    long time,
    KeyId proposer,
    int txCount) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  public BlockHeader {
    if (height < 0 || logSize < 0 || txCount < 0 || txCount > logSize) {
      throw new IllegalArgumentException(
          "block header numbers out of range: height " + height + ", logSize " + logSize
              + ", txCount " + txCount);
    }
    previous = copy32(previous, "previous");
    txRoot = copy32(txRoot, "txRoot");
    stateRoot = copy32(stateRoot, "stateRoot");
  }

  private static byte[] copy32(byte[] b, String what) {
    if (b == null || b.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes");
    }
    return b.clone();
  }

  @Override
  public byte[] previous() {
    return previous.clone();
  }

  @Override
  public byte[] txRoot() {
    return txRoot.clone();
  }

  @Override
  public byte[] stateRoot() {
    return stateRoot.clone();
  }

  /** Index in the log of this block's first transaction. */
  public long firstLogIndex() {
    return logSize - txCount;
  }

  /** The canonical JSON the block hash and the node's signature cover. */
  public byte[] canonicalBytes() {
    return Canonical.canonicalize(toJson());
  }

  public byte[] hash(HashFunction h) {
    return h.digest(canonicalBytes());
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("ledger", ledger);
    o.put("height", height);
    o.put("previous", HEX.formatHex(previous));
    o.put("logSize", logSize);
    o.put("txRoot", HEX.formatHex(txRoot));
    o.put("stateRoot", HEX.formatHex(stateRoot));
    o.put("time", time);
    o.put("proposer", proposer.value());
    o.put("txCount", txCount);
    return o;
  }

  public static BlockHeader fromJson(JsonNode o) {
    return new BlockHeader(
        o.path("ledger").asText(),
        o.path("height").asLong(),
        HEX.parseHex(o.path("previous").asText()),
        o.path("logSize").asLong(),
        HEX.parseHex(o.path("txRoot").asText()),
        HEX.parseHex(o.path("stateRoot").asText()),
        o.path("time").asLong(),
        new KeyId(o.path("proposer").asText()),
        o.path("txCount").asInt());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader b
        && b.ledger.equals(ledger)
        && b.height == height
        && Arrays.equals(b.previous, previous)
        && b.logSize == logSize
        && Arrays.equals(b.txRoot, txRoot)
        && Arrays.equals(b.stateRoot, stateRoot)
        && b.time == time
        && b.proposer.equals(proposer)
        && b.txCount == txCount;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(height) * 31 + Arrays.hashCode(stateRoot);
  }

  @Override
  public String toString() {
    return "BlockHeader[" + ledger + " #" + height + ", " + txCount + " txs, log " + logSize + "]";
  }
}
