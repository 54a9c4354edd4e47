package org.govledger.ledger.contract;

import org.govledger.ledger.tx.TxRejectedException;

/**
 * A deterministic program over the world state. The engine calls {@link #execute} for each
 * transaction whose type names this contract, in block order, on one thread.
 *
 * <p>Determinism is the contract's obligation: its effect may depend only on {@link TxContext}
 * (the transaction, the block header's height and time, and the state). No wall clock, no
 * randomness, no iteration over unordered collections, no I/O.
 */
public interface Contract {
  /** The contract's name: the part of a transaction type before the slash. */
  String name();

  /**
   * Applies the transaction. To refuse it, throw {@link TxRejectedException} with a code of the
   * form {@code <contract>.<reason>}; every write the call made is then discarded.
   */
  void execute(TxContext ctx) throws TxRejectedException;
}
