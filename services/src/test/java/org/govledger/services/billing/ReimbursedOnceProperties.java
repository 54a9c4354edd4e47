package org.govledger.services.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.services.ServicesLedger;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;

/**
 * Whatever claims, approvals and rejections come, from whichever payers and in whatever order,
 * a bill's approved total plus what open claims reserve never exceeds its reimbursable amount.
 */
class ReimbursedOnceProperties {
  private static final String[] PAYERS = {"basic-insurance", "acme-insurer", "employer"};

  @Property(tries = 25)
  void approvedPlusReservedNeverExceedsReimbursable(
      @ForAll @IntRange(min = 1, max = 100_000) int amount,
      @ForAll @IntRange(min = 0, max = 100) int coveredPercent,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1_000_000) Integer> ops) {
    ServicesLedger ledger = new ServicesLedger(CryptoSuite.ED25519_SHA256);
    SigningKey psb = ledger.newKey();
    ledger.govern(ServicesLedger.registerAgency("sz-psb", Optional.empty(), List.of("resident-identity-card"), psb));
    SigningKey hospital = ledger.newKey();
    register(ledger, "hospital", "biller", "medical", hospital);
    SigningKey[] payers = new SigningKey[PAYERS.length];
    for (int i = 0; i < PAYERS.length; i++) {
      payers[i] = ledger.newKey();
      register(ledger, PAYERS[i], "payer", "insurance", payers[i]);
    }
    SigningKey wallet = CryptoSuite.P256_SHA256.generate(ServicesLedger.deterministic(amount));
    String holder = SubjectIds.random(ServicesLedger.deterministic(amount + 1));
    ledger.run(psb, "identity/bind-subject", IdentityContract.bindBody(holder, Subject.Kind.PERSON, PublicJwk.of(wallet)));
    long covered = (long) amount * coveredPercent / 100;
    ObjectNode bill = JsonNodeFactory.instance.objectNode();
    bill.put("number", "B1");
    bill.put("holder", holder);
    bill.put("currency", "CNY");
    bill.put("amount", amount);
    bill.put("tax", 0);
    bill.put("covered", covered);
    bill.put("digest", "ab".repeat(32));
    assertThat(ledger.run(hospital, "billing/issue", bill)).isEmpty();

    List<String[]> open = new ArrayList<>(); // {claim id, payer index, claimed}
    int n = 0;
    for (int op : ops) {
      int kind = op % 3;
      if (kind == 0 || open.isEmpty()) {
        long ask = 1 + (op / 3) % Math.max(1, amount);
        int payer = (op / 7) % PAYERS.length;
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("claimant", holder);
        p.put("payer", PAYERS[payer]);
        p.put("currency", "CNY");
        ObjectNode item = p.putArray("items").addObject();
        item.put("bill", "hospital/B1");
        item.put("amount", ask);
        p.put("n", n++);
        String statement = SignedStatement.sign(wallet, BillingContract.CLAIM_TYP, p);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("statement", statement);
        if (ledger.run(ledger.node, "billing/claim", body).isEmpty()) {
          open.add(new String[] {BillingContract.claimIdOf(ledger.suite.hash(), statement), "" + payer, "" + ask});
        }
      } else {
        String[] c = open.remove((op / 3) % open.size());
        SigningKey payer = payers[Integer.parseInt(c[1])];
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("claim", c[0]);
        if (kind == 1) {
          ledger.run(payer, "billing/review", ref);
          ObjectNode approve = ref.deepCopy();
          ObjectNode item = approve.putArray("items").addObject();
          item.put("bill", "hospital/B1");
          item.put("amount", Long.parseLong(c[2]) - (op / 11) % 2); // sometimes less than claimed
          assertThat(ledger.run(payer, "billing/approve", approve)).isEmpty();
        } else {
          ref.put("reason", "not-covered");
          assertThat(ledger.run(payer, "billing/reject", ref)).isEmpty();
        }
      }
      JsonNode b = Bills.bill(ledger::state, "hospital/B1").orElseThrow();
      long reimbursable = b.path("reimbursable").asLong();
      assertThat(reimbursable).isEqualTo(amount - covered);
      assertThat(b.path("approved").asLong() + b.path("reserved").asLong()).isLessThanOrEqualTo(reimbursable);
      assertThat(b.path("reserved").asLong()).isEqualTo(open.stream().mapToLong(c -> Long.parseLong(c[2])).sum());
    }
  }

  private static void register(ServicesLedger ledger, String id, String role, String category, SigningKey key) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("action", "register-party");
    c.put("party", id);
    c.put("role", role);
    c.put("name", id);
    c.put("category", category);
    c.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
    assertThat(ledger.govern(c)).isEmpty();
  }
}
