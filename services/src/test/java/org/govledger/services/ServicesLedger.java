package org.govledger.services;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.governance.GovernanceContract;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxType;
import org.govledger.ledger.tx.UnsignedTransaction;
import org.govledger.services.certificate.CertificateContract;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.consent.ConsentContract;
import org.govledger.services.consent.VerifierChanges;
import org.govledger.services.identity.AgencyChanges;
import org.govledger.services.identity.IdentityContract;

/**
 * A ledger on a memory store with the service contracts, two admins who must both approve (2 of
 * 2), a node key and deterministic keys, for contract tests.
 */
public final class ServicesLedger {
  public static final Catalogue CATALOGUE = Catalogue.builtIn();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "test-verify");
    t.setDaemon(true);
    return t;
  });

  public final CryptoSuite suite;
  public final SigningKey admin1;
  public final SigningKey admin2;
  public final SigningKey node;
  public final Engine engine;
  private final SecureRandom random;
  private final AtomicLong nonce = new AtomicLong();
  private final AtomicLong time = new AtomicLong(1_767_225_600_000L);

  public ServicesLedger(CryptoSuite suite) {
    this.suite = suite;
    this.random = deterministic(7);
    admin1 = suite.generate(random);
    admin2 = suite.generate(random);
    node = suite.generate(random);
    Genesis genesis = new Genesis("test", suite, time.get(), 2, List.of(
        Genesis.signer(suite, admin1.publicKey(), "admin one", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, admin2.publicKey(), "admin two", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, node.publicKey(), "node", Set.of(SignerRecord.ROLE_NODE))));
    List<Contract> contracts = List.of(
        new GovernanceContract(suite, governedKinds(suite)),
        new IdentityContract(),
        new ConsentContract(suite.hash()),
        new org.govledger.services.delegation.DelegationContract(suite.hash()),
        new org.govledger.services.billing.BillingContract(suite.hash()),
        new CertificateContract(CATALOGUE));
    engine = Engine.open(new MemoryStore(), genesis, contracts, node, POOL);
  }

  private static List<org.govledger.ledger.governance.GovernedChange.Kind> governedKinds(CryptoSuite suite) {
    List<org.govledger.ledger.governance.GovernedChange.Kind> kinds =
        new ArrayList<>(new AgencyChanges(suite, id -> CATALOGUE.find(id).isPresent()).kinds());
    kinds.addAll(new VerifierChanges(suite, id -> CATALOGUE.find(id).isPresent()).kinds());
    kinds.addAll(new org.govledger.services.billing.PartyChanges(suite).kinds());
    return kinds;
  }

  public static SecureRandom deterministic(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public SigningKey newKey() {
    return suite.generate(random);
  }

  public KeyId id(SigningKey key) {
    return KeyId.of(suite, key.publicKey());
  }

  /** Block time of the last applied block. */
  public long now() {
    return time.get();
  }

  /** Moves the block clock on by {@code millis} (on top of the second each block adds). */
  public void advance(long millis) {
    time.addAndGet(millis);
  }

  public Transaction tx(SigningKey key, String type, ObjectNode body) {
    UnsignedTransaction u = UnsignedTransaction.of("test", TxType.parse(type), body, id(key),
        "n" + nonce.incrementAndGet());
    return Transaction.sign(u, key, suite.hash());
  }

  /** Applies one transaction in a block of its own; its refusal, if it was refused. */
  public Optional<Rejection> run(SigningKey key, String type, ObjectNode body) {
    Transaction tx = tx(key, type, body);
    BlockOutcome out = engine.apply(new OrderedBatch(time.addAndGet(1000), id(node), new ArrayList<>(List.of(tx))));
    return Optional.ofNullable(out.rejected().get(tx.id()));
  }

  /** Proposes a governance change as admin one and approves it as admin two. */
  public Optional<Rejection> govern(ObjectNode change) {
    ObjectNode propose = JsonNodeFactory.instance.objectNode();
    propose.set("change", change);
    Transaction p = tx(admin1, "governance/propose", propose);
    BlockOutcome out = engine.apply(new OrderedBatch(time.addAndGet(1000), id(node), new ArrayList<>(List.of(p))));
    if (out.rejected().containsKey(p.id())) {
      return Optional.of(out.rejected().get(p.id()));
    }
    ObjectNode approve = JsonNodeFactory.instance.objectNode();
    approve.put("proposal", p.id().toString());
    return run(admin2, "governance/approve", approve);
  }

  /** A register-agency change. */
  public static ObjectNode registerAgency(String id, Optional<String> parent, List<String> types, SigningKey... keys) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("action", "register-agency");
    c.put("agency", id);
    c.put("name", "Agency " + id);
    parent.ifPresent(p -> c.put("parent", p));
    ArrayNode t = c.putArray("types");
    types.forEach(t::add);
    ArrayNode k = c.putArray("keys");
    for (SigningKey key : keys) {
      k.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
    }
    return c;
  }

  public Optional<byte[]> state(byte[] key) {
    return engine.view().stateValue(key);
  }
}
