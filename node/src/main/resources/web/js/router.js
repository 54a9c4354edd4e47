// Hash routes: #/<page>/<rest…>. Each page is one module under pages/ exporting
// render(main, params) that may return a function to stop what it started (polling).
// A new page is one line in PAGES and one nav.<name> string per language.

import { h } from './dom.js';
import { t } from './i18n.js';

export const PAGES = {
  explorer: () => import('./pages/explorer.js'),
  wallet: () => import('./pages/wallet.js'),
  agency: () => import('./pages/agency.js'),
  verifier: () => import('./pages/verifier.js'),
  bills: () => import('./pages/bills.js'),
  'wallet-bills': () => import('./pages/wallet-bills.js'),
  delegation: () => import('./pages/delegation.js'),
  'agency-delegation': () => import('./pages/agency-delegation.js'),
};

let stop = null;
let drawing = 0;

export function current() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { name: name in PAGES ? name : 'explorer', params: rest.filter((p) => p !== '') };
}

export function drawNav(nav) {
  const { name } = current();
  nav.replaceChildren(...Object.keys(PAGES).map((p) =>
    h('a', { href: `#/${p}`, 'aria-current': p === name ? 'page' : null }, t(`nav.${p}`))));
}

export async function draw(main, nav) {
  const mine = ++drawing;
  if (stop) stop();
  stop = null;
  drawNav(nav);
  const { name, params } = current();
  const page = await PAGES[name]();
  if (mine !== drawing) return; // a newer navigation started meanwhile
  main.replaceChildren();
  stop = (await page.render(main, params)) || null;
}
