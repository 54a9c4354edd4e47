package org.govledger.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.govledger.ledger.json.Canonical;

/** The one place the tx package touches Jackson and the canonicalizer. */
final class TxJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TxJson() {}

  static byte[] canonical(JsonNode node) {
    return Canonical.canonicalize(node);
  }

  /**
   * The canonical bytes of a transaction object, assembled from its parts instead of from a tree:
   * RFC 8785 orders members by name, and the names are fixed, so the object is the body's canonical
   * bytes between the other members' canonical strings. {@code sig} may be null (the signing
   * bytes). Equal to canonicalizing the whole tree, which {@code TransactionCodecTest} checks.
   */
  static byte[] envelope(
      byte[] body, String ledger, String nonce, String sig, String signer, String type) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 200);
    out.writeBytes(BODY);
    out.writeBytes(body);
    member(out, ",\"ledger\":", ledger);
    member(out, ",\"nonce\":", nonce);
    if (sig != null) {
      member(out, ",\"sig\":", sig);
    }
    member(out, ",\"signer\":", signer);
    member(out, ",\"type\":", type);
    out.write('}');
    return out.toByteArray();
  }

  private static final byte[] BODY = "{\"body\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Writes a member whose value is printable ASCII (every envelope field is, by its pattern):
   * RFC 8785 escapes only {@code "} and {@code \} among those characters.
   */
  private static void member(java.io.ByteArrayOutputStream out, String name, String value) {
    out.writeBytes(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("envelope fields are printable ASCII");
      }
      if (c == '"' || c == '\\') {
        out.write('\\');
      }
      out.write(c);
    }
    out.write('"');
  }

  /** Parses bytes this package produced itself (already validated). */
  static JsonNode readTrusted(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("canonical JSON failed to parse", e);
    }
  }
}
