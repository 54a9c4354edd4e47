// Signing in as staff (agency, verifier, payer): the staff member picks their key file once;
// its private key is imported non-extractable and kept in this browser's IndexedDB. The file
// itself is not kept. Shared by every console page.

import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { importKeyFile } from '../crypto/keys.js';
import { deleteKey, listKeys, saveKey } from '../crypto/keystore.js';

/** The sign-in section; onChange(keys) is called with the stored staff keys after any change. */
export async function staffKeys(onChange) {
  const list = h('ul', { id: 'staff-keys' });
  const out = h('p', { id: 'sign-in-status', role: 'status' });
  const input = h('input', { type: 'file', accept: '.json,application/json' });

  async function refresh() {
    const keys = await listKeys('staff');
    list.replaceChildren(...keys.map((k) => h('li', {},
      h('span', {}, `${k.name} · ${k.suite} · `), h('span', { class: 'mono' }, k.id), ' ',
      h('button', { type: 'button', class: 'secondary', onclick: async () => { await deleteKey(k.id); refresh(); } },
        t('staff.signOut', { name: k.name })))));
    if (!keys.length) list.append(h('li', { class: 'muted' }, t('staff.none')));
    onChange(keys);
  }

  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    try {
      const key = await importKeyFile(await file.text());
      await saveKey(key, 'staff');
      out.className = 'ok';
      out.textContent = t('staff.signedIn', { name: key.name, id: key.id });
    } catch (e) {
      out.className = 'bad';
      out.textContent = t('staff.badFile', { file: file.name, reason: e.message });
    }
    input.value = '';
    refresh();
  });
  await refresh();
  return h('section', {}, h('h2', {}, t('staff.title')), h('p', { class: 'muted' }, t('staff.explain')),
    field('key-file', t('staff.keyFile'), input), out, list);
}

/** A labelled choice of key; returns {element, selected()}. */
export function keyChoice(id, label, keys) {
  const select = h('select', {}, keys.map((k) => h('option', { value: k.id }, `${k.name} (${k.id})`)));
  return { element: field(id, label, select), selected: () => keys.find((k) => k.id === select.value) };
}

/**
 * The desk of a console that acts for a registered party (an agency, a verifier): offers only the
 * staff keys that some party in `parties` registered and has not revoked, says who the chosen key
 * acts for, and fills the desk with what draw(key, party) returns. `id` prefixes the element ids;
 * `strings` names the i18n keys {key, actingFor, none}.
 */
export async function partyDesk(desk, keys, parties, { id, strings, draw }) {
  desk.replaceChildren();
  if (!keys.length) return;
  const ownerOf = (keyId) => parties.find((p) => p.active !== false
    && (p.keys || []).some((k) => k.keyId === keyId && !k.revoked)) || null;
  const mine = keys.filter((k) => ownerOf(k.id));
  if (!mine.length) {
    desk.append(h('p', { class: 'bad', id: `${id}-name` }, t(strings.none, { id: keys.map((k) => k.id).join(', ') })));
    return;
  }
  const signer = keyChoice(`${id}-key`, t(strings.key), mine);
  const body = h('div', {});
  const pick = async () => {
    const key = signer.selected();
    const party = ownerOf(key.id);
    const who = h('p', { id: `${id}-name`, role: 'status' }, t(strings.actingFor, { name: party.name, id: party.id }));
    body.replaceChildren(who);
    try {
      body.append(...(await draw(key, party)));
    } catch (e) {
      who.className = 'bad';
      who.textContent = e.message;
    }
  };
  signer.element.querySelector('select').addEventListener('change', pick);
  desk.append(signer.element, body);
  await pick();
}
