// The other direction of sharing: on an opened certificate the holder makes a one-time share of
// chosen claims for a chosen time (10 s to 10 minutes), as the CLI's `wallet share` does
// (POST /api/v1/wallets/{subject}/documents/{record}/shares, with a holder proof), and shows its
// QR code; the first registered verifier to redeem it gets those claims, a second is refused.

import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { holderApi } from './holder.js';
import { qrImage } from './qr.js';

export const MIN_SECONDS = 10;
export const MAX_SECONDS = 600;

/** The share form for one document: its claims as check boxes, a lifetime, and the QR once made. */
export function shareSection(identity, recordId, claims, type) {
  const props = (type && type.schema && type.schema.properties) || {};
  const boxes = h('fieldset', { id: 'share-claims' }, h('legend', {}, t('share.claims')),
    Object.keys(claims).map((name, i) => {
      const box = h('input', { type: 'checkbox', id: `share-claim-${i}`, value: name });
      const p = props[name] || {};
      return h('label', { class: 'inline', for: box.id }, box, ` ${p.title || p.description || name} `);
    }));
  const seconds = h('input', { type: 'number', min: MIN_SECONDS, max: MAX_SECONDS, step: 1, value: 120, inputmode: 'numeric' });
  const out = h('p', { id: 'share-status', role: 'status' });
  const shown = h('div', { id: 'share-made' });
  const submit = async (e) => {
    e.preventDefault();
    shown.replaceChildren();
    try {
      const chosen = [...boxes.querySelectorAll('input:checked')].map((b) => b.value).sort();
      if (!chosen.length) throw new Error(t('share.noClaims'));
      const ttl = Number(seconds.value);
      if (!Number.isInteger(ttl) || ttl < MIN_SECONDS || ttl > MAX_SECONDS) {
        throw new Error(t('share.badSeconds', { value: seconds.value, min: MIN_SECONDS, max: MAX_SECONDS }));
      }
      const share = await holderApi(identity, `documents/${encodeURIComponent(recordId)}/shares`,
        { method: 'POST', body: { claims: chosen, ttlSeconds: ttl } });
      out.className = 'ok';
      out.textContent = t('share.made', { claims: chosen.join(', ') });
      showShare(shown, share);
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('share.refused', { reason: err.message });
    }
  };
  return h('section', { id: 'share' }, h('h3', {}, t('share.title')), h('p', { class: 'muted' }, t('share.explain')),
    h('form', { onsubmit: submit, novalidate: true }, boxes, field('share-seconds', t('share.seconds', { min: MIN_SECONDS, max: MAX_SECONDS }), seconds),
      h('div', { class: 'row' }, h('button', { type: 'submit', id: 'share-submit' }, t('share.submit'))), out), shown);
}

/** The share's QR (an SVG drawn by the node from its link; the PNG to download) until it expires. */
function showShare(box, share) {
  const until = h('dd', { id: 'share-expires' }, new Date(share.expiresAt * 1000).toISOString().replace('T', ' ').slice(0, 19));
  box.replaceChildren(qrImage(share.url, t('share.qrAlt'), 'share-qr'),
    h('p', {}, h('a', { id: 'share-qr-png', href: share.qrPng, download: 'share-qr.png' }, t('share.qrPng'))),
    h('p', {}, t('share.link'), ' ', h('span', { id: 'share-url', class: 'mono' }, share.url)),
    h('dl', { class: 'facts' }, h('dt', {}, t('share.until')), until));
  const left = share.expiresAt * 1000 - Date.now();
  setTimeout(() => {
    if (!until.isConnected) return;
    box.querySelector('#share-qr').remove();
    until.className = 'bad';
    until.textContent = t('share.expired');
  }, Math.max(0, left));
}
