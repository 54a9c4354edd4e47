/**
 * Ordering: the {@link org.govledger.consensus.Orderer} boundary between the API and the engine,
 * and the solo orderer that batches transactions into blocks on one node.
 */
package org.govledger.consensus;
