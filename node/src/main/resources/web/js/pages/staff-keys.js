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
