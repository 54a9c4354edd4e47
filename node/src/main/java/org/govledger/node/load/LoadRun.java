package org.govledger.node.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives a node's API with pre-signed transactions, each submitted with {@code wait=true}, over a
 * fixed set of kept-alive connections, one thread each, and measures what came back committed and
 * how long each took. Closed loop (every connection sends again as soon as it has its answer)
 * when the rate is 0; otherwise open loop: request {@code i} is due at {@code start + i/rate},
 * and its latency counts from then, so a node that falls behind shows in the figures instead of
 * quietly lowering the offered load. With a batch size above 1 it uses the batch endpoint; each
 * transaction's latency is its request's.
 */
public final class LoadRun {
  private static final byte[] COMMITTED = "\"status\":\"committed\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REFUSED = "\"status\":\"refused\"".getBytes(StandardCharsets.US_ASCII);
  private static final String SINGLE = "/api/v1/transactions?wait=true&timeoutMs=60000";
  private static final String BATCH = "/api/v1/transactions/batch?wait=true&timeoutMs=60000";

  private final URI node;

  public LoadRun(URI node) {
    this.node = node;
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
   * Sends {@code txs} (stopping after {@code maxDuration}); returns once every answer is in.
   *
   * @param connections connections (and threads) sending at once
   * @param ratePerSecond offered transactions per second, or 0 for as fast as answers come back
   * @param batchSize transactions per request
   */
  public Result run(List<byte[]> txs, int connections, double ratePerSecond, Duration maxDuration,
      int batchSize) throws InterruptedException {
    int requests = (txs.size() + batchSize - 1) / batchSize;
    long[] latencies = new long[txs.size()];
    AtomicInteger latencyCount = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    LongAdder committed = new LongAdder();
    LongAdder refused = new LongAdder();
    Map<Integer, Long> errors = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long stopAt = start + maxDuration.toNanos();
    long interval = ratePerSecond > 0 ? (long) (1e9 * batchSize / ratePerSecond) : 0;
    String path = batchSize > 1 ? BATCH : SINGLE;
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        try (Http1Connection conn = new Http1Connection(node)) {
          for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
            long due = interval > 0 ? start + r * interval : System.nanoTime();
            if (due >= stopAt) {
              return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<byte[]> group = txs.subList(r * batchSize, Math.min(txs.size(), (r + 1) * batchSize));
            Http1Connection.Response resp = conn.post(path, body(group, batchSize > 1));
            long micros = (System.nanoTime() - due) / 1000;
            int ok = 0;
            int no = 0;
            if (resp.status() == 200) {
              ok = batchSize > 1 ? count(resp.body(), COMMITTED) : 1;
              no = batchSize > 1 ? count(resp.body(), REFUSED) : 0;
            } else if (resp.status() == 422) {
              no = 1;
            }
            committed.add(ok);
            refused.add(no);
            for (int i = 0; i < ok; i++) {
              latencies[latencyCount.getAndIncrement()] = micros;
            }
            if (group.size() > ok + no) {
              errors.merge(resp.status(), (long) (group.size() - ok - no), Long::sum);
            }
          }
        } catch (IOException e) {
          errors.merge(0, 1L, Long::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "load-" + c);
      t.start();
      senders.add(t);
    }
    for (Thread t : senders) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, latencyCount.get());
    Arrays.sort(sorted);
    return new Result(committed.sum(), refused.sum(), Map.copyOf(errors), seconds, sorted);
  }

  private static byte[] body(List<byte[]> group, boolean asBatch) {
    if (!asBatch) {
      return group.get(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(group.size() * (group.get(0).length + 1) + 2);
    out.write('[');
    for (int i = 0; i < group.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(group.get(i));
    }
    out.write(']');
    return out.toByteArray();
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
