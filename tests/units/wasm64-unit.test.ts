// Compiler units in wasm64 (Unit memory64): addresses are i64.const, memargs and the stack pointer
// 64-bit, data pointers 8 bytes. A unit linked with -mwasm64 by wlink must run as the same unit
// lowered by `wlink -r` and linked by the reference wasm-ld (21), on a node that runs wasm64 modules
// (tests/golden/wasm64-program.ts); wasm32 and wasm64 inputs do not mix, with wasm-ld's words; a
// session's relink after a changed body gives the bytes of a link from scratch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DataSym, FuncSym, Linker, LinkError, Opcode, SigId, Unit, ValType } from '../../linker/api';
import { REFERENCE_LD } from '../golden/inspect';
import { TIMEOUT_MS } from '../golden/cases/sources';
import { runWasm64, wasm64Node } from '../golden/wasm64-program';

const I32 = ValType.I32;
const I64 = ValType.I64;
const EXPORTS = ['call_ptr', 'read_counter', 'const_byte', 'through_frame', 'grow', 'fn_addr', 'bump'];
const ARGV = ['-mwasm64', '--no-entry', ...EXPORTS.map((e) => `--export=${e}`)];
const CALLS = `[e.call_ptr(14), e.read_counter(), e.const_byte(), e.through_frame(77), e.bump(), e.bump(), e.read_counter(),
  e.grow(1), e.grow(0), e.fn_addr()]`;

/** A wasm64 unit: a pointer table in data (a data address and a function's slot), a constant, a frame, memory.grow. */
function build(unit: Unit): void {
  const i_i = unit.signature([I32], [I32]);
  const v_i = unit.signature([], [I32]);
  let fb = unit.function('triple', i_i, { binding: 'local' });
  fb.localGet(fb.param(0)); fb.i32Const(3); fb.op(Opcode.I32Mul); fb.finish();
  const counter = unit.data('counter', { bytes: new Uint8Array([41, 0, 0, 0]), align: 4 });
  const ptrs = unit.data('ptrs', { bytes: new Uint8Array(16), align: 8,
    relocs: [{ offset: 0, data: counter }, { offset: 8, func: unit.symbol('triple') as never }] });
  const text = unit.constant(new TextEncoder().encode('hello64\0'));

  fb = unit.function('call_ptr', i_i); // (*ptrs[1])(x)
  fb.localGet(fb.param(0)); fb.dataAddr(ptrs); fb.load(Opcode.I64Load, 8); fb.callIndirect(i_i); fb.finish();
  fb = unit.function('read_counter', v_i); // *ptrs[0]
  fb.dataAddr(ptrs); fb.load(Opcode.I64Load, 0); fb.load(Opcode.I32Load, 0); fb.finish();
  fb = unit.function('bump', v_i); // ++counter
  fb.dataAddr(counter); fb.dataAddr(counter); fb.load(Opcode.I32Load, 0); fb.i32Const(1); fb.op(Opcode.I32Add);
  fb.store(Opcode.I32Store, 0); fb.dataAddr(counter); fb.load(Opcode.I32Load, 0); fb.finish();
  fb = unit.function('const_byte', v_i);
  fb.constAddr(text, 1); fb.load(Opcode.I32Load8U, 0); fb.finish();
  fb = unit.function('through_frame', i_i);
  const frame = fb.frame(32);
  fb.localGet(frame); fb.localGet(fb.param(0)); fb.store(Opcode.I32Store, 8);
  fb.localGet(frame); fb.load(Opcode.I32Load, 8); fb.finish();
  fb = unit.function('grow', unit.signature([I32], [I64]));
  fb.localGet(fb.param(0)); fb.op(Opcode.I64ExtendI32U); fb.memoryGrow(); fb.finish();
  fb = unit.function('fn_addr', unit.signature([], [I64]));
  fb.funcAddr(unit.symbol('triple') as never); fb.finish();
}

let dir: string;
let node: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-unit64-'));
  node = wasm64Node();
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function linkUnit(argv: string[], memory64 = true): Uint8Array {
  const linker = new Linker([...argv, '-o', 'unused.wasm']);
  build(linker.unit('gen', { memory64 }));
  return linker.link();
}

test('a wasm64 unit runs as its -r object linked by the reference wasm-ld', () => {
  fs.writeFileSync(path.join(dir, 'ours.wasm'), linkUnit(ARGV));
  fs.writeFileSync(path.join(dir, 'gen.o'), linkUnit(['-r', '-mwasm64']));
  const ref = spawnSync(process.execPath, [REFERENCE_LD, 'gen.o', ...ARGV, '-o', 'ref.wasm'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(ref.stderr).toBe('');
  const expected = runWasm64(node, path.join(dir, 'ref.wasm'), CALLS);
  expect(expected.slice(0, 7)).toEqual(['42', '41', String('e'.charCodeAt(0)), '77', '42', '43', '43']);
  expect(runWasm64(node, path.join(dir, 'ours.wasm'), CALLS)).toEqual(expected);
}, TIMEOUT_MS);

test('wasm32 and wasm64 units do not mix, as wasm-ld says of objects', () => {
  const message = (argv: string[], memory64: boolean) => {
    try {
      linkUnit(argv, memory64);
    } catch (e) {
      if (e instanceof LinkError) return e.message;
      throw e;
    }
    return 'linked';
  };
  expect(message(['--no-entry'], true)).toContain('gen: must specify -mwasm64 to process wasm64 object files');
  expect(message(['--no-entry', '-mwasm64'], false)).toContain('gen: wasm32 object file can\'t be linked in wasm64 mode');
  expect(message(['--no-entry', '-m', 'wasm32'], true)).toContain('gen: wasm32 object file can\'t be linked in wasm64 mode');
});

test('a session relinks a changed wasm64 body to the bytes of a link from scratch', () => {
  const argv = ['-mwasm64', '--no-entry', '--export=f', '--export=g', '-o', 'unused.wasm'];
  type Decl = { sig: SigId; f: FuncSym; g: FuncSym; data: DataSym };
  // f() = k + &d + 4 + (table slot of g); g() = &d.
  const define = (unit: Unit, k: number, decl?: Decl): Decl => {
    const sig = decl?.sig ?? unit.signature([], [I64]);
    const d = decl ?? { sig, g: unit.declareFunction('g', sig), f: unit.declareFunction('f', sig), data: unit.data('d', { bytes: new Uint8Array(8), align: 8 }) };
    let fb = decl ? unit.redefine(d.f) : unit.function('f', sig);
    fb.i64Const(k); fb.dataAddr(d.data, 4); fb.op(Opcode.I64Add); fb.funcAddr(d.g); fb.op(Opcode.I64Add); fb.finish();
    if (!decl) { fb = unit.function('g', sig); fb.dataAddr(d.data); fb.finish(); }
    return d;
  };
  const session = new Linker(argv);
  const unit = session.unit('gen', { memory64: true });
  const decl = define(unit, 1);
  session.link();
  define(unit, 100000, decl);
  const relinked = session.link();
  const fresh = new Linker(argv);
  define(fresh.unit('gen', { memory64: true }), 100000);
  expect(Buffer.from(relinked).equals(Buffer.from(fresh.link()))).toBe(true);
});
