// Three languages, one JSON file each under /i18n/. Switching sets lang and dir on <html>
// (Arabic is right to left), remembers the choice, and tells the router to draw the page again.

export const LANGUAGES = { zh: 'ltr', en: 'ltr', ar: 'rtl' };

let strings = {};
let current = 'en';
const listeners = [];

export function t(key, vars = {}) {
  const s = strings[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function language() {
  return current;
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

function preferred() {
  const saved = localStorage.getItem('govledger.language');
  if (saved in LANGUAGES) return saved;
  const browser = (navigator.language || 'en').slice(0, 2);
  return browser in LANGUAGES ? browser : 'en';
}

export async function setLanguage(lang = preferred()) {
  if (!(lang in LANGUAGES)) throw new Error(`no language ${lang}`);
  const r = await fetch(`/i18n/${lang}.json`);
  if (!r.ok) throw new Error(`cannot load /i18n/${lang}.json: HTTP ${r.status}`);
  strings = await r.json();
  current = lang;
  localStorage.setItem('govledger.language', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = LANGUAGES[lang];
  document.title = t('app.title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  listeners.forEach((fn) => fn(lang));
}
