// A small element builder: h('p', {class: 'ok'}, 'text', child). Text is always set as text,
// never parsed as HTML, so data from the ledger cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A definition list of [term, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

/** A labelled form field: the label names the control, as every field must have one. */
export function field(id, label, control) {
  control.id = id;
  return h('div', {}, h('label', { for: id }, label), control);
}
