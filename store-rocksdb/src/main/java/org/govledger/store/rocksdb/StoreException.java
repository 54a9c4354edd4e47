package org.govledger.store.rocksdb;

/**
 * The store could not do what was asked: it cannot be opened, the disk failed or is full, or the
 * data is corrupted. The message names the directory and what an operator can do about it.
 */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
