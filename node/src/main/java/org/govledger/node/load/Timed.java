package org.govledger.node.load;

/**
 * A run's result and the CPU used while it ran, each as a share of every core: the whole
 * machine's, the node's and this load generator's, which tells the node's own cost apart from the
 * load generator's when both run on the same cores.
 */
record Timed<R>(R result, double cpu, double nodeCpu, double generatorCpu) {
  /** A run that may be interrupted. */
  interface Run<R> {
    R run() throws InterruptedException;
  }

  /** Runs {@code run} and reads the CPU used meanwhile by the machine, {@code node} and this process. */
  static <R> Timed<R> measure(ProcessHandle node, Run<R> run) throws InterruptedException {
    SystemCpu machine = SystemCpu.read();
    ProcessCpu nodeBefore = ProcessCpu.read(node);
    ProcessCpu generatorBefore = ProcessCpu.read(ProcessHandle.current());
    R r = run.run();
    return new Timed<>(r, SystemCpu.read().busySince(machine), ProcessCpu.read(node).busySince(nodeBefore),
        ProcessCpu.read(ProcessHandle.current()).busySince(generatorBefore));
  }

  /** {@code CPU 83% (59%, 23%)}: the whole machine (node, load generator). */
  String cpuShares() {
    return String.format("CPU %3.0f%% (%.0f%%, %.0f%%)", cpu * 100, nodeCpu * 100, generatorCpu * 100);
  }
}
