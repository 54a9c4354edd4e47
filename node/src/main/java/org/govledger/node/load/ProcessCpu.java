package org.govledger.node.load;

import java.time.Duration;

/**
 * CPU time used by one process (the node, or this load generator) between two readings, as a
 * share of every core over the wall time between them: what tells the node's own cost apart from
 * the load generator's when both run on the same cores. NaN where the OS does not say.
 */
final class ProcessCpu {
  private final ProcessHandle process;
  private final long cpuNanos;
  private final long wallNanos;

  private ProcessCpu(ProcessHandle process, long cpuNanos, long wallNanos) {
    this.process = process;
    this.cpuNanos = cpuNanos;
    this.wallNanos = wallNanos;
  }

  static ProcessCpu read(ProcessHandle process) {
    long cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    return new ProcessCpu(process, cpu, System.nanoTime());
  }

  /** Fraction of all cores this process used since {@code earlier}, or NaN if unknown. */
  double busySince(ProcessCpu earlier) {
    long wall = wallNanos - earlier.wallNanos;
    if (cpuNanos < 0 || earlier.cpuNanos < 0 || wall <= 0 || !process.equals(earlier.process)) {
      return Double.NaN;
    }
    return (double) (cpuNanos - earlier.cpuNanos) / wall / Runtime.getRuntime().availableProcessors();
  }
}
