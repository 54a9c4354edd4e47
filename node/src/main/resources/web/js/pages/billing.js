// What the biller and payer desk (bills.js) and the citizen's bills and claims (wallet-bills.js)
// share: amounts in minor units, which party a staff key belongs to, signed transactions with
// the ledger's reason when refused, and how a claim and its history are shown.

import { api, nodeInfo } from '../api.js';
import { h } from '../dom.js';
import { language, t } from '../i18n.js';
import { signTransaction } from '../crypto/tx.js';

/** Adds css/bills.css to the page once. */
export function useBillsCss() {
  if (document.querySelector('link[href="/css/bills.css"]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: '/css/bills.css' }));
}

/** "12.50" (or "12") in a currency with two decimals -> 1250 minor units; throws naming the field. */
export function parseMoney(text, what) {
  const s = String(text).trim();
  const m = /^([0-9]{1,13})(?:[.,]([0-9]{1,2}))?$/.exec(s);
  if (!m) throw new Error(t('bills.badAmount', { what, value: s }));
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

/** 1250 -> "12.50 CNY". */
export function formatMoney(minor, currency = '') {
  const sign = minor < 0 ? '-' : '';
  const a = Math.abs(minor);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}${currency ? ` ${currency}` : ''}`;
}

/** What a bill's holder can still claim: its reimbursable amount less what is approved or reserved. */
export function leftOf(bill) {
  return bill.reimbursable - bill.approved - bill.reserved;
}

export function formatTime(millis) {
  return new Date(millis).toLocaleString(language());
}

/** An API error in the ledger's words: "billing.over-claim: bill … has 500 left …". */
export function reason(err) {
  const code = (err.type || '').replace(/^urn:govledger:problem:/, '');
  return code && code !== 'about:blank' ? `${code}: ${err.message}` : err.message;
}

/** Writes a result line: kind is ok, bad or muted. */
export function say(el, kind, text, ...more) {
  el.className = kind;
  el.replaceChildren(text, ...more);
}

/** Signs type/body with a staff key in this page and waits for the block; refusals throw. */
export async function submit(key, type, body) {
  const { tx } = await signTransaction(key, (await nodeInfo()).ledger, type, body);
  return api('transactions?wait=true', { method: 'POST', body: tx });
}

async function stateValue(key) {
  const r = await api(`state?key=${encodeURIComponent(key)}`);
  return r.value;
}

/** The biller or payer a ledger key belongs to ({id, role, name, category}), or null. */
export async function partyOf(keyId) {
  const id = await stateValue(`governance/party-key/${keyId}`);
  if (id === null || id === undefined) return null;
  const party = await stateValue(`governance/party/${id}`);
  return party ? JSON.parse(party) : null;
}

export function claimStatus(status) {
  return h('span', { class: `claim-status s-${status}`, 'data-status': status }, t(`claims.status.${status}`));
}

/** A claim's history, oldest first: status, time, and what came with it (amount, reason, reference). */
function claimHistory(claim) {
  return h('ol', { class: 'history' }, (claim.history || []).map((e) => h('li', {},
    claimStatus(e.status), ' ', h('time', {}, formatTime(e.time)),
    e.amount !== undefined ? ` · ${formatMoney(e.amount, claim.currency)}` : '',
    e.reason ? ` · ${e.reason}` : '', e.reference ? ` · ${e.reference}` : '')));
}

/** The bills of a claim: claimed and, once decided, approved. */
function claimItems(claim) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, t('claims.bill')), h('th', {}, t('claims.claimed')),
      h('th', {}, t('claims.approved')))),
    h('tbody', {}, claim.items.map((i) => h('tr', {}, h('td', { class: 'mono' }, i.bill),
      h('td', {}, formatMoney(i.amount, claim.currency)),
      h('td', {}, i.approved === undefined ? '—' : formatMoney(i.approved, claim.currency)))))));
}

/** Where a claim stands now, its bills and its history: what both the claimant and the payer see. */
export function claimProgress(claim) {
  return [h('p', { class: 'now' }, t('claims.now'), ' ', claimStatus(claim.status)), claimItems(claim), claimHistory(claim)];
}

export const FINAL = ['paid', 'rejected'];
