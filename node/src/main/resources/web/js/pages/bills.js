// The biller and payer desk. Staff sign in with their key file; the page finds which biller or
// payer each key belongs to. A biller issues a bill (the document is built and hashed here,
// billing/issue is signed here, the document goes to the holder's wallet) or voids one. A payer
// looks up a bill and its claims and reviews, approves, rejects and pays a claim, each a
// transaction signed in this page; a refusal is shown in the ledger's words.

import { api } from '../api.js';
import { h, facts, field } from '../dom.js';
import { t } from '../i18n.js';
import { billDocument, issueBody } from '../crypto/bill.js';
import { keyChoice, staffKeys } from './staff-keys.js';
import {
  claimProgress, claimStatus, formatMoney, leftOf, parseMoney, partyOf, reason, say, submit, useBillsCss,
} from './billing.js';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const CODE = /^[a-z][a-z0-9-]{1,63}$/;
let drawing = 0;

export async function render(main) {
  useBillsCss();
  const desks = h('div', { id: 'desks' });
  main.append(h('h1', {}, t('bills.title')), h('p', { class: 'muted' }, t('bills.explain')),
    await staffKeys((keys) => drawDesks(desks, keys)), desks);
}

async function drawDesks(box, keys) {
  const mine = ++drawing;
  box.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('bills.finding')));
  const found = await Promise.all(keys.map(async (k) => ({ key: k, party: await partyOf(k.id).catch(() => null) })));
  if (mine !== drawing) return;
  const as = (role) => found.filter((f) => f.party && f.party.role === role)
    .map((f) => ({ ...f.key, name: `${f.party.id} · ${f.party.name}`, party: f.party.id }));
  box.replaceChildren(desk('biller', as('biller'), (signer) => [issueForm(signer), voidForm(signer)]),
    desk('payer', as('payer'), payerParts));
}

/** A biller's or payer's desk: a choice of the signed-in keys of that role, then build(signer)'s parts. */
function desk(role, keys, build) {
  const box = h('section', { id: `${role}-desk` }, h('h2', {}, t(`bills.${role}.title`)));
  if (!keys.length) {
    box.append(h('p', { class: 'muted' }, t(`bills.${role}.none`)));
    return box;
  }
  const signer = keyChoice(`${role}-key`, t(`bills.${role}.key`), keys);
  box.append(signer.element, ...build(signer));
  return box;
}

function text(attrs = {}) {
  return h('input', { type: 'text', autocomplete: 'off', ...attrs });
}

/** One line item: name, quantity, unit price; its total is computed. */
function itemRow(n, onChange, onRemove) {
  const name = text({ class: 'item-name' });
  const quantity = h('input', { type: 'number', min: 1, step: 1, value: 1, class: 'item-quantity' });
  const price = text({ inputmode: 'decimal', class: 'item-price', placeholder: '0.00' });
  [name, quantity, price].forEach((e) => e.addEventListener('input', onChange));
  const row = h('div', { class: 'item' }, field(`item-name-${n}`, t('bills.item.name'), name),
    field(`item-quantity-${n}`, t('bills.item.quantity'), quantity), field(`item-price-${n}`, t('bills.item.price'), price),
    h('button', { type: 'button', class: 'secondary', onclick: () => onRemove(row) }, t('bills.item.remove')));
  row.read = (i) => {
    const what = t('bills.item.label', { n: i + 1 });
    if (!name.value.trim()) throw new Error(t('bills.item.noName', { what }));
    const q = Number(quantity.value);
    if (!Number.isSafeInteger(q) || q < 1) throw new Error(t('bills.item.badQuantity', { what, value: quantity.value }));
    return { name: name.value.trim(), quantity: q, unitPrice: parseMoney(price.value, `${what}: ${t('bills.item.price')}`) };
  };
  return row;
}

function issueFields() {
  return {
    number: text({ maxlength: 40 }), holder: text({ maxlength: 64 }), currency: text({ maxlength: 3, value: 'CNY' }),
    tax: text({ inputmode: 'decimal', value: '0.00' }), covered: text({ inputmode: 'decimal', value: '0.00' }),
  };
}

function issueForm(signer) {
  const f = issueFields();
  const items = h('div', { id: 'bill-items' });
  const total = h('p', { id: 'bill-total', 'aria-live': 'polite' });
  const out = h('div', { id: 'issue-status', role: 'status' });
  let serial = 0;
  const rows = () => Array.from(items.children);
  const recount = () => {
    try {
      total.textContent = t('bills.total', { amount: formatMoney(rows().reduce((s, r, i) => {
        const x = r.read(i);
        return s + x.quantity * x.unitPrice;
      }, 0), f.currency.value) });
    } catch {
      total.textContent = t('bills.totalPending');
    }
  };
  const add = () => {
    items.append(itemRow(++serial, recount, (row) => { row.remove(); recount(); }));
    recount();
  };
  add();
  const form = h('form', { id: 'issue-form', onsubmit: async (e) => {
    e.preventDefault();
    say(out, 'muted', t('bills.working'));
    try {
      say(out, 'ok', await issue(signer.selected(), f, () => rows().map((r, i) => r.read(i))));
    } catch (err) {
      say(out, 'bad', err.recorded ? err.message : t('bills.issue.refused', { reason: reason(err) }));
    }
  } }, h('h3', {}, t('bills.issue.title')), field('bill-number', t('bills.number'), f.number),
  field('bill-holder', t('bills.holder'), f.holder), field('bill-currency', t('bills.currency'), f.currency),
  field('bill-tax', t('bills.tax'), f.tax), field('bill-covered', t('bills.covered'), f.covered),
  h('fieldset', {}, h('legend', {}, t('bills.items')), items,
    h('button', { type: 'button', class: 'secondary', id: 'add-item', onclick: add }, t('bills.item.add'))),
  total, h('div', { class: 'row' }, h('button', { type: 'submit', id: 'issue-submit' }, t('bills.issue.submit'))), out);
  return form;
}

/** Builds, hashes, records and delivers one bill; returns what to say. */
async function issue(key, f, readItems) {
  const number = f.number.value.trim();
  if (!NUMBER.test(number)) throw new Error(t('bills.badNumber', { value: number }));
  const holder = f.holder.value.trim();
  if (!holder) throw new Error(t('bills.noHolder'));
  const currency = f.currency.value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(t('bills.badCurrency', { value: currency }));
  const items = readItems();
  if (!items.length) throw new Error(t('bills.noItems'));
  const doc = billDocument({ biller: key.party, number, holder, currency, items, paidAt: new Date().toISOString(),
    tax: parseMoney(f.tax.value, t('bills.tax')), covered: parseMoney(f.covered.value, t('bills.covered')) });
  const r = await submit(key, 'billing/issue', await issueBody(doc));
  try {
    await api(`wallets/${encodeURIComponent(holder)}/bills`, { method: 'POST', body: doc });
  } catch (err) { // the bill is on the ledger: say so, not that it was not issued
    throw Object.assign(new Error(t('bills.issue.notDelivered', { bill: `${key.party}/${number}`, height: r.height,
      reason: reason(err) })), { recorded: true });
  }
  return t('bills.issue.done', { bill: `${key.party}/${number}`, amount: formatMoney(doc.amount, currency), height: r.height });
}

function voidForm(signer) {
  const number = text({ maxlength: 40 });
  const why = text({ maxlength: 64, value: 'issued-in-error' });
  const out = h('div', { id: 'void-status', role: 'status' });
  return h('form', { id: 'void-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      if (!CODE.test(why.value)) throw new Error(t('bills.badCode', { value: why.value }));
      const key = signer.selected();
      const r = await submit(key, 'billing/void', { number: number.value.trim(), reason: why.value });
      say(out, 'ok', t('bills.void.done', { bill: `${key.party}/${number.value.trim()}`, height: r.height }));
    } catch (err) {
      say(out, 'bad', t('bills.void.refused', { reason: reason(err) }));
    }
  } }, h('h3', {}, t('bills.void.title')), field('void-number', t('bills.number'), number),
  field('void-reason', t('bills.void.reason'), why),
  h('div', { class: 'row' }, h('button', { type: 'submit', class: 'secondary' }, t('bills.void.submit'))), out);
}

function payerParts(signer) {
  const billBox = h('div', { id: 'bill-view' });
  const claimBox = h('div', { id: 'claim-view' });
  let shown = null; // the bill on show, looked up again after each step on a claim
  const showBill = async (biller, number) => {
    shown = { biller, number };
    try {
      if (!biller || !NUMBER.test(number)) throw new Error(t('bills.badBillId', { value: `${biller}/${number}` }));
      const bill = await api(`bills/${encodeURIComponent(biller)}/${encodeURIComponent(number)}`);
      billBox.replaceChildren(billView(bill, signer.selected().party, openClaim));
    } catch (err) {
      billBox.replaceChildren(h('p', { class: 'bad', id: 'lookup-status', role: 'alert' },
        t('bills.lookup.failed', { bill: `${biller}/${number}`, reason: reason(err) })));
    }
  };
  const openClaim = (id) => showClaim(claimBox, signer, id, null, () => shown && showBill(shown.biller, shown.number));
  return [lookupForm(showBill), claimForm(openClaim), billBox, claimBox];
}

function lookupForm(showBill) {
  const biller = text({ maxlength: 64 });
  const number = text({ maxlength: 40 });
  return h('form', { id: 'lookup-form', onsubmit: (e) => {
    e.preventDefault();
    showBill(biller.value.trim(), number.value.trim());
  } }, h('h3', {}, t('bills.lookup.title')), field('lookup-biller', t('bills.lookup.biller'), biller),
  field('lookup-number', t('bills.number'), number),
  h('div', { class: 'row' }, h('button', { type: 'submit' }, t('bills.lookup.submit'))));
}

function claimForm(openClaim) {
  const id = text({ maxlength: 64, class: 'mono' });
  return h('form', { id: 'claim-lookup', onsubmit: (e) => {
    e.preventDefault();
    openClaim(id.value.trim());
  } }, field('claim-id', t('claims.id'), id),
  h('div', { class: 'row' }, h('button', { type: 'submit', class: 'secondary' }, t('claims.open'))));
}

function billView(bill, me, openClaim) {
  const c = bill.currency;
  return h('div', { class: 'card', id: 'bill-record' }, h('h3', {}, t('bills.bill', { bill: bill.id })), facts([
    [t('bills.status'), t(`bills.status.${bill.status}`)], [t('bills.holder'), bill.holder],
    [t('bills.amount'), formatMoney(bill.amount, c)], [t('bills.covered'), formatMoney(bill.covered, c)],
    [t('bills.reimbursable'), formatMoney(bill.reimbursable, c)], [t('bills.approvedTotal'), formatMoney(bill.approved, c)],
    [t('bills.reserved'), formatMoney(bill.reserved, c)], [t('bills.left'), formatMoney(leftOf(bill), c)]]),
  h('h4', {}, t('bills.reimbursements')),
  bill.reimbursements.length ? h('ul', { class: 'reimbursements' }, bill.reimbursements.map((r) => h('li', {},
    claimStatus(r.status), ` ${r.payer} · ${formatMoney(r.claimed, c)} `,
    r.payer === me ? h('button', { type: 'button', class: 'secondary open-claim', 'data-claim': r.claim,
      onclick: () => openClaim(r.claim) }, t('claims.openShort', { id: r.claim.slice(0, 8) }))
      : h('span', { class: 'mono muted' }, r.claim.slice(0, 8)))))
    : h('p', { class: 'muted' }, t('bills.noClaims')));
}

async function showClaim(box, signer, id, said, changed) {
  try {
    if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(t('claims.badId', { value: id }));
    const claim = await api(`claims/${id}`);
    const out = h('p', { id: 'claim-action-status', role: 'status' });
    if (said) say(out, ...said);
    box.replaceChildren(h('section', { class: 'card', id: 'payer-claim' },
      h('h3', {}, t('claims.claim', { id: claim.id.slice(0, 16) })),
      facts([[t('claims.id'), claim.id], [t('claims.claimant'), claim.claimant], [t('claims.payer'), claim.payer]]),
      claimProgress(claim),
      payerActions(claim, signer, (kind, message) => {
        showClaim(box, signer, id, [kind, message], changed);
        changed();
      }), out));
  } catch (err) {
    box.replaceChildren(h('p', { class: 'bad', role: 'alert', id: 'claim-action-status' },
      t('claims.cannotOpen', { reason: reason(err) })));
  }
}

/** Review, approve (an amount per bill), reject (a reason code), pay (a reference). */
function payerActions(claim, signer, after) {
  const act = (label, type, read, id) => h('button', { type: 'button', id, onclick: async () => {
    try {
      const r = await submit(signer.selected(), type, { claim: claim.id, ...read() });
      after('ok', t('claims.done', { action: label, height: r.height }));
    } catch (err) {
      after('bad', t('claims.refused', { action: label, reason: reason(err) }));
    }
  } }, label);
  const amounts = claim.items.map((i, n) => text({ inputmode: 'decimal', value: formatMoney(i.amount), 'data-bill': i.bill,
    id: `approve-amount-${n}` }));
  const why = text({ maxlength: 64, value: 'not-covered' });
  const reference = text({ maxlength: 64 });
  const code = (v, what) => {
    if (!CODE.test(v)) throw new Error(t('bills.badCode', { value: v, what }));
    return v;
  };
  return h('div', { class: 'actions' },
    h('div', { class: 'row' }, act(t('claims.review'), 'billing/review', () => ({}), 'claim-review')),
    h('fieldset', {}, h('legend', {}, t('claims.approveTitle')), claim.items.map((i, n) => h('div', {},
      h('label', { for: `approve-amount-${n}` }, t('claims.approveAmount', { bill: i.bill })), amounts[n])),
    h('div', { class: 'row' }, act(t('claims.approve'), 'billing/approve', () => ({ items: claim.items.map((i, n) =>
      ({ bill: i.bill, amount: parseMoney(amounts[n].value, i.bill) })) }), 'claim-approve'))),
    h('fieldset', {}, h('legend', {}, t('claims.rejectTitle')), field('reject-reason', t('claims.rejectReason'), why),
      h('div', { class: 'row' }, act(t('claims.reject'), 'billing/reject', () => ({ reason: code(why.value) }), 'claim-reject'))),
    h('fieldset', {}, h('legend', {}, t('claims.payTitle')), field('pay-reference', t('claims.reference'), reference),
      h('div', { class: 'row' }, act(t('claims.pay'), 'billing/pay', () => ({ reference: reference.value.trim() }), 'claim-pay'))));
}
