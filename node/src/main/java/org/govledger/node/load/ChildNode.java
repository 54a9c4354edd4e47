package org.govledger.node.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govledger.node.cli.Main;

/**
 * A node in its own JVM, started with the real command line ({@code govledger start}), for the
 * load generator and for tests that kill it with SIGKILL. Its log goes to {@code <data>.log}.
 */
public final class ChildNode implements AutoCloseable {
  private final Process process;
  private final String host;
  private final int port;

  private ChildNode(Process process, String host, int port) {
    this.process = process;
    this.host = host;
    this.port = port;
  }

  /** Starts {@code govledger start --data DATA --port 0 EXTRA...}; returns once it is ready. */
  public static ChildNode start(Path data, List<String> jvmOptions, String... extra)
      throws IOException {
    return start(data, List.of(), "127.0.0.1", jvmOptions, extra);
  }

  /**
   * As {@link #start(Path, List, String...)}, with the command run through {@code wrapper} (for
   * example {@code ip netns exec NAME}, which replaces itself with the JVM) and the API reached
   * at {@code apiHost}.
   */
  public static ChildNode start(Path data, List<String> wrapper, String apiHost,
      List<String> jvmOptions, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    // RocksDB unpacks its 15 MB native library into the temp directory and deletes it at exit;
    // a child killed with SIGKILL never exits, so its copy goes next to its data, not into /tmp
    Path tmp = Files.createDirectories(data.resolveSibling(data.getFileName() + ".tmp"));
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "start", "--data", data.toString(), "--port", "0"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd)
        .redirectError(data.resolveSibling(data.getFileName() + ".log").toFile())
        .start();
    CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> awaitReady(p));
    try {
      return new ChildNode(p, apiHost, ready.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("node did not start; see " + data + ".log: " + e.getMessage(), e);
    }
  }

  private static int awaitReady(Process p) {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY port=")) {
          Thread drain = new Thread(() -> {
            try {
              out.transferTo(Writer.nullWriter()); // so the child never blocks on a full pipe
            } catch (IOException ignored) {
              // the child is gone; nothing left to drain
            }
          }, "child-node-stdout");
          drain.setDaemon(true);
          drain.start();
          return Integer.parseInt(line.substring("READY port=".length()));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("node exited before it was ready");
  }

  public URI uri() {
    return URI.create("http://" + host + ":" + port);
  }

  public long pid() {
    return process.pid();
  }

  /** The node JVM's accumulated JIT compilation time, in milliseconds, from its {@code /metrics}. */
  public double compiledMillis() throws IOException, InterruptedException {
    return metric("jvm_compilation_time_ms_total");
  }

  /**
   * The value of the node's Prometheus sample {@code name} (the first, whatever its labels), from
   * its {@code /metrics}.
   */
  public double metric(String name) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri().resolve("/metrics"))
        .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$")
        .matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IOException("the node's /metrics (HTTP " + r.statusCode() + ") has no " + name);
    }
    return Double.parseDouble(m.group(1));
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** SIGTERM: the node shuts down cleanly (or is killed after 30 s). */
  @Override
  public void close() {
    process.destroy();
    if (!waitForExit()) {
      kill();
    }
  }

  private boolean waitForExit() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
