package org.govledger.consensus;

import org.govledger.ledger.engine.TxLocation;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.TxId;

/** What became of a submitted transaction: committed at a place in the log, or refused. */
public sealed interface TxOutcome {
  TxId id();

  /** Committed durably: in the block at {@code location.height()}. */
  record Committed(TxId id, TxLocation location) implements TxOutcome {}

  /** Refused when its block was built (for example by its contract); nothing changed. */
  record Refused(TxId id, Rejection rejection) implements TxOutcome {}
}
