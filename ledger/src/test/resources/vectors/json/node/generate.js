// Generates ECMAScript reference vectors with Node.js (V8) for govledger's JCS tests.
const fs = require('fs');
let seed = 0x2545F491;
function rnd() { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed / 4294967296; }
const dv = new DataView(new ArrayBuffer(8));
function hex(x) { dv.setFloat64(0, x); return dv.getBigUint64(0).toString(16).padStart(16, '0'); }
function fromBits(hi, lo) { dv.setUint32(0, hi); dv.setUint32(4, lo); return dv.getFloat64(0); }
function next(x, up) { dv.setFloat64(0, x); let b = dv.getBigUint64(0); b = up ? b + 1n : b - 1n; dv.setBigUint64(0, b); return dv.getFloat64(0); }
const nums = new Map();
function add(x) { if (Number.isFinite(x)) nums.set(hex(x), String(x)); }
for (let i = 0; i < 3000; i++) add(fromBits(Math.floor(rnd() * 4294967296), Math.floor(rnd() * 4294967296)));
for (let i = 0; i < 1000; i++) add(Math.round(rnd() * 1e8) / 100);
for (let i = 0; i < 500; i++) add(rnd() * Math.pow(10, Math.floor(rnd() * 60) - 30));
for (let e = -330; e <= 310; e++) { const x = Number('1e' + e); if (x > 0 && Number.isFinite(x)) { add(x); add(next(x, true)); add(next(x, false)); add(-x); } }
for (const x of [2 ** 53, 2 ** 53 + 2, 2 ** 53 - 1, 2 ** 63, 2 ** 64, 2 ** 70, 1e21 - 65536, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 123456789012345680000, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 4.35, 0.000001, 0.0000001, 1.5e-7])
  { add(x); add(-x); add(next(x, true)); add(next(x, false)); }
let out = '# IEEE-754 double (hex),ECMAScript Number.prototype.toString result\n# Generated with Node.js ' + process.version + ' (V8) by String(x); see README.md.\n';
for (const [h, s] of nums) out += h + ',' + s + '\n';
fs.writeFileSync('es-numbers.txt', out);

// Strings: UTF-16 code units -> JSON.stringify UTF-8 bytes.
const units = [];
for (let c = 0; c < 0x100; c++) units.push([c]);
for (const c of [0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0xd7ff, 0xe000, 0x7ff, 0x800, 0x20ac, 0xfb33])
  units.push([c]);
for (const p of [[0xd800, 0xdc00], [0xd83d, 0xde00], [0xdbff, 0xdfff], [0xd83d, 0xde02]]) units.push(p);
units.push([0x41, 0x0a, 0x22, 0x5c, 0x2f, 0x7f, 0x1f, 0xe9, 0xd83d, 0xde00, 0x08]);
let sout = '# UTF-16 code units of a string (hex),UTF-8 bytes of JSON.stringify(string) (hex)\n# Generated with Node.js ' + process.version + ' (V8); see README.md.\n';
for (const u of units) {
  const s = String.fromCharCode(...u);
  sout += u.map(x => x.toString(16).padStart(4, '0')).join(' ') + ',' + Buffer.from(JSON.stringify(s), 'utf8').toString('hex') + '\n';
}
fs.writeFileSync('es-strings.txt', sout);

// Whole documents: a JS RFC 8785 canonicalizer (sorted keys, JSON.stringify primitives).
function canon(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  return '{' + Object.keys(v).sort().map(k => JSON.stringify(k) + ':' + canon(v[k])).join(',') + '}';
}
const alphabet = ['a', 'b', 'A', '1', '10', '_', 'é', 'ö', '€', '\u0080', '\r', '\n', '"', '\\', '\ufb33', '😀', '😂', '\u2028', '\u001f', ' ', 'z', 'Z', '\u007f', '\uffff'];
function rstr(max) { let s = ''; const n = Math.floor(rnd() * max); for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)]; return s; }
function rnum() {
  const r = rnd();
  if (r < 0.3) return Math.floor(rnd() * 1e6) - 5e5;
  if (r < 0.5) return Math.round(rnd() * 1e7) / 100;
  if (r < 0.7) return (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 60) - 30);
  if (r < 0.8) return Math.floor(rnd() * 2 ** 53) * (rnd() < 0.5 ? -1 : 1);
  dv.setUint32(0, Math.floor(rnd() * 4294967296)); dv.setUint32(4, Math.floor(rnd() * 4294967296));
  const x = dv.getFloat64(0); return Number.isFinite(x) ? x : 0.5;
}
function rval(d) {
  const r = rnd();
  if (d > 4 || r < 0.4) { const t = rnd(); return t < 0.1 ? null : t < 0.2 ? rnd() < 0.5 : t < 0.6 ? rnum() : rstr(8); }
  if (r < 0.7) { const a = []; const n = Math.floor(rnd() * 5); for (let i = 0; i < n; i++) a.push(rval(d + 1)); return a; }
  const o = {}; const n = Math.floor(rnd() * 6); for (let i = 0; i < n; i++) o[rstr(5)] = rval(d + 1); return o;
}
// Serialize with members in a shuffled order, number literals written in a random but equal-valued form, random whitespace.
function ws() { return [' ', '', '\n', '\t', '  ', '\r\n'][Math.floor(rnd() * 6)]; }
function numLit(x) {
  const s = String(x); const r = rnd();
  if (r < 0.25 && Number.isInteger(x) && Math.abs(x) < 1e15) return x.toFixed(2);
  if (r < 0.5) { const e = x.toExponential(); const t = e.replace('e+', 'E'); return Number(t) === x ? t : s; }
  return s;
}
function lit(v) {
  if (v === null || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') return numLit(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/[^\x00-\x7f]/gu, c => rnd() < 0.5 ? c : Array.from({ length: c.length }, (_, i) => '\\u' + c.charCodeAt(i).toString(16).padStart(4, '0')).join(''));
  if (Array.isArray(v)) return '[' + ws() + v.map(lit).join(ws() + ',' + ws()) + ws() + ']';
  const ks = Object.keys(v); for (let i = ks.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [ks[i], ks[j]] = [ks[j], ks[i]]; }
  return '{' + ws() + ks.map(k => lit(k) + ws() + ':' + ws() + lit(v[k])).join(',' + ws()) + ws() + '}';
}
let dout = '';
for (let i = 0; i < 200; i++) {
  const o = {}; const n = 1 + Math.floor(rnd() * 6); for (let j = 0; j < n; j++) o[rstr(6)] = rval(1);
  const input = lit(o);
  if (canon(JSON.parse(input)) !== canon(o)) throw new Error('generator bug');
  dout += JSON.stringify({ input: input, expected: canon(o) }) + '\n';
}
fs.writeFileSync('es-documents.jsonl', dout);
console.log(nums.size, units.length);
