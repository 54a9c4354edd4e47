package org.govledger.ledger.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;

/** What a contract sees while it executes one transaction. */
public interface TxContext {
  Transaction tx();

  /** The transaction's body (a fresh tree each call; read it once). */
  JsonNode body();

  /** The signer, already checked to be registered, active and the key that signed. */
  SignerRecord signer();

  /** Height of the block being built. */
  long height();

  /** Block time in milliseconds since the epoch, chosen by the orderer; never decreases. */
  long blockTime();

  /**
   * The index this transaction will have in the ledger's log once its block commits: a short,
   * permanent reference to it, for a record that would otherwise copy fields of the transaction.
   */
  long logIndex();

  /** The world state as this transaction sees it, including its own earlier writes. */
  Optional<byte[]> get(byte[] key);

  /** Entries with {@code prefix <= key < prefix+1}, in key order, up to {@code limit}. */
  List<StateEntry> scan(byte[] prefix, int limit);

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  /** A key and value in the world state. */
  record StateEntry(byte[] key, byte[] value) {}
}
