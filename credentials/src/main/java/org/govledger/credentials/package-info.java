/**
 * Verifiable credentials in the SD-JWT VC format: issue (every claim selectively disclosable,
 * bound to the holder's key), present (only the chosen claims, with a key binding JWT), and
 * verify, on the ledger's crypto suites. Knows nothing of the ledger's state: whether an issuer
 * is authorised or a credential revoked is for {@code services.certificate} to say.
 */
package org.govledger.credentials;
