package org.govledger.node.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.PublicJwk;

/**
 * Checks the per-request proof a party signs with its own key ({@link HolderProof}: a holder for
 * its subject id, a verifier for its verifier id): made for this method and path, fresh, never
 * seen before. Whether the key belongs to the party is for the caller to say.
 */
public final class ProofOfPossession {
  public static final Duration MAX_SKEW = Duration.ofMinutes(2);
  private static final int MAX_REMEMBERED = 200_000;

  private final Clock clock;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private volatile long nextSweep;

  public ProofOfPossession(Clock clock) {
    this.clock = clock;
  }

  /**
   * The key that signed the request's proof for {@code party}.
   *
   * @throws Problem 401 for a missing, malformed, stale, replayed or wrongly signed proof, 403
   *     for a proof made for another party
   */
  public PublicJwk require(Context ctx, String party) {
    String header = ctx.header("Authorization");
    String prefix = HolderProof.SCHEME + " ";
    if (header == null || !header.startsWith(prefix)) {
      throw new Problem(401, "holder-proof-missing", "Proof required",
          "this request needs an Authorization: Holder <proof> header: a JWS signed for this very"
              + " request with your registered key (HolderProof in the SDK)");
    }
    long now = clock.instant().getEpochSecond();
    HolderProof.Claims claims;
    try {
      claims = HolderProof.verify(header.substring(prefix.length()).trim(), ctx.method().name(), ctx.path(),
          now, MAX_SKEW);
    } catch (CredentialException e) {
      throw new Problem(401, "holder-proof-invalid", "Proof refused", e.getMessage());
    }
    if (!claims.subject().equals(party)) {
      throw new Problem(403, "not-holder", "Not yours", "the proof is for " + claims.subject() + ", not " + party);
    }
    sweep(now);
    if (seen.size() >= MAX_REMEMBERED) {
      throw new Problem(503, "busy", "Too many requests", "too many signed requests in the last minutes; retry shortly");
    }
    if (seen.putIfAbsent(claims.jti(), now + 2 * MAX_SKEW.toSeconds()) != null) {
      throw new Problem(401, "holder-proof-replayed", "Proof replayed",
          "this proof (jti " + claims.jti() + ") was used before; sign a fresh one per request");
    }
    return claims.key();
  }

  private void sweep(long now) {
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
