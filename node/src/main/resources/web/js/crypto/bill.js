// The bill document a biller gives the holder (node BillingRoutes, README "E-bills"): the
// ledger records only its digest, the ledger hash (SHA-256 here) of its RFC 8785 form, and the
// wallet takes the document only if it hashes to that digest and its line items add up.

import { hex, sha256, utf8 } from './bytes.js';
import { canonicalize } from './jcs.js';

/**
 * Builds the document from the desk's form: items [{name, quantity, unitPrice}] with amounts in
 * minor units; each item's total and the bill's amount are computed here, so they add up.
 */
export function billDocument({ biller, number, holder, currency, tax, covered, items, paidAt }) {
  const lines = items.map(({ name, quantity, unitPrice }) => ({ name, quantity, unitPrice, total: quantity * unitPrice }));
  const amount = lines.reduce((sum, i) => sum + i.total, 0);
  if (!Number.isSafeInteger(amount)) throw new Error(`the amount ${amount} is too large`);
  return { biller, number, holder, currency, amount, tax, covered, items: lines, paidAt };
}

/** The digest billing/issue records: hex of SHA-256 over the document's canonical bytes. */
export async function billDigest(doc) {
  return hex(await sha256(utf8(canonicalize(doc))));
}

/** The body of the billing/issue transaction for a document. */
export async function issueBody(doc) {
  const { number, holder, currency, amount, tax, covered } = doc;
  return { number, holder, currency, amount, tax, covered, digest: await billDigest(doc) };
}
