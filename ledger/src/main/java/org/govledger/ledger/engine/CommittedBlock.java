package org.govledger.ledger.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.tx.KeyId;

/**
 * A block as this node committed it: the header, its hash, this node's signature over the
 * header's canonical bytes, and the signed checkpoint (a C2SP signed note) of the transaction log
 * at the end of the block.
 */
public record CommittedBlock(
    BlockHeader header, byte[] hash, KeyId signer, byte[] signature, String checkpoint) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public CommittedBlock {
    hash = hash.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommittedBlock b
        && b.header.equals(header)
        && java.util.Arrays.equals(b.hash, hash)
        && b.signer.equals(signer)
        && java.util.Arrays.equals(b.signature, signature)
        && b.checkpoint.equals(checkpoint);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "CommittedBlock[#" + header.height() + " " + java.util.HexFormat.of().formatHex(hash) + "]";
  }

  public long height() {
    return header.height();
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("header", header.toJson());
    o.put("hash", HexFormat.of().formatHex(hash));
    o.put("signer", signer.value());
    o.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    o.put("checkpoint", checkpoint);
    return o;
  }

  byte[] encode() {
    try {
      return MAPPER.writeValueAsBytes(toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CommittedBlock decode(byte[] bytes) {
    try {
      return fromJson(MAPPER.readTree(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("stored block is not JSON", e);
    }
  }

  public static CommittedBlock fromJson(JsonNode o) {
    return new CommittedBlock(
        BlockHeader.fromJson(o.path("header")),
        HexFormat.of().parseHex(o.path("hash").asText()),
        new KeyId(o.path("signer").asText()),
        Base64.getUrlDecoder().decode(o.path("signature").asText()),
        o.path("checkpoint").asText());
  }
}
