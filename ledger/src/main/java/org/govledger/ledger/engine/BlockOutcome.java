package org.govledger.ledger.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.TxId;

/**
 * What applying one batch did: the block committed (none if every transaction was refused), the
 * transactions in it, and the refused ones with their reasons.
 */
public record BlockOutcome(
    Optional<CommittedBlock> block, List<TxId> committed, Map<TxId, Rejection> rejected) {
  public BlockOutcome {
    committed = List.copyOf(committed);
    rejected = Map.copyOf(rejected);
  }
}
