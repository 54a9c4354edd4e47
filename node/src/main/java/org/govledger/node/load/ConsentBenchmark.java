package org.govledger.node.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.govledger.client.GovLedgerClient;

/**
 * The consent workload of {@code govledger bench}, on a node of its own on a fresh demo ledger:
 * complete sharing-by-consent flows ({@link ConsentFlowRun}: request, fetch, consent, the
 * verifier's check, result), first as fast as a fixed number of concurrent flows completes them
 * (closed loop), then offered at a fixed rate (open loop). If that rate is not sustained, up to
 * {@value #LOWER_RATES} lower rates are tried, the first just below the most the node completed,
 * so that the verifier's check is also reported at the highest rate tried that the node sustained.
 */
final class ConsentBenchmark {
  /** Distinct holders the flows cycle through: the demo persons and new ones bound for the run. */
  static final int HOLDERS = 32;
  /** Threads of an open-loop run: enough that a stall of the node does not hold the timetable. */
  private static final int OPEN_LOOP_SENDERS = 128;
  /** A rate is sustained if at least this share of it was granted per second, ... */
  private static final double SUSTAINED_SHARE = 0.95;
  /** ... no flow failed, and flows (from their due time) took at most this long at p99: no backlog. */
  private static final double SUSTAINED_FLOW_P99_MILLIS = 1000;
  /** Lower rates tried when the offered rate is not sustained, each 0.8 times the last. */
  private static final int LOWER_RATES = 3;
  /** The target: the verifier's check p99 at most this at the offered rate. */
  private static final double CHECK_P99_TARGET_MILLIS = 10;

  private final Path data;
  private final Benchmark.Settings s;
  private final PrintStream out;

  ConsentBenchmark(Path data, Benchmark.Settings settings, PrintStream out) {
    this.data = data;
    this.s = settings;
    this.out = out;
  }

  /** A run at an offered rate, and whether the node sustained it. */
  private record Offered(double rate, Timed<ConsentFlowRun.Result> run, boolean sustained) {}

  void run(MachineLimits.Measured limits) throws Exception {
    Timed<ConsentFlowRun.Result> saturated;
    List<Offered> offered = new ArrayList<>();
    int holders;
    double localMillis;
    String warmedUp;
    String signedAhead = "";
    try (ChildNode node = ChildNode.start(data, s.nodeJvm())) {
      ProcessHandle nodeProcess = ProcessHandle.of(node.pid()).orElseThrow();
      GovLedgerClient client = new GovLedgerClient(node.uri());
      String ledger = client.info().path("ledger").asText();
      Benchmark.step(out, "consent: %d holders with an identity card (the demo's, and new ones bound now)", HOLDERS);
      ConsentParties parties = ConsentParties.load(client, node.uri(), data,
          IdentityCardHolders.prepare(client, data, ledger, HOLDERS, new SecureRandom()));
      holders = parties.holders();
      ConsentFlowRun flows = new ConsentFlowRun(node.uri(), parties);
      warmedUp = JitWarmUp.run(List.of(node), s.warmup(),
          () -> () -> flows.run(s.consentFlows(), 0, s.warmup()), out,
          "consent warm-up, " + s.consentFlows() + " concurrent").toString();
      Benchmark.step(out, "consent flows at saturation, %d concurrent (%d s measured)", s.consentFlows(),
          s.duration().toSeconds());
      saturated = Timed.measure(nodeProcess, () -> flows.run(s.consentFlows(), 0, s.duration()));
      double rate = s.flowRate();
      for (int lower = 0; lower <= LOWER_RATES; lower++) {
        double offeredRate = rate;
        long signing = System.nanoTime();
        List<ConsentParties.Signed> signed = flows.sign(offeredRate, s.duration());
        signedAhead = String.format("%d flows, signed in %.1f s", signed.size(), (System.nanoTime() - signing) / 1e9);
        Benchmark.step(out, "consent flows offered at %.0f/s, open loop (%d s; both sides' signatures made ahead: %s)",
            rate, s.duration().toSeconds(), signedAhead);
        Timed<ConsentFlowRun.Result> run = Timed.measure(nodeProcess,
            () -> flows.run(OPEN_LOOP_SENDERS, offeredRate, s.duration(), signed));
        offered.add(new Offered(rate, run, sustained(run.result(), rate)));
        if (offered.get(offered.size() - 1).sustained()) {
          break;
        }
        // first just below the most the node completed in either run, then 0.8 times lower each time
        double next = lower == 0
            ? Math.min(0.9 * Math.max(saturated.result().perSecond(), run.result().perSecond()), 0.8 * rate)
            : 0.8 * rate;
        rate = Math.max(10, Math.floor(next / 10) * 10);
      }
      localMillis = saturated.result().localMillis();
    }
    print(holders, localMillis, warmedUp, signedAhead, saturated, offered, limits);
  }

  private static boolean sustained(ConsentFlowRun.Result r, double rate) {
    return r.errorsByStep().isEmpty() && r.granted() == r.started() && r.perSecond() >= SUSTAINED_SHARE * rate
        && r.flows().millis(0.99) <= SUSTAINED_FLOW_P99_MILLIS;
  }

  private void print(int holders, double localMillis, String warmedUp, String signedAhead,
      Timed<ConsentFlowRun.Result> saturated, List<Offered> offered, MachineLimits.Measured limits) {
    // on the node, per flow: the request object (Ed25519), the consent statement (P-256, checked
    // once: the contract finds it remembered), the node's signatures on its two transactions
    // (Ed25519, about a verification's cost each), and the presentation: the issuer's signature
    // (Ed25519) and the KB-JWT (P-256)
    double signatureLimit = 1 / (4 / limits.ed25519AllCores() + 2 / limits.p256AllCores());
    out.println();
    out.printf("consent: each flow is 5 calls: the verifier (%s) signs a request object (Ed25519) and posts it;"
        + " the wallet fetches it, checks it against the verifier's registered key, signs the holder's consent"
        + " (P-256) and posts it (consent/record, committed before the answer), then presents %d claims of a"
        + " resident identity card with a KB-JWT (P-256); the node checks it and admits consent/access, and"
        + " answers without waiting for the block; the verifier reads the result, which the node hands over once"
        + " that access record is committed. %d holders. At saturation both sides' signing and checking"
        + " runs on this machine's cores, next to the node's (%.2f ms per flow); at an offered rate it is done"
        + " before the run, as verifiers and phones would on their own hardware, and the wallet's check of the"
        + " request object is that the node serves the very object the verifier signed (last run: %s)."
        + " CPU is the whole machine's (node, load generator)%n", ConsentParties.VERIFIER,
        ConsentParties.CLAIMS.size(), holders, localMillis, signedAhead);
    out.println("consent node warm-up: " + warmedUp);
    out.println("the verifier's check = the POST /api/v1/presentations call, from sending it to the node's 200;"
        + " claims released = from sending it to reading the granted result (the check, then the access record's"
        + " block);"
        + " each step counts from when its call was sent (" + Arrays.stream(ConsentFlowRun.Step.values())
        .map(x -> x.label + " = " + x.call).collect(Collectors.joining(", ")) + "); a flow counts from its due"
        + " time (open loop) or its start (closed loop) to the verifier's read of the result");
    flows(String.format("consent flows, saturation (%d concurrent)", s.consentFlows()), saturated, "");
    for (int i = 0; i < offered.size(); i++) {
      Offered o = offered.get(i);
      flows(String.format("consent flows, offered %.0f/s", o.rate()), o.run(),
          o.sustained() ? "  sustained" : "  NOT sustained");
    }
    Map<String, Map<String, Long>> errors = new LinkedHashMap<>();
    errors.put("saturation", saturated.result().errorsByStep());
    offered.forEach(o -> errors.put(String.format("offered %.0f/s", o.rate()), o.run().result().errorsByStep()));
    out.println("consent errors: " + errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ")));
    saturated.result().firstFailure().or(() -> offered.stream()
        .flatMap(o -> o.run().result().firstFailure().stream()).findFirst())
        .ifPresent(f -> out.println("first failed flow: " + f));
    target(offered);
    out.println();
    out.printf("ratios: consent flows/s at saturation / all-core Ed25519 verify limit = %.3f; / the signature limit"
        + " of a flow's checks on the node (2 Ed25519 verifications and 2 signatures + 2 P-256 verifications, %.0f flows/s) = %.2f%n",
        saturated.result().perSecond() / limits.ed25519AllCores(), signatureLimit,
        saturated.result().perSecond() / signatureLimit);
  }

  private void target(List<Offered> offered) {
    Offered first = offered.get(0);
    double p99 = first.run().result().step(ConsentFlowRun.Step.CHECK).millis(0.99);
    if (first.sustained()) {
      out.printf("target: the verifier's check p99 <= %.0f ms at %.0f flows/s offered: %s (%.1f ms)%n",
          CHECK_P99_TARGET_MILLIS, first.rate(), p99 <= CHECK_P99_TARGET_MILLIS ? "met" : "NOT met", p99);
      return;
    }
    Optional<Offered> highest = offered.stream().filter(Offered::sustained).findFirst();
    out.printf("target: the verifier's check p99 <= %.0f ms at %.0f flows/s offered: NOT met: %.0f flows/s was not"
        + " sustained (%.0f granted/s, check p99 %.1f ms); %s%n", CHECK_P99_TARGET_MILLIS, first.rate(), first.rate(),
        first.run().result().perSecond(), p99, highest.map(h -> String.format(
            "of the rates tried, the highest sustained was %.0f flows/s, with the check's p99 %.1f ms", h.rate(),
            h.run().result().step(ConsentFlowRun.Step.CHECK).millis(0.99)))
            .orElse("none of the lower rates tried was sustained either"));
  }

  private void flows(String label, Timed<ConsentFlowRun.Result> t, String verdict) {
    ConsentFlowRun.Result r = t.result();
    out.printf("%-44s: %7.0f flows/s granted  flow p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %s  granted %d of %d%s%n",
        label, r.perSecond(), r.flows().millis(0.5), r.flows().millis(0.99), r.flows().maxMillis(), t.cpuShares(),
        r.granted(), r.started(), verdict);
    StringBuilder steps = new StringBuilder("    steps, p50 / p99 / max ms:");
    for (ConsentFlowRun.Step step : ConsentFlowRun.Step.values()) {
      Latencies l = r.step(step);
      steps.append(String.format(" %s%s %.1f / %.1f / %.1f;", step == ConsentFlowRun.Step.CHECK ? "the verifier's "
          : "", step.label, l.millis(0.5), l.millis(0.99), l.maxMillis()));
    }
    steps.append(String.format(" claims released %.1f / %.1f / %.1f", r.released().millis(0.5),
        r.released().millis(0.99), r.released().maxMillis()));
    out.println(steps);
  }
}
