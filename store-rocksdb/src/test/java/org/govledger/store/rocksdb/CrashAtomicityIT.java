package org.govledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.govledger.ledger.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is writing synced batches (SIGKILL, at whatever instant it happens to be
 * in) and checks what a restart finds: every batch the process saw acknowledged, whole, and no
 * batch in part. Three rounds on one directory, each resuming where the last committed.
 */
class CrashAtomicityIT {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path temp;

  @Test
  void kill_duringSyncedWrites_keepsEveryAcknowledgedBatchWhole_andNoBatchInPart()
      throws Exception {
    Path data = temp.resolve("data");
    Random random = new Random();
    long lastAcknowledged = -1;
    for (int round = 0; round < 3; round++) {
      Path stderr = temp.resolve("child-" + round + ".err");
      Process child = startWriter(data, stderr);
      AtomicLong acknowledged = new AtomicLong(-1);
      Thread reader = readAcks(child, acknowledged);
      long target = lastAcknowledged + 20 + random.nextInt(40);

      awaitAck(child, acknowledged, target, stderr);
      if (round == 0) {
        assertThatThrownBy(() -> RocksDbStore.open(data, RocksDbConfig.defaults()).close())
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("it is in use by another process");
      }
      child.destroyForcibly();
      assertThat(child.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("the killed writer exits").isTrue();
      reader.join(EXIT_TIMEOUT.toMillis()); // it reads to the end: acks printed before the kill
      assertThat(acknowledged.get()).isGreaterThan(lastAcknowledged);
      lastAcknowledged = acknowledged.get();

      assertThat(problemsAfterCrash(data, lastAcknowledged)).as("round " + round).isEmpty();
    }
  }

  private static Process startWriter(Path data, Path stderr) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CrashingWriter.class.getName(),
            data.toString())
        .redirectError(stderr.toFile())
        .start();
  }

  /** A thread that keeps the highest "ack N" the child printed, until its output ends. */
  private static Thread readAcks(Process child, AtomicLong acknowledged) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("ack ")) {
                    acknowledged.set(Long.parseLong(line.substring(4)));
                  }
                }
              } catch (IOException e) {
                // The pipe breaks when the child dies; what was read so far stands.
              }
            },
            "crash-it-ack-reader");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static void awaitAck(Process child, AtomicLong acknowledged, long target, Path stderr)
      throws Exception {
    long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
    while (acknowledged.get() < target) {
      if (!child.isAlive()) {
        throw new AssertionError(
            "the writer exited early with code " + child.exitValue() + ": "
                + Files.readString(stderr));
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        throw new AssertionError(
            "the writer acknowledged only up to batch " + acknowledged.get() + " of " + target
                + " within " + ACK_TIMEOUT);
      }
      child.waitFor(10, TimeUnit.MILLISECONDS); // returns at once if the child exits
    }
  }

  /** Everything wrong with the store after a crash, given the last batch seen acknowledged. */
  private static List<String> problemsAfterCrash(Path data, long acknowledged) {
    List<String> problems = new ArrayList<>();
    try (Store store = RocksDbStore.open(data, RocksDbConfig.defaults())) {
      long last =
          store.get(CrashingWriter.LAST_BATCH).map(v -> ByteBuffer.wrap(v).getLong()).orElse(-1L);
      if (last < acknowledged) {
        problems.add("batch " + acknowledged + " was acknowledged but the marker says " + last);
      }
      for (long n = 0; n <= last; n++) {
        checkWhole(store, n, problems);
      }
      List<Store.Entry> beyond =
          store.scan(
              CrashingWriter.batchStart(last + 1), CrashingWriter.batchStart(Long.MAX_VALUE), 1);
      if (!beyond.isEmpty()) {
        problems.add("entries of a batch after the marker's " + last + " are present");
      }
    }
    return problems;
  }

  private static void checkWhole(Store store, long n, List<String> problems) {
    List<Store.Entry> entries =
        store.scan(
            CrashingWriter.batchStart(n), CrashingWriter.batchStart(n + 1), Integer.MAX_VALUE);
    if (entries.size() != CrashingWriter.ENTRIES) {
      problems.add(
          "batch " + n + " has " + entries.size() + " entries, want " + CrashingWriter.ENTRIES);
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (!Arrays.equals(entries.get(i).value(), CrashingWriter.entryValue(n, i))) {
        problems.add("batch " + n + " entry " + i + " has a wrong value");
      }
    }
  }
}
