// What the citizen's delegations (delegation.js) and the agency's applications
// (agency-delegation.js) both show: a grant's terms and state, the decisions taken under it,
// and the ledger's refusals in its own words ("delegation.widened: …").

import { api } from '../api.js';
import { h, facts } from '../dom.js';
import { language, t } from '../i18n.js';

/** Adds css/delegation.css to the page once. */
export function useDelegationCss() {
  if (document.querySelector('link[href="/css/delegation.css"]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: '/css/delegation.css' }));
}

/** An API error with the ledger's code first: "delegation.widened: a sub-grant must be …". */
export function problem(err) {
  const code = (err.type || '').replace(/^urn:govledger:problem:/, '');
  return code && code !== 'about:blank' ? `${code}: ${err.message}` : err.message;
}

/** Writes a result line: kind is ok, bad or muted. */
export function say(el, kind, ...content) {
  el.className = kind;
  el.setAttribute('role', kind === 'bad' ? 'alert' : 'status');
  el.replaceChildren(...content);
}

export function when(millis) {
  return new Date(millis).toLocaleString(language());
}

/** A grant with its chain and decisions (GET /delegations/{id}); 64 hex digits or a named error. */
export function fetchGrant(id) {
  if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(t('delegation.badGrantId', { id }));
  return api(`delegations/${id}`);
}

/** active, revoked, expired, not-yet-valid or used-up, as of now. */
export function stateOf(g, now = Date.now()) {
  if (g.revoked !== undefined) return 'revoked';
  if (now >= g.until) return 'expired';
  if (now < g.from) return 'not-yet-valid';
  return g.used >= g.maxUses ? 'used-up' : 'active';
}

/** A label a translation may give to a ledger code (a check or a state); the code itself otherwise. */
export function named(prefix, code) {
  const key = `delegation.${prefix}.${code}`;
  const s = t(key);
  return s === key ? code : s;
}

export function badge(kind, code) {
  return h('span', { class: `badge b-${code}`, 'data-state': code }, named(kind, code));
}

/** The terms of a grant: who, what, where, when, how many times, and what it came from. */
export function grantFacts(g) {
  const pairs = [
    [t('delegation.grantId'), g.id],
    [t('delegation.grantor'), g.representative ? t('delegation.byRepresentative', { company: g.grantor, person: g.representative }) : g.grantor],
    [t('delegation.grantee'), g.grantee],
    [t('delegation.services'), g.services.join(', ')],
    [t('delegation.offices'), g.offices.join(', ')],
    [t('delegation.window'), `${when(g.from)} – ${when(g.until)}`],
    [t('delegation.uses'), t('delegation.usesLeft', { used: g.used, max: g.maxUses, left: g.maxUses - g.used })],
    [t('delegation.mayDelegate'), g.mayDelegate ? t('delegation.yes') : t('delegation.no')],
  ];
  if (g.parent) pairs.push([t('delegation.parent'), g.parent]);
  if (g.grantorKind === 'company') {
    pairs.push([t('delegation.eSeal'), g.eSeal
      ? (g.companyMayUseSeal ? t('delegation.eSealShared') : t('delegation.eSealSole')) : t('delegation.no')]);
  }
  if (g.revoked !== undefined) pairs.push([t('delegation.revokedAt'), when(g.revoked)]);
  return facts(pairs);
}

/** The reasons of a refused decision, each with its link: "uses-exhausted (link 1a2b…): …". */
export function reasonList(reasons) {
  return h('ul', { class: 'reasons' }, reasons.map((r) => h('li', { 'data-reason': r.check },
    h('strong', {}, r.check), ` (${t('delegation.link')} ${r.link.slice(0, 12)}…): ${r.detail}`)));
}

/** Every decision taken under a grant (or under grants passed on from it), oldest first. */
export function decisionsTable(decisions) {
  if (!decisions.length) return h('p', { class: 'muted' }, t('delegation.noDecisions'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'decisions' },
    h('caption', {}, t('delegation.decisions')),
    h('thead', {}, h('tr', {}, [t('delegation.when'), t('delegation.service'), t('delegation.office'),
      t('delegation.outcome'), t('delegation.reasons')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, decisions.map((d) => h('tr', { 'data-outcome': d.outcome, 'data-application': d.application },
      h('td', {}, when(d.time)), h('td', {}, d.service), h('td', {}, d.office),
      h('td', {}, badge('outcome', d.outcome)),
      h('td', {}, d.reasons.length ? reasonList(d.reasons) : '—'))))));
}
