// An SD-JWT presentation (RFC 9901) made by the wallet: the issuer-signed JWT, the Disclosures of
// only the chosen claims, and a Key Binding JWT signed with the wallet key over the audience,
// the nonce and sd_hash (SHA-256 of the presentation up to and including its last "~"). The
// node checks it as CertificateVerifier does; nothing here decides validity.

import { b64urlDecode, b64urlEncode, sha256, utf8 } from './bytes.js';
import { signJws } from './jws.js';

function json(part, what) {
  try {
    return JSON.parse(new TextDecoder().decode(b64urlDecode(part, what)));
  } catch (e) {
    throw new Error(`${what} is not base64url JSON: ${e.message}`);
  }
}

/** The parts of an SD-JWT: the issuer-signed JWT, its payload, and each Disclosure with its claim name. */
export function parseSdJwt(credential) {
  const parts = String(credential).split('~');
  const jwt = parts[0];
  const segments = jwt.split('.');
  if (segments.length !== 3) throw new Error('the credential is not an SD-JWT: its first part is not a JWS');
  const payload = json(segments[1], 'the credential payload');
  const disclosures = parts.slice(1).filter((d) => d !== '' && !d.includes('.')).map((encoded) => {
    const d = json(encoded, 'a Disclosure');
    return { encoded, name: d.length === 3 ? d[1] : null, value: d[d.length - 1] };
  });
  return { jwt, payload, disclosures };
}

/** The presentation of credential disclosing only claims, bound to audience and nonce by key. */
export async function present(key, credential, claims, audience, nonce) {
  const { jwt, payload, disclosures } = parseSdJwt(credential);
  const alg = payload._sd_alg || 'sha-256';
  if (alg !== 'sha-256') throw new Error(`a browser wallet presents sha-256 SD-JWTs only, not ${alg}`);
  const chosen = disclosures.filter((d) => claims.includes(d.name));
  const sdJwt = [jwt, ...chosen.map((d) => d.encoded)].join('~') + '~';
  const sdHash = b64urlEncode(await sha256(utf8(sdJwt)));
  const kb = await signJws(key, { iat: Math.floor(Date.now() / 1000), aud: audience, nonce, sd_hash: sdHash },
    { typ: 'kb+jwt' });
  return sdJwt + kb;
}
