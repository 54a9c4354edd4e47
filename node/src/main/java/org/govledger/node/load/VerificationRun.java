package org.govledger.node.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifiers checking presentations with the node ({@code POST /api/v1/certificates/verify}) over
 * a fixed set of kept-alive connections, one thread each, cycling through prepared request
 * bodies. Closed loop at rate 0, else open loop on a {@link Timetable}, latency counted from each
 * request's due time. An answer counts as valid only if the node says {@code "valid":true}.
 */
final class VerificationRun {
  private static final String VERIFY = "/api/v1/certificates/verify";
  private static final byte[] VALID = "\"valid\":true".getBytes(StandardCharsets.US_ASCII);

  private final URI node;

  VerificationRun(URI node) {
    this.node = node;
  }

  /**
   * What one run measured.
   *
   * @param firstNotValid the node's answer to the first presentation it did not find valid
   */
  record Result(long valid, long notValid, Map<Integer, Long> errorsByStatus, double seconds,
      Latencies latencies, Optional<String> firstNotValid) {
    Result {
      errorsByStatus = Map.copyOf(errorsByStatus);
    }

    long answered() {
      return valid + notValid;
    }

    double perSecond() {
      return answered() / seconds;
    }
  }

  /** Sends {@code bodies} round and round for {@code duration}; returns once every answer is in. */
  Result run(List<byte[]> bodies, int connections, double ratePerSecond, Duration duration)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    LongAdder valid = new LongAdder();
    LongAdder notValid = new LongAdder();
    Map<Integer, Long> errors = new ConcurrentHashMap<>();
    AtomicReference<String> firstNotValid = new AtomicReference<>();
    List<Latencies.Recorder> recorders = new ArrayList<>();
    Timetable timetable = Timetable.starting(ratePerSecond, duration);
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Latencies.Recorder latencies = new Latencies.Recorder();
      recorders.add(latencies);
      Thread sender = new Thread(() -> {
        try (Http1Connection conn = new Http1Connection(node)) {
          for (long i = next.getAndIncrement(); ; i = next.getAndIncrement()) {
            long due = timetable.due(i);
            if (timetable.over(due)) {
              return;
            }
            Timetable.await(due);
            Http1Connection.Response r = conn.post(VERIFY, bodies.get((int) (i % bodies.size())));
            long nanos = System.nanoTime() - due;
            if (r.status() != 200) {
              errors.merge(r.status(), 1L, Long::sum);
              continue;
            }
            latencies.add(nanos);
            if (LoadRun.count(r.body(), VALID) > 0) {
              valid.increment();
            } else {
              notValid.increment();
              firstNotValid.compareAndSet(null, new String(r.body(), StandardCharsets.UTF_8));
            }
          }
        } catch (IOException e) {
          errors.merge(0, 1L, Long::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "verify-" + c);
      sender.start();
      senders.add(sender);
    }
    for (Thread t : senders) {
      t.join();
    }
    return new Result(valid.sum(), notValid.sum(), errors, timetable.secondsSinceStart(),
        Latencies.merge(recorders), Optional.ofNullable(firstNotValid.get()));
  }
}
