package org.govledger.node.wallet;

import io.javalin.http.Context;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.node.http.Problem;
import org.govledger.node.http.ProofOfPossession;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Lets a request through only if the holder signed it: a fresh, unused proof for this request by
 * a wallet key that the identity authority bound to the subject in the path and did not revoke.
 */
public final class HolderAuth {
  private final LedgerView view;
  private final ProofOfPossession proofs;

  public HolderAuth(LedgerView view, ProofOfPossession proofs) {
    this.view = view;
    this.proofs = proofs;
  }

  /**
   * Checks the request's proof for {@code subject}.
   *
   * @throws Problem 401 for a missing, malformed, stale, replayed or wrongly signed proof; 403
   *     for a key that is not (or no longer) the subject's
   */
  public void require(Context ctx, String subject) {
    PublicJwk key = proofs.require(ctx, subject);
    Subject s = Subjects.lookup(view::stateValue, subject)
        .orElseThrow(() -> Problem.notFound("no subject " + subject + " is registered"));
    Subject.HolderKey bound = s.key(key.thumbprint()).orElseThrow(() -> new Problem(403,
        "not-holder", "Not the holder", "the proof's key is not bound to subject " + subject));
    if (bound.revokedMillis().isPresent()) {
      throw new Problem(403, "holder-key-revoked", "Holder key revoked",
          "this wallet key was revoked (" + bound.reason().orElse("no reason") + "); use another bound key");
    }
  }
}
