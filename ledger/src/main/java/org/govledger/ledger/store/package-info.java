/**
 * The storage boundary: an ordered key-value {@link org.govledger.ledger.store.Store} with atomic
 * batches. Everything the ledger persists goes through it, under keys prefixed by the ledger id.
 */
package org.govledger.ledger.store;
