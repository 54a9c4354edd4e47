package org.govledger.ledger.engine;

import java.util.List;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.block.NodeSignatures;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.merkle.Checkpoint;
import org.govledger.ledger.merkle.NoteSigner;
import org.govledger.ledger.tx.KeyId;

/** Builds a block's header and signs it and its checkpoint with this node's key. */
final class BlockSealer {
  private final Genesis genesis;
  private final HashFunction hash;
  private final SigningKey key;
  private final KeyId keyId;
  private final NoteSigner noteSigner;

  BlockSealer(Genesis genesis, SigningKey key) {
    if (key.suite() != genesis.suite()) {
      throw new IllegalArgumentException("the node key is " + key.suite().id()
          + " but ledger " + genesis.ledger() + " uses " + genesis.suite().id());
    }
    this.genesis = genesis;
    this.hash = genesis.suite().hash();
    this.key = key;
    this.keyId = KeyId.of(key.suite(), key.publicKey());
    this.noteSigner = NodeSignatures.noteSigner(genesis.ledger(), key);
  }

  CommittedBlock seal(
      CommittedBlock previous,
      long height,
      long time,
      KeyId proposer,
      long logSize,
      byte[] txRoot,
      byte[] stateRoot,
      int txCount) {
    BlockHeader header = new BlockHeader(genesis.ledger(), height, previous.hash(), logSize,
        txRoot, stateRoot, time, proposer, txCount);
    return sign(header);
  }

  CommittedBlock sealGenesis(byte[] stateRoot, byte[] emptyLogRoot) {
    // The genesis block is the same on every node: its proposer is the first node key listed.
    KeyId firstNode = genesis.signers().stream()
        .filter(s -> s.hasRole(org.govledger.ledger.contract.SignerRecord.ROLE_NODE))
        .findFirst().orElseThrow().keyId();
    BlockHeader header = new BlockHeader(genesis.ledger(), 0,
        hash.digest(genesis.canonicalBytes()), 0, emptyLogRoot, stateRoot, genesis.time(),
        firstNode, 0);
    return sign(header);
  }

  private CommittedBlock sign(BlockHeader header) {
    byte[] bytes = header.canonicalBytes();
    Checkpoint cp = new Checkpoint(
        NodeSignatures.origin(genesis.ledger()), header.logSize(), header.txRoot());
    return new CommittedBlock(header, hash.digest(bytes), keyId, key.sign(bytes),
        cp.sign(List.of(noteSigner)));
  }
}
