package org.govledger.ledger.engine;

/** Where a committed transaction is: its index in the log and the height of its block. */
public record TxLocation(long logIndex, long height) {}
