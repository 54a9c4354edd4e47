package org.govledger.ledger.engine;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.governance.Signers;
import org.govledger.ledger.tx.KeyId;

/**
 * Who may sign, as of the last committed block, cached: every transaction needs its signer's
 * record, and it changes only through governance. Only registered signers are cached (an unknown
 * id costs a store read, which a bloom filter makes cheap), so random ids cannot grow the cache.
 */
final class SignerDirectory {
  private static final byte[] PREFIX = Signers.keyPrefix();

  private final LedgerView view;
  private final Map<KeyId, SignerRecord> committed = new ConcurrentHashMap<>();

  SignerDirectory(LedgerView view) {
    this.view = view;
  }

  /** The signer as of the last committed block. Thread-safe. */
  Optional<SignerRecord> committed(KeyId id) {
    SignerRecord known = committed.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    // computeIfAbsent holds the entry's lock while it reads, so a concurrent afterCommit() that
    // clears the map waits for it and removes what it read: no stale record survives a change.
    return Optional.ofNullable(committed.computeIfAbsent(id,
        k -> Signers.lookup(view::stateValue, k).orElse(null)));
  }

  /** The signer as a transaction in the block being built sees it. */
  Optional<SignerRecord> inBlock(KeyId id, BlockState block) {
    byte[] key = Signers.key(id);
    if (block.changes().containsKey(key)) {
      return Signers.lookup(block::get, id);
    }
    return committed(id);
  }

  /** Forgets everything if the committed block changed any signer. */
  void afterCommit(SortedMap<byte[], Optional<byte[]>> changes) {
    if (!changes.subMap(PREFIX, BlockState.prefixEnd(PREFIX)).isEmpty()) {
      committed.clear();
    }
  }
}
