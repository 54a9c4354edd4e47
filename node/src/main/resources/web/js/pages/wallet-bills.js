// The citizen's bills and claims. With the wallet key made in this browser (wallet.js) and
// bound to the citizen's subject by the identity authority, the page lists the bills delivered
// to the wallet (every request signed with an Authorization: Holder proof), files a claim for
// one or more of them (a govledger-claim+jwt statement signed here), and follows each open
// claim live through its server-sent events until it is paid or rejected.

import { api } from '../api.js';
import { h, facts, field } from '../dom.js';
import { t } from '../i18n.js';
import { listKeys } from '../crypto/keystore.js';
import { signClaim } from '../crypto/holder.js';
import { holderApi } from './holder.js';
import { keyChoice } from './staff-keys.js';
import {
  FINAL, claimProgress, formatMoney, leftOf, formatTime, parseMoney, reason, say, useBillsCss,
} from './billing.js';

const SUBJECT = 'govledger.subject';

export async function render(main) {
  useBillsCss();
  const streams = new Map();
  let stopped = false;
  const stop = () => {
    stopped = true;
    streams.forEach((s) => s.close());
  };
  main.append(h('h1', {}, t('claims.title')), h('p', { class: 'muted' }, t('claims.explain')));
  const keys = await listKeys('wallet');
  if (!keys.length) {
    main.append(h('p', { id: 'no-wallet-key' }, t('claims.noKey'), ' ', h('a', { href: '#/wallet' }, t('claims.toWallet'))));
    return stop;
  }
  const key = keyChoice('wallet-key', t('claims.key'), keys);
  const subject = h('input', { type: 'text', autocomplete: 'off', maxlength: 64, value: localStorage.getItem(SUBJECT) || '' });
  const body = h('div', { id: 'my-bills' });
  const open = () => {
    localStorage.setItem(SUBJECT, subject.value.trim());
    load({ key: key.selected(), subject: subject.value.trim(), streams, stopped: () => stopped }, body);
  };
  main.append(h('form', { id: 'subject-form', onsubmit: (e) => { e.preventDefault(); open(); } }, key.element,
    field('subject', t('claims.subject'), subject),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('claims.openWallet')))), body);
  if (subject.value) open();
  return stop;
}

async function load(me, box, said) {
  me.streams.forEach((s) => s.close());
  me.streams.clear();
  const bills = h('section', { id: 'bills-list' });
  const claims = h('section', { id: 'claims-list' });
  box.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('claims.loading')));
  try {
    if (!me.subject) throw new Error(t('claims.noSubject'));
    const reload = (news) => load(me, box, news);
    const [mine, filed] = await Promise.all([myBills(me), holderApi(me, 'claims')]);
    box.replaceChildren(bills, claims);
    const cards = drawBills(bills, me, mine, reload, said);
    // An approval or rejection releases what the claim reserved: show the bills' new balance.
    drawClaims(claims, me, filed.claims, (claim) => claim.items.forEach((i) => cards.get(i.bill)?.update()));
  } catch (err) {
    box.replaceChildren(h('p', { class: 'bad', role: 'alert', id: 'wallet-status' }, t('claims.cannotOpen', { reason: reason(err) })));
  }
}

/** The e-bills in the wallet, each with its ledger record (what is left to reimburse). */
async function myBills(me) {
  const docs = (await holderApi(me, 'documents')).documents.filter((d) => d.type === 'e-bill');
  return Promise.all(docs.map(async (d) => {
    const doc = JSON.parse((await holderApi(me, `documents/${encodeURIComponent(d.recordId)}`)).credential);
    return { doc, record: await ledgerRecord(doc) };
  }));
}

function ledgerRecord(doc) {
  return api(`bills/${encodeURIComponent(doc.biller)}/${encodeURIComponent(doc.number)}`);
}

function billFacts({ doc, record }) {
  const c = doc.currency;
  return facts([
    [t('bills.status'), t(`bills.status.${record.status}`)], [t('claims.paidAt'), doc.paidAt ? formatTime(doc.paidAt) : '—'],
    [t('bills.amount'), formatMoney(doc.amount, c)], [t('bills.covered'), formatMoney(doc.covered, c)],
    [t('bills.reimbursable'), formatMoney(record.reimbursable, c)],
    [t('bills.left'), formatMoney(leftOf(record), c)]]);
}

function billCard(b, n) {
  const c = b.doc.currency;
  const pick = h('input', { type: 'checkbox', id: `pick-${n}`, class: 'pick' });
  const amount = h('input', { type: 'text', inputmode: 'decimal', class: 'claim-amount', value: formatMoney(Math.max(leftOf(b.record), 0)) });
  let shown = billFacts(b);
  const card = h('article', { class: 'card bill', 'data-bill': b.record.id }, h('h3', {}, b.record.id), shown,
  h('details', {}, h('summary', {}, t('bills.items')), h('ul', {}, b.doc.items.map((i) =>
    h('li', {}, `${i.name} × ${i.quantity} · ${formatMoney(i.total, c)}`)))),
  h('div', { class: 'pick-row' }, pick, h('label', { for: `pick-${n}`, class: 'inline' }, t('claims.include'))),
  field(`claim-amount-${n}`, t('claims.amount', { currency: c }), amount));
  card.update = async () => {
    const now = billFacts({ doc: b.doc, record: await ledgerRecord(b.doc) });
    shown.replaceWith(now);
    shown = now;
  };
  card.chosen = () => (pick.checked ? { bill: b.record.id, currency: c, amount: parseMoney(amount.value, b.record.id) } : null);
  return card;
}

function drawBills(box, me, bills, reload, said) {
  const cards = bills.map(billCard);
  const payer = h('input', { type: 'text', autocomplete: 'off', maxlength: 64 });
  const out = h('p', { id: 'file-status', role: 'status' });
  if (said) say(out, ...said);
  box.replaceChildren(h('h2', {}, t('claims.bills')),
    cards.length ? h('div', { class: 'cards' }, cards) : h('p', { class: 'muted' }, t('claims.noBills')),
    h('form', { id: 'file-claim', onsubmit: async (e) => {
      e.preventDefault();
      say(out, 'muted', t('claims.filing'));
      try {
        const r = await fileClaim(me, payer.value.trim(), cards.map((c) => c.chosen()).filter(Boolean));
        reload(['ok', t('claims.filed', { id: r.claimId })]);
      } catch (err) {
        say(out, 'bad', t('claims.fileRefused', { reason: reason(err) }));
      }
    } }, h('h3', {}, t('claims.fileTitle')), field('claim-payer', t('claims.payer'), payer),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'file-submit' }, t('claims.file'))), out));
  return new Map(cards.map((c) => [c.dataset.bill, c]));
}

async function fileClaim(me, payer, items) {
  if (!payer) throw new Error(t('claims.noPayer'));
  if (!items.length) throw new Error(t('claims.noneChosen'));
  const currency = items[0].currency;
  if (items.some((i) => i.currency !== currency)) throw new Error(t('claims.mixedCurrency'));
  const statement = await signClaim(me.key, {
    claimant: me.subject, payer, currency, items: items.map(({ bill, amount }) => ({ bill, amount })),
  });
  return api('claims', { method: 'POST', body: { statement } });
}

function claimCard(card, claim) {
  const total = claim.items.reduce((s, i) => s + i.amount, 0);
  card.replaceChildren(h('h3', {}, t('claims.claim', { id: claim.id.slice(0, 16) })),
    facts([[t('claims.payer'), claim.payer], [t('claims.total'), formatMoney(total, claim.currency)]]),
    ...claimProgress(claim));
}

/** My claims, newest last; each one still open is followed through its event stream. */
function drawClaims(box, me, claims, onSettled) {
  box.replaceChildren(h('h2', {}, t('claims.mine')));
  if (!claims.length) box.append(h('p', { class: 'muted' }, t('claims.none')));
  for (const claim of [...claims].sort((a, b) => a.history[0].time - b.history[0].time)) {
    const card = h('article', { class: 'card claim', 'data-claim': claim.id, 'aria-live': 'polite' });
    claimCard(card, claim);
    box.append(card);
    if (!FINAL.includes(claim.status) && !me.stopped()) follow(me.streams, card, claim, onSettled);
  }
}

function follow(streams, card, { id, status }, onSettled) {
  const source = new EventSource(`/api/v1/claims/${id}/events`);
  let last = status;
  streams.set(id, source);
  source.addEventListener('claim', (e) => {
    const claim = JSON.parse(e.data);
    claimCard(card, claim);
    if (claim.status !== last && (claim.status === 'approved' || claim.status === 'rejected')) onSettled(claim);
    last = claim.status;
    if (FINAL.includes(claim.status)) {
      source.close();
      streams.delete(id);
    }
  });
}
