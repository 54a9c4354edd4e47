package org.govledger.node.cli;

/**
 * Where {@code CompletableFuture}'s {@code *Async} steps without an executor run.
 *
 * <p>The JDK runs them in the common fork-join pool only if that pool has at least two threads; on
 * a machine of two cores or fewer it has one, and the JDK starts a new thread for every such step
 * instead. Ratis's client completes each read-only request so ({@code UnorderedAsync}), and a
 * follower forwards its submissions to the leader as read-only requests: a 3-node cluster on 2
 * cores started about 70 threads a second under load, each costing its start, its stack and a
 * scheduler slot. Two pool threads end that, as on a machine of four cores or more.
 */
final class AsyncThreads {
  private static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private AsyncThreads() {}

  /**
   * Gives the common pool at least two threads, unless the JVM was told otherwise. Must run before
   * anything uses the pool or {@code CompletableFuture}: both read the setting once.
   */
  static void poolForDefaultAsync() {
    if (System.getProperty(PARALLELISM) == null) {
      int cores = Runtime.getRuntime().availableProcessors();
      System.setProperty(PARALLELISM, Integer.toString(Math.max(2, cores - 1)));
    }
  }
}
