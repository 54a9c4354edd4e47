package org.govledger.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A temporary directory that is deleted, with everything in it, when closed. */
public final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /** A new empty directory inside {@code parent}, its name starting with {@code prefix}. */
  public static ScratchDirectory create(Path parent, String prefix) throws IOException {
    Files.createDirectories(parent);
    return new ScratchDirectory(Files.createTempDirectory(parent, prefix));
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete scratch directory " + path, e);
    }
  }
}
