// JWS compact serialisation (RFC 7515) signed with a stored key: EdDSA or ES256 (raw r || s,
// as RFC 7518 requires and WebCrypto produces). Header and payload are RFC 8785 canonical JSON,
// as the Java side writes them, so the same input gives the same bytes in both.

import { b64urlDecode, b64urlEncode, utf8 } from './bytes.js';
import { canonicalize } from './jcs.js';
import { jwsAlgorithm, publicJwk, sign } from './keys.js';

export async function signJws(key, payload, header = {}) {
  const protectedHeader = { alg: jwsAlgorithm(key.suite), ...header };
  const input = b64urlEncode(utf8(canonicalize(protectedHeader))) + '.'
    + b64urlEncode(utf8(canonicalize(payload)));
  return input + '.' + b64urlEncode(await sign(key, utf8(input)));
}

/** The parts of a compact JWS, decoded; the signature is not checked here. */
export function parseJws(compact, what = 'JWS') {
  const parts = typeof compact === 'string' ? compact.split('.') : [];
  if (parts.length !== 3) throw new Error(`${what} is not a compact JWS (three parts separated by '.')`);
  const json = (part, name) => {
    try {
      return JSON.parse(new TextDecoder().decode(b64urlDecode(part, `${what} ${name}`)));
    } catch (e) {
      throw new Error(`${what} ${name} is not JSON: ${e.message}`);
    }
  };
  return {
    header: json(parts[0], 'header'), payload: json(parts[1], 'payload'),
    signingInput: `${parts[0]}.${parts[1]}`, signature: b64urlDecode(parts[2], `${what} signature`),
  };
}

/** The current time as a JWT NumericDate: whole seconds since the epoch (RFC 7519 section 2). */
export function numericDate() {
  return Math.floor(Date.now() / 1000);
}

/**
 * A statement signed by a wallet key that carries its own public key in the header ({typ, alg,
 * jwk}): a holder proof, a consent, a withdrawal (SignedStatement and HolderProof in Java).
 */
export function signStatement(key, typ, payload) {
  return signJws(key, payload, { typ, jwk: publicJwk(key) });
}
