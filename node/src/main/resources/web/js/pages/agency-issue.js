// Issuing from the schema, and status changes. The credential is built and signed in this page
// with the agency's key, exactly as CertificateIssuer does; certificate/issue anchors its digest;
// the credential is delivered to the holder's wallet and the node's checks of it are shown.

import { api } from '../api.js';
import { h, field, facts } from '../dom.js';
import { t } from '../i18n.js';
import { signTransaction } from '../crypto/tx.js';
import { issueSdJwt } from '../crypto/sdjwt.js';
import { claimsForm } from './claims-form.js';
import { certificateTypes, checksList, typeName } from './cert-views.js';

/** Signs a transaction with the session's staff key and waits for its block. */
export async function commitTx(session, type, body) {
  const { tx } = await signTransaction(session.key, session.ledger, type, body);
  return api('transactions?wait=true', { method: 'POST', body: tx });
}

/** The holder's wallet keys that are bound and not revoked, as a labelled select. */
function holderKeys() {
  const select = h('select', {});
  return {
    element: field('issue-holder-key', t('issue.holderKey'), select),
    async load(subject) {
      select.replaceChildren();
      if (!subject) return;
      const s = await api(`subjects/${encodeURIComponent(subject)}`);
      const keys = (s.keys || []).filter((k) => !k.revoked);
      select.append(...keys.map((k) => h('option', { value: k.thumbprint }, `${k.thumbprint} (${new Date(k.from).toISOString().slice(0, 10)})`)));
      if (!keys.length) throw new Error(t('issue.noHolderKey', { subject }));
      return keys;
    },
    selected: (keys) => keys.find((k) => k.thumbprint === select.value),
  };
}

export async function issueSection(session) {
  const types = (await certificateTypes()).filter((x) => session.types.includes(x.id));
  const typeSelect = h('select', {}, types.map((x) => h('option', { value: x.id }, typeName(x))));
  const formBox = h('div', {});
  const subject = h('input', { type: 'text', maxlength: 64 });
  const keys = holderKeys();
  const out = h('div', { id: 'issue-status', role: 'status' });
  let form;
  let bound = [];
  const type = () => types.find((x) => x.id === typeSelect.value);
  const drawForm = () => {
    form = claimsForm(type().schema, 'issue-claim');
    formBox.replaceChildren(h('p', { class: 'muted' }, type().defaultValidityDays
      ? t('issue.validity', { days: type().defaultValidityDays }) : t('issue.noExpiry')), form.element);
  };
  const loadKeys = async () => {
    try {
      bound = (await keys.load(subject.value.trim())) || [];
    } catch (e) {
      bound = [];
      out.className = 'bad';
      out.textContent = t('issue.refused', { reason: e.message });
    }
  };
  typeSelect.addEventListener('change', drawForm);
  subject.addEventListener('change', loadKeys);
  const example = h('button', { type: 'button', class: 'secondary', id: 'issue-example', onclick: () => form.fill(type().example) },
    t('issue.example'));
  const submit = async (e) => {
    e.preventDefault();
    out.className = 'muted';
    out.textContent = t('issue.working');
    try {
      const read = form.read();
      if (read.problems.length) {
        out.className = 'bad';
        out.replaceChildren(h('p', {}, t('issue.invalid')), h('ul', { id: 'issue-problems' }, read.problems.map((p) => h('li', {}, p))));
        return;
      }
      if (!bound.length) await loadKeys();
      const holder = keys.selected(bound);
      if (!holder) throw new Error(t('issue.noHolderKey', { subject: subject.value.trim() }));
      out.replaceChildren(await issue(session, type(), subject.value.trim(), holder, read.value));
      out.className = '';
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('issue.refused', { reason: err.message });
    }
  };
  drawForm();
  return h('section', { id: 'issue' }, h('h2', {}, t('issue.title')), h('p', { class: 'muted' }, t('issue.explain')),
    h('form', { onsubmit: submit }, field('issue-type', t('issue.type'), typeSelect),
      field('issue-subject', t('issue.subject'), subject), keys.element,
      h('div', { class: 'row' }, example), formBox,
      h('div', { class: 'row' }, h('button', { type: 'submit', id: 'issue-submit' }, t('issue.submit'))), out));
}

/** Signs, anchors, delivers and checks one certificate; returns what to show. */
async function issue(session, type, subject, holder, claims) {
  const now = Math.floor(Date.now() / 1000);
  const until = type.defaultValidityDays ? now + type.defaultValidityDays * 86400 : null;
  const credential = await issueSdJwt(session.key, {
    agency: session.agency.id, vct: type.vct, holderJwk: holder.jwk, claims, issuedAt: now, validFrom: now, validUntil: until,
  });
  const body = { id: credential.id, type: type.id, subject, holder: holder.thumbprint, validFrom: now };
  if (until !== null) body.validUntil = until;
  const anchored = await commitTx(session, 'certificate/issue', body);
  const delivered = await api(`wallets/${encodeURIComponent(subject)}/documents`, { method: 'POST', body: { credential: credential.compact } });
  const checked = await api('certificates/verify', { method: 'POST', body: { presentation: credential.compact } });
  const statusId = document.getElementById('status-id');
  if (statusId) statusId.value = credential.id;
  return h('div', {},
    h('p', { class: 'ok' }, t('issue.done', { height: anchored.height })),
    facts([[t('issue.credentialId'), credential.id], [t('issue.record'), delivered.recordId], [t('issue.tx'), anchored.id]]),
    h('p', { id: 'issue-id', class: 'mono', hidden: true }, credential.id),
    h('p', { id: 'issue-valid', class: checked.valid ? 'ok' : 'bad' }, checked.valid ? t('issue.valid') : t('issue.notValid')),
    checksList(checked.checks, 'issue-checks'));
}

export function statusSection(session) {
  const id = h('input', { type: 'text', maxlength: 64, spellcheck: 'false' });
  const action = h('select', {}, ['suspend', 'reinstate', 'revoke'].map((a) => h('option', { value: a }, t(`status.${a}`))));
  const reason = h('input', { type: 'text', maxlength: 32, pattern: '[a-z][a-z0-9-]{1,31}', 'aria-describedby': 'status-reason-hint' });
  const out = h('div', { id: 'status-status', role: 'status' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    out.className = 'muted';
    out.textContent = t('status.working');
    try {
      if (!/^[0-9a-f]{64}$/.test(id.value.trim())) throw new Error(t('status.badId'));
      if (!/^[a-z][a-z0-9-]{1,31}$/.test(reason.value)) throw new Error(t('status.badReason'));
      const r = await commitTx(session, `certificate/${action.value}`, { id: id.value.trim(), reason: reason.value });
      const record = await api(`certificates/${id.value.trim()}`);
      out.className = 'ok';
      out.textContent = t('status.done', { height: r.height, status: record.statusNow });
    } catch (err) {
      out.className = 'bad';
      out.textContent = t('status.refused', { reason: err.message });
    }
  } }, field('status-id', t('status.id'), id), field('status-action', t('status.action'), action),
  field('status-reason', t('status.reason'), reason), h('p', { class: 'muted', id: 'status-reason-hint' }, t('status.reasonHint')),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'status-submit' }, t('status.submit'))), out);
  return h('section', { id: 'status' }, h('h2', {}, t('status.title')), form);
}
