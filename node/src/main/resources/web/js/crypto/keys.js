// Signing keys in the browser. Private keys are imported or generated non-extractable: once in
// a CryptoKey, this page (or a script injected into it) can sign with them but never read them.
// Public keys are encoded as the ledger encodes them (ledger module, KeyFile and the suites):
// Ed25519 the raw 32 bytes, P-256 the uncompressed SEC1 point (04 || X || Y), private keys the
// 32-byte seed or scalar. A key id is base64url of the first 16 bytes of SHA-256(public key).

import { b64urlDecode, b64urlEncode, concat, fromHex, sha256, utf8 } from './bytes.js';

export const SUITES = ['ed25519-sha256', 'p256-sha256'];

const ALGORITHMS = {
  'ed25519-sha256': { import: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, jws: 'EdDSA' },
  'p256-sha256': {
    import: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
    jws: 'ES256',
  },
};

/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): WebCrypto imports no raw private keys. */
const ED25519_PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');

export async function keyId(publicKey) {
  return b64urlEncode((await sha256(publicKey)).slice(0, 16));
}

function algorithm(suite) {
  const a = ALGORITHMS[suite];
  if (!a) {
    throw new Error(`suite "${suite}" cannot sign in a browser: use one of ${SUITES.join(', ')}`
      + (suite === 'sm2-sm3' ? ' (WebCrypto has no SM2)' : ''));
  }
  return a;
}

/** The JWS "alg" of a key's suite: EdDSA or ES256. */
export function jwsAlgorithm(suite) {
  return algorithm(suite).jws;
}

/**
 * Reads a govledger key file ({suite, keyId, name, publicKey, privateKey}, base64url) and
 * imports its private key non-extractable. Every problem is named: bad JSON, a missing
 * field, an unknown suite, a key id or public key that does not belong to the private key.
 */
export async function importKeyFile(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new Error(`the key file is not JSON: ${e.message}`);
  }
  if (file === null || typeof file !== 'object' || Array.isArray(file)) {
    throw new Error('the key file is not a JSON object');
  }
  for (const field of ['suite', 'publicKey', 'privateKey']) {
    if (typeof file[field] !== 'string') throw new Error(`the key file has no "${field}"`);
  }
  const alg = algorithm(file.suite);
  const publicKey = b64urlDecode(file.publicKey, 'publicKey');
  const secret = b64urlDecode(file.privateKey, 'privateKey');
  const privateKey = await importPrivate(file.suite, publicKey, secret, alg);
  const id = await keyId(publicKey);
  if (file.keyId && file.keyId !== id) {
    throw new Error(`the key file says key id ${file.keyId} but its public key is key ${id}`);
  }
  const key = { id, suite: file.suite, name: file.name || id, publicKey: file.publicKey, privateKey };
  await checkPair(key);
  return key;
}

async function importPrivate(suite, publicKey, secret, alg) {
  if (secret.length !== 32) throw new Error(`privateKey has ${secret.length} bytes, want 32`);
  try {
    if (suite === 'ed25519-sha256') {
      return await crypto.subtle.importKey('pkcs8', concat(ED25519_PKCS8_PREFIX, secret),
        alg.import, false, ['sign']);
    }
    if (publicKey.length !== 65 || publicKey[0] !== 4) {
      throw new Error('a P-256 publicKey is 65 bytes starting 04');
    }
    const jwk = {
      kty: 'EC', crv: 'P-256', d: b64urlEncode(secret),
      x: b64urlEncode(publicKey.slice(1, 33)), y: b64urlEncode(publicKey.slice(33)),
    };
    return await crypto.subtle.importKey('jwk', jwk, alg.import, false, ['sign']);
  } catch (e) {
    throw new Error(`the key file's private key does not import: ${e.message}`);
  }
}

/** Signs a test message and checks it with the public key: the two halves must belong together. */
async function checkPair(key) {
  const probe = utf8('govledger key check');
  const signature = await sign(key, probe);
  const alg = algorithm(key.suite);
  const pub = await crypto.subtle.importKey('raw', b64urlDecode(key.publicKey), alg.import, true, ['verify']);
  if (!(await crypto.subtle.verify(alg.sign, pub, signature, probe))) {
    throw new Error("the key file's public key does not belong to its private key");
  }
}

/** A new P-256 wallet key, made in this browser and never extractable. */
export async function generateWalletKey(name) {
  const pair = await crypto.subtle.generateKey(algorithm('p256-sha256').import, false, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const id = await keyId(raw);
  return { id, suite: 'p256-sha256', name: name || id, publicKey: b64urlEncode(raw), privateKey: pair.privateKey };
}

/** The public JWK of a stored key (what the identity authority binds to a subject). */
export function publicJwk(key) {
  const raw = b64urlDecode(key.publicKey);
  if (key.suite === 'ed25519-sha256') return { kty: 'OKP', crv: 'Ed25519', x: key.publicKey };
  return { kty: 'EC', crv: 'P-256', x: b64urlEncode(raw.slice(1, 33)), y: b64urlEncode(raw.slice(33)) };
}

/** Signs bytes; ECDSA signatures come out as raw r || s, which is what the ledger takes. */
export async function sign(key, bytes) {
  return new Uint8Array(await crypto.subtle.sign(algorithm(key.suite).sign, key.privateKey, bytes));
}

/** Verifies a signature with a raw public key of the suite; false if it does not verify. */
export async function verify(suite, publicKey, signature, bytes) {
  const alg = algorithm(suite);
  const pub = await crypto.subtle.importKey('raw', publicKey, alg.import, false, ['verify']);
  return crypto.subtle.verify(alg.sign, pub, signature, bytes);
}
