// RFC 8785 JSON Canonicalization Scheme. ECMAScript's own JSON.stringify already serialises
// strings and numbers exactly as the RFC requires (it was written to match), so what is left is
// sorting members by UTF-16 code units (the default string sort) and refusing what JSON lacks.

export function canonicalize(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`JSON has no number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonicalize).join(',') + ']';
  }
  if (typeof value === 'object') {
    const members = Object.keys(value).sort().map((k) => {
      if (value[k] === undefined) throw new Error(`member "${k}" has no value`);
      return JSON.stringify(k) + ':' + canonicalize(value[k]);
    });
    return '{' + members.join(',') + '}';
  }
  throw new Error(`JSON has no ${typeof value} values`);
}
