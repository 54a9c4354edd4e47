package org.govledger.node.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-machine CPU use between two readings of Linux's {@code /proc/stat}: the node and the load
 * generator together, which is what "both cores busy" means. Empty where there is no /proc.
 */
final class SystemCpu {
  private final long busy;
  private final long total;

  private SystemCpu(long busy, long total) {
    this.busy = busy;
    this.total = total;
  }

  static SystemCpu read() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      return new SystemCpu(total - idle, total);
    } catch (IOException | RuntimeException e) {
      return new SystemCpu(0, 0);
    }
  }

  /** Fraction of all cores busy since {@code earlier}, or NaN if unknown. */
  double busySince(SystemCpu earlier) {
    long t = total - earlier.total;
    return t <= 0 ? Double.NaN : (double) (busy - earlier.busy) / t;
  }
}
