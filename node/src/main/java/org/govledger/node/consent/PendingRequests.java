package org.govledger.node.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.node.http.Json;

/**
 * Presentation requests this node serves, by their {@code state}. Kept in memory: a request lives
 * at most 10 minutes, and after a restart the verifier simply asks again; what must last
 * (consents, accesses) is on the ledger. Bounded, so that requests cannot exhaust memory: a
 * result the verifier has read stays readable for {@value #READ_KEEP_SECONDS} s more (the web page
 * stops polling at its first final answer), one never read (or a refusal to consent) until an
 * hour after its request expired, and a request nobody answered {@value #UNANSWERED_KEEP_SECONDS}
 * s after it expired (a QR shown and never scanned); a nonce is remembered until its request
 * expires, after which the request object is refused as expired.
 */
final class PendingRequests {
  static final int MAX = 100_000;
  /** How long an unread result stays readable after its request expired. */
  static final long KEEP_SECONDS = 3600;
  /** How long a result stays readable after the verifier first read it. */
  static final long READ_KEEP_SECONDS = 15;
  /** How long a request nobody answered is kept after it expired, to say so to its verifier. */
  static final long UNANSWERED_KEEP_SECONDS = 60;
  /** How often, at most, the maps are swept. */
  private static final long PURGE_SECONDS = 5;

  /**
   * One request and what became of it: {@code pending}, perhaps {@code declined}; once the wallet
   * answers, {@code checking}, then {@code recording} while a granted presentation's access
   * records wait for their block; finally {@code granted}, {@code refused} or {@code failed}.
   */
  static final class Pending {
    final String jws;
    final PresentationRequest request;
    final String resultToken;
    private String status = "pending";
    // Kept as its JSON bytes: a result's tree of checks and disclosed claims took about 12 KB of
    // heap, the bytes a sixth of that, and a busy node holds tens of thousands of results.
    private Optional<byte[]> result = Optional.empty();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    /** When the verifier first read the result, in epoch seconds; 0 while unread. */
    private long readAt;

    Pending(String jws, PresentationRequest request, String resultToken) {
      this.jws = jws;
      this.request = request;
      this.resultToken = resultToken;
    }

    synchronized String status() {
      return status;
    }

    /** The result, if there is one yet; reading it starts its {@value #READ_KEEP_SECONDS} s. */
    synchronized Optional<ObjectNode> result(long now) {
      if (result.isPresent() && readAt == 0) {
        readAt = now;
      }
      return result.map(PendingRequests::parse);
    }

    synchronized boolean expired(long now) {
      if (readAt != 0) {
        return readAt + READ_KEEP_SECONDS < now;
      }
      long keep = status.equals("pending") ? UNANSWERED_KEEP_SECONDS : KEEP_SECONDS;
      return request.expiresAt() + keep < now;
    }

    /** Marks the request answered; false if it already was (a replay of its nonce). */
    synchronized boolean claim() {
      if (!status.equals("pending") && !status.equals("declined")) {
        return false;
      }
      status = "checking";
      return true;
    }

    /** The presentation checked out; its access records are on their way to a block. */
    synchronized void recording() {
      status = "recording";
    }

    synchronized void finish(String finalStatus, ObjectNode r) {
      status = finalStatus;
      result = Optional.of(serialize(r));
      settled.complete(null);
    }

    /**
     * Completes once a presentation being recorded has settled, or after {@code bound}; at once
     * in any other state. Never fails: the caller then reads whatever the status is.
     */
    CompletableFuture<Void> recorded(Duration bound) {
      if (!status().equals("recording")) {
        return CompletableFuture.completedFuture(null);
      }
      return settled.copy().completeOnTimeout(null, bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void declined() {
      if (status.equals("pending")) {
        status = "declined";
      }
    }
  }

  private static byte[] serialize(ObjectNode result) {
    try {
      return Json.MAPPER.writeValueAsBytes(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a presentation result could not be written as JSON", e);
    }
  }

  private static ObjectNode parse(byte[] result) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(result);
    } catch (IOException e) {
      throw new IllegalStateException("a kept presentation result could not be read back", e);
    }
  }

  private final Map<String, Pending> byState = new ConcurrentHashMap<>();
  private final Map<String, Long> usedNonces = new ConcurrentHashMap<>();
  private volatile long nextPurge;

  /**
   * Adds a request; empty if its state or nonce was seen before (a replayed request object), or
   * if the node holds too many.
   */
  Optional<Pending> add(String jws, PresentationRequest r, String resultToken, long now) {
    purge(now);
    if (byState.size() >= MAX) {
      return Optional.empty();
    }
    if (usedNonces.putIfAbsent(r.nonce(), r.expiresAt()) != null) {
      return Optional.empty();
    }
    Pending p = new Pending(jws, r, resultToken);
    return byState.putIfAbsent(r.state(), p) == null ? Optional.of(p) : Optional.empty();
  }

  Optional<Pending> get(String state) {
    return Optional.ofNullable(byState.get(state));
  }

  boolean full() {
    return byState.size() >= MAX;
  }

  private void purge(long now) {
    if (now < nextPurge && byState.size() < MAX) {
      return;
    }
    nextPurge = now + PURGE_SECONDS;
    byState.values().removeIf(p -> p.expired(now));
    usedNonces.values().removeIf(expiresAt -> expiresAt < now);
  }
}
