// A transaction's receipt, checked in the page: the outcome, and the receipt itself in an
// editable box so that anyone can check a receipt they hold (or see a doctored one fail).

import { nodeInfo } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { verifyReceipt } from '../crypto/receipt.js';

async function check(text, out) {
  out.className = 'muted';
  out.textContent = t('receipt.checking');
  try {
    let receipt;
    try {
      receipt = JSON.parse(text);
    } catch (e) {
      throw new Error(t('receipt.notJson', { reason: e.message }));
    }
    const cp = await verifyReceipt(receipt, await nodeInfo());
    out.className = 'ok';
    out.textContent = t('receipt.verified', { index: receipt.logIndex, size: cp.size });
  } catch (e) {
    out.className = 'bad';
    out.textContent = t('receipt.failed', { reason: e.message });
  }
}

/** The receipt section; checks the given receipt at once. */
export function receiptView(receipt) {
  const out = h('p', { id: 'proof-status', role: 'status' });
  const box = h('textarea', { spellcheck: 'false', rows: 12 });
  box.value = JSON.stringify(receipt, null, 2);
  check(box.value, out);
  return h('section', {},
    h('h2', {}, t('receipt.title')),
    out,
    h('p', { class: 'muted' }, t('receipt.explain')),
    field('receipt-json', t('receipt.json'), box),
    h('div', { class: 'row' }, h('button', { id: 'check-receipt', type: 'button', onclick: () => check(box.value, out) }, t('receipt.check'))));
}
