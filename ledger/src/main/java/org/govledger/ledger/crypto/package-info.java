/**
 * The cryptography a ledger is configured with at genesis: a {@link
 * org.govledger.ledger.crypto.CryptoSuite} names a signature scheme and a hash function together
 * ({@code ed25519-sha256}, {@code p256-sha256}, {@code sm2-sm3}). Callers hold only the small
 * interfaces {@link org.govledger.ledger.crypto.Signer}, {@link
 * org.govledger.ledger.crypto.Verifier}, {@link org.govledger.ledger.crypto.SigningKey} and {@link
 * org.govledger.ledger.crypto.HashFunction}; the implementations are package-private and use
 * BouncyCastle's lightweight API directly, so nothing is registered process-wide.
 */
package org.govledger.ledger.crypto;
