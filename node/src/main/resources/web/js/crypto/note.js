// C2SP signed notes (c2sp.org/signed-note) and transparency-log checkpoints
// (c2sp.org/tlog-checkpoint), as a node signs them: key name "<ledger>-node-<keyId>", key hash
// the first 4 bytes of SHA-256(name || "\n" || type || public key).

import { b64Decode, concat, equal, sha256, utf8 } from './bytes.js';
import { verify } from './keys.js';

const TYPE = { 'ed25519-sha256': 0x01, 'p256-sha256': 0x02 };

/** Splits a note into its signed text and its signature lines; checks the syntax only. */
export function parseNote(note) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new Error('the checkpoint has no signature lines');
  const signatures = block.slice(0, -1).split('\n').map((line) => {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) throw new Error(`malformed signature line: ${line.slice(0, 60)}`);
    const bytes = b64Decode(m[2], 'signature');
    if (bytes.length < 5) throw new Error('a signature line is too short');
    return { name: m[1], keyHash: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { text, signatures };
}

/**
 * Verifies a node's checkpoint for ledger with the node's public key (from /api/v1/info) and
 * returns {origin, size, root}. Throws naming what failed.
 */
export async function openCheckpoint(note, { ledger, suite, nodeKeyId, publicKey }) {
  const { text, signatures } = parseNote(note);
  const name = `${ledger}-node-${nodeKeyId}`;
  const type = TYPE[suite];
  if (!type) throw new Error(`cannot check ${suite} checkpoints in a browser`);
  const keyHash = (await sha256(concat(utf8(name), Uint8Array.of(0x0a, type), publicKey))).slice(0, 4);
  const mine = signatures.find((s) => s.name === name && equal(s.keyHash, keyHash));
  if (!mine) throw new Error(`the checkpoint carries no signature by ${name}`);
  if (!(await verify(suite, publicKey, mine.signature, utf8(text)))) {
    throw new Error(`the checkpoint's signature by ${name} does not verify`);
  }
  const [origin, size, root] = text.split('\n');
  if (origin !== `govledger/${ledger}`) {
    throw new Error(`the checkpoint is for ${origin}, want govledger/${ledger}`);
  }
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new Error(`the checkpoint's tree size "${size}" is not a number`);
  return { origin, size: Number(size), root: b64Decode(root, 'checkpoint root') };
}
