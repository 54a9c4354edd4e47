/**
 * The Raft orderer: a cluster of nodes agrees on one log of batches through Apache Ratis, and
 * each node applies every batch with its own engine.
 */
package org.govledger.consensus.raft;
