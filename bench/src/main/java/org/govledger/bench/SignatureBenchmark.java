package org.govledger.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SignedMessage;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.crypto.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature verification, the cost every transaction pays once at admission (and the engine
 * again for any it did not see admitted), and so the first ceiling on transactions per second:
 * 1,157 a second on average, ten times that at peak, must fit on a node's cores.
 *
 * <p>The message is the signing bytes of a realistic {@code anchor/put} transaction (about 300
 * bytes). Verifiers are built once, as the engine caches them per signer. {@code ed25519_*} go
 * through our API ({@code CryptoSuite.ED25519_SHA256.verifier(pk).verify(msg, sig)}, BouncyCastle
 * underneath) on one thread and on every core (the verifier is thread-safe; the ratio of the two
 * shows how well admission scales). {@code jdkEd25519} checks the same signature with the JDK's own
 * {@code Signature.getInstance("Ed25519")}, the figure behind choosing BouncyCastle. {@code p256}
 * and {@code sm2} are the other two suites a ledger can choose at genesis. {@code
 * ed25519Batch64_oneThread} checks 64 signatures of 64 different transactions by 8 signers in one
 * batch ({@code SignedMessage.verifyAll}, as the engine does for a submission or a block):
 * multiply its operations per second by 64 to compare with {@code ed25519_oneThread}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class SignatureBenchmark {
  // DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows.
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private byte[] message;
  private Verifier ed25519;
  private byte[] ed25519Signature;
  private PublicKey jdkEd25519Key;
  private List<SignedMessage> batch64;
  private Verifier p256;
  private byte[] p256Signature;
  private Verifier sm2;
  private byte[] sm2Signature;

  @Setup(Level.Trial)
  public void setUp() throws VerificationException, GeneralSecurityException {
    AnchorWorkload workload = new AnchorWorkload(CryptoSuite.ED25519_SHA256, 1);
    message = workload.next().signingBytes();

    SigningKey ed25519Key = workload.clientKey();
    ed25519 = CryptoSuite.ED25519_SHA256.verifier(ed25519Key.publicKey());
    ed25519Signature = ed25519Key.sign(message);
    ed25519.verify(message, ed25519Signature);
    jdkEd25519Key = jdkPublicKey(ed25519Key.publicKey());
    if (!jdkVerify(new JdkVerifier(), jdkEd25519Key)) {
      throw new IllegalStateException("the JDK rejects a signature BouncyCastle made");
    }

    batch64 = new ArrayList<>();
    List<AnchorWorkload> signers = new ArrayList<>();
    for (int seed = 1; seed <= 8; seed++) {
      signers.add(new AnchorWorkload(CryptoSuite.ED25519_SHA256, seed));
    }
    for (int i = 0; i < 64; i++) {
      AnchorWorkload w = signers.get(i % 8);
      SigningKey key = w.clientKey();
      byte[] m = w.next().signingBytes();
      batch64.add(new SignedMessage(CryptoSuite.ED25519_SHA256.verifier(key.publicKey()), m, key.sign(m)));
    }
    if (!SignedMessage.verifyAll(batch64).stream().allMatch(Optional::isEmpty)) {
      throw new IllegalStateException("a valid batch fails");
    }

    SigningKey p256Key = new AnchorWorkload(CryptoSuite.P256_SHA256, 1).clientKey();
    p256 = CryptoSuite.P256_SHA256.verifier(p256Key.publicKey());
    p256Signature = p256Key.sign(message);
    p256.verify(message, p256Signature);

    SigningKey sm2Key = new AnchorWorkload(CryptoSuite.SM2_SM3, 1).clientKey();
    sm2 = CryptoSuite.SM2_SM3.verifier(sm2Key.publicKey());
    sm2Signature = sm2Key.sign(message);
    sm2.verify(message, sm2Signature);
  }

  /** A JDK {@link Signature} per thread: unlike our verifiers, it is not thread-safe. */
  @State(Scope.Thread)
  public static class JdkVerifier {
    final Signature signature;

    public JdkVerifier() {
      try {
        signature = Signature.getInstance("Ed25519");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no Ed25519", e);
      }
    }
  }

  @Benchmark
  @Threads(1)
  public void ed25519_oneThread() throws VerificationException {
    ed25519.verify(message, ed25519Signature);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public void ed25519_allCores() throws VerificationException {
    ed25519.verify(message, ed25519Signature);
  }

  @Benchmark
  @Threads(1)
  public List<Optional<VerificationException>> ed25519Batch64_oneThread() {
    return SignedMessage.verifyAll(batch64);
  }

  @Benchmark
  @Threads(1)
  public boolean jdkEd25519_oneThread(JdkVerifier jdk) throws GeneralSecurityException {
    return jdkVerify(jdk, jdkEd25519Key);
  }

  @Benchmark
  @Threads(1)
  public void p256_oneThread() throws VerificationException {
    p256.verify(message, p256Signature);
  }

  @Benchmark
  @Threads(1)
  public void sm2_oneThread() throws VerificationException {
    sm2.verify(message, sm2Signature);
  }

  private boolean jdkVerify(JdkVerifier jdk, PublicKey key) throws GeneralSecurityException {
    jdk.signature.initVerify(key);
    jdk.signature.update(message);
    return jdk.signature.verify(ed25519Signature);
  }

  private static PublicKey jdkPublicKey(byte[] raw) throws GeneralSecurityException {
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
