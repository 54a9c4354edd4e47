package org.govledger.credentials.openid4vp;

import java.util.Optional;
import org.govledger.credentials.PublicJwk;

/**
 * The caller's registry of pre-registered verifiers (on govledger, the ledger's verifier
 * registry): the public key a verifier signs its request objects with. Return empty for an
 * unknown verifier, an unknown key id or a revoked key; the request is then refused.
 */
@FunctionalInterface
public interface VerifierKeys {
  /**
   * @param clientId the request object's {@code client_id}, exactly as sent
   * @param kid the JWS header's {@code kid}
   */
  Optional<PublicJwk> lookup(String clientId, String kid);
}
