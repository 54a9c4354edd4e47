package org.govledger.node.load;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Agencies issuing certificates to a node, as their consoles would: each thread builds and signs
 * a certificate ({@link DemoIssuance}), submits its {@code certificate/issue} transaction with
 * {@code wait=true} over its own kept-alive connection, and counts it issued once the node
 * acknowledges the commit. Closed loop at rate 0 (the next certificate as soon as the last is
 * committed), else open loop on a {@link Timetable}. Each latency runs from the start of building
 * (closed loop) or the due time (open loop) to the commit; building and signing run on this
 * machine's cores, next to the node's.
 */
final class IssuanceRun {
  private static final String SUBMIT = "/api/v1/transactions?wait=true&timeoutMs=60000";

  private final URI node;
  private final DemoIssuance issuance;

  IssuanceRun(URI node, DemoIssuance issuance) {
    this.node = node;
    this.issuance = issuance;
  }

  /**
   * What one run measured.
   *
   * @param buildMillis mean time to build and sign one certificate and its transaction
   * @param kept the first certificates issued, as many as the run was asked to keep
   */
  record Result(long issued, long refused, Map<Integer, Long> errorsByStatus, double seconds,
      Latencies latencies, double buildMillis, List<DemoIssuance.Issue> kept) {
    Result {
      errorsByStatus = Map.copyOf(errorsByStatus);
      kept = List.copyOf(kept);
    }

    double perSecond() {
      return issued / seconds;
    }
  }

  /**
   * Issues for {@code duration} or until {@code maxCount} have been sent; returns once every
   * answer is in.
   *
   * @param ratePerSecond offered certificates per second, or 0 for as fast as commits come back
   * @param keep how many issued certificates to return in {@link Result#kept()}
   */
  Result run(int threads, double ratePerSecond, Duration duration, long maxCount, int keep)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    LongAdder issued = new LongAdder();
    LongAdder refused = new LongAdder();
    LongAdder buildNanos = new LongAdder();
    Map<Integer, Long> errors = new ConcurrentHashMap<>();
    Queue<DemoIssuance.Issue> kept = new ConcurrentLinkedQueue<>();
    AtomicLong keptCount = new AtomicLong();
    List<Latencies.Recorder> recorders = new ArrayList<>();
    Timetable timetable = Timetable.starting(ratePerSecond, duration);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Latencies.Recorder latencies = new Latencies.Recorder();
      recorders.add(latencies);
      Thread sender = new Thread(() -> {
        SecureRandom random = new SecureRandom();
        try (Http1Connection conn = new Http1Connection(node)) {
          for (long i = next.getAndIncrement(); i < maxCount; i = next.getAndIncrement()) {
            long due = timetable.due(i);
            if (timetable.over(due)) {
              return;
            }
            Timetable.await(due);
            long started = System.nanoTime();
            DemoIssuance.Issue issue = issuance.build(i, Instant.now().getEpochSecond(), random);
            buildNanos.add(System.nanoTime() - started);
            Http1Connection.Response r = conn.post(SUBMIT, issue.anchor().encoded());
            if (r.status() == 200) {
              latencies.add(System.nanoTime() - due);
              issued.increment();
              if (keptCount.getAndIncrement() < keep) {
                kept.add(issue);
              }
            } else if (r.status() == 422) {
              refused.increment();
            } else {
              errors.merge(r.status(), 1L, Long::sum);
            }
          }
        } catch (IOException e) {
          errors.merge(0, 1L, Long::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "issue-" + t);
      sender.start();
      senders.add(sender);
    }
    for (Thread t : senders) {
      t.join();
    }
    double seconds = timetable.secondsSinceStart();
    long built = issued.sum() + refused.sum() + errors.values().stream().mapToLong(Long::longValue).sum();
    return new Result(issued.sum(), refused.sum(), errors, seconds, Latencies.merge(recorders),
        built == 0 ? Double.NaN : buildNanos.sum() / 1e6 / built, new ArrayList<>(kept));
  }
}
