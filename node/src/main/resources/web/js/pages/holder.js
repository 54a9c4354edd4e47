// The citizen's wallet in this browser: its P-256 key (non-extractable, in IndexedDB) and the
// subject id the identity authority bound it to, once the citizen has entered it and the ledger
// confirms the binding. Calls to the wallet API carry a fresh holder proof each
// (Authorization: Holder <jws>, README "Wallet"), signed here; the node never sees the key.

import { api } from '../api.js';
import { holderAuthorization } from '../crypto/holder.js';
import { publicJwk } from '../crypto/keys.js';
import { listKeys } from '../crypto/keystore.js';
import { thumbprint } from '../crypto/sdjwt.js';

const SUBJECT = 'govledger.wallet.subject.';

/** The wallet key (the first one made here), or null. */
export async function walletKey() {
  const keys = await listKeys('wallet');
  return keys[0] || null;
}

/** {key, subject} once the key is bound to a subject, else null. */
export async function walletIdentity() {
  const key = await walletKey();
  const subject = key && localStorage.getItem(SUBJECT + key.id);
  return key && subject ? { key, subject } : null;
}

/**
 * Remembers the subject id after checking on the ledger that this key is bound to it and not
 * revoked; says what is wrong otherwise.
 */
export async function adoptSubject(key, subject) {
  const s = await api(`subjects/${encodeURIComponent(subject)}`);
  const mine = await thumbprint(publicJwk(key));
  const bound = (s.keys || []).find((k) => k.thumbprint === mine);
  if (!bound) throw new Error(`subject ${subject} has no wallet key ${mine}`);
  if (bound.revoked) throw new Error(`this wallet key of subject ${subject} is revoked`);
  localStorage.setItem(SUBJECT + key.id, subject);
}

/** A wallet API call (path under /api/v1/wallets/<subject>/) with a holder proof. */
export async function holderApi(identity, rest, init = {}) {
  const path = `/api/v1/wallets/${encodeURIComponent(identity.subject)}/${rest}`;
  const method = init.method || 'GET';
  const authorization = await holderAuthorization(identity.key, identity.subject, method, path);
  return api(path, { ...init, headers: { ...(init.headers || {}), Authorization: authorization } });
}
