package org.govledger.credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a verifier finds issuers' public keys: the caller's trust list (for govledger, the
 * issuers registered on the ledger). Only keys returned here are trusted, so an SD-JWT cannot
 * bring its own.
 */
@FunctionalInterface
public interface IssuerKeys {
  /**
   * The key with which {@code issuer} signs under {@code keyId}, if the issuer is trusted.
   *
   * @param issuer the {@code iss} claim of the issuer-signed JWT, or the empty string when it
   *     has none (SD-JWT VC makes {@code iss} optional)
   * @param keyId its {@code kid} header, or the empty string when it has none
   */
  Optional<PublicJwk> lookup(String issuer, String keyId);

  /** One trusted key, for exactly this issuer and key id. */
  static IssuerKeys of(String issuer, String keyId, PublicJwk key) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    return (iss, kid) ->
        iss.equals(issuer) && kid.equals(keyId) ? Optional.of(key) : Optional.empty();
  }
}
