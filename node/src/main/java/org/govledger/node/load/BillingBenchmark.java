package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.json.Canonical;
import org.govledger.services.billing.BillingContract;

/**
 * The e-bill workload of {@code govledger bench}, on a node of its own on a fresh demo ledger: a
 * metro issues bills (each committed with {@code wait=true}, then its document delivered to the
 * holder's wallet) and holders claim them from their employer (each claim a signed statement
 * committed by the node), first at ten times the busiest metro's rate (Shenzhen prints 160,000
 * receipts a day: 18.5 a second) open loop, then each as fast as it goes.
 */
final class BillingBenchmark {
  /** Ten times 160,000 receipts a day, per second. */
  static final double TEN_TIMES_METRO = 10 * 160_000 / 86_400.0;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int OPEN_LOOP_SENDERS = 16;
  private static final int TRAVELLERS = 64;

  private final Path data;
  private final Benchmark.Settings s;
  private final PrintStream out;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong serial = new AtomicLong();

  BillingBenchmark(Path data, Benchmark.Settings settings, PrintStream out) {
    this.data = data;
    this.s = settings;
    this.out = out;
  }

  /** What one run of bills or claims did. */
  private record Run(long done, long errors, double seconds, Latencies latencies) {
    double perSecond() {
      return done / seconds;
    }
  }

  private record Holder(String subject, SigningKey key) {}

  void run(MachineLimits.Measured limits) throws Exception {
    Timed<Run> billsOffered;
    Timed<Run> claimsOffered;
    Timed<Run> billsSaturated;
    Timed<Run> claimsSaturated;
    try (ChildNode node = ChildNode.start(data, s.nodeJvm())) {
      ProcessHandle nodeProcess = ProcessHandle.of(node.pid()).orElseThrow();
      GovLedgerClient client = new GovLedgerClient(node.uri());
      JsonNode info = client.info();
      String ledger = info.path("ledger").asText();
      CryptoSuite suite = CryptoSuite.fromId(info.path("suite").asText());
      SigningKey metro = suite.generate(random);
      SigningKey employer = suite.generate(random);
      TxSigner admin = new TxSigner(ledger, KeyFile.read(data.resolve("keys/admin.json")));
      register(client, admin, "sz-metro", "biller", "transport", metro);
      register(client, admin, "example-employer", "payer", "employer", employer);
      // travellers: bound by the identity authority, so that bills spread over many wallets (a
      // wallet holds at most 1,000 documents)
      List<Holder> holders = new ArrayList<>();
      TxSigner authority = new TxSigner(ledger, KeyFile.read(data.resolve("keys/agencies/sz-psb.json")));
      for (int i = 0; i < TRAVELLERS; i++) {
        SigningKey key = CryptoSuite.P256_SHA256.generate(random);
        String subject = org.govledger.services.identity.SubjectIds.random(random);
        client.submit(authority.sign("identity/bind-subject", org.govledger.services.identity.IdentityContract
            .bindBody(subject, org.govledger.services.identity.Subject.Kind.PERSON,
                org.govledger.credentials.PublicJwk.of(key))), true);
        holders.add(new Holder(subject, key));
      }
      TxSigner biller = new TxSigner(ledger, metro);
      HashFunction hash = suite.hash();
      ConcurrentLinkedQueue<String[]> unclaimed = new ConcurrentLinkedQueue<>(); // {bill id, holder index}
      Benchmark.step(out, "bills: warm-up (%d s)", s.warmup().toSeconds());
      run(OPEN_LOOP_SENDERS, 0, s.warmup(), i -> bill(client, biller, hash, holders, i, unclaimed));
      Benchmark.step(out, "bills and claims at %.1f/s each offered, open loop (%d s)", TEN_TIMES_METRO,
          s.duration().toSeconds());
      java.util.concurrent.CompletableFuture<Timed<Run>> claimsAlong = java.util.concurrent.CompletableFuture
          .supplyAsync(() -> {
            try {
              return Timed.measure(nodeProcess, () -> run(OPEN_LOOP_SENDERS, TEN_TIMES_METRO, s.duration(),
                  i -> claim(client, holders, unclaimed)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.util.concurrent.CompletionException(e);
            }
          });
      billsOffered = Timed.measure(nodeProcess, () -> run(OPEN_LOOP_SENDERS, TEN_TIMES_METRO, s.duration(),
          i -> bill(client, biller, hash, holders, i, unclaimed)));
      claimsOffered = claimsAlong.join();
      Benchmark.step(out, "bills at saturation, %d billing threads (%d s)", s.inFlight(), s.duration().toSeconds());
      billsSaturated = Timed.measure(nodeProcess, () -> run(s.inFlight(), 0, s.duration(),
          i -> bill(client, biller, hash, holders, i, unclaimed)));
      Benchmark.step(out, "claims at saturation, %d claimants (%d s)", s.inFlight(), s.duration().toSeconds());
      claimsSaturated = Timed.measure(nodeProcess, () -> run(s.inFlight(), 0, s.duration(),
          i -> claim(client, holders, unclaimed)));
    }
    out.println();
    out.printf("bills: a metro issues (billing/issue committed, then the document delivered to the wallet);"
        + " holders claim from their employer (a signed statement, billing/claim committed); HTTP via"
        + " java.net.http; CPU is the whole machine's (node, load generator)%n");
    line(String.format("bills, offered %.1f/s (10 x 160,000 a day)", TEN_TIMES_METRO), "bills", billsOffered);
    line(String.format("claims, offered %.1f/s alongside", TEN_TIMES_METRO), "claims", claimsOffered);
    line("bills, saturation (" + s.inFlight() + " threads)", "bills", billsSaturated);
    line("claims, saturation (" + s.inFlight() + " threads)", "claims", claimsSaturated);
    out.printf("ratios: bills/s at saturation / synced RocksDB batch writes/s = %.2f; claims/s at saturation"
        + " / all-core Ed25519 verify = %.3f%n", billsSaturated.result().perSecond() / limits.syncedWrites(),
        claimsSaturated.result().perSecond() / limits.ed25519AllCores());
    out.println();
  }

  private void line(String what, String unit, Timed<Run> t) {
    Run r = t.result();
    out.printf("%-44s: %8.1f %s/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %s  done %d, errors %d%n", what,
        r.perSecond(), unit, r.latencies().millis(0.5), r.latencies().millis(0.99), r.latencies().maxMillis(),
        t.cpuShares(), r.done(), r.errors());
  }

  @FunctionalInterface
  private interface Step {
    /** Does request {@code i}; false if there is nothing left to do (no bill left to claim). */
    boolean run(long i) throws Exception;
  }

  /** Runs {@code step} from {@code senders} threads, open loop at {@code rate} (or closed at 0). */
  private Run run(int senders, double rate, Duration duration, Step step) throws InterruptedException {
    Timetable t = Timetable.starting(rate, duration);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Latencies.Recorder> recorders = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < senders; k++) {
        Latencies.Recorder rec = new Latencies.Recorder();
        recorders.add(rec);
        futures.add(pool.submit(() -> {
          while (true) {
            long i = next.getAndIncrement();
            long due = t.due(i);
            if (t.over(due)) {
              return null;
            }
            Timetable.await(due);
            try {
              if (!step.run(i)) {
                return null;
              }
              rec.add(System.nanoTime() - due);
              done.incrementAndGet();
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Run(done.get(), errors.get(), Math.min(t.secondsSinceStart(), duration.toNanos() / 1e9 + 30),
        Latencies.merge(recorders));
  }

  private boolean bill(GovLedgerClient client, TxSigner biller, HashFunction hash, List<Holder> holders, long i,
      ConcurrentLinkedQueue<String[]> unclaimed) throws ClientException {
    int h = (int) (i % holders.size());
    String number = "M" + serial.incrementAndGet() + "-" + Long.toHexString(random.nextLong());
    long fare = 200 + (i % 50) * 10;
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("biller", "sz-metro");
    doc.put("number", number);
    doc.put("holder", holders.get(h).subject());
    doc.put("currency", "CNY");
    doc.put("amount", fare);
    doc.put("tax", 0);
    doc.put("covered", 0);
    ObjectNode item = doc.putArray("items").addObject();
    item.put("name", "metro ride");
    item.put("quantity", 1);
    item.put("unitPrice", fare);
    item.put("total", fare);
    doc.put("paidAt", Instant.now().toString());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("number", number);
    body.put("holder", holders.get(h).subject());
    body.put("currency", "CNY");
    body.put("amount", fare);
    body.put("tax", 0);
    body.put("covered", 0);
    body.put("digest", HexFormat.of().formatHex(hash.digest(Canonical.canonicalize(doc))));
    client.submit(biller.sign("billing/issue", body), true);
    client.post("/api/v1/wallets/" + holders.get(h).subject() + "/bills", doc);
    unclaimed.add(new String[] {"sz-metro/" + number, Integer.toString(h), Long.toString(fare)});
    return true;
  }

  private boolean claim(GovLedgerClient client, List<Holder> holders, ConcurrentLinkedQueue<String[]> unclaimed)
      throws ClientException {
    String[] b = unclaimed.poll();
    if (b == null) {
      return false; // every bill issued so far is claimed
    }
    Holder h = holders.get(Integer.parseInt(b[1]));
    ObjectNode p = MAPPER.createObjectNode();
    p.put("claimant", h.subject());
    p.put("payer", "example-employer");
    p.put("currency", "CNY");
    ObjectNode item = p.putArray("items").addObject();
    item.put("bill", b[0]);
    item.put("amount", Long.parseLong(b[2]));
    p.put("iat", Instant.now().getEpochSecond());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(h.key(), BillingContract.CLAIM_TYP, p));
    client.post("/api/v1/claims", body);
    return true;
  }

  private static void register(GovLedgerClient client, TxSigner admin, String id, String role, String category,
      SigningKey key) throws ClientException {
    ObjectNode change = MAPPER.createObjectNode();
    change.put("action", "register-party");
    change.put("party", id);
    change.put("role", role);
    change.put("name", id);
    change.put("category", category);
    change.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
    ObjectNode body = MAPPER.createObjectNode();
    body.set("change", change);
    client.submit(admin.sign("governance/propose", body), true);
  }
}
