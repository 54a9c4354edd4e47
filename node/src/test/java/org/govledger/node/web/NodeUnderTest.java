package org.govledger.node.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govledger.node.Node;
import org.govledger.node.config.NodeConfig;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real node for the browser tests: RocksDB in a temp dir, demo data, HTTP on a free loopback
 * port. Started once for the whole run (the demo data takes seconds to seed) and closed by JUnit
 * when the run ends; the tests only add to its ledger, so they do not disturb each other.
 */
public final class NodeUnderTest implements AutoCloseable {
  private final Path dir;
  private final Node node;

  private NodeUnderTest() throws IOException {
    dir = Files.createTempDirectory("govledger-web-");
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
  }

  /** The run's node, started on first use. */
  public static NodeUnderTest shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(NodeUnderTest.class, k -> {
          try {
            return new NodeUnderTest();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, NodeUnderTest.class);
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + node.port());
  }

  /** A file under the node's data directory, e.g. {@code keys/client.json}. */
  public Path data(String relative) {
    return dir.resolve(relative);
  }

  @Override
  public void close() throws IOException {
    node.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    }
  }
}
