// Byte encodings used by the ledger's formats: base64url (keys, signatures, JWS), standard
// base64 (signed notes), hex (hashes, transaction ids), UTF-8 (everything that is signed).

export function utf8(text) {
  return new TextEncoder().encode(text);
}

export function b64urlEncode(bytes) {
  return b64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function b64urlDecode(text, what = 'value') {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new Error(`${what} is not base64url`);
  }
  return b64Decode(text.replace(/-/g, '+').replace(/_/g, '/'), what);
}

export function b64Encode(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function b64Decode(text, what = 'value') {
  let s;
  try {
    s = atob(text);
  } catch {
    throw new Error(`${what} is not base64`);
  }
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text, what = 'value') {
  if (typeof text !== 'string' || !/^([0-9a-f]{2})*$/i.test(text)) {
    throw new Error(`${what} is not hex`);
  }
  return Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16));
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** 16 random bytes, base64url: a transaction nonce or a JWT id. */
export function randomId() {
  return b64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
}
