// What a wallet or an agency key signs for delegations (services/delegation, README
// "Delegation"): the grantor's grant (govledger-grant+jwt) and its revocation
// (govledger-grant-revocation+jwt), compact JWS whose header carries the signer's public JWK
// (credentials' SignedStatement). A request's proof ("Authorization: Holder <jws>", by a holder
// for its subject or by an agency for its id) is holder.js's. These only sign: the ledger decides
// whether the key speaks for the party.

import { numericDate, signStatement } from './jws.js';

export const GRANT_TYP = 'govledger-grant+jwt';
export const REVOCATION_TYP = 'govledger-grant-revocation+jwt';

/**
 * A grant: {grantor, grantee, services, offices, nbf, exp (epoch seconds), maxUses, mayDelegate,
 * parent?, representative?, eSeal?, companyMayUseSeal?}. Absent options are left out, not null.
 */
export function signGrant(key, grant) {
  const payload = Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined && v !== null));
  return signStatement(key, GRANT_TYP, { ...payload, iat: numericDate() });
}

/** The revocation of grant id, by whoever signed the grant. */
export function signRevocation(key, grant) {
  return signStatement(key, REVOCATION_TYP, { grant, iat: numericDate() });
}
