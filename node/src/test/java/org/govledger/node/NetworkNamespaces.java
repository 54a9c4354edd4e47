package org.govledger.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hosts for a test, made of Linux network namespaces (iproute2, as root): node {@code i} lives
 * in its own namespace with address {@code 10.78.0.i}, a veth link to each other node, and a
 * veth link to this test's namespace, where its API is reached at {@code 10.S.i.2}. A partition
 * replaces the routes between two nodes with blackholes; healing puts the links' routes back.
 * {@code S} depends on the process id, so that two test runs on one machine (two checkouts) do
 * not route each other's API addresses in the shared root namespace.
 */
final class NetworkNamespaces implements AutoCloseable {
  private static final int API_SUBNET = 80 + (int) (ProcessHandle.current().pid() % 150);
  private final String tag;
  private final int size;

  private NetworkNamespaces(String tag, int size) {
    this.tag = tag;
    this.size = size;
  }

  /** Whether this machine lets the test make namespaces (root, with iproute2). */
  static boolean available() {
    String probe = "glprobe" + ProcessHandle.current().pid() % 100_000;
    try {
      run("ip", "netns", "add", probe);
      run("ip", "netns", "del", probe);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static NetworkNamespaces create(int size) throws IOException {
    String tag = "g" + ProcessHandle.current().pid() % 100_000;
    NetworkNamespaces n = new NetworkNamespaces(tag, size);
    try {
      n.build();
    } catch (IOException e) {
      n.close();
      throw e;
    }
    return n;
  }

  private void build() throws IOException {
    for (int i = 1; i <= size; i++) {
      run("ip", "netns", "add", ns(i));
      run("ip", "-n", ns(i), "link", "set", "lo", "up");
      run("ip", "-n", ns(i), "addr", "add", nodeAddress(i) + "/32", "dev", "lo");
      // the link to the test's own namespace, for the API
      run("ip", "link", "add", "h" + i + tag, "type", "veth", "peer", "name", "a" + i + tag);
      run("ip", "link", "set", "a" + i + tag, "netns", ns(i));
      run("ip", "addr", "add", "10." + API_SUBNET + "." + i + ".1/30", "dev", "h" + i + tag);
      run("ip", "link", "set", "h" + i + tag, "up");
      run("ip", "-n", ns(i), "addr", "add", apiAddress(i) + "/30", "dev", "a" + i + tag);
      run("ip", "-n", ns(i), "link", "set", "a" + i + tag, "up");
    }
    for (int i = 1; i <= size; i++) {
      for (int j = i + 1; j <= size; j++) {
        run("ip", "link", "add", link(i, j), "type", "veth", "peer", "name", link(j, i));
        run("ip", "link", "set", link(i, j), "netns", ns(i));
        run("ip", "link", "set", link(j, i), "netns", ns(j));
        run("ip", "-n", ns(i), "link", "set", link(i, j), "up");
        run("ip", "-n", ns(j), "link", "set", link(j, i), "up");
        connect(i, j);
        connect(j, i);
      }
    }
  }

  private String ns(int i) {
    return tag + "n" + i;
  }

  private String link(int from, int to) {
    return "p" + from + to + tag;
  }

  private void connect(int from, int to) throws IOException {
    run("ip", "-n", ns(from), "route", "replace", nodeAddress(to) + "/32", "dev", link(from, to));
  }

  private void cut(int from, int to) throws IOException {
    run("ip", "-n", ns(from), "route", "replace", "blackhole", nodeAddress(to) + "/32");
  }

  /** Where node {@code i}'s Raft listens, seen from the other nodes. */
  static String nodeAddress(int i) {
    return "10.78.0." + i;
  }

  /** Where this test reaches node {@code i}'s API. */
  static String apiAddress(int i) {
    return "10." + API_SUBNET + "." + i + ".2";
  }

  /** The command prefix that runs a program on node {@code i}. */
  List<String> wrapper(int i) {
    return List.of("ip", "netns", "exec", ns(i));
  }

  /** Cuts node {@code i} off from every other node (both directions). */
  void isolate(int i) throws IOException {
    for (int j = 1; j <= size; j++) {
      if (j != i) {
        cut(i, j);
        cut(j, i);
      }
    }
  }

  /** Every node reaches every other again. */
  void heal() throws IOException {
    for (int i = 1; i <= size; i++) {
      for (int j = 1; j <= size; j++) {
        if (i != j) {
          connect(i, j);
        }
      }
    }
  }

  @Override
  public void close() {
    for (int i = 1; i <= size; i++) {
      try {
        run("ip", "netns", "del", ns(i)); // takes its veth ends, and so their peers, with it
      } catch (IOException e) {
        // not made, or already gone
      }
    }
  }

  private static void run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
    }
  }
}
