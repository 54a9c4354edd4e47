package org.govledger.ledger.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;

/** A ledger on a memory store with deterministic keys: two admins, a node, a client. */
final class TestLedger implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "test-verify");
    t.setDaemon(true);
    return t;
  });

  final CryptoSuite suite;
  final SigningKey admin1;
  final SigningKey admin2;
  final SigningKey node;
  final SigningKey client;
  final Genesis genesis;
  final Store store;
  final Engine engine;
  private final AtomicLong nonce = new AtomicLong();
  private final AtomicLong time = new AtomicLong(1_767_225_600_000L);

  TestLedger(CryptoSuite suite, int threshold) {
    this(suite, threshold, new MemoryStore(), 42);
  }

  TestLedger(CryptoSuite suite, int threshold, Store store, long seed) {
    this.suite = suite;
    SecureRandom random = deterministic(seed);
    admin1 = suite.generate(random);
    admin2 = suite.generate(random);
    node = suite.generate(random);
    client = suite.generate(random);
    genesis = new Genesis("test", suite, time.get(), threshold, List.of(
        Genesis.signer(suite, admin1.publicKey(), "admin one", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, admin2.publicKey(), "admin two", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, node.publicKey(), "node", Set.of(SignerRecord.ROLE_NODE)),
        Genesis.signer(suite, client.publicKey(), "client", Set.of(SignerRecord.ROLE_CLIENT))));
    this.store = store;
    this.engine = Engine.open(store, genesis, List.of(new AnchorContract()), node, POOL);
  }

  static SecureRandom deterministic(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  KeyId id(SigningKey key) {
    return KeyId.of(suite, key.publicKey());
  }

  Transaction tx(SigningKey key, String type, ObjectNode body) {
    UnsignedTransaction u = UnsignedTransaction.of("test", TxType.parse(type), body, id(key),
        "n" + nonce.incrementAndGet());
    return Transaction.sign(u, key, suite.hash());
  }

  Transaction anchor(SigningKey key, int i) {
    ObjectNode body = MAPPER.createObjectNode();
    byte[] digest = suite.hash().digest(("doc " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.put("digest", HexFormat.of().formatHex(digest));
    return tx(key, "anchor/put", body);
  }

  BlockOutcome apply(Transaction... txs) {
    return engine.apply(new OrderedBatch(time.addAndGet(1000), id(node), List.of(txs)));
  }

  BlockOutcome apply(List<Transaction> txs) {
    return engine.apply(new OrderedBatch(time.addAndGet(1000), id(node), new ArrayList<>(txs)));
  }

  @Override
  public void close() {
    store.close();
  }
}
