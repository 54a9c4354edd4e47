package org.govledger.node.load;

import java.util.Arrays;
import java.util.List;

/** Latencies of one run, in microseconds, sorted; quantiles as LoadRun reports them. */
final class Latencies {
  private final long[] sortedMicros;

  private Latencies(long[] sortedMicros) {
    this.sortedMicros = sortedMicros;
  }

  /** One sender's latencies as it goes; not shared between threads. */
  static final class Recorder {
    private long[] micros = new long[1024];
    private int count;

    void add(long nanos) {
      if (count == micros.length) {
        micros = Arrays.copyOf(micros, count * 2);
      }
      micros[count++] = nanos / 1000;
    }
  }

  static Latencies merge(List<Recorder> recorders) {
    long[] all = new long[recorders.stream().mapToInt(r -> r.count).sum()];
    int at = 0;
    for (Recorder r : recorders) {
      System.arraycopy(r.micros, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return new Latencies(all);
  }

  int count() {
    return sortedMicros.length;
  }

  /** The latency at {@code quantile} (0.5 for p50), in milliseconds; NaN if there are none. */
  double millis(double quantile) {
    if (sortedMicros.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(quantile * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, i))] / 1000.0;
  }

  double maxMillis() {
    return sortedMicros.length == 0 ? Double.NaN : sortedMicros[sortedMicros.length - 1] / 1000.0;
  }
}
