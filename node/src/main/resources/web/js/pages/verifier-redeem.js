// Redeeming a holder's one-time share in the verifier console, as the CLI's `verifier redeem`
// does: the QR picture is read by the node (POST /api/v1/qr/decode) or the link pasted; the page
// checks it is a share link of this node, and POST /api/v1/shares/{token}/redeem is sent with a
// request proof signed by the verifier's key and one of its registered purposes. The claims the
// holder chose are shown with the node's checks; a second redemption is refused (share-used).

import { api } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { holderAuthorization } from '../crypto/holder.js';
import { qrScanner } from './qr.js';
import { checksList, claimsTable, findType, typeName } from './cert-views.js';

const SHARE_PATH = /^\/api\/v1\/shares\/([A-Za-z0-9_-]{16,128})$/;

/** The path of a share link of this node, or an error naming what is wrong with the text. */
export function sharePath(text) {
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(t('redeem.notLink'));
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || !SHARE_PATH.test(url.pathname)) {
    throw new Error(t('redeem.notShare'));
  }
  if (url.origin !== location.origin) throw new Error(t('redeem.otherNode', { origin: url.origin }));
  return url.pathname;
}

export function redeemSection(key, verifier) {
  const link = h('textarea', { rows: 2, spellcheck: 'false' });
  const purpose = h('select', {}, Object.entries(verifier.purposes).map(([code, text]) => h('option', { value: code }, text)));
  const out = h('div', { id: 'redeem-status', role: 'status', 'aria-live': 'polite' });
  const shown = h('div', { id: 'redeem-result' });
  const scanned = (text) => {
    link.value = text;
    out.className = 'muted';
    out.textContent = t('redeem.read');
  };
  const submit = async (e) => {
    e.preventDefault();
    shown.replaceChildren();
    delete out.dataset.reason;
    out.className = 'muted';
    out.textContent = t('redeem.redeeming');
    try {
      const path = `${sharePath(link.value)}/redeem`;
      const r = await api(path, {
        method: 'POST', body: { verifier: verifier.id, purpose: purpose.value },
        headers: { Authorization: await holderAuthorization(key, verifier.id, 'POST', path) },
      });
      const type = r.type && (await findType(r.type));
      out.className = r.valid ? 'ok' : 'bad';
      out.textContent = r.valid ? t('redeem.granted') : t('redeem.invalid');
      shown.append(h('h3', {}, type ? typeName(type) : String(r.type || '')), claimsTable(r.disclosed || {}, type, 'redeem-disclosed'),
        checksList(r.checks, 'redeem-checks'));
    } catch (err) {
      out.className = 'bad';
      out.dataset.reason = err.type ? String(err.type).replace('urn:govledger:problem:', '') : '';
      out.textContent = t('redeem.refused', { reason: out.dataset.reason ? `${out.dataset.reason}: ${err.message}` : err.message });
    }
  };
  return h('section', { id: 'redeem' }, h('h2', {}, t('redeem.title')), h('p', { class: 'muted' }, t('redeem.explain')),
    qrScanner('redeem-scan', scanned, out),
    h('form', { onsubmit: submit }, field('redeem-link', t('redeem.link'), link), field('redeem-purpose', t('redeem.purpose'), purpose),
      h('div', { class: 'row' }, h('button', { type: 'submit', id: 'redeem-submit' }, t('redeem.submit'))), out), shown);
}
