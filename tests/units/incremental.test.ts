// Incremental relinks of a Linker session must give the same bytes as a from-scratch link of the
// same final program, whether the session patched changed bodies in or linked in full.
import path from 'node:path';
import { FuncSym, Linker, Opcode, SigId, Unit, ValType } from '../../linker/api';
import { runWasm, wasiLib } from './helpers';

const I32 = ValType.I32;
const N = 24;

/** One generated function: returns `k` plus, if `callee` >= 0, the result of calling it. */
interface Spec { k: number; callee: number; taken: number }

function argv(): string[] {
  const lib = wasiLib();
  return [path.join(lib, 'crt1-command.o'), `-L${lib}`, '-lc', '-o', 'unused.wasm'];
}

/** Declares everything up front (so ids are interned in the same order in every session). */
function declare(unit: Unit): { sig: SigId; main: SigId; fmt: number; funcs: FuncSym[] } {
  const sig = unit.signature([], [I32]);
  const main = unit.signature([], [I32]);
  unit.signature([I32, I32], [I32]);
  const fmt = unit.constant(new TextEncoder().encode('%d\n\0'));
  const funcs: FuncSym[] = [];
  for (let i = 0; i < N; i++) funcs.push(unit.declareFunction(`f${i}`, sig));
  return { sig, main, fmt, funcs };
}

function body(unit: Unit, d: ReturnType<typeof declare>, i: number, s: Spec, redefine: boolean): void {
  const fb = redefine ? unit.redefine(d.funcs[i]) : unit.function(`f${i}`, d.sig, { binding: 'local' });
  fb.i32Const(s.k);
  if (s.callee >= 0) { fb.call(d.funcs[s.callee]); fb.op(Opcode.I32Add); }
  if (s.taken >= 0) { fb.funcAddr(d.funcs[s.taken]); fb.op(Opcode.I32Add); }
  fb.finish();
}

function buildMain(unit: Unit, d: ReturnType<typeof declare>): void {
  const printf = unit.declareFunction('printf', unit.signature([I32, I32], [I32]));
  const fb = unit.function('__main_void', d.main);
  const frame = fb.frame(16);
  fb.localGet(frame); fb.call(d.funcs[0]); fb.store(Opcode.I32Store, 0);
  fb.constAddr(d.fmt as never); fb.localGet(frame); fb.call(printf); fb.op(Opcode.Drop);
  fb.i32Const(0);
  fb.finish();
}

function fromScratch(specs: Spec[]): Uint8Array {
  const linker = new Linker(argv());
  const unit = linker.unit('gen');
  const d = declare(unit);
  specs.forEach((s, i) => body(unit, d, i, s, false));
  buildMain(unit, d);
  return linker.link();
}

/** A small deterministic PRNG so a failure is reproducible. */
function prng(seed: number): () => number {
  let x = seed;
  return () => { x = (x * 1103515245 + 12345) & 0x7fffffff; return x / 0x80000000; };
}

describe('incremental relink', () => {
  test('random body edits: every relink equals a from-scratch link, and same-reference edits are patched', () => {
    const rand = prng(42);
    // f(i) calls f(i+1) for a chain, so every function is live; the tail calls nothing.
    const specs: Spec[] = Array.from({ length: N }, (_, i) => ({ k: i, callee: i + 1 < N ? i + 1 : -1, taken: -1 }));
    const linker = new Linker(argv());
    const unit = linker.unit('gen');
    const d = declare(unit);
    specs.forEach((s, i) => body(unit, d, i, s, false));
    buildMain(unit, d);
    expect(Buffer.from(linker.link()).equals(Buffer.from(fromScratch(specs)))).toBe(true);
    const kinds = new Set<string>();
    for (let edit = 0; edit < 30; edit++) {
      const i = Math.floor(rand() * N);
      const s = { ...specs[i] };
      const what = rand();
      if (what < 0.6) s.k = Math.floor(rand() * 100000) - 50000; // same references: patched
      else if (what < 0.8) s.taken = s.taken >= 0 ? -1 : Math.floor(rand() * N); // a new table slot: full link
      else s.callee = i + 1 < N ? (s.callee >= 0 ? -1 : i + 1) : -1; // cuts or restores the chain: full link
      specs[i] = s;
      body(unit, d, i, s, true);
      const patched = linker.link();
      kinds.add(linker.lastLink!);
      expect(Buffer.from(patched).equals(Buffer.from(fromScratch(specs)))).toBe(true);
    }
    expect(kinds).toEqual(new Set(['patched', 'full']));
    // And the result still runs: the printed value is the chain's sum from f0.
    let expected = 0;
    for (let i = 0; i >= 0 && i < N; i = specs[i].callee) {
      expected += specs[i].k;
      if (specs[i].taken >= 0) expected = NaN; // a table slot number joins the sum: not checked
      if (specs[i].callee < 0) break;
    }
    const run = runWasm(linker.link());
    expect(run.status).toBe(0);
    if (!Number.isNaN(expected)) expect(run.stdout).toBe(`${expected | 0}\n`);
  });

  test('adding and removing functions and units: a full relink equal to a from-scratch link', () => {
    const specs: Spec[] = Array.from({ length: N }, (_, i) => ({ k: i, callee: -1, taken: -1 }));
    const linker = new Linker(argv());
    const unit = linker.unit('gen');
    const d = declare(unit);
    specs.forEach((s, i) => body(unit, d, i, s, false));
    buildMain(unit, d);
    linker.link();
    // Remove f5's body: f0 no longer reaches it anyway, so the program still links.
    unit.removeFunction(d.funcs[5]);
    const without = linker.link();
    expect(linker.lastLink).toBe('full');
    const scratch = new Linker(argv());
    const u2 = scratch.unit('gen');
    const d2 = declare(u2);
    specs.forEach((s, i) => { if (i !== 5) body(u2, d2, i, s, false); });
    buildMain(u2, d2);
    expect(Buffer.from(without).equals(Buffer.from(scratch.link()))).toBe(true);
    // Add a second unit with an exported function, then take it out again.
    const extra = linker.unit('extra');
    const fb = extra.function('helper', extra.signature([], [I32]), { exportName: true });
    fb.i32Const(5); fb.finish();
    expect(runWasm(linker.link()).status).toBe(0);
    linker.remove(extra);
    expect(Buffer.from(linker.link()).equals(Buffer.from(without))).toBe(true);
  });

  test('patching the first and the last function of the code section', () => {
    const build = (linker: Linker, ks: number[]) => {
      const unit = linker.unit('lib');
      const sig = unit.signature([], [I32]);
      ks.forEach((k, i) => { const fb = unit.function(`g${i}`, sig, { exportName: true }); fb.i32Const(k); fb.finish(); });
      return { unit, sig };
    };
    const linker = new Linker(['--no-entry', '-o', 'unused.wasm']);
    const ks = [1, 2, 3];
    const { unit } = build(linker, ks);
    linker.link();
    for (const [i, k] of [[0, 1000000], [2, -77], [0, 5]]) {
      ks[i] = k;
      const fb = unit.redefine(unit.symbol(`g${i}`) as FuncSym);
      fb.i32Const(k); fb.finish();
      const patched = linker.link();
      expect(linker.lastLink).toBe('patched');
      const scratch = new Linker(['--no-entry', '-o', 'unused.wasm']);
      build(scratch, ks);
      expect(Buffer.from(patched).equals(Buffer.from(scratch.link()))).toBe(true);
    }
  });

  test('a relink with nothing changed returns the same bytes without a full link', () => {
    const linker = new Linker(argv());
    const unit = linker.unit('gen');
    const d = declare(unit);
    for (let i = 0; i < N; i++) body(unit, d, i, { k: i, callee: -1, taken: -1 }, false);
    buildMain(unit, d);
    const first = linker.link();
    expect(linker.lastLink).toBe('full');
    expect(linker.link()).toBe(first);
    expect(linker.lastLink).toBe('patched');
  });
});
