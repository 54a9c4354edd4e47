// The identity authority's desk: bind a citizen's wallet key (its public JWK, pasted or read from
// the QR the wallet shows) to a new person (identity/bind-subject, a random pseudonymous id) or
// to a subject already registered (identity/add-holder-key). Signed here with the staff key.

import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { randomId } from '../crypto/bytes.js';
import { commitTx } from './agency-issue.js';
import { qrImage, qrScanner } from './qr.js';

/** Reads a pasted public JWK; names what is wrong with it (the ledger checks it again). */
function readJwk(text) {
  let jwk;
  try {
    jwk = JSON.parse(text);
  } catch (e) {
    throw new Error(t('enrol.notJson', { reason: e.message }));
  }
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw new Error(t('enrol.notJwk'));
  if ('d' in jwk) throw new Error(t('enrol.privateKey'));
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error(t('enrol.notP256'));
  }
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

export function enrolSection(session) {
  const jwk = h('textarea', { rows: 3, spellcheck: 'false' });
  const out = h('div', { id: 'enrol-status', role: 'status' });
  const scanOut = h('p', { role: 'status' });
  const scanner = qrScanner('enrol-scan', (text) => {
    jwk.value = text;
    scanOut.className = 'ok';
    scanOut.textContent = t('enrol.scanned');
  }, scanOut);
  const existing = h('input', { type: 'text', maxlength: 64, 'aria-describedby': 'enrol-subject-hint' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    out.className = 'muted';
    out.textContent = t('enrol.working');
    try {
      const holderKey = readJwk(jwk.value.trim());
      const subject = existing.value.trim() || randomId();
      const r = existing.value.trim()
        ? await commitTx(session, 'identity/add-holder-key', { subject, holderKey })
        : await commitTx(session, 'identity/bind-subject', { subject, kind: 'person', holderKey });
      out.className = 'ok';
      out.replaceChildren(h('p', {}, t('enrol.bound', { height: r.height })),
        h('p', {}, t('enrol.subject'), ' ', h('strong', { class: 'mono', id: 'enrol-subject' }, subject)),
        qrImage(subject, t('enrol.subjectQr'), 'enrol-subject-qr'));
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('enrol.refused', { reason: err.message });
    }
  } }, field('enrol-jwk', t('enrol.jwk'), jwk), scanner, scanOut,
  field('enrol-existing', t('enrol.existing'), existing), h('p', { class: 'muted', id: 'enrol-subject-hint' }, t('enrol.existingHint')),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'enrol-submit' }, t('enrol.submit'))), out);
  return h('section', { id: 'enrol' }, h('h2', {}, t('enrol.title')), h('p', { class: 'muted' }, t('enrol.explain')), form);
}
