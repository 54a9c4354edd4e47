package org.govledger.ledger.engine;

import java.util.List;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;

/**
 * What an orderer hands the engine: transactions in their agreed order, the block time the
 * proposer chose and the proposer's key id. Everything else about the block follows from these
 * and the state, so every node that applies the same batches builds the same blocks.
 */
public record OrderedBatch(long time, KeyId proposer, List<Transaction> txs) {
  public OrderedBatch {
    txs = List.copyOf(txs);
    if (time < 0) {
      throw new IllegalArgumentException("block time must not be negative");
    }
  }
}
