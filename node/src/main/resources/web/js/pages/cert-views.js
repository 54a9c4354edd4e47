// What the certificate pages show alike: a type's name in the current language, a table of
// claims, and the node's checks of a credential or presentation with their outcome and detail.

import { api } from '../api.js';
import { h } from '../dom.js';
import { language, t } from '../i18n.js';

let catalogue;
/** The certificate types, fetched once: id, names, vct, schema, example. */
export async function certificateTypes() {
  catalogue = catalogue || (await api('certificate-types')).types;
  return catalogue;
}

/** A type's name in the current language (its id if unknown). */
export function typeName(type) {
  return type && type.names ? type.names[language()] || type.names.en || type.id : String(type && type.id || type);
}

/** The type with this id or vct, if the catalogue has it. */
export async function findType(idOrVct) {
  return (await certificateTypes()).find((x) => x.id === idOrVct || x.vct === idOrVct);
}

/** Claims as a table; labels from the type's schema (title or description), else the claim name. */
export function claimsTable(claims, type, id) {
  const props = (type && type.schema && type.schema.properties) || {};
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('cert.claim')), h('th', { scope: 'col' }, t('cert.value')))),
    h('tbody', {}, Object.entries(claims).map(([name, value]) => h('tr', { 'data-claim': name },
      h('th', { scope: 'row' }, (props[name] && (props[name].title || props[name].description)) || name),
      h('td', {}, typeof value === 'string' ? value : JSON.stringify(value)))))));
}

/** The node's checks: [{name, outcome, detail}], each marked passed or failed. */
export function checksList(checks, id) {
  return h('ul', { id, class: 'checks' }, (checks || []).map((c) => h('li', { 'data-check': c.name, 'data-outcome': c.outcome },
    h('span', { class: { passed: 'ok', failed: 'bad' }[c.outcome] || 'muted' },
      `${c.name}: ${c.outcome}`), c.detail ? ` — ${c.detail}` : '')));
}
