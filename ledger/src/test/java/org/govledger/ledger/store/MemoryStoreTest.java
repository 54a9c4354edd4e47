package org.govledger.ledger.store;

/** The in-memory store against the store contract. */
class MemoryStoreTest extends StoreContractTest {

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }
}
