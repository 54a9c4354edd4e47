/**
 * JMH micro-benchmarks of the primitives a node's throughput rests on: signature checks,
 * transaction decoding, the Merkle log, the state tree, synced RocksDB writes and the engine's
 * whole block commit. Each class measures one thing and says in its comment why it matters; the
 * fixtures ({@link org.govledger.bench.AnchorWorkload}, {@link org.govledger.bench.TempDirectory})
 * build realistic inputs outside the measured code.
 */
package org.govledger.bench;
