// Every MIR instruction class through Emit's relocatable mode, checked by the reference wasm-ld:
// a .wat unit is linked in memory by wlink, and separately written with `wlink -r` and linked by
// @yowasp/clang's wasm-ld; both modules must give the same results for every export.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POST_MVP_SOURCE, SIMD_SOURCE } from '../frontends/wat-sources';
import { REPO_ROOT } from './helpers';

const WLINK = path.join(REPO_ROOT, 'bin', 'wlink.js');
const WASM_LD = path.join(REPO_ROOT, 'scripts', 'wasm-ld-yowasp.mjs');

/** MVP control flow, calls (direct and indirect), globals, data and function addresses, a frame. */
const MVP_SOURCE = `
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (memory 1)
  (type $ii (func (param i32) (result i32)))
  (global $counter (mut i32) (i32.const 7))
  (global $big (mut i64) (i64.const -5000000000))
  (data $words (@rodata) (@align 4) (i32 11 22 33 44))
  (data $ptrs (@align 4) (i32 $twice $words+8))
  (data $text (@rodata) "wlink\\00")
  (func $twice (type $ii) (i32.shl (local.get 0) (i32.const 1)))
  (func $fact (param i64) (result i64)
    (if (result i64) (i64.le_s (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fact (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "fact") (param i64) (result i64) (call $fact (local.get 0)))
  (func (export "indirect") (param i32) (result i32)
    (call_indirect (type $ii) (local.get 0) (i32.load (i32.const $ptrs))))
  (func (export "viadata") (result i32) (i32.load (i32.load offset=4 (i32.const $ptrs))))
  (func (export "text") (param i32) (result i32) (i32.load8_u (i32.add (i32.const $text) (local.get 0))))
  (func (export "count") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "bigger") (result i64) (global.set $big (i64.mul (global.get $big) (i64.const 3))) (global.get $big))
  (func (export "frame") (param $n i32) (result i32) (local $f i32)
    (global.set $sp (local.tee $f (i32.sub (global.get $sp) (i32.const 32))))
    (i32.store offset=12 (local.get $f) (local.get $n))
    (i32.store offset=16 (local.get $f) (i32.mul (i32.load offset=12 (local.get $f)) (i32.const 3)))
    (global.set $sp (i32.add (local.get $f) (i32.const 32)))
    (i32.load offset=16 (local.get $f)))
  (func (export "table") (param i32) (result i32)
    (block $d (block $c (block $b (block $a (br_table $a $b $c $d (local.get 0))) (return (i32.const 100)))
      (return (i32.const 200))) (return (i32.const 300)))
    (i32.const 400))
  (func (export "floats") (param f64) (result f64)
    (f64.add (f64.sqrt (local.get 0)) (f64.promote_f32 (f32.demote_f64 (f64.const 0.5)))))
  (func (export "conv") (param f32) (result i32) (i32.add (i32.trunc_sat_f32_s (local.get 0)) (i32.extend8_s (i32.const 0xff))))`;

/** Calls with the same arguments on both modules; the results must agree. */
const CALLS: Record<string, unknown[][]> = {
  mvp: [['fact', 10n], ['indirect', 21], ['viadata'], ['text', 1], ['count'], ['count'], ['bigger'], ['frame', 14],
    ['table', 0], ['table', 2], ['table', 9], ['floats', 16], ['conv', 1e10]],
  simd: [['lanes', 10], ['shapes'], ['shuf', 512], ['fmul', 1.5], ['bits', 7]],
  postmvp: [['fillcopy', 256], ['swap', 1, 2], ['blocksub', 10, 3], ['ifpair', 1], ['ifpair', 0], ['looppar', 4],
    ['atom', 64], ['viaref', 7], ['nulls'], ['sel', 0]],
};
const SOURCES: Record<string, string> = { mvp: MVP_SOURCE, simd: SIMD_SOURCE, postmvp: POST_MVP_SOURCE };

function run(cmd: string[], cwd: string): void {
  const r = spawnSync(process.execPath, cmd, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed:\n${r.stderr}`);
}

async function results(file: string, calls: unknown[][]): Promise<unknown[]> {
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), {});
  const x = instance.exports as Record<string, (...a: unknown[]) => unknown>;
  return calls.map(([name, ...args]) => {
    try {
      return x[name as string](...args);
    } catch (e) {
      return `trap: ${(e as Error).message}`;
    }
  });
}

describe.each(Object.keys(SOURCES))('%s instructions: in-memory link vs. wlink -r + wasm-ld', (name) => {
  test('same results for every export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-classes-'));
    try {
      fs.writeFileSync(path.join(dir, 'unit.wat'), `(module ${SOURCES[name]})`);
      const flags = ['--no-entry', '--export-memory'];
      run([WLINK, 'unit.wat', ...flags, '-o', 'ours.wasm'], dir);
      run([WLINK, '-r', 'unit.wat', '-o', 'unit.o'], dir);
      run([WASM_LD, 'unit.o', ...flags, '-o', 'ref.wasm'], dir);
      const calls = CALLS[name];
      const [ours, ref] = [await results(path.join(dir, 'ours.wasm'), calls), await results(path.join(dir, 'ref.wasm'), calls)];
      expect(ours).toEqual(ref);
      expect(ours.some((v) => typeof v === 'string')).toBe(false); // nothing trapped
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
