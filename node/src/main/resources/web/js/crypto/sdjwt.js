// SD-JWT VCs in the browser, made exactly as the Java side makes them (credentials' SdJwtIssuer
// and services' CertificateIssuer): header {alg, kid, typ: "dc+sd-jwt"}; payload iss, iat, nbf,
// exp?, vct, cnf.jwk, _sd (one digest per claim, sorted) and _sd_alg "sha-256"; each claim a
// Disclosure [salt, name, value] with a 128-bit salt, RFC 8785 canonical JSON, base64url. The
// credential's ledger id is the SHA-256 of the issuer-signed JWT, in hex. Presenting keeps only
// the chosen Disclosures and appends a key binding JWT (RFC 9901 section 4.3).

import { b64urlDecode, b64urlEncode, hex, sha256, utf8 } from './bytes.js';
import { canonicalize } from './jcs.js';
import { parseJws, signJws } from './jws.js';

export const SD_JWT_VC = 'dc+sd-jwt';

async function digestOf(text) {
  return b64urlEncode(await sha256(utf8(text)));
}

/** The RFC 7638 thumbprint of a public JWK: SHA-256 of its required members, canonical. */
export async function thumbprint(jwk) {
  const required = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
    : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return digestOf(canonicalize(required));
}

/** A credential's id on the ledger: SHA-256 (hex) of the issuer-signed JWT. */
export async function credentialId(issuerJwt) {
  return hex(await sha256(utf8(issuerJwt)));
}

/**
 * Signs a credential with the agency's stored key. claims: the type's claims (each one
 * disclosable); times in epoch seconds; validUntil may be null. Returns {compact, issuerJwt, id}.
 */
export async function issueSdJwt(key, { agency, vct, holderJwk, claims, issuedAt, validFrom, validUntil }) {
  const disclosures = [];
  const digests = [];
  for (const [name, value] of Object.entries(claims)) {
    const salt = b64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
    const encoded = b64urlEncode(utf8(canonicalize([salt, name, value])));
    disclosures.push(encoded);
    digests.push(await digestOf(encoded));
  }
  digests.sort();
  const payload = { iss: `urn:govledger:agency:${agency}`, iat: issuedAt, nbf: validFrom, vct, cnf: { jwk: holderJwk } };
  if (validUntil !== null && validUntil !== undefined) payload.exp = validUntil;
  if (digests.length) payload._sd = digests;
  payload._sd_alg = 'sha-256';
  const issuerJwt = await signJws(key, payload, { kid: key.id, typ: SD_JWT_VC });
  return { compact: `${issuerJwt}~${disclosures.map((d) => `${d}~`).join('')}`, issuerJwt, id: await credentialId(issuerJwt) };
}

/** Reads an SD-JWT (no key binding JWT): its payload and its claims by name, with each Disclosure. */
export function parseSdJwt(compact) {
  const parts = String(compact).split('~');
  const issuerJwt = parts[0];
  const { header, payload } = parseJws(issuerJwt, 'the issuer-signed JWT');
  const disclosures = parts.slice(1, -1).map((encoded) => {
    let array;
    try {
      array = JSON.parse(new TextDecoder().decode(b64urlDecode(encoded, 'a Disclosure')));
    } catch (e) {
      throw new Error(`a Disclosure is not JSON: ${e.message}`);
    }
    if (!Array.isArray(array) || array.length !== 3) throw new Error('a Disclosure is not [salt, name, value]');
    return { encoded, name: array[1], value: array[2] };
  });
  return { issuerJwt, header, payload, disclosures, claims: Object.fromEntries(disclosures.map((d) => [d.name, d.value])) };
}

/**
 * Presents only the claims named, with a KB-JWT signed by the wallet key over the audience (the
 * verifier's id), the nonce and the hash of what is presented. A claim the credential does not
 * have is refused by name.
 */
export async function presentSdJwt(compact, claimNames, walletKey, audience, nonce) {
  const sd = parseSdJwt(compact);
  const missing = claimNames.filter((n) => !sd.disclosures.some((d) => d.name === n));
  if (missing.length) throw new Error(`the document has no claim ${missing.join(', ')}`);
  const chosen = sd.disclosures.filter((d) => claimNames.includes(d.name));
  const presented = `${sd.issuerJwt}~${chosen.map((d) => `${d.encoded}~`).join('')}`;
  const kb = await signJws(walletKey, {
    iat: Math.floor(Date.now() / 1000), aud: audience, nonce, sd_hash: await digestOf(presented),
  }, { typ: 'kb+jwt' });
  return presented + kb;
}
