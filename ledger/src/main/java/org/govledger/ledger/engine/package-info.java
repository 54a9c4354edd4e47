/**
 * The engine: admits transactions, applies ordered batches as blocks (signatures in parallel,
 * contracts in order), and commits each block in one atomic store write. {@link
 * org.govledger.ledger.engine.LedgerView} answers reads and proofs.
 */
package org.govledger.ledger.engine;
