/**
 * Transactions: their JSON form, canonical signing bytes, ids and the reasons one is refused.
 * Nothing here reads state; signer, signature and replay checks are the engine's.
 */
package org.govledger.ledger.tx;
