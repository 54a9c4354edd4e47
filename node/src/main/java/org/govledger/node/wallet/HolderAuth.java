package org.govledger.node.wallet;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.HolderProof;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.node.http.Problem;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Lets a request through only if the holder signed it: a {@link HolderProof} for this method and
 * path, fresh, never seen before, by a wallet key that the identity authority bound to the
 * subject in the path and did not revoke.
 */
final class HolderAuth {
  static final Duration MAX_SKEW = Duration.ofMinutes(2);
  private static final int MAX_REMEMBERED = 200_000;

  private final LedgerView view;
  private final Clock clock;
  /** Proof ids seen within the skew window, with when they may be forgotten (epoch seconds). */
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  private volatile long nextSweep;

  HolderAuth(LedgerView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  /**
   * Checks the request's proof for {@code subject}.
   *
   * @throws Problem 401 for a missing, malformed, stale, replayed or wrongly signed proof; 403
   *     for a key that is not (or no longer) the subject's
   */
  void require(Context ctx, String subject) {
    String header = ctx.header("Authorization");
    String prefix = HolderProof.SCHEME + " ";
    if (header == null || !header.startsWith(prefix)) {
      throw new Problem(401, "holder-proof-missing", "Holder proof required",
          "reading a wallet needs an Authorization: Holder <proof> header: a JWS the holder signs"
              + " for this request with a wallet key (see HolderProof in the SDK)");
    }
    long now = clock.instant().getEpochSecond();
    HolderProof.Claims claims;
    try {
      claims = HolderProof.verify(header.substring(prefix.length()).trim(), ctx.method().name(), ctx.path(), now, MAX_SKEW);
    } catch (CredentialException e) {
      throw new Problem(401, "holder-proof-invalid", "Holder proof refused", e.getMessage());
    }
    if (!claims.subject().equals(subject)) {
      throw new Problem(403, "not-holder", "Not the holder",
          "the proof is for subject " + claims.subject() + ", not " + subject);
    }
    Subject s = Subjects.lookup(view::stateValue, subject)
        .orElseThrow(() -> Problem.notFound("no subject " + subject + " is registered"));
    Subject.HolderKey key = s.key(claims.key().thumbprint()).orElseThrow(() -> new Problem(403,
        "not-holder", "Not the holder", "the proof's key is not bound to subject " + subject));
    if (key.revokedMillis().isPresent()) {
      throw new Problem(403, "holder-key-revoked", "Holder key revoked",
          "this wallet key was revoked (" + key.reason().orElse("no reason") + "); use another bound key");
    }
    forgetOld(now);
    if (seen.size() >= MAX_REMEMBERED) {
      throw new Problem(503, "busy", "Too many requests", "too many holder requests in the last minutes; retry shortly");
    }
    if (seen.putIfAbsent(claims.jti(), now + 2 * MAX_SKEW.toSeconds()) != null) {
      throw new Problem(401, "holder-proof-replayed", "Holder proof replayed",
          "this proof (jti " + claims.jti() + ") was used before; sign a fresh one per request");
    }
  }

  private void forgetOld(long now) {
    if (now < nextSweep) {
      return;
    }
    nextSweep = now + 10;
    for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < now) {
        it.remove();
      }
    }
  }
}
