/** The ledger core; each concept has its own package (crypto, json, tx, block, merkle, state, contract, governance, anchor, store, engine). Here only what they all share: {@link org.govledger.ledger.VerificationException}. */
package org.govledger.ledger;
