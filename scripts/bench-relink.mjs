#!/usr/bin/env node
// Incremental relink benchmark: a large link session of compiler units in memory (generated
// functions that call each other directly and through a table, constants, data with function
// addresses), linked against wasi-libc. Measures the full link, then the relink after changing one
// function's body, and checks every relink is byte-identical to a from-scratch link.
//
//   npm run bench-relink   (or: node scripts/bench-relink.mjs [--functions 50000] [--units 50] [--runs 5] [--json])
//   --help lists the options; an unknown option or a bad value is an error.
//
// Prints medians: full link (the first link of a session, all stages) and relink after one edit,
// and their ratio.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';
import { ensureSysroot } from './sysroot.mjs';

// Options first, so that --help and a bad option need no dist/.
/** A whole number >= 1; given twice, the first one counts. */
const count = (name) => (v) => {
  const n = Array.isArray(v) ? v[0] : v;
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`--${name} must be a whole number >= 1`);
  return n;
};
const cli = scriptOptions('node scripts/bench-relink.mjs', 'Usage: $0 [options]\n\n' +
    'Incremental relink benchmark: the full link of a generated in-memory session against the relink after one ' +
    'function body changed (each relink checked byte-identical to a from-scratch link). Prints medians.')
  .option('functions', { type: 'number', default: 50000, requiresArg: true, coerce: count('functions'), describe: 'generated functions in the session' })
  .option('units', { type: 'number', default: 50, requiresArg: true, coerce: count('units'), describe: 'compiler units they are spread over' })
  .option('runs', { type: 'number', default: 5, requiresArg: true, coerce: count('runs'), describe: 'sessions built, each linked in full and then relinked after one edit; medians over them' })
  .option('json', { type: 'boolean', describe: 'print the results as one JSON object (as scripts/bench.mjs reads them)' });
const opts = parseScriptOptions(cli, 'bench-relink');
const FUNCS = opts.functions;
const UNITS = opts.units;
const RUNS = opts.runs;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Linker, Opcode, ValType } = require(path.join(root, 'dist/linker/api.js'));

const lib = path.join(ensureSysroot(root), 'wasm32-wasip1');
const argv = [path.join(lib, 'crt1-command.o'), `-L${lib}`, '-lc', '-o', '/dev/null'];
const I32 = ValType.I32;

/** Builds the session: unit u defines functions g<u>_<i>; each calls the next one (across units) and uses a constant and data. */
function build() {
  const linker = new Linker(argv);
  const perUnit = Math.ceil(FUNCS / UNITS);
  const units = [];
  for (let u = 0; u < UNITS; u++) {
    const unit = linker.unit(`unit${u}`);
    const sig = unit.signature([I32], [I32]);
    const s = { unit, sig, funcs: [] };
    for (let i = 0; i < perUnit; i++) s.funcs.push(unit.declareFunction(`g${u}_${i}`, sig));
    const nextFn = (i) => unit.declareFunction(nextName(u, i), sig);
    const str = unit.constant(new TextEncoder().encode(`unit ${u}\0`));
    const table = unit.data(`table${u}`, {
      bytes: new Uint8Array(4 * 8), align: 4,
      relocs: Array.from({ length: 8 }, (_, j) => ({ offset: 4 * j, func: s.funcs[j % perUnit] })),
    });
    for (let i = 0; i < perUnit; i++) {
      const fb = unit.function(`g${u}_${i}`, sig, {});
      bodyOf(fb, i, u, s, nextFn, str, table, perUnit, 1);
    }
    units.push(s);
  }
  const main = linker.unit('main');
  const sig = main.signature([I32], [I32]);
  const g0 = main.declareFunction('g0_0', sig);
  const fb = main.function('__main_void', main.signature([], [I32]));
  fb.i32Const(3); fb.call(g0); fb.op(Opcode.Drop); fb.i32Const(0); fb.finish();
  return { linker, units };
}

function bodyOf(fb, i, u, s, nextFn, str, table, perUnit, k) {
  const p = fb.param(0);
  // if (n <= 0) return k; return next(n - 1) + k + *(table + 4*(i%8)) + &str
  fb.localGet(p); fb.i32Const(0); fb.op(Opcode.I32LeS);
  fb.if_(); fb.i32Const(k); fb.return_(); fb.end();
  fb.localGet(p); fb.i32Const(1); fb.op(Opcode.I32Sub);
  fb.call(nextFn(i));
  fb.i32Const(k); fb.op(Opcode.I32Add);
  fb.dataAddr(table, 4 * (i % 8)); fb.load(Opcode.I32Load, 0); fb.op(Opcode.I32Add);
  fb.constAddr(str); fb.op(Opcode.I32Add);
  fb.finish();
}

/** The chain g0_i → g1_i → … → g<last>_i → g0_<i+1> visits every function: all stay live. */
function nextName(u, i) {
  const perUnit = Math.ceil(FUNCS / UNITS);
  return u + 1 < UNITS ? `g${u + 1}_${i}` : `g0_${(i + 1) % perUnit}`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const full = [];
const relink = [];
let session;
for (let run = 0; run < RUNS; run++) {
  session = build();
  let t = performance.now();
  session.linker.link();
  full.push(performance.now() - t);
  // Change one function's body (a new constant in an add), keeping its references.
  const s = session.units[run % UNITS];
  const f = s.funcs[7];
  const fb = s.unit.redefine(f);
  const name = s.unit.symName[f];
  const u = Number(name.slice(1, name.indexOf('_')));
  bodyOf(fb, 7, u, s, (i) => s.unit.declareFunction(nextName(u, i), s.sig),
    s.unit.constant(new TextEncoder().encode(`unit ${u}\0`)), s.unit.symbol(`table${u}`), 0, 1000 + run);
  t = performance.now();
  const bytes = session.linker.link();
  relink.push(performance.now() - t);
  if (session.linker.lastLink !== 'patched') throw new Error('relink was not incremental');
  if (run === 0) {
    // Check against a from-scratch session with the same final bodies.
    const again = build();
    const s2 = again.units[0];
    const fb2 = s2.unit.redefine(s2.funcs[7]);
    bodyOf(fb2, 7, 0, s2, (i) => s2.unit.declareFunction(nextName(0, i), s2.sig),
      s2.unit.constant(new TextEncoder().encode('unit 0\0')), s2.unit.symbol('table0'), 0, 1000);
    const scratch = again.linker.link();
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(scratch)) !== 0) throw new Error('relink differs from a from-scratch link');
  }
}
const out = session.linker.link();
if (opts.json) {
  console.log(JSON.stringify({ functions: FUNCS, units: UNITS, runs: RUNS, outputBytes: out.length, fullMs: full, relinkMs: relink,
    medianFullMs: median(full), medianRelinkMs: median(relink) }));
  process.exit(0);
}
console.log(`session: ${FUNCS} functions in ${UNITS} units + wasi-libc; output ${out.length} bytes; ${RUNS} runs (node ${process.version})`);
console.log(`full link (first link of a session): median ${median(full).toFixed(1)} ms  [${full.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`relink after one changed function:   median ${median(relink).toFixed(1)} ms  [${relink.map((x) => x.toFixed(1)).join(', ')}]`);
console.log(`relink / full: ${(100 * median(relink) / median(full)).toFixed(2)}%`);
