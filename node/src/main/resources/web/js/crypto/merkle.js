// RFC 9162 Merkle tree hashing and inclusion proof checking (section 2.1.3.2), SHA-256.
// Pure functions of bytes: the explorer feeds them a receipt, nothing here fetches.

import { concat, hex, sha256 } from './bytes.js';

export function leafHash(leaf) {
  return sha256(concat(Uint8Array.of(0), leaf));
}

export function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/**
 * The root that an inclusion proof leads to from a leaf hash at index in a tree of size.
 * Throws naming the problem when the path cannot belong to such a tree.
 */
export async function rootFromInclusionProof(index, size, leaf, path) {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) {
    throw new Error(`leaf index ${index} is not inside a tree of size ${size}`);
  }
  // Plain numbers hold indexes up to 2^53; halving keeps them exact.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) throw new Error(`inclusion path is too long: ${path.length} hashes`);
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error(`inclusion path is too short: ${path.length} hashes`);
  return r;
}

/** Checks that the proof leads to root; the error says what was found and what was wanted. */
export async function verifyInclusion(index, size, leaf, path, root) {
  const got = await rootFromInclusionProof(index, size, leaf, path);
  if (hex(got) !== hex(root)) {
    throw new Error(`root mismatch: got ${hex(got)}, want ${hex(root)}`);
  }
}
