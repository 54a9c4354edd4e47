// What a wallet key signs besides transactions (credentials module, HolderProof and
// SignedStatement): a proof for one HTTP request, sent as "Authorization: Holder <jws>", and a
// statement that carries its own public key in the header, such as a claim for reimbursement.
// The ledger decides whether that key speaks for the subject; these only sign.

import { randomId } from './bytes.js';
import { numericDate, signStatement } from './jws.js';

export const HOLDER_TYP = 'govledger-holder+jwt';
export const CLAIM_TYP = 'govledger-claim+jwt';

/**
 * The Authorization header for one request by the holder of key for subject: method and path
 * (for example "/api/v1/wallets/abc/claims", no query) are signed, with the time and a fresh id.
 */
export async function holderAuthorization(key, subject, method, path) {
  const proof = await signStatement(key, HOLDER_TYP,
    { sub: subject, htm: method, htu: path, iat: numericDate(), jti: randomId() });
  return `Holder ${proof}`;
}

/**
 * The holder's claim for reimbursement: {claimant, payer, currency, items: [{bill, amount}], iat},
 * amounts in the currency's minor unit. The node carries it to the ledger as billing/claim.
 */
export function signClaim(key, { claimant, payer, currency, items }) {
  return signStatement(key, CLAIM_TYP, { claimant, payer, currency, items, iat: numericDate() });
}
