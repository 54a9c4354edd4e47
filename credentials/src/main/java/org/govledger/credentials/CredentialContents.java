package org.govledger.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a presentation says, once its format and issuer signature have checked out (whether or
 * not the later checks passed: look at {@link CredentialVerification#valid()} before relying on
 * it). {@code toString()} shows claim names only.
 *
 * @param issuer {@code iss}, or the empty string if there is none
 * @param keyId the {@code kid} header, or the empty string if there is none
 * @param vct the credential type; always present for an SD-JWT VC
 * @param issuedAt {@code iat}, if visible
 * @param notBefore {@code nbf}, if present
 * @param expiresAt {@code exp}, if present
 * @param holderKey {@code cnf.jwk}, if present
 * @param issuerJwt the issuer-signed JWT, for example to hash it into a ledger record
 * @param visibleClaims the always-visible claims other than the ones above and {@code _sd},
 *     {@code _sd_alg}, with any disclosed nested parts filled in; if the disclosures check
 *     failed, as signed, nested digests left in place (copied in and out)
 * @param disclosedClaims the top-level claims disclosed in this presentation, with their values
 *     processed (copied in and out); empty if the disclosures check failed
 */
public record CredentialContents(String issuer, String keyId, Optional<String> vct,
    OptionalLong issuedAt, OptionalLong notBefore, OptionalLong expiresAt,
    Optional<PublicJwk> holderKey, String issuerJwt, ObjectNode visibleClaims,
    ObjectNode disclosedClaims) {

  public CredentialContents {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(holderKey, "holderKey");
    Objects.requireNonNull(issuerJwt, "issuerJwt");
    visibleClaims = visibleClaims.deepCopy();
    disclosedClaims = disclosedClaims.deepCopy();
  }

  @Override
  public ObjectNode visibleClaims() {
    return visibleClaims.deepCopy();
  }

  @Override
  public ObjectNode disclosedClaims() {
    return disclosedClaims.deepCopy();
  }

  @Override
  public String toString() {
    return "CredentialContents[issuer=" + issuer + ", kid=" + keyId + ", vct=" + vct
        + ", iat=" + issuedAt + ", nbf=" + notBefore + ", exp=" + expiresAt
        + ", holderKey=" + holderKey.map(PublicJwk::thumbprint)
        + ", visibleClaims=" + CredentialClaims.names(visibleClaims)
        + ", disclosedClaims=" + CredentialClaims.names(disclosedClaims) + "]";
  }
}
