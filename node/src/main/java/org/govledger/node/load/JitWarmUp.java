package org.govledger.node.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Warms nodes up in slices until their JIT compilers settle: until, in the last slice, each node's
 * JIT compiled for less than a tenth of it, or after {@value #MAX_SLICES} slices. On two cores a
 * node's C2 compiler kept a quarter of a core busy for over a minute after it started (three
 * cluster nodes compiling at once took half the machine), and a fixed ten seconds of warm-up
 * measured that instead of the node.
 */
final class JitWarmUp {
  /** Settled: each node's JIT compiled for less than this share of the last slice. */
  static final double SETTLED_SHARE = 0.1;
  static final int MAX_SLICES = 12;

  /** One slice of the workload, of about the slice's length. */
  interface Slice {
    void run() throws Exception;
  }

  /** Prepares each next slice (signing its transactions, say), outside the slice's time. */
  interface Slices {
    Slice next() throws Exception;
  }

  /**
   * How the warm-up went: the slices run and how long they took, and the most any node compiled
   * in the last one and how long that took.
   */
  record Outcome(int slices, double totalMillis, double compiledMillis, double lastMillis) {
    boolean settled() {
      return JitWarmUp.settled(compiledMillis, lastMillis);
    }

    @Override
    public String toString() {
      return String.format("%.0f s of warm-up, after which the JIT compiled for at most %.1f s in"
          + " %.0f s on each node%s", totalMillis / 1000, compiledMillis / 1000, lastMillis / 1000,
          settled() ? "" : " (still compiling: measured before the JIT settled)");
    }
  }

  private static boolean settled(double compiledMillis, double sliceMillis) {
    return compiledMillis < SETTLED_SHARE * sliceMillis;
  }

  private JitWarmUp() {}

  /**
   * Runs the slices {@code slices} prepares, each meant to take about {@code length}, until the
   * JIT of every node in {@code nodes} settles, printing a step per slice to {@code out} as
   * {@code what} with the slice number.
   */
  static Outcome run(List<ChildNode> nodes, Duration length, Slices slices, PrintStream out,
      String what) throws Exception {
    double compiled = Double.NaN;
    double lastMillis = 0;
    double totalMillis = 0;
    int count = 0;
    while (count < MAX_SLICES && !settled(compiled, lastMillis)) {
      Slice slice = slices.next();
      Benchmark.step(out, "%s: %d s (slice %d%s)", what, length.toSeconds(), count + 1,
          Double.isNaN(compiled) ? ""
              : String.format("; the JIT compiled for up to %.1f s in the last", compiled / 1000));
      double[] before = new double[nodes.size()];
      for (int i = 0; i < before.length; i++) {
        before[i] = nodes.get(i).compiledMillis();
      }
      long started = System.nanoTime();
      slice.run();
      lastMillis = (System.nanoTime() - started) / 1e6;
      totalMillis += lastMillis;
      compiled = 0;
      for (int i = 0; i < before.length; i++) {
        compiled = Math.max(compiled, nodes.get(i).compiledMillis() - before[i]);
      }
      count++;
    }
    return new Outcome(count, totalMillis, compiled, lastMillis);
  }
}
