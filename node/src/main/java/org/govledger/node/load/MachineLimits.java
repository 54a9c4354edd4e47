package org.govledger.node.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SignedMessage;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.crypto.Verifier;
import org.govledger.ledger.store.WriteBatch;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.node.ScratchDirectory;
import org.govledger.store.rocksdb.RocksDbStore;

/**
 * The machine's own limits, measured in the same run as the node, so that throughput can be
 * reported as a ratio to them: Ed25519 verifications per second (BouncyCastle, through the same
 * verifier the engine uses) on one thread and on all cores, and on all cores in batches of 64
 * (the batch check the engine uses for many transactions at once), P-256 verifications per second (the
 * holder's key binding signature of an e-certificate presentation), and synced RocksDB batch
 * writes per second.
 */
public final class MachineLimits {
  /** Signatures per batch in the batch limit: about what one submission of 50 brings. */
  static final int BATCH = 64;

  private MachineLimits() {}

  /**
   * The limits of one run.
   *
   * @param p256AllCores NaN when not measured (only the certificate and consent workloads need it)
   */
  record Measured(int cores, double ed25519OneCore, double ed25519AllCores, double ed25519BatchAllCores,
      double p256AllCores, double syncedWrites) {}

  /** Measures every limit, each for {@code seconds}; P-256 only if {@code p256} is set. */
  static Measured measure(Path tmpParent, int cores, double seconds, boolean p256) throws Exception {
    return new Measured(cores, ed25519VerificationsPerSecond(1, seconds),
        ed25519VerificationsPerSecond(cores, seconds), ed25519BatchVerificationsPerSecond(cores, seconds),
        p256 ? verificationsPerSecond(CryptoSuite.P256_SHA256, cores, seconds) : Double.NaN,
        syncedBatchWritesPerSecond(tmpParent, seconds));
  }

  /** Ed25519 verifications per second with {@code threads} threads, over {@code seconds}. */
  public static double ed25519VerificationsPerSecond(int threads, double seconds)
      throws Exception {
    return verificationsPerSecond(CryptoSuite.ED25519_SHA256, threads, seconds);
  }

  /**
   * Ed25519 signatures checked per second in batches of {@link #BATCH} ({@link
   * SignedMessage#verifyAll}), on {@code threads} threads, over {@code seconds}.
   */
  public static double ed25519BatchVerificationsPerSecond(int threads, double seconds) throws Exception {
    SigningKey key = CryptoSuite.ED25519_SHA256.generate(new SecureRandom());
    Verifier verifier = CryptoSuite.ED25519_SHA256.verifier(key.publicKey());
    List<SignedMessage> batch = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      byte[] message = anchorLike(i);
      batch.add(new SignedMessage(verifier, message, key.sign(message)));
    }
    // the batch code is ours, not yet compiled by the JIT: a second of warm-up first
    return perSecond(threads, 1, seconds, round -> {
      if (!SignedMessage.verifyAll(batch).stream().allMatch(java.util.Optional::isEmpty)) {
        throw new IllegalStateException("a valid signature failed in a batch");
      }
      return BATCH;
    });
  }

  private static byte[] anchorLike(int i) {
    return ("{\"body\":{\"digest\":\"" + "ab".repeat(32) + "\"},\"ledger\":\"demo\","
        + "\"nonce\":\"" + i + "\",\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"anchor/put\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Signature verifications per second with {@code suite}'s verifier (the one the engine and the
   * credential verifier use), {@code threads} threads, over {@code seconds}.
   */
  public static double verificationsPerSecond(CryptoSuite suite, int threads, double seconds)
      throws Exception {
    SigningKey key = suite.generate(new SecureRandom());
    int n = 256;
    byte[][] messages = new byte[n][];
    byte[][] signatures = new byte[n][];
    for (int i = 0; i < n; i++) {
      messages[i] = anchorLike(i);
      signatures[i] = key.sign(messages[i]);
    }
    Verifier verifier = suite.verifier(key.publicKey());
    return perSecond(threads, 0, seconds, round -> {
      int i = (int) (round % n);
      try {
        verifier.verify(messages[i], signatures[i]);
      } catch (VerificationException e) {
        throw new IllegalStateException("a valid signature failed", e);
      }
      return 1;
    });
  }

  /** Some work, given its round number; says how many units it did. */
  private interface Work {
    long run(long round);
  }

  /**
   * Runs {@code work} on {@code threads} threads, untimed for {@code warmupSeconds}, then for
   * {@code seconds}, and returns the units done per second.
   */
  private static double perSecond(int threads, double warmupSeconds, double seconds, Work work)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime() + (long) (warmupSeconds * 1e9);
      long end = start + (long) (seconds * 1e9);
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit((Callable<Long>) () -> {
          long round = 0;
          while (System.nanoTime() < start) {
            work.run(round++);
          }
          long done = 0;
          while (System.nanoTime() < end) {
            done += work.run(round++);
          }
          return done;
        }));
      }
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total / seconds;
    } finally {
      pool.shutdown();
    }
  }

  /** Synced one-entry RocksDB batch writes per second, one writer, in a temp directory. */
  public static double syncedBatchWritesPerSecond(Path tmpParent, double seconds)
      throws IOException {
    try (ScratchDirectory dir = ScratchDirectory.create(tmpParent, "fsync-probe");
        RocksDbStore store = RocksDbStore.open(dir.path(), RocksDbConfig.defaults().withSync(true))) {
      byte[] value = new byte[100];
      long done = 0;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        byte[] key = ("k" + done).getBytes(StandardCharsets.US_ASCII);
        store.write(new WriteBatch().put(key, value));
        done++;
      }
      return done / ((System.nanoTime() - start) / 1e9);
    }
  }
}
