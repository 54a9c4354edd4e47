package org.govledger.node.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When each request of a run is due. Open loop (a rate above 0): request {@code i} is due at
 * {@code start + i/rate} whatever happened to the earlier ones, and its latency counts from then,
 * so a stall shows as latency of the requests it delayed instead of quietly lowering the offered
 * load (coordinated omission). Closed loop (rate 0): a request is due when its sender is free.
 */
record Timetable(long startNanos, long intervalNanos, long stopNanos) {
  static Timetable starting(double ratePerSecond, Duration duration) {
    long start = System.nanoTime();
    return new Timetable(start, ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0,
        start + duration.toNanos());
  }

  /** How many requests an open-loop run at {@code ratePerSecond} for {@code duration} sends. */
  static long requests(double ratePerSecond, Duration duration) {
    long interval = (long) (1e9 / ratePerSecond);
    return (duration.toNanos() + interval - 1) / interval;
  }

  /** When request {@code i} is due, in {@link System#nanoTime()} terms. */
  long due(long i) {
    return intervalNanos > 0 ? startNanos + i * intervalNanos : System.nanoTime();
  }

  /** Whether a request due then falls after the run's end, so is not sent. */
  boolean over(long dueNanos) {
    return dueNanos >= stopNanos;
  }

  /** Sleeps until {@code dueNanos} (returns at once if it has passed). */
  static void await(long dueNanos) throws InterruptedException {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  double secondsSinceStart() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
