// Prints code-section and total sizes of wlink's golden outputs against wasm-ld's references.
// Run after `npm test` (it reads .cache/golden/*/ref.wasm and .cache/golden-out/*.wasm).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const codeSize = (b) => {
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    if (id === 10) return size;
    p += size;
  }
  return 0;
};
const rows = [];
for (const dir of fs.readdirSync(path.join(root, '.cache/golden')).sort()) {
  const name = dir.replace(/-[0-9a-f]{16}$/, '');
  const ref = path.join(root, '.cache/golden', dir, 'ref.wasm');
  const out = path.join(root, '.cache/golden-out', `${name}.wasm`);
  if (!fs.existsSync(ref) || !fs.existsSync(out)) continue;
  const r = fs.readFileSync(ref), w = fs.readFileSync(out);
  rows.push([name, codeSize(r), codeSize(w), r.length, w.length]);
}
const pct = (a, b) => `${((b / a) * 100).toFixed(1)}%`;
console.log('| program | wasm-ld code | wlink code | ratio | wasm-ld total | wlink total | ratio |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
let sums = [0, 0, 0, 0];
for (const [n, rc, wc, rt, wt] of rows) {
  console.log(`| ${n} | ${rc} | ${wc} | ${pct(rc, wc)} | ${rt} | ${wt} | ${pct(rt, wt)} |`);
  sums = [sums[0] + rc, sums[1] + wc, sums[2] + rt, sums[3] + wt];
}
console.log(`| **all** | ${sums[0]} | ${sums[1]} | ${pct(sums[0], sums[1])} | ${sums[2]} | ${sums[3]} | ${pct(sums[2], sums[3])} |`);
