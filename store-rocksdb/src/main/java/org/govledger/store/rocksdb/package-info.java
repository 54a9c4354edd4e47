/**
 * The embedded default {@link org.govledger.ledger.store.Store}: RocksDB through its JNI binding.
 * {@link org.govledger.store.rocksdb.RocksDbStore} opens one directory with the settings of a
 * {@link org.govledger.store.rocksdb.RocksDbConfig}; RocksDB's errors reach callers as
 * {@link org.govledger.store.rocksdb.StoreException}s that say what to do about them.
 */
package org.govledger.store.rocksdb;
