package org.govledger.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.Signer;

/**
 * A signed transaction, as decoded from its JSON form and checked for shape (not yet for its
 * signature or its effect). Immutable: the body is kept as canonical bytes and handed out as a
 * fresh tree.
 *
 * <p>The signature covers the RFC 8785 canonical form of the JSON object without its {@code sig}
 * member ({@link #signingBytes()}); the id is the ledger hash of those same bytes, so two
 * encodings of one transaction, or two signatures of it, have one id and a replay is caught.
 */
public final class Transaction {
  private final UnsignedTransaction unsigned;
  private final byte[] signature;
  private final byte[] signingBytes;
  private final byte[] encoded;
  private final TxId id;

  Transaction(UnsignedTransaction unsigned, byte[] signature, HashFunction hash) {
    this.unsigned = unsigned;
    this.signature = signature.clone();
    this.signingBytes = unsigned.signingBytes();
    this.encoded =
        unsigned.encodedWith(Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    this.id = new TxId(hash.digest(signingBytes));
  }

  /** Signs {@code unsigned} with {@code key}; the key must be the one {@code signer} names. */
  public static Transaction sign(UnsignedTransaction unsigned, Signer key, HashFunction hash) {
    return new Transaction(unsigned, key.sign(unsigned.signingBytes()), hash);
  }

  /** Attaches a signature made elsewhere (a browser, a hardware key) over {@link #signingBytes()}. */
  public static Transaction withSignature(
      UnsignedTransaction unsigned, byte[] signature, HashFunction hash) {
    return new Transaction(unsigned, signature, hash);
  }

  public TxId id() {
    return id;
  }

  public String ledger() {
    return unsigned.ledger();
  }

  public TxType type() {
    return unsigned.type();
  }

  public KeyId signer() {
    return unsigned.signer();
  }

  public String nonce() {
    return unsigned.nonce();
  }

  /** A fresh copy of the body object. */
  public JsonNode body() {
    return unsigned.body();
  }

  public UnsignedTransaction unsigned() {
    return unsigned;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The bytes the signature covers: the canonical JSON without {@code sig}. */
  public byte[] signingBytes() {
    return signingBytes.clone();
  }

  /** The canonical JSON of the whole signed transaction: what the log stores and hashes. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Length of {@link #encoded()}, without copying it. */
  public int encodedLength() {
    return encoded.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t && t.id.equals(id) && java.util.Arrays.equals(t.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + id + " " + unsigned.type() + " by " + unsigned.signer() + "]";
  }
}
