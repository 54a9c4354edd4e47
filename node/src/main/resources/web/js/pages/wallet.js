// The citizen wallet. So far: make a wallet key in this browser (P-256, non-extractable, kept
// in IndexedDB) and show its public key, which the identity authority binds to the citizen
// (identity/bind-subject or identity/add-holder-key). Documents, consent and claims come next.

import { h, facts } from '../dom.js';
import { t } from '../i18n.js';
import { generateWalletKey, publicJwk } from '../crypto/keys.js';
import { listKeys, saveKey } from '../crypto/keystore.js';

export async function render(main) {
  const box = h('div', { id: 'wallet-keys' });
  const make = h('button', { type: 'button', id: 'make-key' }, t('wallet.makeKey'));
  make.addEventListener('click', async () => {
    await saveKey(await generateWalletKey(), 'wallet');
    show();
  });
  async function show() {
    const keys = await listKeys('wallet');
    box.replaceChildren(...(keys.length ? keys.map((k) => h('div', { class: 'card' },
      facts([[t('wallet.keyId'), k.id], [t('wallet.created'), k.saved]]),
      h('p', {}, t('wallet.publicJwk')), h('pre', { class: 'jwk' }, JSON.stringify(publicJwk(k)))))
      : [h('p', { class: 'muted' }, t('wallet.noKey'))]));
  }
  main.append(h('h1', {}, t('wallet.title')), h('p', {}, t('wallet.explain')), h('div', { class: 'row' }, make), box,
    h('p', { class: 'muted' }, t('wallet.notYet')));
  await show();
}
