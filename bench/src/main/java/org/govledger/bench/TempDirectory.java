package org.govledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory under {@code java.io.tmpdir} for one benchmark trial's RocksDB, deleted on close.
 * Point {@code java.io.tmpdir} at the disk you mean to measure (for example with {@code
 * -jvmArgsAppend -Djava.io.tmpdir=/data/tmp}): synced writes measure that disk's fsync.
 */
final class TempDirectory implements AutoCloseable {
  private final Path path;

  TempDirectory(String prefix) {
    try {
      this.path = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
