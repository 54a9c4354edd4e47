package org.govledger.ledger.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * One transaction's view while its contract runs: reads see the block so far plus the
 * transaction's own writes; writes stay here until the engine {@linkplain #commitTo keeps them}.
 * A contract may write only under its own name ({@code <contract>/...}), so contracts cannot
 * trample each other's records; it may read anything.
 */
final class TxExecution implements TxContext {
  private static final int MAX_VALUE_BYTES = org.govledger.ledger.state.StateChange.MAX_VALUE_BYTES;
  private static final int MAX_KEY_BYTES = 1024;

  private final Transaction tx;
  private final SignerRecord signer;
  private final long height;
  private final long blockTime;
  private final long logIndex;
  private final BlockState block;
  private final byte[] ownPrefix;
  private final TreeMap<byte[], Optional<byte[]>> writes = new TreeMap<>(Arrays::compareUnsigned);

  TxExecution(Transaction tx, SignerRecord signer, long height, long blockTime, BlockState block) {
    this.tx = tx;
    this.signer = signer;
    this.height = height;
    this.blockTime = blockTime;
    this.block = block;
    this.logIndex = block.nextLogIndex();
    this.ownPrefix = (tx.type().contract() + "/").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Transaction tx() {
    return tx;
  }

  @Override
  public JsonNode body() {
    return tx.body();
  }

  @Override
  public SignerRecord signer() {
    return signer;
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public long blockTime() {
    return blockTime;
  }

  @Override
  public long logIndex() {
    return logIndex;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Optional<byte[]> own = writes.get(key);
    return own != null ? own.map(byte[]::clone) : block.get(key);
  }

  @Override
  public List<StateEntry> scan(byte[] prefix, int limit) {
    return block.scan(prefix, limit, writes);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkKey(key);
    if (value.length > MAX_VALUE_BYTES) {
      throw new TxRejectedException(
          Rejection.TOO_LARGE, "a state value may have at most " + MAX_VALUE_BYTES + " bytes");
    }
    writes.put(key.clone(), Optional.of(value.clone()));
  }

  @Override
  public void delete(byte[] key) {
    checkKey(key);
    writes.put(key.clone(), Optional.empty());
  }

  private void checkKey(byte[] key) {
    if (key.length > MAX_KEY_BYTES) {
      throw new IllegalStateException("contract bug: state key over " + MAX_KEY_BYTES + " bytes");
    }
    if (!Arrays.equals(key, 0, Math.min(key.length, ownPrefix.length), ownPrefix, 0, ownPrefix.length)
        || key.length < ownPrefix.length) {
      throw new IllegalStateException(
          "contract bug: " + tx.type().contract() + " may only write keys under "
              + new String(ownPrefix, StandardCharsets.US_ASCII));
    }
  }

  void commitTo(BlockState target) {
    target.putAll(writes);
  }
}
