/**
 * Verifiable credentials in the SD-JWT VC format (RFC 9901 and draft-ietf-oauth-sd-jwt-vc) on the
 * ledger's crypto suites. {@link org.govledger.credentials.SdJwtIssuer} issues (every top-level
 * claim selectively disclosable, bound to the holder's {@link
 * org.govledger.credentials.PublicJwk}); {@link org.govledger.credentials.SdJwt} is what a holder
 * parses and {@linkplain org.govledger.credentials.SdJwt#present presents} with a key binding JWT;
 * {@link org.govledger.credentials.SdJwtVerifier} verifies and reports each {@link
 * org.govledger.credentials.Check}. Knows nothing of the ledger's state: whether an issuer is
 * authorised or a credential revoked is for {@code services.certificate} to say.
 */
package org.govledger.credentials;
