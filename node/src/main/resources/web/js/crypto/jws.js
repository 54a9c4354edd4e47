// JWS compact serialisation (RFC 7515) signed with a stored key: EdDSA or ES256 (raw r || s,
// as RFC 7518 requires and WebCrypto produces).

import { b64urlEncode, utf8 } from './bytes.js';
import { jwsAlgorithm, sign } from './keys.js';

export async function signJws(key, payload, header = {}) {
  const protectedHeader = { alg: jwsAlgorithm(key.suite), ...header };
  const input = b64urlEncode(utf8(JSON.stringify(protectedHeader))) + '.'
    + b64urlEncode(utf8(JSON.stringify(payload)));
  return input + '.' + b64urlEncode(await sign(key, utf8(input)));
}
