// The agency console. Staff sign in with their key file (kept non-extractable in this browser);
// the page finds the agency that registered that key, then: binds a citizen's wallet key to a
// subject (identity authorities only), issues each certificate type the agency is authorised for
// from its schema (the credential is built and signed here, anchored, delivered to the holder's
// wallet and checked by the node), changes a certificate's status, and anchors a document.

import { api, nodeInfo } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { hex, sha256 } from '../crypto/bytes.js';
import { signTransaction } from '../crypto/tx.js';
import { keyChoice, partyDesk, staffKeys } from './staff-keys.js';
import { enrolSection } from './agency-enrol.js';
import { issueSection, statusSection } from './agency-issue.js';

export async function render(main) {
  const desk = h('div', { id: 'agency-desk' });
  const anchorBox = h('section', {});
  main.append(h('h1', {}, t('agency.title')), await staffKeys((keys) => {
    drawDesk(desk, keys);
    drawAnchor(anchorBox, keys);
  }));
  main.append(desk, anchorBox, h('p', { class: 'muted' }, t('agency.notYet')));
}

/** The types an agency may issue now: authorisations without an end, or ending later. */
export function authorisedTypes(agency) {
  const now = Date.now();
  return (agency.authorisations || []).filter((a) => a.until === undefined || a.until > now).map((a) => a.type);
}

async function drawDesk(desk, keys) {
  const { agencies } = await api('agencies');
  await partyDesk(desk, keys, agencies, {
    id: 'agency',
    strings: { key: 'agency.key', actingFor: 'agency.actingFor', none: 'agency.notAgency' },
    async draw(key, agency) {
      const types = authorisedTypes(agency);
      const session = { key, agency, types, ledger: (await nodeInfo()).ledger };
      return [types.includes('resident-identity-card') ? enrolSection(session) : null,
        await issueSection(session), statusSection(session)].filter(Boolean);
    },
  });
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
