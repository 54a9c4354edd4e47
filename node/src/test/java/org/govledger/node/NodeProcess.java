package org.govledger.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govledger.node.cli.Main;

/** A node in a child JVM, started with the real command line, that a test can SIGKILL. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private NodeProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static NodeProcess start(Path data, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "start", "--data", data.toString(), "--port", "0"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd)
        .redirectError(data.resolveSibling(data.getFileName() + ".stderr.log").toFile())
        .start();
    CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("READY port=")) {
            int port = Integer.parseInt(line.substring("READY port=".length()));
            // keep draining so the child never blocks on a full pipe
            Thread drain = new Thread(() -> {
              try {
                out.transferTo(java.io.Writer.nullWriter());
              } catch (IOException ignored) {
                // the child died; nothing to drain
              }
            });
            drain.setDaemon(true);
            drain.start();
            return port;
          }
        }
        throw new IllegalStateException("node exited before it was ready");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    int port = ready.get(60, TimeUnit.SECONDS);
    return new NodeProcess(p, port);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() {
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
