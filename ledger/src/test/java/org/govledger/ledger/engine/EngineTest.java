package org.govledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.state.StateProof;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.ledger.tx.UnsignedTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineTest {

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void apply_validTransactions_commitsBlockWithProvableTransactionsAndState(CryptoSuite suite)
      throws Exception {
    try (TestLedger l = new TestLedger(suite, 1)) {
      Transaction a = l.anchor(l.client, 1);
      Transaction b = l.anchor(l.client, 2);
      BlockOutcome out = l.apply(a, b);

      assertThat(out.rejected()).isEmpty();
      assertThat(out.committed()).containsExactly(a.id(), b.id());
      CommittedBlock block = out.block().orElseThrow();
      assertThat(block.height()).isEqualTo(1);
      assertThat(block.header().logSize()).isEqualTo(2);

      LedgerView view = l.engine.view();
      TxLocation loc = view.locate(b.id()).orElseThrow();
      assertThat(loc).isEqualTo(new TxLocation(1, 1));
      InclusionProof proof = view.inclusionProof(loc.logIndex(), 2);
      proof.verify(suite.hash(), MerkleHashing.leafHash(suite.hash(), b.encoded()),
          block.header().txRoot());

      byte[] key = AnchorContract.key(b.body().path("digest").asText());
      StateProof sp = view.stateProof(key, 1);
      assertThat(sp.value()).isPresent();
      sp.verify(suite.hash(), block.header().stateRoot());
      StateProof before = view.stateProof(key, 0);
      assertThat(before.value()).isEmpty();
      before.verify(suite.hash(), view.block(0).orElseThrow().header().stateRoot());
    }
  }

  @Test
  void signAndAdmit_signsWithTheNodesKey_andRefusesAnotherSigner() throws Exception {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      UnsignedTransaction asNode = l.anchor(l.node, 1).unsigned();
      Transaction tx = l.engine.signAndAdmit(asNode);
      CryptoSuite.ED25519_SHA256.verifier(l.node.publicKey()).verify(tx.signingBytes(), tx.signature());
      // its signature stands; the anchor contract then refuses the node role, as it should
      assertThat(l.apply(tx).rejected().get(tx.id()).code()).isEqualTo("anchor.forbidden");

      UnsignedTransaction asClient = l.anchor(l.client, 2).unsigned();
      assertThatThrownBy(() -> l.engine.signAndAdmit(asClient))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not this node's key");
    }
  }

  @Test
  void anchor_recordsSignerHeightAndTheLogIndexOfItsTransaction_evenAfterARefusedOne()
      throws Exception {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      l.apply(l.anchor(l.client, 1));
      Transaction again = l.anchor(l.client, 1); // refused: that digest is anchored
      Transaction b = l.anchor(l.client, 2);
      BlockOutcome out = l.apply(l.anchor(l.client, 3), again, b);
      assertThat(out.rejected()).containsOnlyKeys(again.id());

      LedgerView view = l.engine.view();
      byte[] record = view.stateValue(AnchorContract.key(b.body().path("digest").asText()))
          .orElseThrow();
      var json = TestLedger.MAPPER.readTree(record);
      assertThat(json.path("by").asText()).isEqualTo(l.id(l.client).value());
      assertThat(json.path("height").asLong()).isEqualTo(2);
      assertThat(json.path("log").asLong()).isEqualTo(view.locate(b.id()).orElseThrow().logIndex())
          .isEqualTo(2);
      assertThat(json.size()).isEqualTo(3);
    }
  }

  @Test
  void locate_anIdSharingTheIndexedPrefixOfACommittedOne_findsNothing() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction a = l.anchor(l.client, 1);
      l.apply(a);
      byte[] twin = a.id().bytes();
      twin[31] ^= 1; // same first 16 bytes, so the same index key

      assertThat(l.engine.view().locate(a.id())).isPresent();
      assertThat(l.engine.view().locate(new org.govledger.ledger.tx.TxId(twin))).isEmpty();
    }
  }

  @Test
  void apply_replayOfCommittedTransaction_isRefusedAndChangesNothing() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction a = l.anchor(l.client, 1);
      l.apply(a);
      CommittedBlock head = l.engine.view().head();

      BlockOutcome again = l.apply(a);

      assertThat(again.block()).isEmpty();
      assertThat(again.rejected().get(a.id()).code()).isEqualTo(Rejection.DUPLICATE);
      assertThat(l.engine.view().head()).isEqualTo(head);
      assertThatThrownBy(() -> l.engine.admit(a))
          .isInstanceOfSatisfying(TxRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(Rejection.DUPLICATE));
    }
  }

  @Test
  void apply_sameTransactionTwiceInOneBatch_commitsItOnce() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction a = l.anchor(l.client, 1);
      BlockOutcome out = l.apply(a, a);
      assertThat(out.committed()).containsExactly(a.id());
      assertThat(out.block().orElseThrow().header().txCount()).isEqualTo(1);
    }
  }

  @Test
  void verifyAhead_remembersOnlyValidSignatures_andTheBlockStillRefusesAForgery() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction good = l.anchor(l.client, 1);
      byte[] sig = l.anchor(l.client, 2).signature();
      Transaction forged = Transaction.withSignature(l.anchor(l.client, 3).unsigned(), sig,
          l.suite.hash());
      l.engine.verifyAhead(List.of(good, forged));
      BlockOutcome out = l.apply(good, forged);
      assertThat(out.committed()).containsExactly(good.id());
      assertThat(out.rejected().get(forged.id()).code()).isEqualTo(Rejection.BAD_SIGNATURE);
    }
  }

  @Test
  void admit_badSignature_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction good = l.anchor(l.client, 1);
      byte[] sig = good.signature();
      sig[5] ^= 1;
      Transaction forged = Transaction.withSignature(good.unsigned(), sig, l.suite.hash());

      assertThatThrownBy(() -> l.engine.admit(forged))
          .isInstanceOfSatisfying(TxRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(Rejection.BAD_SIGNATURE));
      BlockOutcome out = l.apply(forged);
      assertThat(out.block()).isEmpty();
      assertThat(out.rejected().get(forged.id()).code()).isEqualTo(Rejection.BAD_SIGNATURE);
    }
  }

  @Test
  void admit_signatureByAnotherKey_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction t = l.anchor(l.client, 1);
      Transaction signedByAdmin = Transaction.sign(t.unsigned(), l.admin1, l.suite.hash());
      assertThatThrownBy(() -> l.engine.admit(signedByAdmin))
          .hasMessageContaining("does not verify");
    }
  }

  @Test
  void admit_unknownSigner_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      SigningKey stranger = l.suite.generate(TestLedger.deterministic(7));
      Transaction t = l.anchor(stranger, 1);
      assertThatThrownBy(() -> l.engine.admit(t))
          .isInstanceOfSatisfying(TxRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(Rejection.UNKNOWN_SIGNER));
      assertThat(l.apply(t).rejected().get(t.id()).code()).isEqualTo(Rejection.UNKNOWN_SIGNER);
    }
  }

  @Test
  void admit_transactionForAnotherLedger_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction t = l.anchor(l.client, 1);
      UnsignedTransaction other = new UnsignedTransaction("other", t.type(),
          t.unsigned().bodyBytes(), t.signer(), t.nonce());
      Transaction moved = Transaction.sign(other, l.client, l.suite.hash());
      assertThatThrownBy(() -> l.engine.admit(moved))
          .isInstanceOfSatisfying(TxRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(Rejection.WRONG_LEDGER));
    }
  }

  @Test
  void apply_contractRefusal_dropsOnlyThatTransaction() throws Exception {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction first = l.anchor(l.client, 1);
      Transaction sameDigest = l.anchor(l.client, 1); // new nonce, same digest
      Transaction other = l.anchor(l.client, 2);

      BlockOutcome out = l.apply(first, sameDigest, other);

      assertThat(out.committed()).containsExactly(first.id(), other.id());
      assertThat(out.rejected().get(sameDigest.id()).code()).isEqualTo("anchor.exists");
      assertThat(l.engine.view().locate(sameDigest.id())).isEmpty();
    }
  }

  @Test
  void apply_unknownContract_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction t = l.tx(l.client, "payroll/pay", TestLedger.MAPPER.createObjectNode());
      assertThat(l.apply(t).rejected().get(t.id()).code()).isEqualTo(Rejection.UNKNOWN_CONTRACT);
    }
  }

  @Test
  void apply_contractThatThrows_refusesOnlyThatTransaction() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      org.govledger.ledger.contract.Contract broken = new org.govledger.ledger.contract.Contract() {
        @Override
        public String name() {
          return "broken";
        }

        @Override
        public void execute(org.govledger.ledger.contract.TxContext ctx) {
          throw new IllegalStateException("bug");
        }
      };
      Engine engine = Engine.open(l.store, l.genesis, List.of(new AnchorContract(), broken),
          l.node, TestLedger.POOL);
      Transaction bad = l.tx(l.client, "broken/go", TestLedger.MAPPER.createObjectNode());
      Transaction good = l.anchor(l.client, 1);
      BlockOutcome out = engine.apply(new OrderedBatch(l.genesis.time() + 1, engine.nodeKeyId(),
          List.of(bad, good)));
      assertThat(out.committed()).containsExactly(good.id());
      assertThat(out.rejected().get(bad.id()).code()).isEqualTo(Rejection.CONTRACT_FAILED);
      assertThat(out.rejected().get(bad.id()).message()).contains("bug");
    }
  }

  @Test
  void apply_allRefused_writesNoBlock() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction t = l.tx(l.client, "anchor/put", TestLedger.MAPPER.createObjectNode());
      BlockOutcome out = l.apply(t);
      assertThat(out.block()).isEmpty();
      assertThat(l.engine.view().head().height()).isZero();
    }
  }

  @Test
  void apply_sameBatchesOnTwoEngines_giveIdenticalBlockHashes() {
    try (TestLedger a = new TestLedger(CryptoSuite.ED25519_SHA256, 1);
        TestLedger b = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      for (int round = 0; round < 5; round++) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          txs.add(a.anchor(a.client, round * 100 + i));
        }
        byte[] ha = a.apply(txs).block().orElseThrow().hash();
        byte[] hb = b.apply(txs).block().orElseThrow().hash();
        assertThat(hb).isEqualTo(ha);
      }
    }
  }

  @Test
  void governance_twoOfTwo_addsSignerOnlyAfterSecondApproval() throws VerificationException {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 2)) {
      SigningKey newcomer = l.suite.generate(TestLedger.deterministic(9));
      ObjectNode change = TestLedger.MAPPER.createObjectNode();
      change.put("action", "add-signer");
      change.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(newcomer.publicKey()));
      change.put("name", "Shenzhen notary office");
      change.putArray("roles").add("client");
      ObjectNode body = TestLedger.MAPPER.createObjectNode();
      body.set("change", change);
      Transaction propose = l.tx(l.admin1, "governance/propose", body);
      assertThat(l.apply(propose).rejected()).isEmpty();

      Transaction early = l.anchor(newcomer, 1);
      assertThat(l.apply(early).rejected().get(early.id()).code()).isEqualTo(Rejection.UNKNOWN_SIGNER);

      ObjectNode approve = TestLedger.MAPPER.createObjectNode();
      approve.put("proposal", propose.id().toString());
      Transaction again = l.tx(l.admin1, "governance/approve", approve);
      assertThat(l.apply(again).rejected().get(again.id()).code())
          .isEqualTo("governance.already-approved");

      Transaction second = l.tx(l.admin2, "governance/approve", approve);
      Transaction now = l.anchor(newcomer, 2);
      BlockOutcome out = l.apply(second, now);  // registered and used in the same block
      assertThat(out.rejected()).isEmpty();
      assertThat(out.committed()).containsExactly(second.id(), now.id());
    }
  }

  @Test
  void governance_nonAdmin_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      ObjectNode change = TestLedger.MAPPER.createObjectNode();
      change.put("action", "set-threshold");
      change.put("threshold", 1);
      ObjectNode body = TestLedger.MAPPER.createObjectNode();
      body.set("change", change);
      Transaction t = l.tx(l.client, "governance/propose", body);
      assertThat(l.apply(t).rejected().get(t.id()).code()).isEqualTo("governance.not-admin");
    }
  }

  @Test
  void governance_removingAdminsBelowThreshold_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 2)) {
      ObjectNode change = TestLedger.MAPPER.createObjectNode();
      change.put("action", "remove-signer");
      change.put("keyId", l.id(l.admin2).value());
      ObjectNode body = TestLedger.MAPPER.createObjectNode();
      body.set("change", change);
      Transaction propose = l.tx(l.admin1, "governance/propose", body);
      l.apply(propose);
      ObjectNode approve = TestLedger.MAPPER.createObjectNode();
      approve.put("proposal", propose.id().toString());
      Transaction second = l.tx(l.admin2, "governance/approve", approve);
      assertThat(l.apply(second).rejected().get(second.id()).code())
          .isEqualTo("governance.would-lock-out");
    }
  }

  @Test
  void open_existingStoreWithOtherGenesis_isRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      assertThatThrownBy(() -> new TestLedger(CryptoSuite.ED25519_SHA256, 1, l.store, 99))
          .hasMessageContaining("different genesis");
    }
  }

  @Test
  void open_existingStore_resumesAtHead() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      l.apply(l.anchor(l.client, 1));
      l.apply(l.anchor(l.client, 2));
      Engine reopened = Engine.open(l.store, l.genesis, List.of(new AnchorContract()), l.node,
          TestLedger.POOL);
      assertThat(reopened.view().head()).isEqualTo(l.engine.view().head());
      BlockOutcome next = reopened.apply(new OrderedBatch(l.genesis.time() + 10_000_000,
          reopened.nodeKeyId(), List.of(l.anchor(l.client, 3))));
      assertThat(next.block().orElseThrow().height()).isEqualTo(3);
      assertThat(next.block().orElseThrow().header().logSize()).isEqualTo(3);
    }
  }

  @Test
  void audit_intactLedger_passes_andAlteredByte_namesTheBlock() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      for (int b = 0; b < 4; b++) {
        l.apply(l.anchor(l.client, 2 * b), l.anchor(l.client, 2 * b + 1));
      }
      Audit audit = new Audit(l.store, "test", List.of(new AnchorContract()), TestLedger.POOL);
      Audit.Result ok = audit.run(h -> { });
      assertThat(ok.ok()).as(ok.problem().map(Object::toString).orElse("")).isTrue();
      assertThat(ok.blocks()).isEqualTo(5);
      assertThat(ok.transactions()).isEqualTo(8);

      // Flip one bit of log entry 5 (in block 3).
      LedgerKeys keys = new LedgerKeys("test");
      byte[] raw = l.store.get(keys.tx(5)).orElseThrow();
      int at = new String(raw, StandardCharsets.UTF_8).indexOf("digest") + 10;
      raw[at] ^= 1;
      l.store.write(new org.govledger.ledger.store.WriteBatch().put(keys.tx(5), raw));

      Audit.Result bad = audit.run(h -> { });
      assertThat(bad.problem()).isPresent();
      assertThat(bad.problem().get().height()).contains(3L);
    }
  }

  // With a history of one block, the latest block's stale nodes wait for the next block's prune.
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void stateHistory_keepsRecentVersionsProvable_prunesOlder_andAuditStillPasses(int history)
      throws Exception {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Engine engine = Engine.open(l.store, l.genesis, List.of(new AnchorContract()), l.node,
          TestLedger.POOL, new EngineOptions(history));
      List<String> digests = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Transaction t = l.anchor(l.client, i);
        digests.add(t.body().path("digest").asText());
        engine.apply(new OrderedBatch(l.genesis.time() + 1000L * (i + 1), engine.nodeKeyId(), List.of(t)));
      }
      LedgerView view = engine.view();
      byte[] key = AnchorContract.key(digests.get(4));
      view.stateProof(key, 5).verify(l.suite.hash(), view.block(5).orElseThrow().header().stateRoot());
      view.stateProof(key, 4).verify(l.suite.hash(), view.block(4).orElseThrow().header().stateRoot());
      assertThatThrownBy(() -> view.stateProof(key, 2))
          .isInstanceOf(org.govledger.ledger.state.VersionNotAvailableException.class)
          .hasMessageContaining("pruned");

      Audit.Result r = new Audit(l.store, "test", List.of(new AnchorContract()), TestLedger.POOL)
          .run(h -> { });
      assertThat(r.ok()).as(r.problem().map(Object::toString).orElse("")).isTrue();
    }
  }

  @Test
  void audit_alteredStateValue_isFound() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      Transaction t = l.anchor(l.client, 1);
      l.apply(t);
      LedgerKeys keys = new LedgerKeys("test");
      byte[] key = AnchorContract.key(t.body().path("digest").asText());
      l.store.write(new org.govledger.ledger.store.WriteBatch()
          .put(keys.stateValue(key), "{}".getBytes(StandardCharsets.UTF_8)));
      Audit.Result r = new Audit(l.store, "test", List.of(new AnchorContract()), TestLedger.POOL)
          .run(h -> { });
      assertThat(r.problem().orElseThrow().what()).contains("state value anchor/");
    }
  }

  @Test
  void apply_withOrdererPosition_storesItWithTheBlockAndWhenEverythingIsRefused() {
    try (TestLedger l = new TestLedger(CryptoSuite.ED25519_SHA256, 1)) {
      assertThat(l.engine.ordererPosition()).isEmpty();
      var tx = l.anchor(l.client, 1);
      BlockOutcome first = l.engine.apply(new OrderedBatch(l.genesis.time() + 1_000,
          l.engine.nodeKeyId(), List.of(tx)), new OrdererPosition(1, 5));
      assertThat(first.block()).isPresent();
      assertThat(l.engine.ordererPosition()).contains(new OrdererPosition(1, 5));

      // a replay: no block, but the entry was applied, so the position moves on
      BlockOutcome replay = l.engine.apply(new OrderedBatch(l.genesis.time() + 2_000,
          l.engine.nodeKeyId(), List.of(tx)), new OrdererPosition(2, 9));
      assertThat(replay.block()).isEmpty();
      assertThat(l.engine.ordererPosition()).contains(new OrdererPosition(2, 9));

      Engine reopened = Engine.open(l.store, l.genesis, List.of(new AnchorContract()), l.node,
          TestLedger.POOL);
      assertThat(reopened.ordererPosition()).contains(new OrdererPosition(2, 9));
      assertThat(reopened.view().head().height()).isEqualTo(1);
      // the entry that made each block is kept, for handing blocks to a node catching up
      assertThat(reopened.blockPosition(1)).contains(new OrdererPosition(1, 5));
      assertThat(reopened.blockPosition(2)).isEmpty();
      assertThat(reopened.blockPosition(0)).isEmpty();

      // the position is node bookkeeping, not chain content: the audit passes over it
      Audit.Result audit = new Audit(l.store, "test", List.of(new AnchorContract()), TestLedger.POOL)
          .run(h -> { });
      assertThat(audit.ok()).as(audit.problem().map(Object::toString).orElse("")).isTrue();
    }
  }

  @Test
  void ordererPosition_rejectsNegativeNumbers() {
    assertThatThrownBy(() -> new OrdererPosition(-1, 0)).hasMessageContaining("negative");
    assertThatThrownBy(() -> new OrdererPosition(0, -1)).hasMessageContaining("negative");
  }
}
