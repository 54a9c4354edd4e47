// The citizen wallet. Its P-256 key is made in this browser (non-extractable, in IndexedDB) and
// shown as a public JWK, its thumbprint and a QR for the identity authority, which binds it to
// the citizen; the citizen then enters the subject id the authority gives (checked against the
// ledger). After that: my certificates (list, open with the claims named, download, access
// history, a one-time share by QR), each call signed with a holder proof, scanning a verifier's QR
// to consent (once, or standing for some days), and the standing consents in force to withdraw.

import { h, facts, field } from '../dom.js';
import { t } from '../i18n.js';
import { generateWalletKey, publicJwk } from '../crypto/keys.js';
import { saveKey } from '../crypto/keystore.js';
import { parseSdJwt, thumbprint } from '../crypto/sdjwt.js';
import { adoptSubject, holderApi, walletIdentity, walletKey } from './holder.js';
import { qrImage } from './qr.js';
import { claimsTable, findType, typeName } from './cert-views.js';
import { consentSection } from './wallet-consent.js';
import { shareSection } from './wallet-share.js';
import { standingSection } from './wallet-standing.js';

export async function render(main) {
  const keyBox = h('section', { id: 'wallet-keys' });
  const docs = h('section', { id: 'wallet-docs-box' });
  const scan = h('section', { id: 'wallet-scan' });
  const standing = h('div', { id: 'wallet-standing' });
  main.append(h('h1', {}, t('wallet.title')), h('p', {}, t('wallet.explain')), keyBox, docs, scan, standing,
    h('p', { class: 'muted' }, t('wallet.notYet')));
  const redraw = async () => {
    await drawKey(keyBox, redraw);
    const identity = await walletIdentity();
    docs.replaceChildren();
    scan.replaceChildren();
    standing.replaceChildren();
    if (identity) {
      await drawDocuments(docs, identity);
      const drawStanding = async () => standing.replaceChildren(await standingSection(identity));
      scan.append(await consentSection(identity, () => Promise.all([drawDocuments(docs, identity), drawStanding()])));
      await drawStanding();
    }
  };
  await redraw();
}

async function drawKey(box, redraw) {
  const key = await walletKey();
  if (!key) {
    const make = h('button', { type: 'button', id: 'make-key' }, t('wallet.makeKey'));
    make.addEventListener('click', async () => {
      await saveKey(await generateWalletKey(), 'wallet');
      redraw();
    });
    box.replaceChildren(h('h2', {}, t('wallet.keyTitle')), h('p', { class: 'muted' }, t('wallet.noKey')), h('div', { class: 'row' }, make));
    return;
  }
  const jwk = JSON.stringify(publicJwk(key));
  const identity = await walletIdentity();
  const subject = h('input', { type: 'text', maxlength: 64, value: identity ? identity.subject : '' });
  const out = h('p', { id: 'wallet-subject-status', role: 'status' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    try {
      await adoptSubject(key, subject.value.trim());
      redraw();
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('wallet.subjectRefused', { reason: err.message });
    }
  } }, field('wallet-subject', t('wallet.subject'), subject),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'wallet-subject-save' }, t('wallet.subjectSave'))), out);
  box.replaceChildren(h('h2', {}, t('wallet.keyTitle')), h('div', { class: 'card' },
    facts([[t('wallet.keyId'), key.id], [t('wallet.thumbprint'), await thumbprint(publicJwk(key))], [t('wallet.created'), key.saved]]),
    h('p', {}, t('wallet.publicJwk')), h('pre', { class: 'jwk', id: 'wallet-jwk' }, jwk),
    qrImage(jwk, t('wallet.jwkQr'), 'wallet-jwk-qr')),
  identity ? h('p', { class: 'ok', id: 'wallet-bound' }, t('wallet.bound', { subject: identity.subject })) : h('p', { class: 'muted' }, t('wallet.notBound')),
  form);
}

async function drawDocuments(box, identity) {
  const opened = h('div', { id: 'wallet-doc' });
  box.replaceChildren(h('h2', {}, t('wallet.docs')));
  try {
    const { documents } = await holderApi(identity, 'documents');
    if (!documents.length) box.append(h('p', { class: 'muted' }, t('wallet.noDocs')));
    box.append(h('ul', { id: 'wallet-docs', class: 'cards' }, documents.map((d) => h('li', { class: 'card', 'data-record': d.recordId, 'data-type': d.type, 'data-credential': d.credentialId },
      h('strong', {}, d.names ? typeName({ ...d, id: d.type }) : d.type), h('br'),
      h('span', { class: d.status === 'valid' ? 'ok' : 'bad' }, t(`wallet.status.${d.status}`)), ' · ', d.agency, ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => openDocument(opened, identity, d) }, t('wallet.open'))))), opened);
  } catch (e) {
    box.append(h('p', { class: 'bad', role: 'alert' }, t('wallet.docsRefused', { reason: e.message })));
  }
}

async function openDocument(box, identity, summary) {
  box.replaceChildren(h('p', { class: 'muted' }, t('wallet.opening')));
  try {
    const d = await holderApi(identity, `documents/${encodeURIComponent(summary.recordId)}`);
    const type = await findType(d.type);
    const sd = parseSdJwt(d.credential);
    const { accesses } = await holderApi(identity, `documents/${encodeURIComponent(summary.recordId)}/accesses`);
    const download = h('a', { id: 'wallet-download', download: `${d.type}.sdjwt`,
      href: URL.createObjectURL(new Blob([d.credential], { type: 'application/dc+sd-jwt' })) }, t('wallet.download'));
    box.replaceChildren(h('h3', {}, type ? typeName(type) : d.type),
      facts([[t('wallet.credentialId'), d.credentialId], [t('wallet.agency'), d.agency], [t('wallet.statusLabel'), t(`wallet.status.${d.status}`)],
        [t('wallet.validUntil'), sd.payload.exp ? new Date(sd.payload.exp * 1000).toISOString().slice(0, 10) : t('wallet.noExpiry')]]),
      claimsTable(sd.claims, type, 'wallet-claims'), h('p', {}, download),
      h('h3', {}, t('wallet.accesses')), accessTable(accesses),
      shareSection(identity, summary.recordId, sd.claims, type));
  } catch (e) {
    box.replaceChildren(h('p', { class: 'bad', role: 'alert' }, t('wallet.docsRefused', { reason: e.message })));
  }
}

function accessTable(accesses) {
  if (!accesses.length) return h('p', { class: 'muted', id: 'wallet-accesses' }, t('wallet.noAccesses'));
  return h('div', { class: 'table-wrap' }, h('table', { id: 'wallet-accesses' },
    h('thead', {}, h('tr', {}, [t('wallet.access.time'), t('wallet.access.verifier'), t('wallet.access.purpose'), t('wallet.access.outcome')]
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, accesses.map((a) => h('tr', { 'data-outcome': a.outcome },
      h('td', {}, a.time ? new Date(a.time).toISOString().replace('T', ' ').slice(0, 19) : ''), h('td', {}, a.verifier),
      h('td', {}, a.purpose), h('td', { class: a.outcome === 'granted' ? 'ok' : 'bad' },
        a.reason ? `${t(`wallet.access.${a.outcome}`)} (${a.reason})` : t(`wallet.access.${a.outcome}`)))))));
}
