/**
 * The ledger's Merkle log: RFC 9162 tree hashing, inclusion and consistency proofs and their
 * verification (pure functions of bytes), an append-only {@link org.govledger.ledger.merkle.MerkleLog}
 * that reads and writes only complete subtrees through {@link
 * org.govledger.ledger.merkle.TreeNodeReader}, and checkpoints in the C2SP tlog-checkpoint format
 * inside C2SP signed notes.
 *
 * <p>Storage, networking and key management live elsewhere: this package takes a {@link
 * org.govledger.ledger.crypto.HashFunction}, a reader of stored nodes, and small {@link
 * org.govledger.ledger.merkle.NoteSigner} and {@link org.govledger.ledger.merkle.NoteVerifier}
 * interfaces that each signature algorithm implements.
 */
package org.govledger.ledger.merkle;
