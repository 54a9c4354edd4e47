/**
 * The world state's authenticated index: a binary sparse Merkle tree over the hashes of state keys,
 * whose root commits to every key and value at a version (block height). {@link
 * org.govledger.ledger.state.StateTree} updates it in batches as immutable, versioned nodes that
 * the engine writes into its own atomic batch; {@link org.govledger.ledger.state.StateProof} shows
 * a key's value, or its absence, at a version and is checked offline by a pure function.
 */
package org.govledger.ledger.state;
