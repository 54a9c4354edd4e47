package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.json.Canonical;
import org.govledger.node.config.NodeConfig;
import org.govledger.services.billing.BillingContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-bills end to end on a real node over HTTP: a hospital visit reimbursed by basic and
 * commercial insurance, a metro ride paid by an employer, every bad input refused, and a race of
 * many claims on one bill in which the total never exceeds what the bill allows.
 */
class BillingFlowIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir static Path dir;
  static Node node;
  static GovLedgerClient client;
  static String base;
  static Map<String, SigningKey> parties = new java.util.HashMap<>();
  static String li;
  static SigningKey liKey;
  static String zhang;
  static SigningKey zhangKey;
  static final AtomicInteger SERIAL = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
    base = "http://127.0.0.1:" + node.port();
    client = new GovLedgerClient(URI.create(base));
    TxSigner admin = new TxSigner("demo", KeyFile.read(dir.resolve("keys/admin.json")));
    for (String[] p : new String[][] {{"zj-hospital-1", "biller", "medical"}, {"sz-metro", "biller", "transport"},
        {"zj-medical-insurance", "payer", "insurance"}, {"acme-insurer", "payer", "insurance"},
        {"example-employer", "payer", "employer"}, {"zj-pharmacy-1", "biller", "pharmacy"}}) {
      SigningKey k = node.engine().view().genesis().suite().generate(RANDOM);
      parties.put(p[0], k);
      ObjectNode change = MAPPER.createObjectNode();
      change.put("action", "register-party");
      change.put("party", p[0]);
      change.put("role", p[1]);
      change.put("name", p[0]);
      change.put("category", p[2]);
      change.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(k.publicKey()));
      ObjectNode body = MAPPER.createObjectNode();
      body.set("change", change);
      client.submit(admin.sign("governance/propose", body), true);
    }
    JsonNode holders = MAPPER.readTree(dir.resolve("keys/holders/holders.json").toFile());
    zhang = holders.get(0).path("subject").asText();
    zhangKey = KeyFile.read(dir.resolve("keys/holders/" + holders.get(0).path("keyFile").asText()));
    li = holders.get(1).path("subject").asText();
    liKey = KeyFile.read(dir.resolve("keys/holders/" + holders.get(1).path("keyFile").asText()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonNode act(String party, String action, ObjectNode body) throws ClientException {
    return client.submit(new TxSigner("demo", parties.get(party)).sign("billing/" + action, body), true);
  }

  /** Issues a bill on chain and delivers its document to the holder's wallet; returns its id. */
  static String bill(String biller, String holder, String currency, long amount, long covered) throws Exception {
    String number = "B" + Instant.now().toEpochMilli() + "-" + SERIAL.incrementAndGet();
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("biller", biller);
    doc.put("number", number);
    doc.put("holder", holder);
    doc.put("currency", currency);
    doc.put("amount", amount);
    doc.put("tax", 0);
    doc.put("covered", covered);
    ObjectNode item = doc.putArray("items").addObject();
    item.put("name", biller.startsWith("zj") ? "门诊诊查费 outpatient consultation" : "地铁 metro ride");
    item.put("quantity", 1);
    item.put("unitPrice", amount);
    item.put("total", amount);
    doc.put("paidAt", Instant.now().toString());
    String digest = HexFormat.of().formatHex(node.engine().view().genesis().suite().hash().digest(Canonical.canonicalize(doc)));
    ObjectNode body = MAPPER.createObjectNode();
    body.put("number", number);
    body.put("holder", holder);
    body.put("currency", currency);
    body.put("amount", amount);
    body.put("tax", 0);
    body.put("covered", covered);
    body.put("digest", digest);
    act(biller, "issue", body);
    client.post("/api/v1/wallets/" + holder + "/bills", doc);
    return biller + "/" + number;
  }

  static String claim(SigningKey key, String claimant, String payer, String currency, Map<String, Long> items)
      throws ClientException {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("claimant", claimant);
    p.put("payer", payer);
    p.put("currency", currency);
    items.forEach((bill, amount) -> {
      ObjectNode i = p.withArrayProperty("items").addObject();
      i.put("bill", bill);
      i.put("amount", amount);
    });
    p.put("iat", Instant.now().getEpochSecond());
    p.put("nonce", Long.toHexString(RANDOM.nextLong()));
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(key, BillingContract.CLAIM_TYP, p));
    return client.post("/api/v1/claims", body).path("claimId").asText();
  }

  static ObjectNode ref(String claim) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("claim", claim);
    return o;
  }

  static void approveAll(String payer, String claim, String bill, long amount) throws ClientException {
    act(payer, "review", ref(claim));
    ObjectNode a = ref(claim);
    ObjectNode i = a.putArray("items").addObject();
    i.put("bill", bill);
    i.put("amount", amount);
    act(payer, "approve", a);
  }

  static String code(ClientException e) {
    return e.type();
  }

  @Test
  void aHospitalBillIsReimbursedByTwoPayersNeverMoreThanItAllowsAndTheClaimantFollowsItLive() throws Exception {
    String bill = bill("zj-hospital-1", li, "CNY", 100_000, 20_000);
    JsonNode record = client.get("/api/v1/bills/" + bill);
    assertThat(record.path("reimbursable").asLong()).isEqualTo(80_000);

    String basic = claim(liKey, li, "zj-medical-insurance", "CNY", Map.of(bill, 56_000L));
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
      try {
        HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/v1/claims/" + basic + "/events")).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
        r.body().filter(l -> l.startsWith("data:")).forEach(l -> {
          try {
            seen.add(MAPPER.readTree(l.substring(5).trim()).path("status").asText());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(400);
    act("zj-medical-insurance", "review", ref(basic));
    Thread.sleep(400);
    ObjectNode approve = ref(basic);
    ObjectNode item = approve.putArray("items").addObject();
    item.put("bill", bill);
    item.put("amount", 56_000);
    act("zj-medical-insurance", "approve", approve);
    Thread.sleep(400);
    ObjectNode pay = ref(basic);
    pay.put("reference", "ZJYB-2026-000123");
    act("zj-medical-insurance", "pay", pay);
    stream.get(10, TimeUnit.SECONDS);
    assertThat(seen).containsSubsequence("submitted", "under-review", "approved", "paid");

    String rest = claim(liKey, li, "acme-insurer", "CNY", Map.of(bill, 24_000L));
    approveAll("acme-insurer", rest, bill, 24_000);
    assertThatThrownBy(() -> claim(liKey, li, "acme-insurer", "CNY", Map.of(bill, 1L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.over-claim"));
    JsonNode after = client.get("/api/v1/bills/" + bill);
    assertThat(after.path("approved").asLong()).isEqualTo(80_000);
    assertThat(after.path("reimbursements")).hasSize(2);
    assertThat(after.toString()).as("payers see amounts, not line items").doesNotContain("outpatient");
  }

  @Test
  void aMetroRideIsClaimedFromTheEmployerAndPaid() throws Exception {
    String ride = bill("sz-metro", li, "CNY", 450, 0);
    String c = claim(liKey, li, "example-employer", "CNY", Map.of(ride, 450L));
    approveAll("example-employer", c, ride, 450);
    ObjectNode pay = ref(c);
    pay.put("reference", "PAYROLL-2026-11");
    act("example-employer", "pay", pay);
    String path = "/api/v1/wallets/" + li + "/claims";
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    JsonNode mine = client.call("GET", path, Optional.empty(), Map.of("Authorization", HolderProof.SCHEME + " "
        + HolderProof.sign(liKey, li, "GET", path, Instant.now().getEpochSecond(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(jti))));
    List<String> statuses = new ArrayList<>();
    mine.path("claims").forEach(x -> {
      if (x.path("id").asText().equals(c)) {
        statuses.add(x.path("status").asText());
      }
    });
    assertThat(statuses).containsExactly("paid");
  }

  @Test
  void badInputIsRefusedWithItsReasonAndChangesNothing() throws Exception {
    String bill = bill("zj-hospital-1", li, "CNY", 10_000, 0);
    assertThatThrownBy(() -> claim(liKey, li, "acme-insurer", "CNY", Map.of("zj-hospital-1/NOPE", 1L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.unknown-bill"));
    assertThatThrownBy(() -> claim(zhangKey, zhang, "acme-insurer", "CNY", Map.of(bill, 100L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.not-your-bill"));
    assertThatThrownBy(() -> claim(zhangKey, li, "acme-insurer", "CNY", Map.of(bill, 100L)))
        .as("signed by someone else's key").isInstanceOfSatisfying(ClientException.class,
            e -> assertThat(code(e)).isEqualTo("billing.bad-signature"));
    assertThatThrownBy(() -> claim(liKey, li, "acme-insurer", "USD", Map.of(bill, 100L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.currency-mismatch"));
    assertThatThrownBy(() -> claim(liKey, li, "acme-insurer", "CNY", Map.of(bill, 10_001L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.over-claim"));
    assertThatThrownBy(() -> claim(liKey, li, "sz-metro", "CNY", Map.of(bill, 1L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.unknown-payer"));

    String c = claim(liKey, li, "acme-insurer", "CNY", Map.of(bill, 5_000L));
    ObjectNode pay = ref(c);
    pay.put("reference", "X1");
    assertThatThrownBy(() -> act("acme-insurer", "pay", pay))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.out-of-order"));
    assertThatThrownBy(() -> act("zj-medical-insurance", "review", ref(c)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.not-your-claim"));
    ObjectNode voidIt = MAPPER.createObjectNode();
    voidIt.put("number", bill.substring(bill.indexOf('/') + 1));
    voidIt.put("reason", "wrong-patient");
    assertThatThrownBy(() -> act("zj-hospital-1", "void", voidIt))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.claimed"));
    ObjectNode reject = ref(c);
    reject.put("reason", "not-covered");
    act("acme-insurer", "reject", reject);
    assertThat(client.get("/api/v1/bills/" + bill).path("reserved").asLong()).as("a rejection frees the share").isZero();

    String fresh = bill("zj-hospital-1", li, "CNY", 3_000, 0);
    ObjectNode voidFresh = MAPPER.createObjectNode();
    voidFresh.put("number", fresh.substring(fresh.indexOf('/') + 1));
    voidFresh.put("reason", "red-letter");
    act("zj-hospital-1", "void", voidFresh);
    assertThatThrownBy(() -> claim(liKey, li, "acme-insurer", "CNY", Map.of(fresh, 100L)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.voided"));

    ObjectNode badAmounts = MAPPER.createObjectNode();
    badAmounts.put("number", "BAD-1");
    badAmounts.put("holder", li);
    badAmounts.put("currency", "CNY");
    badAmounts.put("amount", 100);
    badAmounts.put("tax", 0);
    badAmounts.put("covered", 101);
    badAmounts.put("digest", "ab".repeat(32));
    assertThatThrownBy(() -> act("zj-hospital-1", "issue", badAmounts))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.amounts-do-not-add-up"));
    assertThatThrownBy(() -> client.get("/api/v1/bills/zj-hospital-1/BAD-1"))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    ObjectNode forged = MAPPER.createObjectNode();
    forged.put("biller", "zj-hospital-1");
    forged.put("number", bill.substring(bill.indexOf('/') + 1));
    forged.put("holder", li);
    forged.put("amount", 1);
    assertThatThrownBy(() -> client.post("/api/v1/wallets/" + li + "/bills", forged))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("digest-mismatch"));
  }

  @Test
  void manyClaimsRacingOnOneBillNeverReimburseMoreThanItAllows() throws Exception {
    String bill = bill("zj-hospital-1", li, "CNY", 10_000, 0);
    String[] payers = {"zj-medical-insurance", "acme-insurer", "example-employer"};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> filed = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String payer = payers[i % 3];
        filed.add(pool.submit(() -> {
          try {
            return payer + " " + claim(liKey, li, payer, "CNY", Map.of(bill, 3_000L));
          } catch (ClientException e) {
            return "refused " + e.type();
          }
        }));
      }
      List<Future<?>> approvals = new ArrayList<>();
      int accepted = 0;
      for (Future<String> f : filed) {
        String r = f.get();
        if (r.startsWith("refused")) {
          assertThat(r).isEqualTo("refused billing.over-claim");
        } else {
          accepted++;
          String[] parts = r.split(" ");
          approvals.add(pool.submit(() -> {
            approveAll(parts[0], parts[1], bill, 3_000);
            return null;
          }));
        }
      }
      for (Future<?> f : approvals) {
        f.get();
      }
      assertThat(accepted).isEqualTo(3);
      JsonNode after = client.get("/api/v1/bills/" + bill);
      assertThat(after.path("approved").asLong()).isEqualTo(9_000).isLessThanOrEqualTo(after.path("reimbursable").asLong());
      assertThat(after.path("reserved").asLong()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPrescriptionIsDispensedOnceByARegisteredPharmacyAndThePatientSeesEveryRecord() throws Exception {
    String number = "RX" + SERIAL.incrementAndGet() + "-" + Instant.now().toEpochMilli();
    ObjectNode appointment = MAPPER.createObjectNode();
    appointment.put("number", "A" + number);
    appointment.put("holder", li);
    appointment.put("department", "cardiology");
    appointment.put("at", Instant.now().getEpochSecond() + 86_400);
    act("zj-hospital-1", "appointment", appointment);
    ObjectNode rx = MAPPER.createObjectNode();
    rx.put("number", number);
    rx.put("holder", li);
    rx.put("digest", "cd".repeat(32));
    act("zj-hospital-1", "prescribe", rx);
    ObjectNode which = MAPPER.createObjectNode();
    which.put("prescription", "zj-hospital-1/" + number);
    assertThatThrownBy(() -> act("zj-pharmacy-1", "pickup", which))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.out-of-order"));
    assertThatThrownBy(() -> act("sz-metro", "dispense", which))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.not-a-pharmacy"));
    act("zj-pharmacy-1", "dispense", which);
    assertThatThrownBy(() -> act("zj-pharmacy-1", "dispense", which))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.already-dispensed"));
    act("zj-pharmacy-1", "pickup", which);
    assertThatThrownBy(() -> act("sz-metro", "prescribe", rx))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(code(e)).isEqualTo("billing.not-medical"));

    String path = "/api/v1/wallets/" + li + "/medical";
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    JsonNode mine = client.call("GET", path, Optional.empty(), Map.of("Authorization", HolderProof.SCHEME + " "
        + HolderProof.sign(liKey, li, "GET", path, Instant.now().getEpochSecond(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(jti))));
    List<String> records = new ArrayList<>();
    mine.path("records").forEach(r -> records.add(r.path("kind").asText() + ":" + r.path("status").asText("booked")));
    assertThat(records).contains("appointment:booked", "prescription:picked-up");
  }
}
