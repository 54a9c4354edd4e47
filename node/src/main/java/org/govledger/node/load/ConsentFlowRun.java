package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.credentials.openid4vp.RequestUri;
import org.govledger.credentials.openid4vp.VpResponse;

/**
 * Complete consent flows against a node, one thread per flow in progress, each thread with two
 * kept-alive connections: the verifier's and the holder's wallet's. A flow is the five HTTP calls
 * of {@link Step}, in order; the signing and checking on either side ({@link ConsentParties}) runs
 * on this machine's cores, between the calls. A flow counts as granted only if the verifier's last
 * read says {@code "status":"granted"}. Closed loop at rate 0 (a thread starts its next flow when
 * its last is done), else open loop on a {@link Timetable}: flow {@code i} is due at {@code start
 * + i/rate}, and the flow's latency counts from then. Each step's latency counts from when that
 * call was sent.
 */
final class ConsentFlowRun {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] GRANTED = "\"status\":\"granted\"".getBytes(StandardCharsets.US_ASCII);
  private static final String FORM = "application/x-www-form-urlencoded";

  /** The calls of one flow, in order. */
  enum Step {
    /** The verifier posts its signed request object; the node checks it and answers the QR's URI. */
    REQUEST("request", "POST /presentation-requests"),
    /** The wallet fetches the request object the QR points at. */
    FETCH("fetch", "GET the request_uri"),
    /** The wallet posts the holder's signed consent; the node records consent/record, waits for the block. */
    CONSENT("consent", "POST .../consent"),
    /** The verifier's check: the node verifies the presentation and admits consent/access; no block wait. */
    CHECK("check", "POST /presentations"),
    /** The verifier reads the outcome with its result token: the node hands it over once consent/access is committed. */
    RESULT("result", "GET .../result");

    final String label;
    final String call;

    Step(String label, String call) {
      this.label = label;
      this.call = call;
    }
  }

  /**
   * What one run measured.
   *
   * @param started flows whose first call was sent
   * @param errorsByStep {@code "consent 500"}: calls answered with an unexpected status (0 for a
   *     broken connection, or a refusal on the wallet's side), after which the flow was dropped
   * @param flows each granted flow's latency, from its due time (open loop) or start (closed loop)
   * @param released from sending the presentation to reading the granted result: the check, then
   *     the access record's block
   * @param localMillis mean time per flow spent signing and checking on this machine's side
   * @param firstFailure the first unexpected answer, with its step
   */
  record Result(long started, long granted, Map<String, Long> errorsByStep, double seconds,
      Latencies flows, Latencies released, Map<Step, Latencies> steps, double localMillis,
      Optional<String> firstFailure) {
    Result {
      errorsByStep = Map.copyOf(errorsByStep);
      steps = Map.copyOf(steps);
    }

    double perSecond() {
      return granted / seconds;
    }

    Latencies step(Step s) {
      return steps.get(s);
    }
  }

  private final URI node;
  private final ConsentParties parties;

  ConsentFlowRun(URI node, ConsentParties parties) {
    this.node = node;
    this.parties = parties;
  }

  /** A call answered with something other than what the flow needs; the flow stops there. */
  private static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailed(Step step, int status, String detail) {
      super(step.label + " " + status + ": " + detail, null, false, false);
    }
  }

  /** One thread's connections, recorders and counters. */
  private final class Sender {
    final Http1Connection verifier;
    final Http1Connection wallet;
    final Latencies.Recorder flows = new Latencies.Recorder();
    final Latencies.Recorder released = new Latencies.Recorder();
    final Map<Step, Latencies.Recorder> steps = new EnumMap<>(Step.class);
    final SecureRandom random = new SecureRandom();
    long localNanos;

    Sender() throws IOException {
      verifier = new Http1Connection(node);
      wallet = new Http1Connection(node);
      for (Step s : Step.values()) {
        steps.put(s, new Latencies.Recorder());
      }
    }

    /**
     * Runs flow {@code i}, signing both sides' parts now or taking them from {@code signed};
     * returns once the verifier has read its result.
     */
    void flow(long i, Optional<ConsentParties.Signed> signed) throws IOException, StepFailed {
      long local = System.nanoTime();
      byte[] asked = signed.isPresent() ? signed.get().ask() : parties.ask(random, Instant.now().getEpochSecond());
      localNanos += System.nanoTime() - local;
      JsonNode created = MAPPER.readTree(call(Step.REQUEST, 201,
          () -> verifier.post("/api/v1/presentation-requests", asked)).body());
      RequestUri uri;
      try {
        uri = RequestUri.parse(created.path("uri").asText());
      } catch (CredentialException e) {
        throw new StepFailed(Step.REQUEST, 201, "the node's URI does not parse: " + e.getMessage());
      }
      String jws = new String(call(Step.FETCH, 200, () -> wallet.get(uri.requestUri().getRawPath(), Map.of()))
          .body(), StandardCharsets.UTF_8);
      local = System.nanoTime();
      ConsentParties.Holding holding;
      if (signed.isPresent()) {
        if (!jws.equals(signed.get().requestObject()) || !uri.clientId().equals(ConsentParties.VERIFIER)) {
          throw new StepFailed(Step.FETCH, 0, "the node served another request object than the verifier signed");
        }
        holding = signed.get().holding();
      } else {
        try {
          holding = parties.consent(uri, jws, i, Instant.now().getEpochSecond());
        } catch (CredentialException e) {
          throw new StepFailed(Step.FETCH, 0, "the wallet refuses the request object: " + e.getMessage());
        }
      }
      localNanos += System.nanoTime() - local;
      PresentationRequest r = holding.request();
      call(Step.CONSENT, 201, () -> wallet.post("/api/v1/presentation-requests/" + r.state() + "/consent",
          json("statement", holding.consent())));
      local = System.nanoTime();
      String presentation;
      try {
        presentation = signed.isPresent() ? signed.get().presentation()
            : parties.present(holding, Instant.now().getEpochSecond());
      } catch (CredentialException e) {
        throw new StepFailed(Step.CHECK, 0, "the wallet cannot present its card: " + e.getMessage());
      }
      byte[] form = new VpResponse(Map.of(ConsentParties.QUERY, List.of(presentation)), r.state()).toFormBody()
          .getBytes(StandardCharsets.US_ASCII);
      localNanos += System.nanoTime() - local;
      long presented = System.nanoTime();
      call(Step.CHECK, 200, () -> wallet.post(URI.create(r.responseUri()).getRawPath(), FORM, form));
      Http1Connection.Response result = call(Step.RESULT, 200, () -> verifier.get(
          "/api/v1/presentation-requests/" + r.state() + "/result",
          Map.of("Authorization", "Bearer " + created.path("resultToken").asText())));
      if (LoadRun.count(result.body(), GRANTED) == 0) {
        throw new StepFailed(Step.RESULT, 200, new String(result.body(), StandardCharsets.UTF_8));
      }
      released.add(System.nanoTime() - presented);
    }

    private Http1Connection.Response call(Step step, int expected, Call c) throws IOException, StepFailed {
      long sent = System.nanoTime();
      Http1Connection.Response r = c.send();
      if (r.status() != expected) {
        throw new StepFailed(step, r.status(), new String(r.body(), StandardCharsets.UTF_8));
      }
      steps.get(step).add(System.nanoTime() - sent);
      return r;
    }

    void close() {
      try {
        verifier.close();
        wallet.close();
      } catch (IOException ignored) {
        // the run is over; a connection that fails to close changes no figure
      }
    }
  }

  private interface Call {
    Http1Connection.Response send() throws IOException;
  }

  private static byte[] json(String name, String value) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put(name, value);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What the threads of one run share: the timetable, the next flow's number, and the counts. */
  private static final class Tally {
    final Timetable timetable;
    final Optional<List<ConsentParties.Signed>> signed;
    final AtomicLong next = new AtomicLong();
    final LongAdder started = new LongAdder();
    final LongAdder granted = new LongAdder();
    final Map<String, Long> errors = new ConcurrentHashMap<>();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final List<Sender> senders = new ArrayList<>();

    Tally(Timetable timetable, Optional<List<ConsentParties.Signed>> signed) {
      this.timetable = timetable;
      this.signed = signed;
    }

    void failed(String step, String what) {
      errors.merge(step, 1L, Long::sum);
      firstFailure.compareAndSet(null, what);
    }
  }

  /**
   * Runs flows for {@code duration} with {@code threads} threads; returns once every flow started
   * is done.
   *
   * @param ratePerSecond offered flows per second, or 0 for as fast as they complete
   */
  Result run(int threads, double ratePerSecond, Duration duration) throws InterruptedException {
    return run(threads, ratePerSecond, duration, Optional.empty());
  }

  /**
   * As {@link #run(int, double, Duration)}, open loop, with every flow's signatures made
   * beforehand ({@link #sign}): the machine then runs only the node and the calls.
   */
  Result run(int threads, double ratePerSecond, Duration duration, List<ConsentParties.Signed> signed)
      throws InterruptedException {
    if (signed.size() < Timetable.requests(ratePerSecond, duration)) {
      throw new IllegalArgumentException(signed.size() + " signed flows for " + Timetable.requests(ratePerSecond,
          duration) + " due");
    }
    return run(threads, ratePerSecond, duration, Optional.of(signed));
  }

  /** Signs ahead what both sides of an open-loop run at {@code ratePerSecond} for {@code duration} sign. */
  List<ConsentParties.Signed> sign(double ratePerSecond, Duration duration) {
    long now = Instant.now().getEpochSecond();
    ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
    return java.util.stream.LongStream.range(0, Timetable.requests(ratePerSecond, duration)).parallel()
        .mapToObj(i -> {
          try {
            return parties.sign(random.get(), i, now);
          } catch (CredentialException e) {
            throw new IllegalStateException("the load generator cannot sign flow " + i + ": " + e.getMessage(), e);
          }
        }).toList();
  }

  private Result run(int threads, double ratePerSecond, Duration duration,
      Optional<List<ConsentParties.Signed>> signed) throws InterruptedException {
    Tally tally = new Tally(Timetable.starting(ratePerSecond, duration), signed);
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> flows(tally), "consent-flow-" + t);
      thread.start();
      running.add(thread);
    }
    for (Thread t : running) {
      t.join();
    }
    double seconds = tally.timetable.secondsSinceStart();
    Map<Step, Latencies> steps = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      steps.put(step, Latencies.merge(tally.senders.stream().map(s -> s.steps.get(step)).toList()));
    }
    long started = tally.started.sum();
    double localMillis = tally.senders.stream().mapToLong(s -> s.localNanos).sum() / 1e6 / started;
    return new Result(started, tally.granted.sum(), tally.errors, seconds,
        Latencies.merge(tally.senders.stream().map(s -> s.flows).toList()),
        Latencies.merge(tally.senders.stream().map(s -> s.released).toList()), steps,
        started == 0 ? Double.NaN : localMillis, Optional.ofNullable(tally.firstFailure.get()));
  }

  /** One thread's part: flows on its own two connections until the timetable is over. */
  private void flows(Tally tally) {
    Sender s;
    try {
      s = new Sender();
    } catch (IOException e) {
      tally.failed("connect 0", "connect: " + e);
      return;
    }
    synchronized (tally.senders) {
      tally.senders.add(s);
    }
    try {
      for (long i = tally.next.getAndIncrement(); ; i = tally.next.getAndIncrement()) {
        long due = tally.timetable.due(i);
        if (tally.timetable.over(due)) {
          return;
        }
        Timetable.await(due);
        tally.started.increment();
        try {
          long flow = i;
          s.flow(flow, tally.signed.map(all -> all.get((int) flow)));
          s.flows.add(System.nanoTime() - due);
          tally.granted.increment();
        } catch (StepFailed e) {
          tally.failed(e.getMessage().substring(0, e.getMessage().indexOf(':')), e.getMessage());
        }
      }
    } catch (IOException e) {
      tally.failed("connection 0", "connection: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      s.close();
    }
  }
}
