// What a wallet or an agency key signs for delegations (services/delegation, README
// "Delegation"): the grantor's grant (govledger-grant+jwt) and its revocation
// (govledger-grant-revocation+jwt), compact JWS whose header carries the signer's public JWK
// (credentials' SignedStatement), and the proof for one HTTP request sent as
// "Authorization: Holder <jws>" (credentials' HolderProof), by a holder for its subject or by an
// agency for its id. These only sign: the ledger decides whether the key speaks for the party.

import { randomId } from './bytes.js';
import { signJws } from './jws.js';
import { publicJwk } from './keys.js';

export const GRANT_TYP = 'govledger-grant+jwt';
export const REVOCATION_TYP = 'govledger-grant-revocation+jwt';
const PROOF_TYP = 'govledger-holder+jwt';

function now() {
  return Math.floor(Date.now() / 1000);
}

function statement(key, typ, payload) {
  return signJws(key, payload, { typ, jwk: publicJwk(key) });
}

/**
 * A grant: {grantor, grantee, services, offices, nbf, exp (epoch seconds), maxUses, mayDelegate,
 * parent?, representative?, eSeal?, companyMayUseSeal?}. Absent options are left out, not null.
 */
export function signGrant(key, grant) {
  const payload = Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined && v !== null));
  return statement(key, GRANT_TYP, { ...payload, iat: now() });
}

/** The revocation of grant id, by whoever signed the grant. */
export function signRevocation(key, grant) {
  return statement(key, REVOCATION_TYP, { grant, iat: now() });
}

/** "Holder <proof>" for one request by party (a subject, or an agency id): method and path, no query. */
export async function requestProof(key, party, method, path) {
  const proof = await statement(key, PROOF_TYP, { sub: party, htm: method, htu: path, iat: now(), jti: randomId() });
  return `Holder ${proof}`;
}
