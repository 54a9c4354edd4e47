package org.govledger.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;

/**
 * Decodes a transaction from the bytes a client sent. Checks size, JSON syntax, shape and field
 * types, nothing that needs state: signature, signer and replay checks come after.
 */
public final class TransactionCodec {
  /** The default largest transaction, in bytes of its JSON: 64 KiB. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final Set<String> FIELDS = Set.of("ledger", "type", "body", "signer", "nonce", "sig");

  private final HashFunction hash;
  private final int maxBytes;

  public TransactionCodec(HashFunction hash, int maxBytes) {
    if (maxBytes < 256) {
      throw new IllegalArgumentException("a transaction size limit below 256 bytes is unusable");
    }
    this.hash = hash;
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Decodes {@code raw}.
   *
   * @throws TxRejectedException with code {@code too-large} or {@code malformed}
   */
  public Transaction decode(byte[] raw) {
    if (raw.length > maxBytes) {
      throw new TxRejectedException(
          Rejection.TOO_LARGE,
          "transaction is " + raw.length + " bytes, over the limit of " + maxBytes);
    }
    JsonNode root;
    try {
      root = StrictJson.parse(raw, maxBytes);
    } catch (JsonFormatException e) {
      throw malformed("transaction is not valid JSON: " + e.getMessage());
    }
    return decode(root);
  }

  /** Decodes an already parsed tree (for example one member of a JSON array). */
  public Transaction decode(JsonNode root) {
    if (!root.isObject()) {
      throw malformed("a transaction is a JSON object, got " + kind(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw malformed("unknown field " + Texts.quote(name) + "; a transaction has " + FIELDS);
      }
    }
    String sigText = text(root, "sig");
    byte[] sig;
    try {
      sig = Base64.getUrlDecoder().decode(sigText);
    } catch (IllegalArgumentException e) {
      throw malformed("field \"sig\" must be base64url without padding: " + e.getMessage());
    }
    JsonNode body = root.get("body");
    if (body == null || !body.isObject()) {
      throw malformed("field \"body\" must be an object, got " + kind(body));
    }
    UnsignedTransaction unsigned;
    try {
      unsigned =
          UnsignedTransaction.of(
              text(root, "ledger"),
              TxType.parse(text(root, "type")),
              body,
              new KeyId(text(root, "signer")),
              text(root, "nonce"));
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    Transaction tx = Transaction.withSignature(unsigned, sig, hash);
    if (tx.encodedLength() > maxBytes) {
      throw new TxRejectedException(Rejection.TOO_LARGE, "transaction is " + tx.encodedLength()
          + " bytes in canonical form, over the limit of " + maxBytes);
    }
    return tx;
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null) {
      throw malformed("field " + Texts.quote(field) + " is missing");
    }
    if (!n.isTextual()) {
      throw malformed("field " + Texts.quote(field) + " must be a string, got " + kind(n));
    }
    return n.textValue();
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static TxRejectedException malformed(String message) {
    return new TxRejectedException(Rejection.MALFORMED, message);
  }
}
