package org.govledger.client;

import org.govledger.ledger.VerificationException;
import org.govledger.ledger.block.NodeSignatures;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.merkle.Checkpoint;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.merkle.NoteVerifier;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * Checks receipts offline, trusting only a node's public key: the checkpoint must carry that
 * node's signature, the inclusion proof must lead from the transaction to the checkpoint's root,
 * and the transaction's id must be what the receipt claims.
 */
public final class ReceiptVerifier {
  private final TrustAnchor trust;
  private final NoteVerifier noteVerifier;
  private final TransactionCodec codec;

  public ReceiptVerifier(TrustAnchor trust) {
    this.trust = trust;
    this.noteVerifier =
        NodeSignatures.noteVerifier(trust.ledger(), trust.suite(), trust.nodePublicKey());
    this.codec = new TransactionCodec(trust.suite().hash(), Integer.MAX_VALUE);
  }

  /** Checks every part of {@code receipt}; the exception message names the part that failed. */
  public Checkpoint verify(Receipt receipt) throws VerificationException {
    if (!receipt.ledger().equals(trust.ledger())) {
      throw new VerificationException(
          "receipt is for ledger " + receipt.ledger() + ", want " + trust.ledger());
    }
    Transaction tx;
    try {
      tx = codec.decode(receipt.tx());
    } catch (TxRejectedException e) {
      throw new VerificationException("receipt's transaction is malformed: " + e.getMessage());
    }
    if (!tx.id().toString().equals(receipt.txId())) {
      throw new VerificationException(
          "transaction id mismatch: got " + tx.id() + ", receipt says " + receipt.txId());
    }
    Checkpoint checkpoint =
        Checkpoint.open(receipt.checkpoint(), NodeSignatures.origin(trust.ledger()), noteVerifier);
    if (checkpoint.size() != receipt.treeSize()) {
      throw new VerificationException("checkpoint is for tree size " + checkpoint.size()
          + ", receipt says " + receipt.treeSize());
    }
    CryptoSuite suite = trust.suite();
    byte[] leaf = MerkleHashing.leafHash(suite.hash(), tx.encoded());
    new InclusionProof(receipt.logIndex(), receipt.treeSize(), receipt.inclusionPath())
        .verify(suite.hash(), leaf, checkpoint.rootHash());
    return checkpoint;
  }
}
