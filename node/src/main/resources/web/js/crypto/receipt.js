// Checks a receipt (GET /api/v1/transactions/{id}/receipt) in the page, trusting only the
// node key from /api/v1/info: the same three checks as the SDK's ReceiptVerifier.

import { b64urlDecode, fromHex, utf8 } from './bytes.js';
import { canonicalize } from './jcs.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { openCheckpoint } from './note.js';
import { transactionId } from './tx.js';

export async function verifyReceipt(receipt, info) {
  if (receipt.ledger !== info.ledger) {
    throw new Error(`the receipt is for ledger ${receipt.ledger}, want ${info.ledger}`);
  }
  const id = await transactionId(receipt.tx);
  if (id !== receipt.txId) throw new Error(`transaction id mismatch: got ${id}, receipt says ${receipt.txId}`);
  const checkpoint = await openCheckpoint(receipt.checkpoint, {
    ledger: info.ledger, suite: info.suite, nodeKeyId: info.nodeKeyId,
    publicKey: b64urlDecode(info.nodePublicKey, 'node public key'),
  });
  if (checkpoint.size !== receipt.treeSize) {
    throw new Error(`the checkpoint is for tree size ${checkpoint.size}, the receipt says ${receipt.treeSize}`);
  }
  const path = receipt.inclusionPath.map((h, i) => fromHex(h, `inclusionPath[${i}]`));
  if (path.some((h) => h.length !== 32)) throw new Error('an inclusion path hash is not 32 bytes');
  const leaf = await leafHash(utf8(canonicalize(receipt.tx)));
  await verifyInclusion(receipt.logIndex, receipt.treeSize, leaf, path, checkpoint.root);
  return checkpoint;
}
