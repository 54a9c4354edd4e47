// A form generated from a certificate type's JSON Schema (the catalogue's closed 2020-12 schemas):
// strings with their length limits, enums as selects, dates, integers and numbers with their
// bounds, booleans, arrays of enums as check boxes, arrays of strings one per line, nested objects
// as field sets. Labels come from each claim's title or description, else its name. Reading the
// form checks the schema's rules and names the field and the rule broken, never the value.

import { h, field } from '../dom.js';
import { t } from '../i18n.js';

function labelOf(name, schema, required) {
  return `${schema.title || schema.description || name}${required ? ' *' : ''}`;
}

/** Builds the form for an object schema; returns {element, read(), fill(values)}. */
export function claimsForm(schema, prefix = 'claim') {
  const root = objectControl(schema, prefix, '');
  return { element: h('div', { class: 'claims-form' }, root.elements), read: () => root.read(), fill: (v) => root.fill(v) };
}

function objectControl(schema, prefix, path) {
  const required = new Set(schema.required || []);
  const children = Object.entries(schema.properties || {}).map(([name, s]) => {
    const id = `${prefix}-${(path ? `${path}-` : '') + name}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return { name, ...control(s, id, path ? `${path}.${name}` : name, required.has(name)) };
  });
  return {
    elements: children.map((c) => c.element),
    read() {
      const value = {};
      const problems = [];
      for (const c of children) {
        const r = c.read();
        problems.push(...r.problems);
        if (r.value !== undefined) value[c.name] = r.value;
      }
      return { value, problems };
    },
    fill(values = {}) {
      children.forEach((c) => c.fill(values[c.name]));
    },
  };
}

function control(schema, id, path, required) {
  const label = labelOf(path.split('.').pop(), schema, required);
  if (schema.type === 'object') {
    const inner = objectControl(schema, id, path);
    return {
      element: h('fieldset', { id }, h('legend', {}, label), inner.elements),
      read() {
        const r = inner.read();
        const empty = Object.keys(r.value).length === 0;
        if (empty && !required) return { value: undefined, problems: [] };
        return { value: r.value, problems: r.problems };
      },
      fill: (v) => inner.fill(v || {}),
    };
  }
  if (schema.type === 'array') return arrayControl(schema, id, path, label, required);
  return scalarControl(schema, id, path, label, required);
}

function arrayControl(schema, id, path, label, required) {
  const items = schema.items || {};
  const rules = (values) => {
    const problems = [];
    if (required && values.length === 0) problems.push(problem(path, t('claims.rule.required')));
    if (schema.minItems !== undefined && values.length < schema.minItems) problems.push(problem(path, t('claims.rule.minItems', { n: schema.minItems })));
    if (schema.maxItems !== undefined && values.length > schema.maxItems) problems.push(problem(path, t('claims.rule.maxItems', { n: schema.maxItems })));
    values.forEach((v, i) => problems.push(...scalarProblems(items, `${path}[${i}]`, v)));
    if (schema.uniqueItems && new Set(values).size !== values.length) problems.push(problem(path, t('claims.rule.unique')));
    return { value: values.length || required ? values : undefined, problems };
  };
  if (Array.isArray(items.enum)) {
    const boxes = items.enum.map((v, i) => h('input', { type: 'checkbox', id: `${id}-${i}`, value: v }));
    return {
      element: h('fieldset', { id }, h('legend', {}, label), boxes.map((b) =>
        h('label', { class: 'inline', for: b.id }, b, ` ${b.value} `))),
      read: () => rules(boxes.filter((b) => b.checked).map((b) => b.value)),
      fill: (v) => boxes.forEach((b) => { b.checked = Array.isArray(v) && v.includes(b.value); }),
    };
  }
  const area = h('textarea', { rows: 3, 'aria-describedby': `${id}-hint` });
  return {
    element: h('div', {}, field(id, label, area), h('p', { class: 'muted', id: `${id}-hint` }, t('claims.onePerLine'))),
    read: () => rules(area.value.split('\n').map((s) => s.trim()).filter((s) => s !== '')
      .map((s) => (items.type === 'integer' || items.type === 'number' ? Number(s) : s))),
    fill: (v) => { area.value = Array.isArray(v) ? v.join('\n') : ''; },
  };
}

function scalarControl(schema, id, path, label, required) {
  let input;
  if (Array.isArray(schema.enum)) {
    input = h('select', {}, h('option', { value: '' }, t('claims.choose')),
      schema.enum.map((v) => h('option', { value: String(v) }, String(v))));
  } else if (schema.type === 'boolean') {
    input = h('input', { type: 'checkbox' });
  } else if (schema.type === 'integer' || schema.type === 'number') {
    input = h('input', { type: 'number', step: schema.type === 'integer' ? '1' : 'any', min: schema.minimum, max: schema.maximum });
  } else {
    input = h('input', { type: schema.format === 'date' ? 'date' : 'text', maxlength: schema.maxLength });
  }
  if (required) input.setAttribute('aria-required', 'true');
  return {
    element: field(id, label, input),
    read() {
      let value;
      if (schema.type === 'boolean') value = input.checked;
      else if (input.value === '') value = undefined;
      else if (schema.type === 'integer' || schema.type === 'number') value = Number(input.value);
      else value = input.value;
      if (value === undefined) return { value, problems: required ? [problem(path, t('claims.rule.required'))] : [] };
      return { value, problems: scalarProblems(schema, path, value) };
    },
    fill(v) {
      if (schema.type === 'boolean') input.checked = v === true;
      else input.value = v === undefined || v === null ? '' : String(v);
    },
  };
}

/** The schema rules a value breaks, each naming the field and the rule; never the value. */
function scalarProblems(schema, path, value) {
  const out = [];
  const add = (rule) => out.push(problem(path, rule));
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) add(t('claims.rule.enum', { values: schema.enum.join(', ') }));
  if (schema.type === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) add(t('claims.rule.minLength', { n: schema.minLength }));
    if (schema.maxLength !== undefined && length > schema.maxLength) add(t('claims.rule.maxLength', { n: schema.maxLength }));
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) add(t('claims.rule.pattern'));
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (!Number.isFinite(value)) add(t('claims.rule.number'));
    else {
      if (schema.type === 'integer' && !Number.isInteger(value)) add(t('claims.rule.integer'));
      if (schema.minimum !== undefined && value < schema.minimum) add(t('claims.rule.minimum', { n: schema.minimum }));
      if (schema.maximum !== undefined && value > schema.maximum) add(t('claims.rule.maximum', { n: schema.maximum }));
    }
  }
  return out;
}

function problem(path, rule) {
  return t('claims.problem', { field: path, rule });
}
