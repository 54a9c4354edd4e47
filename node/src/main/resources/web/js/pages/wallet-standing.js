// The holder's standing consents: every consent that lets a verifier fetch the current document
// again, read from the ledger (GET /api/v1/wallets/{subject}/consents, holder proof; so a consent
// given from another device shows too), the ones in force with a button that withdraws it: a
// govledger-consent-withdrawal+jwt signed here and carried to the ledger by
// POST /api/v1/consents/withdraw. The verifier's next fetch is refused (consent-withdrawn).

import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { signStatement } from '../crypto/jws.js';
import { holderApi } from './holder.js';

export const WITHDRAWAL_TYP = 'govledger-consent-withdrawal+jwt';

/** The section: the list, redrawn after each withdrawal. */
export async function standingSection(identity) {
  const box = h('section', { id: 'standing' });
  await draw(box, identity, h('p', { id: 'standing-status', role: 'status' }));
  return box;
}

async function draw(box, identity, out) {
  box.replaceChildren(h('h2', {}, t('standing.title')), h('p', { class: 'muted' }, t('standing.explain')), out);
  let consents;
  let verifiers;
  try {
    const listed = await holderApi(identity, 'consents');
    consents = listed.consents.filter((c) => c.standing && c.decision === 'agree' && c.inForce);
    verifiers = (await api('verifiers')).verifiers;
    if (!listed.complete) box.append(h('p', { class: 'muted' }, t('standing.incomplete')));
  } catch (e) {
    box.append(h('p', { class: 'bad', role: 'alert' }, t('standing.unreadable', { reason: e.message })));
    return;
  }
  if (!consents.length) {
    box.append(h('p', { class: 'muted', id: 'standing-none' }, t('standing.none')));
    return;
  }
  const name = (id) => (verifiers.find((v) => v.id === id) || { name: id }).name;
  const purpose = (c) => ((verifiers.find((v) => v.id === c.verifier) || {}).purposes || {})[c.purpose] || c.purpose;
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  box.append(h('ul', { id: 'standing-list', class: 'cards' }, consents.map((c) => h('li', { class: 'card', 'data-consent': c.id, 'data-verifier': c.verifier },
    h('strong', {}, `${name(c.verifier)} (${c.verifier})`), h('br'),
    t('standing.what', { purpose: purpose(c), types: c.types.join(', '), claims: c.claims.join(', ') }), h('br'),
    t('standing.period', { from: day(c.from), until: day(c.until) }), ' ',
    h('button', { type: 'button', class: 'secondary', 'data-withdraw': c.id, onclick: (e) => withdraw(e.target, box, identity, out, c, name(c.verifier)) },
      t('standing.withdraw'))))));
}

async function withdraw(button, box, identity, out, consent, verifierName) {
  button.disabled = true;
  out.className = 'muted';
  out.textContent = t('standing.withdrawing');
  try {
    const statement = await signStatement(identity.key, WITHDRAWAL_TYP,
      { sub: identity.subject, consent: consent.id, iat: Math.floor(Date.now() / 1000) });
    await api('consents/withdraw', { method: 'POST', body: { statement } });
    out.className = 'ok';
    out.textContent = t('standing.withdrawn', { verifier: verifierName });
  } catch (e) {
    out.className = 'bad';
    out.textContent = t('standing.refused', { reason: e.message });
  }
  await draw(box, identity, out);
}
