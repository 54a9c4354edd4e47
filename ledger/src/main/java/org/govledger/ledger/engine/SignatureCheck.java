package org.govledger.ledger.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SignedMessage;
import org.govledger.ledger.crypto.Verifier;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Rejection;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxId;

/**
 * Checks transaction signatures, in parallel over a pool sized to the machine's cores. Remembers
 * (boundedly) which transactions it has already found valid, so a transaction checked when it was
 * admitted is not checked again when its block is built; forgetting only costs a second check.
 */
final class SignatureCheck {
  private static final int CHUNK = 256;
  private static final int MIN_CHUNK = 16;

  private final CryptoSuite suite;
  private final ExecutorService pool;
  private final Map<KeyId, Verifier> verifiers = new ConcurrentHashMap<>();
  private final Map<TxId, byte[]> alreadyValid = new ConcurrentHashMap<>();
  private final int rememberAtMost;

  SignatureCheck(CryptoSuite suite, ExecutorService pool, int rememberAtMost) {
    this.suite = suite;
    this.pool = pool;
    this.rememberAtMost = rememberAtMost;
  }

  /**
   * Verifies a transaction being admitted, unless {@link #verifyHere} already found it valid, and
   * remembers that it is valid.
   */
  void verifyAndRemember(Transaction tx, SignerRecord signer) {
    byte[] known = alreadyValid.get(tx.id());
    if (known != null && java.util.Arrays.equals(known, tx.signature())) {
      return;
    }
    verify(tx, signer);
    remember(tx);
  }

  /** Remembers as valid a transaction whose signature was made in this process a moment ago. */
  void remember(Transaction tx) {
    if (alreadyValid.size() >= rememberAtMost) {
      alreadyValid.clear(); // rare; only costs re-verification
    }
    alreadyValid.put(tx.id(), tx.signature());
  }

  /** Verifies one transaction's signature against its signer's key. */
  void verify(Transaction tx, SignerRecord signer) {
    try {
      verifier(signer).verify(tx.signingBytes(), tx.signature());
    } catch (VerificationException e) {
      throw badSignature(tx, e).toException();
    }
  }

  /**
   * Checks, on the calling thread and as one batch, the transactions of one submission whose
   * signers are registered, and remembers those that are valid, so that admitting each of them
   * next costs no second check. Invalid ones are left for admission to refuse by name.
   */
  void verifyHere(List<Transaction> txs, Function<KeyId, Optional<SignerRecord>> signers) {
    checkAndRemember(txs, signers, todo -> {
      Map<TxId, Rejection> bad = new java.util.HashMap<>();
      checkPart(todo, signers, bad);
      return bad;
    });
  }

  private Verifier verifier(SignerRecord signer) {
    return verifiers.computeIfAbsent(signer.keyId(), k -> suite.verifier(signer.publicKey()));
  }

  private static Rejection badSignature(Transaction tx, VerificationException e) {
    return new Rejection(
        Rejection.BAD_SIGNATURE,
        "signature of transaction " + tx.id() + " by " + tx.signer() + " does not verify: "
            + e.getMessage());
  }

  /**
   * Checks, in parallel, the transactions of a block still to come whose signers are already
   * registered, and remembers those that are valid, so that building the block later finds them
   * checked. Invalid or unknown ones are left for the block to refuse.
   */
  void verifyAhead(List<Transaction> txs, Function<KeyId, Optional<SignerRecord>> signers) {
    checkAndRemember(txs, signers, todo -> verifyInParallel(todo, signers));
  }

  /**
   * Checks with {@code check} those of {@code txs} not already known valid, and remembers the
   * ones it found valid whose signers are known.
   */
  private void checkAndRemember(List<Transaction> txs, Function<KeyId, Optional<SignerRecord>> signers,
      Function<List<Transaction>, Map<TxId, Rejection>> check) {
    List<Transaction> todo = new ArrayList<>();
    for (Transaction tx : txs) {
      if (!alreadyValid.containsKey(tx.id())) {
        todo.add(tx);
      }
    }
    Map<TxId, Rejection> bad = check.apply(todo);
    if (alreadyValid.size() + todo.size() >= rememberAtMost) {
      alreadyValid.clear(); // rare; only costs re-verification
    }
    for (Transaction tx : todo) {
      if (!bad.containsKey(tx.id()) && signers.apply(tx.signer()).isPresent()) {
        alreadyValid.put(tx.id(), tx.signature());
      }
    }
  }

  /**
   * Checks every transaction whose signer {@code signers} knows, in parallel. Returns the
   * rejections; transactions with unknown signers are left for the caller (a signer registered
   * earlier in the same block is known only then).
   */
  Map<TxId, Rejection> verifyAll(
      List<Transaction> txs, Function<KeyId, Optional<SignerRecord>> signers) {
    List<Transaction> todo = new ArrayList<>();
    for (Transaction tx : txs) {
      byte[] known = alreadyValid.remove(tx.id());
      if (known == null || !java.util.Arrays.equals(known, tx.signature())) {
        todo.add(tx);
      }
    }
    return verifyInParallel(todo, signers);
  }

  private Map<TxId, Rejection> verifyInParallel(
      List<Transaction> todo, Function<KeyId, Optional<SignerRecord>> signers) {
    Map<TxId, Rejection> bad = new ConcurrentHashMap<>();
    List<Future<?>> parts = new ArrayList<>();
    // one part per core, so that even one block's worth keeps every core busy, but no part so
    // small that the batch check loses its advantage, nor so big that a core waits for another
    int cores = Runtime.getRuntime().availableProcessors();
    int chunk = Math.max(MIN_CHUNK, Math.min(CHUNK, (todo.size() + cores - 1) / cores));
    for (int i = 0; i < todo.size(); i += chunk) {
      List<Transaction> part = todo.subList(i, Math.min(todo.size(), i + chunk));
      parts.add(pool.submit(() -> checkPart(part, signers, bad)));
    }
    for (Future<?> f : parts) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking signatures", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("signature check failed unexpectedly", e.getCause());
      }
    }
    return bad;
  }

  /**
   * Checks the part's transactions whose signers are known as one batch ({@link
   * SignedMessage#verifyAll}: each verdict is the one a check alone would give).
   */
  private void checkPart(
      List<Transaction> part,
      Function<KeyId, Optional<SignerRecord>> signers,
      Map<TxId, Rejection> bad) {
    List<Transaction> known = new ArrayList<>(part.size());
    List<SignedMessage> items = new ArrayList<>(part.size());
    for (Transaction tx : part) {
      Optional<SignerRecord> signer = signers.apply(tx.signer());
      if (signer.isPresent()) {
        known.add(tx);
        items.add(new SignedMessage(verifier(signer.get()), tx.signingBytes(), tx.signature()));
      }
    }
    List<Optional<VerificationException>> verdicts = SignedMessage.verifyAll(items);
    for (int i = 0; i < known.size(); i++) {
      Transaction tx = known.get(i);
      verdicts.get(i).ifPresent(e -> bad.put(tx.id(), badSignature(tx, e)));
    }
  }
}
