// The verifier console. Staff of a registered verifier sign in with its key file; the page finds
// the verifier that registered the key and offers what its registration allows: a certificate
// type, the claims to ask for, a purpose. The request object is built and signed here (as the
// CLI's VerifierCommand does), posted to the node, and its QR shown; the result is polled with
// the result token until it is granted (disclosed claims and every check), declined or refused.
// Below it, a holder's one-time share QR is redeemed (verifier-redeem.js).

import { api } from '../api.js';
import { h, field, facts } from '../dom.js';
import { t } from '../i18n.js';
import { randomId } from '../crypto/bytes.js';
import { signJws } from '../crypto/jws.js';
import { partyDesk, staffKeys } from './staff-keys.js';
import { redeemSection } from './verifier-redeem.js';
import { certificateTypes, checksList, claimsTable, findType, typeName } from './cert-views.js';

const POLL_MS = 1500;
let polling = null;

export async function render(main) {
  const desk = h('div', { id: 'verifier-desk' });
  main.append(h('h1', {}, t('verifier.title')), await staffKeys((keys) => drawDesk(desk, keys)), desk);
  return stopPolling;
}

function stopPolling() {
  if (polling) clearInterval(polling);
  polling = null;
}

async function drawDesk(desk, keys) {
  stopPolling();
  const { verifiers } = await api('verifiers');
  await partyDesk(desk, keys, verifiers, {
    id: 'verifier',
    strings: { key: 'verifier.key', actingFor: 'verifier.actingFor', none: 'verifier.notVerifier' },
    draw: async (key, verifier) => [await requestForm(key, verifier), redeemSection(key, verifier)],
  });
}

async function requestForm(key, verifier) {
  const types = (await certificateTypes()).filter((x) => verifier.types.includes(x.id));
  const typeSelect = h('select', {}, types.map((x) => h('option', { value: x.id }, typeName(x))));
  const purpose = h('select', {}, Object.entries(verifier.purposes).map(([code, text]) => h('option', { value: code }, text)));
  const claimsBox = h('fieldset', { id: 'verifier-claims' });
  const out = h('div', { id: 'verifier-status', role: 'status' });
  const shown = h('div', { id: 'verifier-request' });
  const drawClaims = () => {
    const type = types.find((x) => x.id === typeSelect.value);
    claimsBox.replaceChildren(h('legend', {}, t('verifier.claims')), ...Object.entries(type.schema.properties).map(([name, p], i) => {
      const box = h('input', { type: 'checkbox', id: `verifier-claim-${i}`, value: name });
      return h('label', { class: 'inline', for: box.id }, box, ` ${p.title || p.description || name} `);
    }));
  };
  typeSelect.addEventListener('change', drawClaims);
  drawClaims();
  const submit = async (e) => {
    e.preventDefault();
    stopPolling();
    shown.replaceChildren();
    try {
      const claims = [...claimsBox.querySelectorAll('input:checked')].map((b) => b.value).sort();
      if (!claims.length) throw new Error(t('verifier.noClaims'));
      const type = types.find((x) => x.id === typeSelect.value);
      const created = await createRequest(key, verifier, type, claims, purpose.value);
      out.className = 'ok';
      out.textContent = t('verifier.created');
      showRequest(shown, created, type);
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('verifier.refused', { reason: err.message });
    }
  };
  return h('section', {}, h('h2', {}, t('verifier.ask')), h('form', { onsubmit: submit },
    field('verifier-type', t('verifier.type'), typeSelect), claimsBox, field('verifier-purpose', t('verifier.purpose'), purpose),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'verifier-submit' }, t('verifier.submit'))), out), shown);
}

/** The signed request object (OpenID4VP, as PresentationRequest.sign makes it), posted to the node. */
async function createRequest(key, verifier, type, claims, purpose) {
  const now = Math.floor(Date.now() / 1000);
  const request = {
    client_id: verifier.id, response_uri: `${location.origin}/api/v1/presentations`,
    response_type: 'vp_token', response_mode: 'direct_post',
    dcql_query: { credentials: [{ id: 'q1', format: 'dc+sd-jwt', meta: { vct_values: [type.vct] }, claims: claims.map((c) => ({ path: [c] })) }] },
    nonce: randomId(), state: randomId(), aud: 'https://self-issued.me/v2', iat: now, exp: now + 300, purpose,
  };
  const jws = await signJws(key, request, { kid: key.id, typ: 'oauth-authz-req+jwt' });
  return api('presentation-requests', { method: 'POST', body: { request: jws } });
}

function showRequest(box, created, type) {
  const result = h('div', { id: 'verifier-result', role: 'status', 'aria-live': 'polite' }, t('verifier.pending'));
  box.replaceChildren(h('h2', {}, t('verifier.qrTitle')), h('p', {}, t('verifier.qrExplain')),
    h('img', { id: 'verifier-qr', class: 'qr', src: created.qrSvg, alt: t('verifier.qrAlt') }),
    h('p', {}, h('a', { id: 'verifier-qr-png', href: created.qrPng, download: 'request-qr.png' }, t('verifier.qrPng'))),
    h('p', {}, t('verifier.uri'), ' ', h('span', { id: 'verifier-uri', class: 'mono' }, created.uri)),
    facts([[t('verifier.expires'), new Date(created.expiresAt * 1000).toISOString().replace('T', ' ').slice(0, 19)]]),
    h('h2', {}, t('verifier.result')), result);
  const poll = async () => {
    try {
      const r = await api(`presentation-requests/${encodeURIComponent(created.id)}/result`, {
        headers: { Authorization: `Bearer ${created.resultToken}` },
      });
      // 'checking' is the moment between the holder's answer arriving and the node's verdict;
      // 'recording', a granted presentation's access records waiting for their block.
      if (r.status === 'pending' || r.status === 'checking' || r.status === 'recording') {
        if (Date.now() / 1000 > created.expiresAt) {
          stopPolling();
          result.className = 'bad';
          result.textContent = t('verifier.expired');
        }
        return;
      }
      stopPolling();
      result.replaceChildren(...(await outcome(r, type)));
    } catch (e) {
      stopPolling();
      result.className = 'bad';
      result.textContent = t('verifier.refused', { reason: e.message });
    }
  };
  polling = setInterval(poll, POLL_MS);
}

async function outcome(r, askedType) {
  if (r.status === 'declined') return [h('p', { class: 'bad', 'data-status': 'declined' }, t('verifier.declined'))];
  if (r.status === 'refused') {
    return [h('p', { class: 'bad', 'data-status': 'refused' }, t('verifier.presentationRefused', { reason: r.reason })),
      h('p', { class: 'muted' }, r.detail || ''), checksList(r.checks, 'verifier-checks')];
  }
  if (r.status === 'failed') {
    return [h('p', { class: 'bad', 'data-status': 'failed' }, t('verifier.notRecorded', { reason: r.reason })),
      h('p', { class: 'muted' }, r.detail || '')];
  }
  if (r.status !== 'granted') {
    return [h('p', { class: 'bad', 'data-status': r.status }, t('verifier.unknownStatus', { status: r.status }))];
  }
  const parts = [h('p', { class: 'ok', 'data-status': r.status }, t('verifier.granted'))];
  for (const c of r.credentials || []) {
    const type = (c.type && (await findType(c.type))) || askedType;
    parts.push(h('h3', {}, typeName(type)), claimsTable(c.disclosed || {}, type, 'verifier-disclosed'), checksList(c.checks, 'verifier-checks'));
  }
  return parts;
}
