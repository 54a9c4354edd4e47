// Scan and consent, as the SDK's HolderWallet and RequestUri do it in Java: read the verifier's
// QR (camera, uploaded picture, or a pasted openid4vp:// URI), fetch the request object and check
// it against the verifier's keys on the ledger (typ, alg, kid, signature, client_id, expiry),
// show who asks, for which claims and why (the registered purpose text), and answer with a signed
// govledger-consent+jwt. On agreeing, only the asked claims are presented with a key binding JWT
// (audience the verifier's id, the request's nonce) to the response_uri (direct_post). A consent
// can be made standing for some days (the CLI's --standing-days): the verifier may then fetch the
// holder's current document of that type again until the holder withdraws it.

import { api, nodeInfo } from '../api.js';
import { h, field, facts } from '../dom.js';
import { t } from '../i18n.js';
import { b64urlDecode, utf8 } from '../crypto/bytes.js';
import { canonicalize } from '../crypto/jcs.js';
import { parseJws, signStatement } from '../crypto/jws.js';
import { jwsAlgorithm, verify } from '../crypto/keys.js';
import { presentSdJwt } from '../crypto/sdjwt.js';
import { holderApi } from './holder.js';
import { qrScanner } from './qr.js';
import { certificateTypes, typeName } from './cert-views.js';

const NOT_OURS = () => t('consent.notOurs');

/** Reads scanned text as openid4vp://?client_id=…&request_uri=…; names what makes it not ours. */
export function parseRequestUri(text) {
  const fail = (why) => { throw new Error(`${why} ${NOT_OURS()}`); };
  if (text.length > 2048) fail(t('consent.tooLong'));
  if (!/^openid4vp:\/\/\?/i.test(text)) fail(t('consent.notOpenid4vp'));
  if (text.includes('#')) fail(t('consent.fragment'));
  const params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
  for (const name of params.keys()) {
    if (!['client_id', 'request_uri', 'request_uri_method'].includes(name)) fail(t('consent.unexpected', { name }));
    if (params.getAll(name).length > 1) fail(t('consent.repeated', { name }));
  }
  const clientId = params.get('client_id');
  const requestUri = params.get('request_uri');
  if (!clientId) fail(t('consent.missing', { name: 'client_id' }));
  if (!requestUri) fail(t('consent.missing', { name: 'request_uri' }));
  let url;
  try {
    url = new URL(requestUri);
  } catch {
    fail(t('consent.badRequestUri'));
  }
  if (!['http:', 'https:'].includes(url.protocol) || !url.host || url.username) fail(t('consent.badRequestUri'));
  return { clientId, requestUri: url.href };
}

/** Fetches and checks the request object; returns what the holder is shown and answers. */
export async function openRequest(text) {
  const uri = parseRequestUri(text.trim());
  let verifier;
  try {
    verifier = await api(`verifiers/${encodeURIComponent(uri.clientId)}`);
  } catch (e) {
    throw new Error(`${t('consent.unknownVerifier', { id: uri.clientId })} ${NOT_OURS()}`);
  }
  const r = await fetch(uri.requestUri);
  const jws = await r.text();
  if (!r.ok) {
    let detail = jws;
    try { detail = JSON.parse(jws).detail || jws; } catch { /* plain text */ }
    throw new Error(r.status === 410 ? t('consent.expired') : t('consent.unavailable', { status: r.status, detail }));
  }
  const parsed = parseJws(jws, t('consent.requestObject'));
  const { header, payload } = parsed;
  const suite = (await nodeInfo()).suite;
  if (header.typ !== 'oauth-authz-req+jwt') throw new Error(t('consent.wrongTyp', { typ: String(header.typ) }));
  if (header.alg !== jwsAlgorithm(suite)) throw new Error(t('consent.wrongAlg', { alg: String(header.alg) }));
  const key = verifier.active && (verifier.keys || []).find((k) => k.keyId === header.kid && !k.revoked);
  if (!key) throw new Error(`${t('consent.unknownKey', { id: uri.clientId })} ${NOT_OURS()}`);
  if (!(await verify(suite, b64urlDecode(key.publicKey), parsed.signature, utf8(parsed.signingInput)))) {
    throw new Error(t('consent.badSignature'));
  }
  if (payload.client_id !== uri.clientId) throw new Error(t('consent.clientMismatch'));
  const now = Math.floor(Date.now() / 1000);
  if (!(payload.exp > now)) throw new Error(t('consent.expired'));
  if (payload.iat > now + 60) throw new Error(t('consent.future'));
  const queries = (payload.dcql_query && payload.dcql_query.credentials) || [];
  if (!queries.length) throw new Error(t('consent.noQuery'));
  const catalogue = await certificateTypes();
  const asked = queries.map((q) => ({
    id: q.id,
    types: ((q.meta && q.meta.vct_values) || []).map((vct) => catalogue.find((x) => x.vct === vct) || { id: vct, vct }),
    claims: (q.claims || []).map((c) => c.path[0]),
  }));
  return { uri, verifier, request: payload, asked, purposeText: (verifier.purposes || {})[payload.purpose] || payload.purpose };
}

export const MAX_STANDING_DAYS = 365;

/** The holder's signed answer, carried to the ledger by the node; standingDays 0 for this request only. */
async function answer(identity, req, agree, standingDays) {
  const now = Math.floor(Date.now() / 1000);
  const standing = agree && standingDays > 0;
  const statement = await signStatement(identity.key, 'govledger-consent+jwt', {
    sub: identity.subject, verifier: req.request.client_id, request: req.request.state,
    types: [...new Set(req.asked.flatMap((q) => q.types.map((x) => x.id)))].sort(),
    claims: [...new Set(req.asked.flatMap((q) => q.claims))].sort(),
    purpose: req.request.purpose, decision: agree ? 'agree' : 'decline', standing,
    iat: now, exp: standing ? now + standingDays * 86400 : Math.max(req.request.exp, now + 60),
  });
  return api(`presentation-requests/${encodeURIComponent(req.request.state)}/consent`, { method: 'POST', body: { statement } });
}

/** Presents the asked claims of the chosen documents (one per query) to the response_uri. */
async function present(identity, req, recordByQuery) {
  const token = {};
  for (const q of req.asked) {
    const d = await holderApi(identity, `documents/${encodeURIComponent(recordByQuery[q.id])}`);
    token[q.id] = [await presentSdJwt(d.credential, q.claims, identity.key, req.request.client_id, req.request.nonce)];
  }
  const form = new URLSearchParams({ vp_token: canonicalize(token), state: req.request.state });
  const r = await fetch(req.request.response_uri, {
    method: 'POST', body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
  });
  if (!r.ok) {
    const problem = await r.json().catch(() => ({}));
    throw new Error(problem.detail || `HTTP ${r.status}`);
  }
}

export async function consentSection(identity, onShared) {
  const pasted = h('textarea', { rows: 2, spellcheck: 'false' });
  const out = h('div', { id: 'consent-status', role: 'status' });
  const screen = h('div', { id: 'consent-screen' });
  const show = async (text) => {
    screen.replaceChildren();
    out.className = 'muted';
    out.textContent = t('consent.checking');
    try {
      const req = await openRequest(text);
      out.textContent = '';
      screen.replaceChildren(await consentScreen(identity, req, out, onShared));
    } catch (e) {
      out.className = 'bad';
      out.textContent = t('consent.refused', { reason: e.message });
    }
  };
  const scanner = qrScanner('consent-scan', show, out);
  const read = h('button', { type: 'button', id: 'consent-read', onclick: () => show(pasted.value) }, t('consent.read'));
  return h('div', {}, h('h2', {}, t('consent.title')), h('p', { class: 'muted' }, t('consent.explain')), scanner,
    field('consent-uri', t('consent.uri'), pasted), h('div', { class: 'row' }, read), out, screen);
}

async function consentScreen(identity, req, out, onShared) {
  const { documents } = await holderApi(identity, 'documents');
  const choices = req.asked.map((q) => {
    const ids = q.types.map((x) => x.id);
    // Valid documents first; others stay choosable, marked, and the verifier's checks will say why not.
    const mine = documents.filter((d) => ids.includes(d.type))
      .sort((a, b) => Number(b.status === 'valid') - Number(a.status === 'valid') || b.added - a.added);
    const select = h('select', {}, mine.map((d) => h('option', { value: d.recordId },
      `${typeName({ ...d, id: d.type })} · ${t(`wallet.status.${d.status}`)} · ${new Date(d.added).toISOString().slice(0, 16)}`)));
    return { q, mine, select };
  });
  const buttons = h('div', { class: 'row' });
  const standing = standingChoice();
  const finish = async (agree) => {
    let days = 0;
    try {
      days = agree ? standing.days() : 0;
    } catch (e) {
      out.className = 'bad';
      out.textContent = t('consent.notShared', { reason: e.message });
      return;
    }
    buttons.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    out.className = 'muted';
    out.textContent = t('consent.sending');
    try {
      await answer(identity, req, agree, days);
      if (!agree) {
        out.className = 'ok';
        out.textContent = t('consent.declined', { verifier: req.verifier.name });
        return;
      }
      const missing = choices.find((c) => !c.select.value);
      if (missing) throw new Error(t('consent.noDocument'));
      await present(identity, req, Object.fromEntries(choices.map((c) => [c.q.id, c.select.value])));
      out.className = 'ok';
      out.textContent = days ? t('consent.sharedStanding', { verifier: req.verifier.name, days })
        : t('consent.shared', { verifier: req.verifier.name });
      onShared();
    } catch (e) {
      out.className = 'bad';
      out.textContent = t('consent.notShared', { reason: e.message });
    }
  };
  buttons.append(h('button', { type: 'button', id: 'consent-agree', disabled: choices.some((c) => !c.mine.length), onclick: () => finish(true) }, t('consent.agree')),
    h('button', { type: 'button', class: 'secondary', id: 'consent-decline', onclick: () => finish(false) }, t('consent.decline')));
  return h('div', { class: 'card' },
    h('h3', {}, t('consent.asks', { verifier: req.verifier.name })),
    facts([[t('consent.verifier'), `${req.verifier.name} (${req.verifier.id})`], [t('consent.purpose'), req.purposeText],
      [t('consent.expires'), new Date(req.request.exp * 1000).toISOString().replace('T', ' ').slice(0, 19)]]),
    choices.map(({ q, mine, select }) => h('div', {},
      h('p', {}, t('consent.wants', { types: q.types.map(typeName).join(', ') })),
      h('ul', { class: 'asked-claims' }, q.claims.map((c) => h('li', { 'data-claim': c }, claimLabel(q.types[0], c)))),
      mine.length ? field(`consent-doc-${q.id}`, t('consent.document'), select) : h('p', { class: 'bad' }, t('consent.noDocument')))),
    standing.element, buttons);
}

/** "Let them fetch it again for N days": a check box and a number of days, checked before signing. */
function standingChoice() {
  const box = h('input', { type: 'checkbox', id: 'consent-standing' });
  const days = h('input', { type: 'number', min: 1, max: MAX_STANDING_DAYS, step: 1, value: 30, inputmode: 'numeric', disabled: true });
  box.addEventListener('change', () => { days.disabled = !box.checked; });
  return {
    element: h('div', {}, h('label', { class: 'inline', for: box.id }, box, ` ${t('consent.standing')}`),
      field('consent-standing-days', t('consent.standingDays', { max: MAX_STANDING_DAYS }), days)),
    days: () => {
      if (!box.checked) return 0;
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_STANDING_DAYS) {
        throw new Error(t('consent.badDays', { value: days.value, max: MAX_STANDING_DAYS }));
      }
      return n;
    },
  };
}

function claimLabel(type, name) {
  const p = type && type.schema && type.schema.properties && type.schema.properties[name];
  return p && (p.title || p.description) ? `${p.title || p.description} (${name})` : name;
}
