// An agency handles an application made under a delegation. Staff signed in with an agency key
// (staff-keys.js) take the grant id, the service, an application number they give the grantee,
// and the presentation the grantee's wallet made for this office over that number; the page
// sends it with a request proof signed by the agency key (POST /delegations/{id}/apply) and
// shows the ledger's decision with every check: the grantee's identity, a company's licence,
// each link of the chain, and the uses left on each link afterwards.

import { api } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { randomId } from '../crypto/bytes.js';
import { holderAuthorization } from '../crypto/holder.js';
import { keyChoice, staffKeys } from './staff-keys.js';
import { badge, fetchGrant, named, problem, reasonList, say, useDelegationCss } from './grant-view.js';

export async function render(main) {
  useDelegationCss();
  const box = h('section', { id: 'apply-box' });
  main.append(h('h1', {}, t('delegation.agencyTitle')), h('p', { class: 'muted' }, t('delegation.agencyExplain')),
    await staffKeys((keys) => drawApply(box, keys)), box);
}

/** The agency a staff key belongs to (a key in force of a registered agency), or null. */
async function agencyOf(key) {
  const { agencies } = await api('agencies');
  return agencies.find((a) => a.keys.some((k) => k.publicKey === key.publicKey && k.revoked === undefined)) || null;
}

function drawApply(box, keys) {
  box.replaceChildren(h('h2', {}, t('delegation.applyTitle')));
  if (!keys.length) {
    box.append(h('p', { class: 'muted' }, t('delegation.signInFirst')));
    return;
  }
  const signer = keyChoice('apply-key', t('delegation.agencyKey'), keys);
  const grant = h('input', { type: 'text', autocomplete: 'off', maxlength: 64, class: 'mono' });
  const service = h('input', { type: 'text', autocomplete: 'off', maxlength: 64 });
  const application = h('input', { type: 'text', autocomplete: 'off', maxlength: 64, value: randomId(), class: 'mono' });
  const presentation = h('textarea', { rows: 5 });
  const out = h('div', { id: 'apply-status', role: 'status' });
  const result = h('div', { id: 'apply-result' });
  const fresh = h('button', { type: 'button', class: 'secondary', id: 'apply-new', onclick: () => {
    application.value = randomId();
    presentation.value = '';
    result.replaceChildren();
    say(out, 'muted', t('delegation.newApplication'));
  } }, t('delegation.newNumber'));
  const form = h('form', { id: 'apply-form', onsubmit: async (e) => {
    e.preventDefault();
    result.replaceChildren();
    say(out, 'muted', t('delegation.working'));
    try {
      const key = signer.selected();
      const agency = await agencyOf(key);
      if (!agency) throw new Error(t('delegation.notAgencyKey', { id: key.id }));
      const id = grant.value.trim();
      await fetchGrant(id); // names a malformed or unknown grant before anything is signed
      if (!presentation.value.trim()) throw new Error(t('delegation.noPresentation'));
      const path = `/api/v1/delegations/${id}/apply`;
      const decision = await api(`delegations/${id}/apply`, {
        method: 'POST',
        headers: { Authorization: await holderAuthorization(key, agency.id, 'POST', path) },
        body: { agency: agency.id, service: service.value.trim(), application: application.value.trim(),
          presentation: presentation.value.trim() },
      });
      say(out, decision.outcome === 'granted' ? 'ok' : 'bad', t(`delegation.applied.${decision.outcome === 'granted' ? 'granted' : 'refused'}`,
        { agency: agency.id }));
      result.replaceChildren(...await decisionView(decision));
    } catch (err) {
      say(out, 'bad', t('delegation.refused', { reason: problem(err) }));
    }
  } }, signer.element,
  field('apply-grant', t('delegation.grantId'), grant),
  field('apply-service', t('delegation.service'), service),
  h('div', { class: 'row' }, field('apply-application', t('delegation.applicationGiven'), application), fresh),
  field('apply-presentation', t('delegation.presentationReceived'), presentation),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'apply-submit' }, t('delegation.apply'))), out);
  box.append(h('p', { class: 'muted' }, t('delegation.applyExplain')), form, result);
}

/** The decision, then one row per check: the node's, each link of the chain, and the uses left. */
async function decisionView(d) {
  const chain = (await fetchGrant(d.grant)).chain;
  const grants = await Promise.all(chain.map((id) => fetchGrant(id)));
  const rows = d.checks.map((c) => [c.name, named('check', c.name), c.outcome, c.detail]);
  d.links.forEach((link, i) => {
    const mine = d.reasons.filter((r) => r.link === link.grant);
    rows.push([`link-${i + 1}`, t('delegation.linkOf', { n: i + 1, of: d.links.length, grantor: link.grantor }),
      link.outcome, mine.length ? mine.map((r) => `${r.check}: ${r.detail}`).join('; ') : t('delegation.linkPassed')]);
  });
  rows.push(['uses-left', named('check', 'uses-left'),
    d.reasons.some((r) => r.check === 'uses-exhausted') ? 'failed' : 'passed',
    grants.map((g, i) => t('delegation.usesLeftOf', { n: i + 1, left: g.maxUses - g.used, max: g.maxUses })).join('; ')]);
  return [
    h('p', { class: 'now' }, t('delegation.decision'), ' ', h('span', { id: 'apply-outcome', 'data-outcome': d.outcome }, badge('outcome', d.outcome))),
    d.reasons.length ? reasonList(d.reasons) : null,
    h('div', { class: 'table-wrap' }, h('table', { id: 'apply-checks' }, h('caption', {}, t('delegation.checks')),
      h('thead', {}, h('tr', {}, [t('delegation.check'), t('delegation.outcome'), t('delegation.detail')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([code, label, outcome, detail]) => h('tr', { 'data-check': code, 'data-outcome': outcome },
        h('th', { scope: 'row' }, label), h('td', {}, badge('outcome', outcome)), h('td', {}, detail)))))),
    h('p', { class: 'muted' }, t('delegation.recorded'), ' ', h('a', { href: `#/explorer/tx/${d.tx}`, class: 'mono', id: 'apply-tx' }, d.tx)),
  ];
}
