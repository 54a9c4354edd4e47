package org.govledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;

/**
 * A ledger with one admin, one node and one client, and a stream of the client's {@code anchor/put}
 * transactions: the traffic of an e-certificate or e-bill service. Each transaction anchors a new
 * digest with a note of about 120 characters, so it is about 300 bytes to sign and about 400
 * bytes signed, and every one is different (the contract refuses a digest anchored twice).
 *
 * <p>Keys come from a seeded generator, so two runs sign the same bytes. Not thread-safe, except
 * {@link #sign(List)}, which signs in parallel.
 */
final class AnchorWorkload {
  static final String LEDGER = "bench";
  private static final long GENESIS_TIME = 1_767_225_600_000L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TxType ANCHOR_PUT = TxType.parse(AnchorContract.NAME + "/put");

  private final CryptoSuite suite;
  private final SigningKey node;
  private final SigningKey client;
  private final Genesis genesis;
  private final KeyId clientId;
  private long sequence;

  AnchorWorkload(CryptoSuite suite, long seed) {
    this.suite = suite;
    SecureRandom random = seeded(seed);
    SigningKey admin = suite.generate(random);
    this.node = suite.generate(random);
    this.client = suite.generate(random);
    this.clientId = KeyId.of(suite, client.publicKey());
    this.genesis = new Genesis(LEDGER, suite, GENESIS_TIME, 1, List.of(
        Genesis.signer(suite, admin.publicKey(), "admin", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, node.publicKey(), "node", Set.of(SignerRecord.ROLE_NODE)),
        Genesis.signer(suite, client.publicKey(), "client", Set.of(SignerRecord.ROLE_CLIENT))));
  }

  Genesis genesis() {
    return genesis;
  }

  CryptoSuite suite() {
    return suite;
  }

  SigningKey nodeKey() {
    return node;
  }

  KeyId nodeId() {
    return KeyId.of(suite, node.publicKey());
  }

  SigningKey clientKey() {
    return client;
  }

  /** The block time of the genesis block; later blocks must not go back before it. */
  long genesisTime() {
    return GENESIS_TIME;
  }

  /** The next unsigned transaction: a digest and a nonce never used before by this workload. */
  UnsignedTransaction next() {
    long n = sequence++;
    byte[] digest = suite.hash().digest(("bench document " + n).getBytes(StandardCharsets.UTF_8));
    ObjectNode body = MAPPER.createObjectNode();
    body.put("digest", HexFormat.of().formatHex(digest));
    body.put("note", String.format(
        "e-certificate %010d: residence permit renewal, issued by the district public security"
            + " bureau, counter 12", n));
    return UnsignedTransaction.of(LEDGER, ANCHOR_PUT, body, clientId, String.format("bench-%016x", n));
  }

  /** The next {@code count} transactions, signed by the client on all cores. */
  List<Transaction> nextSigned(int count) {
    List<UnsignedTransaction> unsigned = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      unsigned.add(next());
    }
    return sign(unsigned);
  }

  /** Signs each of {@code unsigned} with the client key, in parallel; keeps the order. */
  List<Transaction> sign(List<UnsignedTransaction> unsigned) {
    return unsigned.parallelStream()
        .map(u -> Transaction.sign(u, client, suite.hash()))
        .toList();
  }

  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA1PRNG", e);
    }
  }
}
