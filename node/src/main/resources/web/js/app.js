// Boots the single-page app: language first (every string comes from it), then the page the
// URL names. Everything is served by the node; no build step, no third-party code.

import { draw } from './router.js';
import { onLanguageChange, setLanguage, language } from './i18n.js';

const main = document.getElementById('page');
const nav = document.getElementById('nav');
const select = document.getElementById('language');

function redraw() {
  draw(main, nav).catch((e) => {
    main.replaceChildren();
    const p = document.createElement('p');
    p.className = 'bad';
    p.setAttribute('role', 'alert');
    p.textContent = e.message;
    main.append(p);
  });
}

select.addEventListener('change', () => setLanguage(select.value));
onLanguageChange(() => {
  select.value = language();
  redraw();
});
window.addEventListener('hashchange', () => {
  redraw();
  main.focus();
});
setLanguage();
