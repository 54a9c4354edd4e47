// The agency console. So far: staff sign in with their key file, and anchor a document's
// digest on the ledger with a transaction built and signed in this page (anchor/put).
// Issuing certificates from their schema, and suspend/reinstate/revoke, come next.

import { api, nodeInfo } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { hex, sha256 } from '../crypto/bytes.js';
import { signTransaction } from '../crypto/tx.js';
import { keyChoice, staffKeys } from './staff-keys.js';

export async function render(main) {
  const anchorBox = h('section', {});
  main.append(h('h1', {}, t('agency.title')), await staffKeys((keys) => drawAnchor(anchorBox, keys)));
  main.append(anchorBox, h('p', { class: 'muted' }, t('agency.notYet')));
}

function drawAnchor(box, keys) {
  box.replaceChildren(h('h2', {}, t('anchor.title')));
  if (!keys.length) {
    box.append(h('p', { class: 'muted' }, t('anchor.signInFirst')));
    return;
  }
  const signer = keyChoice('anchor-key', t('anchor.key'), keys);
  const file = h('input', { type: 'file' });
  const note = h('input', { type: 'text', maxlength: 200 });
  const out = h('div', { id: 'anchor-status', role: 'status' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    out.className = 'muted';
    out.textContent = t('anchor.working');
    try {
      if (!file.files[0]) throw new Error(t('anchor.noFile'));
      const digest = hex(await sha256(new Uint8Array(await file.files[0].arrayBuffer())));
      const body = note.value ? { digest, note: note.value } : { digest };
      const { tx } = await signTransaction(signer.selected(), (await nodeInfo()).ledger, 'anchor/put', body);
      const r = await api('transactions?wait=true', { method: 'POST', body: tx });
      out.className = 'ok';
      out.replaceChildren(t('anchor.committed', { height: r.height }), ' ',
        h('a', { href: `#/explorer/tx/${r.id}`, class: 'mono', id: 'anchor-tx' }, r.id));
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('anchor.refused', { reason: err.message });
    }
  } }, signer.element, field('anchor-file', t('anchor.file'), file), field('anchor-note', t('anchor.note'), note),
  h('div', { class: 'row' }, h('button', { type: 'submit' }, t('anchor.submit'))), out);
  box.append(h('p', { class: 'muted' }, t('anchor.explain')), form);
}
