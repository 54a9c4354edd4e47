package org.govledger.node.load;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives a node's API with pre-signed transactions, each submitted with {@code wait=true}, and
 * measures what came back committed and how long each took from sending to the commit answer.
 * Closed loop (a fixed number of requests in flight) when the rate is 0, otherwise open loop at
 * that rate (still bounded in flight, so an overloaded node shows as latency, not as a load
 * generator out of memory). With a batch size above 1 it uses the batch endpoint, and each
 * transaction's latency is its request's.
 */
public final class LoadRun {
  private static final byte[] COMMITTED = "\"status\":\"committed\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REFUSED = "\"status\":\"refused\"".getBytes(StandardCharsets.US_ASCII);

  private final URI single;
  private final URI batch;
  private final HttpClient http;

  public LoadRun(URI node) {
    this.single = node.resolve("/api/v1/transactions?wait=true&timeoutMs=60000");
    this.batch = node.resolve("/api/v1/transactions/batch?wait=true&timeoutMs=60000");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** What one run measured. */
  public record Result(
      long committed, long refused, Map<Integer, Long> errorsByStatus, double seconds,
      long[] latencyMicrosSorted) {
    public double txPerSecond() {
      return committed / seconds;
    }

    public long sent() {
      return committed + refused + errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public double latencyMillis(double quantile) {
      if (latencyMicrosSorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(quantile * latencyMicrosSorted.length) - 1;
      return latencyMicrosSorted[Math.max(0, Math.min(latencyMicrosSorted.length - 1, i))] / 1000.0;
    }
  }

  /**
   * Sends {@code txs} (stopping early after {@code maxDuration}); waits for every answer.
   *
   * @param inFlight most requests outstanding at once
   * @param ratePerSecond offered transactions per second, or 0 for as fast as answers come back
   * @param batchSize transactions per request
   */
  public Result run(List<byte[]> txs, int inFlight, double ratePerSecond, Duration maxDuration,
      int batchSize) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    long[] latencies = new long[txs.size()];
    AtomicInteger latencyCount = new AtomicInteger();
    LongAdder committed = new LongAdder();
    LongAdder refused = new LongAdder();
    Map<Integer, Long> errors = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long stopAt = start + maxDuration.toNanos();
    long intervalNanos = ratePerSecond > 0 ? (long) (1e9 * batchSize / ratePerSecond) : 0;
    long requests = 0;
    for (int from = 0; from < txs.size() && System.nanoTime() < stopAt; from += batchSize) {
      if (intervalNanos > 0) {
        long wait = start + requests * intervalNanos - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      List<byte[]> group = txs.subList(from, Math.min(txs.size(), from + batchSize));
      permits.acquire();
      long sentAt = System.nanoTime();
      http.sendAsync(request(group, batchSize > 1), HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete((resp, err) -> {
            long micros = (System.nanoTime() - sentAt) / 1000;
            int status = err != null ? 0 : resp.statusCode();
            int ok = 0;
            int no = 0;
            if (status == 200) {
              ok = batchSize > 1 ? count(resp.body(), COMMITTED) : 1;
              no = batchSize > 1 ? count(resp.body(), REFUSED) : 0;
            } else if (status == 422) {
              no = 1;
            }
            committed.add(ok);
            refused.add(no);
            for (int i = 0; i < ok; i++) {
              latencies[latencyCount.getAndIncrement()] = micros;
            }
            if (group.size() > ok + no) {
              errors.merge(status, (long) (group.size() - ok - no), Long::sum);
            }
            permits.release();
          });
      requests++;
    }
    permits.acquire(inFlight); // every answer is in
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, latencyCount.get());
    Arrays.sort(sorted);
    return new Result(committed.sum(), refused.sum(), Map.copyOf(errors), seconds, sorted);
  }

  private HttpRequest request(List<byte[]> group, boolean asBatch) {
    byte[] body = group.get(0);
    if (asBatch) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(group.size() * (body.length + 1) + 2);
      out.write('[');
      for (int i = 0; i < group.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(group.get(i));
      }
      out.write(']');
      body = out.toByteArray();
    }
    return HttpRequest.newBuilder(asBatch ? batch : single)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(90))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** Occurrences of {@code needle} in {@code haystack}: counting outcomes without parsing. */
  static int count(byte[] haystack, byte[] needle) {
    int n = 0;
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      n++;
      i += needle.length - 1;
    }
    return n;
  }
}
