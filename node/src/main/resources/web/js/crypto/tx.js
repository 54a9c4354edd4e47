// Ledger transactions (README "Transactions"): the signature covers the RFC 8785 form of the
// object without "sig"; the id is SHA-256 of those same bytes (sha256 suites only here).

import { b64urlEncode, hex, randomId, sha256, utf8 } from './bytes.js';
import { canonicalize } from './jcs.js';
import { sign } from './keys.js';

export async function signTransaction(key, ledger, type, body, nonce = randomId()) {
  const unsigned = { ledger, type, body, signer: key.id, nonce };
  const bytes = utf8(canonicalize(unsigned));
  const sig = b64urlEncode(await sign(key, bytes));
  return { id: hex(await sha256(bytes)), tx: { ...unsigned, sig } };
}

/** The id of a signed transaction: the hash of its canonical form without "sig". */
export async function transactionId(tx) {
  const { sig, ...unsigned } = tx;
  return hex(await sha256(utf8(canonicalize(unsigned))));
}
