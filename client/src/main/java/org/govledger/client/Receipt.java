package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Proof that a transaction is in a ledger: the transaction, its place in the log, an inclusion
 * proof, and the checkpoint (signed by a node) that the proof leads to. Check it with {@link
 * ReceiptVerifier}, offline.
 *
 * @param ledger the ledger id
 * @param txId the transaction's id (hex)
 * @param tx the signed transaction as JSON
 * @param height the block that committed it
 * @param logIndex its index in the log
 * @param treeSize the log size of the checkpoint
 * @param inclusionPath the RFC 9162 inclusion proof, hex hashes
 * @param checkpoint the C2SP signed-note checkpoint text
 */
public record Receipt(
    String ledger,
    String txId,
    JsonNode tx,
    long height,
    long logIndex,
    long treeSize,
    List<byte[]> inclusionPath,
    String checkpoint) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  public Receipt {
    tx = tx.deepCopy();
    inclusionPath = inclusionPath.stream().map(byte[]::clone).toList();
  }

  @Override
  public JsonNode tx() {
    return tx.deepCopy();
  }

  @Override
  public List<byte[]> inclusionPath() {
    return inclusionPath.stream().map(byte[]::clone).toList();
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("ledger", ledger);
    o.put("txId", txId);
    o.set("tx", tx.deepCopy());
    o.put("height", height);
    o.put("logIndex", logIndex);
    o.put("treeSize", treeSize);
    ArrayNode path = o.putArray("inclusionPath");
    inclusionPath.forEach(h -> path.add(HEX.formatHex(h)));
    o.put("checkpoint", checkpoint);
    return o;
  }

  /**
   * Reads a receipt's JSON.
   *
   * @throws IllegalArgumentException naming the missing or malformed field
   */
  public static Receipt fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a receipt is a JSON object");
    }
    List<byte[]> path = new ArrayList<>();
    for (JsonNode h : require(o, "inclusionPath")) {
      path.add(hex(h.asText(), "inclusionPath element"));
    }
    return new Receipt(
        require(o, "ledger").asText(),
        require(o, "txId").asText(),
        require(o, "tx"),
        require(o, "height").asLong(),
        require(o, "logIndex").asLong(),
        require(o, "treeSize").asLong(),
        path,
        require(o, "checkpoint").asText());
  }

  private static JsonNode require(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("receipt has no \"" + field + "\"");
    }
    return n;
  }

  private static byte[] hex(String s, String what) {
    try {
      return HEX.parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not hex: " + e.getMessage(), e);
    }
  }
}
