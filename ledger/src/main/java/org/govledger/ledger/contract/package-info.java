/**
 * The boundary between the engine and the programs that give transactions meaning: {@link
 * org.govledger.ledger.contract.Contract}, what a contract sees ({@link
 * org.govledger.ledger.contract.TxContext}) and the registered signers.
 */
package org.govledger.ledger.contract;
