// The citizen's (or a company representative's) delegations. With a wallet key kept in this
// browser and bound to the subject by the identity authority, the page lists the grants the
// subject gave and received with every decision taken under them (GET /wallets/{subject}/
// delegations, signed with a holder proof), grants a delegation (a govledger-grant+jwt statement
// signed here, for oneself or for a company one represents), passes a received one on within its
// bounds, revokes a given one, and makes the presentation a grantee shows at an office: the
// resident identity card from the wallet, with a key binding JWT for that office over the
// application number.

import { ApiError, api } from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { listKeys } from '../crypto/keystore.js';
import { signGrant, signRevocation } from '../crypto/grant.js';
import { presentSdJwt } from '../crypto/sdjwt.js';
import { holderApi } from './holder.js';
import { keyChoice } from './staff-keys.js';
import {
  badge, decisionsTable, fetchGrant, grantFacts, problem, say, stateOf, useDelegationCss,
} from './grant-view.js';

const CODE = /^[a-z][a-z0-9-]{1,63}$/;
const DAY = 24 * 3600 * 1000;

export async function render(main) {
  useDelegationCss();
  main.append(h('h1', {}, t('delegation.title')), h('p', { class: 'muted' }, t('delegation.explain')));
  const keys = await listKeys('wallet');
  if (!keys.length) {
    main.append(h('p', { id: 'no-wallet-key' }, t('delegation.noKey'), ' ', h('a', { href: '#/wallet' }, t('delegation.toWallet'))));
    return;
  }
  const key = keyChoice('deleg-key', t('delegation.key'), keys);
  const select = key.element.querySelector('select');
  const subject = h('input', { type: 'text', autocomplete: 'off', maxlength: 64 });
  const remembered = () => localStorage.getItem(`govledger.delegation.subject.${select.value}`) || '';
  subject.value = remembered();
  select.addEventListener('change', () => { subject.value = remembered(); });
  const body = h('div', { id: 'deleg-body' });
  const open = () => {
    const me = { key: key.selected(), subject: subject.value.trim() };
    localStorage.setItem(`govledger.delegation.subject.${me.key.id}`, me.subject);
    load(me, body);
  };
  main.append(h('form', { id: 'deleg-me', onsubmit: (e) => { e.preventDefault(); open(); } }, key.element,
    field('deleg-subject', t('delegation.subject'), subject),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'deleg-open' }, t('delegation.open')))), body);
  if (subject.value) open();
}

async function load(me, box, news) {
  box.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('delegation.loading')));
  try {
    if (!me.subject) throw new Error(t('delegation.noSubject'));
    const [mine, agencies] = await Promise.all([
      holderApi(me, 'delegations'), api('agencies')]);
    const reload = (said) => load(me, box, said);
    const form = grantForm(me, agencies.agencies, reload);
    const given = h('section', { id: 'given' }, h('h2', {}, t('delegation.given')));
    const received = h('section', { id: 'received' }, h('h2', {}, t('delegation.received')));
    box.replaceChildren(news || '', form.element, given, received);
    await Promise.all([
      list(given, mine.given, (g) => revokeAction(me, g, reload)),
      list(received, mine.received, (g) => receivedActions(me, g, form)),
    ]);
  } catch (err) {
    box.replaceChildren(h('p', { class: 'bad', role: 'alert', id: 'deleg-error' },
      t('delegation.cannotOpen', { reason: problem(err) })));
  }
}

/** Grant cards, newest window first, each with its decisions and the actions that fit it. */
async function list(section, grants, actions) {
  if (!grants.length) {
    section.append(h('p', { class: 'muted' }, t('delegation.none')));
    return;
  }
  const full = await Promise.all(grants.map((g) => fetchGrant(g.id)));
  full.sort((a, b) => b.from - a.from || a.id.localeCompare(b.id));
  for (const g of full) {
    const state = stateOf(g);
    section.append(h('article', { class: 'card grant', 'data-grant': g.id },
      h('h3', {}, g.services.join(', '), ' ', badge('state', state)),
      grantFacts(g), decisionsTable(g.decisions), state === 'revoked' ? null : actions(g)));
  }
}

function revokeAction(me, g, reload) {
  const out = h('p', { role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary revoke', onclick: async () => {
    button.disabled = true;
    try {
      await api('delegations/revoke', { method: 'POST', body: { statement: await signRevocation(me.key, g.id) } });
      reload(h('p', { class: 'ok', role: 'status', id: 'deleg-news' }, t('delegation.revoked', { id: g.id })));
    } catch (err) {
      say(out, 'bad', t('delegation.refused', { reason: problem(err) }));
      button.disabled = false;
    }
  } }, t('delegation.revoke'));
  return h('div', {}, h('div', { class: 'row' }, button), out);
}

/** For a received grant: pass it on (if allowed), and make the presentation for an office. */
function receivedActions(me, g, form) {
  const pass = g.mayDelegate ? h('button', { type: 'button', class: 'secondary pass-on', onclick: () => form.passOn(g) },
    t('delegation.passOn')) : null;
  const office = h('select', {}, g.offices.map((o) => h('option', { value: o }, o)));
  const application = h('input', { type: 'text', autocomplete: 'off', maxlength: 64, class: 'application' });
  const out = h('p', { role: 'status' });
  const shown = h('div', {});
  const suffix = g.id.slice(0, 8);
  const presentForm = h('form', { class: 'present', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const nonce = application.value.trim();
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw new Error(t('delegation.badApplication'));
      const presentation = await identityPresentation(me, office.value, nonce);
      say(out, 'ok', t('delegation.presentationMade', { office: office.value }));
      shown.replaceChildren(field(`presentation-${suffix}`, t('delegation.presentation'),
        h('textarea', { readonly: true, class: 'presentation', rows: 4 }, presentation)));
    } catch (err) {
      shown.replaceChildren();
      say(out, 'bad', t('delegation.cannotPresent', { reason: problem(err) }));
    }
  } }, h('h4', {}, t('delegation.presentTitle')), h('p', { class: 'muted' }, t('delegation.presentExplain')),
  field(`present-office-${suffix}`, t('delegation.office'), office),
  field(`present-application-${suffix}`, t('delegation.application'), application),
  h('div', { class: 'row' }, h('button', { type: 'submit' }, t('delegation.present'))),
  h('div', { class: 'present-status' }, out), shown);
  return h('div', {}, pass ? h('div', { class: 'row' }, pass) : null, presentForm);
}

/** The resident identity card from the wallet, disclosing the name only, bound to office and nonce. */
async function identityPresentation(me, office, nonce) {
  const docs = (await holderApi(me, 'documents')).documents
    .filter((d) => d.type === 'resident-identity-card' && d.status === 'valid');
  if (!docs.length) throw new Error(t('delegation.noIdentityCard'));
  const doc = await holderApi(me, `documents/${encodeURIComponent(docs[docs.length - 1].recordId)}`);
  return presentSdJwt(doc.credential, ['name'], me.key, office, nonce);
}

function localInput(millis) {
  const d = new Date(millis - new Date(millis).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

/** The form to grant (or, from a received grant, pass on) a delegation. */
function grantForm(me, agencies, reload) {
  let parent = null;
  const grantee = h('input', { type: 'text', autocomplete: 'off', maxlength: 64 });
  const services = h('input', { type: 'text', autocomplete: 'off', maxlength: 500, placeholder: 'vehicle-registration, household-register' });
  const offices = h('fieldset', { id: 'grant-offices' }, h('legend', {}, t('delegation.offices')),
    h('div', { class: 'offices' }, agencies.map((a) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: a.id, name: 'office' }), ` ${a.id} · ${a.name}`))));
  const from = h('input', { type: 'datetime-local', value: localInput(Date.now()) });
  const until = h('input', { type: 'datetime-local', value: localInput(Date.now() + 30 * DAY) });
  const uses = h('input', { type: 'number', min: 1, max: 10000, step: 1, value: 1 });
  const mayDelegate = h('input', { type: 'checkbox' });
  const company = h('input', { type: 'text', autocomplete: 'off', maxlength: 64 });
  const eSeal = h('input', { type: 'checkbox' });
  const companySeal = h('input', { type: 'checkbox', checked: true });
  const passing = h('p', { id: 'grant-parent', class: 'muted' });
  const out = h('div', { id: 'grant-status', role: 'status' });
  const heading = h('h2', {}, t('delegation.grantTitle'));

  function showParent() {
    if (!parent) {
      passing.replaceChildren();
      heading.textContent = t('delegation.grantTitle');
      return;
    }
    heading.textContent = t('delegation.passOnTitle');
    passing.replaceChildren(t('delegation.passingOn', { id: parent.id, services: parent.services.join(', '),
      offices: parent.offices.join(', '), left: parent.maxUses - parent.used }), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => { parent = null; showParent(); } }, t('delegation.cancelPassOn')));
  }

  async function statement() {
    const who = grantee.value.trim();
    if (!who) throw new Error(t('delegation.noGrantee'));
    await mustExist(who, 'delegation.unknownGrantee');
    const codes = services.value.split(/[\s,]+/).filter(Boolean);
    if (!codes.length) throw new Error(t('delegation.noServices'));
    const bad = codes.find((c) => !CODE.test(c));
    if (bad) throw new Error(t('delegation.badService', { code: bad }));
    const where = [...offices.querySelectorAll('input:checked')].map((c) => c.value);
    if (!where.length) throw new Error(t('delegation.noOffices'));
    const nbf = Date.parse(from.value);
    const exp = Date.parse(until.value);
    if (Number.isNaN(nbf) || Number.isNaN(exp)) throw new Error(t('delegation.noWindow'));
    if (exp <= nbf) throw new Error(t('delegation.windowBackwards'));
    const n = Number(uses.value);
    if (!Number.isInteger(n) || n < 1 || n > 10000) throw new Error(t('delegation.badUses', { value: uses.value }));
    const grant = {
      grantor: me.subject, grantee: who, services: codes, offices: where,
      nbf: Math.floor(nbf / 1000), exp: Math.floor(exp / 1000), maxUses: n, mayDelegate: mayDelegate.checked,
    };
    const firm = company.value.trim();
    if (parent) grant.parent = parent.id;
    else if (firm) {
      await mustExist(firm, 'delegation.unknownCompany');
      Object.assign(grant, { grantor: firm, representative: me.subject, eSeal: eSeal.checked, companyMayUseSeal: companySeal.checked });
    }
    return signGrant(me.key, grant);
  }

  const form = h('form', { id: 'grant-form', onsubmit: async (e) => {
    e.preventDefault();
    say(out, 'muted', t('delegation.working'));
    try {
      const r = await api('delegations', { method: 'POST', body: { statement: await statement() } });
      reload(h('p', { class: 'ok', role: 'status', id: 'deleg-news' }, t('delegation.granted', { id: r.grantId })));
    } catch (err) {
      say(out, 'bad', t('delegation.refused', { reason: problem(err) }));
    }
  } }, heading, passing,
  field('grant-grantee', t('delegation.granteeField'), grantee),
  field('grant-services', t('delegation.servicesField'), services),
  offices,
  h('div', { class: 'row' }, field('grant-from', t('delegation.from'), from), field('grant-until', t('delegation.until'), until),
    field('grant-uses', t('delegation.maxUses'), uses)),
  h('label', { class: 'check', for: 'grant-may-delegate' }, mayDelegate, ` ${t('delegation.mayDelegateField')}`),
  h('details', { id: 'grant-company-options' }, h('summary', {}, t('delegation.companyOptions')),
    field('grant-company', t('delegation.companyField'), company),
    h('label', { class: 'check', for: 'grant-eseal' }, eSeal, ` ${t('delegation.eSealField')}`),
    h('label', { class: 'check', for: 'grant-company-seal' }, companySeal, ` ${t('delegation.companySealField')}`)),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'grant-submit' }, t('delegation.grant'))), out);
  mayDelegate.id = 'grant-may-delegate';
  eSeal.id = 'grant-eseal';
  companySeal.id = 'grant-company-seal';
  return {
    element: form,
    passOn(g) {
      parent = g;
      services.value = g.services.join(', ');
      offices.querySelectorAll('input').forEach((c) => { c.checked = g.offices.includes(c.value); });
      from.value = localInput(Math.max(g.from, Date.now()));
      until.value = localInput(g.until);
      uses.value = String(Math.max(1, g.maxUses - g.used));
      showParent();
      grantee.focus();
    },
  };
}

/** Throws the named error unless subject id is registered on the ledger. */
async function mustExist(id, message) {
  try {
    await api(`subjects/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) throw new Error(t(message, { id }));
    throw err;
  }
}
