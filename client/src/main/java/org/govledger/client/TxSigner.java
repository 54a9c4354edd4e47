package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;

/** Builds and signs transactions for one ledger with one key; fresh random nonces. */
public final class TxSigner {
  private final String ledger;
  private final SigningKey key;
  private final KeyId keyId;
  private final SecureRandom random = new SecureRandom();

  public TxSigner(String ledger, SigningKey key) {
    this.ledger = ledger;
    this.key = key;
    this.keyId = KeyId.of(key.suite(), key.publicKey());
  }

  public KeyId keyId() {
    return keyId;
  }

  /** Signs {@code type} with {@code body} (a JSON object) and a random 128-bit nonce. */
  public Transaction sign(String type, JsonNode body) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return sign(type, body, HexFormat.of().formatHex(nonce));
  }

  public Transaction sign(String type, JsonNode body, String nonce) {
    UnsignedTransaction u = UnsignedTransaction.of(ledger, TxType.parse(type), body, keyId, nonce);
    return Transaction.sign(u, key, key.suite().hash());
  }
}
