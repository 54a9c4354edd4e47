package org.govledger.node.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.govledger.client.GovLedgerClient;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.SdJwt;

/**
 * The e-certificate workload of {@code govledger bench}, on a node of its own on a fresh demo
 * ledger: agencies issuing (build and sign the SD-JWT VC, anchor it with {@code wait=true}) as
 * fast as they can; then verifiers at a fixed offered rate, open loop, first alone and then while
 * agencies keep issuing at a lower fixed rate; then verification alone as fast as it goes. The presentations cycle
 * through {@value #CREDENTIALS} certificates issued beforehand: every other one is presented with
 * two claims disclosed and a KB-JWT by the holder's P-256 key, over an audience and nonce the
 * node is asked to require; the rest are the whole credential, no key binding required.
 */
final class CertificateBenchmark {
  static final int CREDENTIALS = 200;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String AUDIENCE = "urn:govledger:bench";
  /** Senders of an open-loop run: enough that a stall of the node does not hold the timetable. */
  private static final int OPEN_LOOP_SENDERS = 64;
  /** Verifiers at saturation: enough to keep every core busy; more would only queue. */
  private static final int VERIFIERS = 8;
  private static final int PRE_ISSUERS = 8;

  private final Path data;
  private final Benchmark.Settings s;
  private final PrintStream out;

  CertificateBenchmark(Path data, Benchmark.Settings settings, PrintStream out) {
    this.data = data;
    this.s = settings;
    this.out = out;
  }

  private record Figures(int orders, Timed<IssuanceRun.Result> issuing,
      Timed<VerificationRun.Result> fixedAlone, Timed<VerificationRun.Result> fixed,
      IssuanceRun.Result alongside, Timed<VerificationRun.Result> saturated) {}

  void run(MachineLimits.Measured limits) throws Exception {
    Figures f;
    try (ChildNode node = ChildNode.start(data, s.nodeJvm())) {
      ProcessHandle nodeProcess = ProcessHandle.of(node.pid()).orElseThrow();
      String ledger = new GovLedgerClient(node.uri()).info().path("ledger").asText();
      DemoIssuance demo = DemoIssuance.load(data, ledger);
      IssuanceRun issuance = new IssuanceRun(node.uri(), demo);
      VerificationRun verification = new VerificationRun(node.uri());
      Benchmark.step(out, "certificates: issuing %d to verify later", CREDENTIALS);
      List<DemoIssuance.Issue> held = preIssue(issuance);
      Benchmark.step(out, "issuance at saturation, %d agency threads (%d s warm-up, %d s measured)",
          s.inFlight(), s.warmup().toSeconds(), s.duration().toSeconds());
      issuance.run(s.inFlight(), 0, s.warmup(), Long.MAX_VALUE, 0);
      Timed<IssuanceRun.Result> issuing = Timed.measure(nodeProcess,
          () -> issuance.run(s.inFlight(), 0, s.duration(), Long.MAX_VALUE, 0));
      Benchmark.step(out, "verification warm-up (%d s)", s.warmup().toSeconds());
      verification.run(presentations(held, demo), VERIFIERS, 0, s.warmup());
      Benchmark.step(out, "verification at %.0f/s offered, nothing else (%d s)", s.verifyRate(),
          s.duration().toSeconds());
      List<byte[]> bodies = presentations(held, demo);
      Timed<VerificationRun.Result> fixedAlone = Timed.measure(nodeProcess,
          () -> verification.run(bodies, OPEN_LOOP_SENDERS, s.verifyRate(), s.duration()));
      Benchmark.step(out, "verification at %.0f/s offered with issuance at %.0f/s offered alongside (%d s)",
          s.verifyRate(), s.issueRate(), s.duration().toSeconds());
      CompletableFuture<IssuanceRun.Result> alongside = CompletableFuture.supplyAsync(() -> {
        try {
          return issuance.run(OPEN_LOOP_SENDERS / 4, s.issueRate(), s.duration(), Long.MAX_VALUE, 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(e);
        }
      });
      List<byte[]> again = presentations(held, demo);
      Timed<VerificationRun.Result> fixed = Timed.measure(nodeProcess,
          () -> verification.run(again, OPEN_LOOP_SENDERS, s.verifyRate(), s.duration()));
      IssuanceRun.Result alongsideResult = alongside.join();
      Benchmark.step(out, "verification at saturation, %d verifiers (%d s)", VERIFIERS,
          s.duration().toSeconds());
      List<byte[]> last = presentations(held, demo);
      Timed<VerificationRun.Result> saturated = Timed.measure(nodeProcess,
          () -> verification.run(last, VERIFIERS, 0, s.duration()));
      f = new Figures(demo.orders(), issuing, fixedAlone, fixed, alongsideResult, saturated);
    }
    print(f, limits);
  }

  private List<DemoIssuance.Issue> preIssue(IssuanceRun issuance) throws InterruptedException {
    IssuanceRun.Result r = issuance.run(PRE_ISSUERS, 0, Duration.ofMinutes(5), CREDENTIALS, CREDENTIALS);
    if (r.kept().size() < CREDENTIALS) {
      throw new IllegalStateException("only " + r.kept().size() + " of " + CREDENTIALS
          + " certificates were issued before measuring: " + r.refused() + " refused, errors "
          + r.errorsByStatus() + "; see " + data + ".log");
    }
    return r.kept();
  }

  /**
   * Request bodies for the verifier, made now so that the KB-JWTs are fresh (the node accepts
   * them for five minutes): even-numbered certificates whole, odd-numbered ones with two claims
   * and a KB-JWT for an audience and nonce the request names.
   */
  private static List<byte[]> presentations(List<DemoIssuance.Issue> held, DemoIssuance demo)
      throws CredentialException {
    long now = Instant.now().getEpochSecond();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < held.size(); i++) {
      DemoIssuance.Issue c = held.get(i);
      ObjectNode body = MAPPER.createObjectNode();
      if (i % 2 == 0) {
        body.put("presentation", c.certificate().credential());
      } else {
        SdJwt credential = SdJwt.parse(c.certificate().credential());
        Set<String> two = Set.copyOf(credential.claimNames().stream().limit(2).toList());
        String nonce = "bench-" + i;
        body.put("presentation", credential.present(two, demo.holderKey(c.holder()), AUDIENCE, nonce, now));
        body.put("audience", AUDIENCE);
        body.put("nonce", nonce);
      }
      bodies.add(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private void print(Figures f, MachineLimits.Measured limits) {
    IssuanceRun.Result issued = f.issuing().result();
    VerificationRun.Result fixed = f.fixed().result();
    VerificationRun.Result saturated = f.saturated().result();
    // each verification checks the issuer's Ed25519 signature; every other one a P-256 KB-JWT too
    double signatureLimit = 1 / (1 / limits.ed25519AllCores() + 0.5 / limits.p256AllCores());
    out.println();
    out.printf("certificates: %d orders (agency, type, holder) cycled; each certificate is built and"
        + " signed (SD-JWT VC and its certificate/issue transaction) on this machine's cores, next to"
        + " the node's; CPU is the whole machine's (node, load generator)%n", f.orders());
    out.printf("%-44s: %8.0f certificates/s issued and anchored  p50 %6.1f ms  p99 %6.1f ms  %s"
        + "  (build and sign %.2f ms each)%n",
        "issuance, saturation (" + s.inFlight() + " agency threads)", issued.perSecond(),
        issued.latencies().millis(0.5), issued.latencies().millis(0.99), f.issuing().cpuShares(),
        issued.buildMillis());
    verification(String.format("verification, offered %.0f/s, nothing else", s.verifyRate()), f.fixedAlone());
    verification(String.format("verification, offered %.0f/s, issuing %.0f/s", s.verifyRate(), s.issueRate()),
        f.fixed());
    out.printf("%-44s: %8.0f certificates/s issued and anchored  p50 %6.1f ms  p99 %6.1f ms%n",
        String.format("  issuance alongside, offered %.0f/s", s.issueRate()), f.alongside().perSecond(),
        f.alongside().latencies().millis(0.5), f.alongside().latencies().millis(0.99));
    verification("verification, saturation (" + VERIFIERS + " verifiers)", f.saturated());
    out.printf("certificate errors: issuance %s, issuance alongside %s, verification offered %s and %s,"
        + " verification saturation %s; refused issues %d%n", issued.errorsByStatus(),
        f.alongside().errorsByStatus(), f.fixedAlone().result().errorsByStatus(), fixed.errorsByStatus(),
        saturated.errorsByStatus(), issued.refused() + f.alongside().refused());
    f.fixedAlone().result().firstNotValid().or(fixed::firstNotValid).or(saturated::firstNotValid)
        .ifPresent(a -> out.println("first answer not valid: " + a));
    out.printf("target: verification p99 <= 5 ms at %.0f/s offered with issuance alongside: %s (%.1f ms)%n",
        s.verifyRate(), fixed.latencies().millis(0.99) <= 5 ? "met" : "NOT met", fixed.latencies().millis(0.99));
    out.println();
    out.printf("ratios: verifications/s at saturation / all-core Ed25519 verify limit = %.2f; / the"
        + " signature limit of this mix (1 Ed25519 + 0.5 P-256 per verification, %.0f/s) = %.2f;"
        + " certificates issued/s / all-core Ed25519 verify limit = %.2f%n",
        saturated.perSecond() / limits.ed25519AllCores(), signatureLimit, saturated.perSecond() / signatureLimit,
        issued.perSecond() / limits.ed25519AllCores());
  }

  private void verification(String label, Timed<VerificationRun.Result> t) {
    VerificationRun.Result r = t.result();
    out.printf("%-44s: %8.0f verifications/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %s  valid %d of %d%n",
        label, r.perSecond(), r.latencies().millis(0.5), r.latencies().millis(0.99), r.latencies().maxMillis(),
        t.cpuShares(), r.valid(), r.answered());
  }
}
