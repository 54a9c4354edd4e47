package org.govledger.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The signed part of a transaction. Build one, take {@link #signingBytes()} to whoever holds the
 * key, and attach the signature with {@link Transaction#withSignature}.
 *
 * @param ledger the ledger (channel) the transaction is for; a transaction for another ledger is
 *     refused, so it cannot be replayed there
 * @param type contract and action
 * @param bodyBytes the canonical JSON of the body object
 * @param signer the id of the signing key
 * @param nonce any 1-64 printable characters that make this transaction unique among the signer's
 */
public record UnsignedTransaction(
    String ledger, TxType type, byte[] bodyBytes, KeyId signer, String nonce) {
  private static final Pattern LEDGER = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern NONCE = Pattern.compile("[\\x21-\\x7e]{1,64}");

  public UnsignedTransaction {
    if (ledger == null || !LEDGER.matcher(ledger).matches()) {
      throw new IllegalArgumentException(
          "a ledger id is 1-40 lower-case letters, digits or '-', starting with a letter, got "
              + Texts.quote(ledger));
    }
    if (type == null || signer == null) {
      throw new IllegalArgumentException("type and signer are required");
    }
    if (nonce == null || !NONCE.matcher(nonce).matches()) {
      throw new IllegalArgumentException(
          "a nonce is 1-64 printable ASCII characters without spaces, got " + Texts.quote(nonce));
    }
    bodyBytes = bodyBytes.clone();
  }

  /** Builds one from a body tree, which must be a JSON object. */
  public static UnsignedTransaction of(
      String ledger, TxType type, JsonNode body, KeyId signer, String nonce) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("a transaction body must be a JSON object");
    }
    return new UnsignedTransaction(ledger, type, TxJson.canonical(body), signer, nonce);
  }

  @Override
  public byte[] bodyBytes() {
    return bodyBytes.clone();
  }

  /** A fresh tree of the body. */
  public JsonNode body() {
    return TxJson.readTrusted(bodyBytes);
  }

  /** The canonical JSON the signature covers. */
  public byte[] signingBytes() {
    return TxJson.envelope(bodyBytes, ledger, nonce, null, signer.value(), type.toString());
  }

  /** The canonical JSON of the signed transaction. */
  byte[] encodedWith(String signatureBase64Url) {
    return TxJson.envelope(
        bodyBytes, ledger, nonce, signatureBase64Url, signer.value(), type.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnsignedTransaction u
        && u.ledger.equals(ledger)
        && u.type.equals(type)
        && java.util.Arrays.equals(u.bodyBytes, bodyBytes)
        && u.signer.equals(signer)
        && u.nonce.equals(nonce);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(ledger, type, java.util.Arrays.hashCode(bodyBytes), signer, nonce);
  }

  @Override
  public String toString() {
    return "UnsignedTransaction[" + ledger + " " + type + " by " + signer + " nonce " + nonce + "]";
  }
}
