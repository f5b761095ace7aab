// The .wat front end: units parsed from text, emitted around the fake layout of helpers.ts,
// validated with wabt and run; the same sources compiled by wabt's wat2wasm for comparison; the
// conventions of docs/compiler-units.md checked on the unit's symbols; errors with positions; and
// a mutation test: no input makes the parser throw anything but a CodegenError.
import wabtInit from 'wabt';
import { readU32, skipLeb } from '../../formats/leb128';
import { SymFlag, SymKind } from '../../formats/wasm';
import { CodegenError, Mir, MirTag, Unit } from '../../codegen/codegen';
import { ATOMICS_FMT, PFmt, SIMD_FMT, SIMD_MAX_SUB } from '../../codegen/opcodes';
import { parseWat } from '../../frontends/wat';
import { INSTRUCTIONS, K } from '../../frontends/instruction-names';
import { f32Lit, f64Lit, i64Lit, intLit, u32Lit } from '../../frontends/wat/numbers';
import { Tok, Tokens } from '../../frontends/wat/tokens';
import { ALL_FEATURES, assemble, run, validate } from '../codegen/helpers';
import { POST_MVP_SOURCE, SIMD_SOURCE } from './wat-sources';

function parse(src: string, name = 'unit.wat'): Unit {
  return parseWat(new Mir(), name, src);
}

/** The message of the CodegenError that parsing `src` throws. */
function errorOf(src: string): string {
  try {
    parse(src);
  } catch (e) {
    expect(e).toBeInstanceOf(CodegenError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

/** Each source's error message: exactly, or containing the text when marked 'contains'. */
function expectErrors(cases: [string, string, 'contains'?][]): void {
  for (const [src, msg, contains] of cases) {
    if (contains) expect(errorOf(src)).toContain(msg);
    else expect(errorOf(src)).toBe(msg);
  }
}

let wabtPromise: ReturnType<typeof wabtInit> | undefined;

/** wabt's wat2wasm of `src`, validated. */
async function wat2wasm(src: string): Promise<Uint8Array> {
  const wabt = await (wabtPromise ??= wabtInit());
  const m = wabt.parseWat('ref.wat', src, ALL_FEATURES);
  try {
    m.validate();
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

async function instantiate(bytes: Uint8Array, imports: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const { instance } = await WebAssembly.instantiate(bytes, { env: imports as WebAssembly.ModuleImports });
  return instance.exports as Record<string, any>;
}

/** The body (locals, code, end) of the first function in a module's code section. */
function firstBody(b: Uint8Array): Uint8Array {
  let p = 8;
  for (;;) {
    const id = b[p];
    const size = readU32(b, p + 1);
    const start = skipLeb(b, p + 1);
    if (id === 10) {
      const sizeAt = skipLeb(b, start); // after the function count
      const n = readU32(b, sizeAt);
      const body = skipLeb(b, sizeAt);
      return b.subarray(body, body + n);
    }
    p = start + size;
  }
}

function sym(unit: Unit, name: string): number {
  const s = unit.symbol(name);
  expect(s).toBeGreaterThanOrEqual(0);
  return s;
}

describe('module fields become symbols (docs/compiler-units.md)', () => {
  test('imports, local and exported functions, globals, data; fields in any order', () => {
    const unit = parse(`
      (module
        (export "run" (func $main))
        (func $main (result i32) (call $helper) (call $puts (i32.const $msg)) (global.get $counter) (i32.add))
        (func $helper (result i32) (global.get $limit))
        (func (param i32))
        (func (export "visible") (result i32) (i32.const 7))
        (import "env" "puts" (func $puts (param i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (import "env" "limit" (global $limit i32))
        (import "host" "tick" (global $tick (mut i64)))
        (global $counter (mut i32) (i32.const 41))
        (global (export "version") i32 (i32.const 3))
        (data $msg (@rodata) "hi\\00")
        (data $table (@align 8) (@export "shared_table") (i64 1 2))
        (data $buf (@bss 256) (@align 16))
        (memory 1))`);
    const flags = (n: string) => unit.symFlags[sym(unit, n)];
    const kind = (n: string) => unit.symKind[sym(unit, n)];
    // Imports: undefined; an explicit module only when it is not env.
    expect(flags('puts') & SymFlag.Undefined).toBeTruthy();
    expect(unit.importModule[sym(unit, 'puts')]).toBeUndefined();
    expect(flags('proc_exit') & (SymFlag.Undefined | SymFlag.ExplicitName)).toBe(SymFlag.Undefined | SymFlag.ExplicitName);
    expect(unit.importModule[sym(unit, 'proc_exit')]).toBe('wasi_snapshot_preview1');
    expect(unit.importName[sym(unit, 'proc_exit')]).toBe('proc_exit');
    expect(kind('limit')).toBe(SymKind.Global);
    expect(flags('limit') & SymFlag.Undefined).toBeTruthy();
    expect(unit.importModule[sym(unit, 'tick')]).toBe('host');
    // Defined functions: local by id, anonymous by function index, exported under the export name.
    expect(flags('run')).toBe(SymFlag.Exported);
    expect(unit.exportName[sym(unit, 'run')]).toBe('run');
    expect(unit.symbol('main')).toBe(-1);
    expect(flags('helper')).toBe(SymFlag.BindingLocal);
    expect(flags('func4')).toBe(SymFlag.BindingLocal); // imports come first: 2 imports, main, helper
    expect(unit.isDefined(sym(unit, 'func4') as any)).toBe(true);
    expect(flags('visible')).toBe(SymFlag.Exported);
    // Globals.
    expect(flags('counter')).toBe(SymFlag.BindingLocal);
    expect(unit.globalInit[unit.symDef[sym(unit, 'counter')]]).toBe(41);
    expect(flags('version')).toBe(SymFlag.Exported);
    // Data: local unless (@export), sections named after the id.
    expect(flags('msg')).toBe(SymFlag.BindingLocal);
    const d = (n: string) => unit.symDef[sym(unit, n)];
    expect(unit.dataSection[d('msg')]).toBe('.rodata.msg');
    expect([...unit.dataBytes[d('msg')]!]).toEqual([104, 105, 0]);
    expect(flags('shared_table')).toBe(0);
    expect(unit.dataSection[d('shared_table')]).toBe('.data.table');
    expect(unit.dataAlign[d('shared_table')]).toBe(8);
    expect(unit.dataSize[d('shared_table')]).toBe(16);
    expect(unit.dataSection[d('buf')]).toBe('.bss.buf');
    expect(unit.dataBytes[d('buf')]).toBeNull();
    expect(unit.dataSize[d('buf')]).toBe(256);
    expect(unit.dataAlign[d('buf')]).toBe(16);
    // Defined functions in file order after the imports (what FakeTarget numbers).
    const funcs = [];
    for (let s = 0; s < unit.symCount; s++) if (unit.symKind[s] === SymKind.Function) funcs.push(unit.symName[s]);
    expect(funcs).toEqual(['puts', 'proc_exit', 'run', 'helper', 'func4', 'visible']);
  });

  test('local names that clash with another symbol get a .2 suffix; exported and imported names clash as errors', () => {
    const unit = parse(`
      (func $buf (export "buf_size") (result i32) (i32.const 64))
      (func $size (result i32) (call $buf))
      (data $buf (@bss 64))
      (global $size i32 (i32.const 1))
      (func $buf_size (result i32) (call $size))`);
    expect(unit.symKind[sym(unit, 'buf')]).toBe(SymKind.Data);
    expect(unit.symKind[sym(unit, 'buf_size')]).toBe(SymKind.Function);
    expect(unit.symKind[sym(unit, 'buf_size.2')]).toBe(SymKind.Function);
    expect(unit.symKind[sym(unit, 'size')]).toBe(SymKind.Function);
    expect(unit.symKind[sym(unit, 'size.2')]).toBe(SymKind.Global);
    expect(errorOf('(func $x) (data $x "") (func (drop (i32.const $x)))'))
      .toBe('unit.wat:1:47: function #1: $x names both a function and data');
    expect(errorOf('(import "env" "f" (func)) (func (export "f"))'))
      .toBe('unit.wat:1:27: function #1: symbol name f is used by both function #0 and function #1');
    expect(errorOf('(func $a (export "x")) (func $b) (export "y" (func $a))'))
      .toBe('unit.wat:1:34: export "y": exported twice ("x" and "y"): a symbol has one export name');
    expect(errorOf('(import "env" "g" (func $g)) (export "g2" (func $g))')).toContain('re-exporting an import is not supported');
  });

  test('memory, tables, types and declarative elem segments are accepted; memory64 from (memory i64 ...)', async () => {
    let unit = parse(`
      (import "env" "memory" (memory $mem 2 100))
      (import "env" "__indirect_function_table" (table $t 0 funcref))
      (type $v (func))
      (elem declare func $f)
      (func $f (type $v))
      (func (export "g") (result funcref) (ref.func $f))
      (export "memory" (memory $mem))`);
    expect(unit.memory64).toBe(false);
    expect(unit.symKind[sym(unit, '__indirect_function_table')]).toBe(SymKind.Table);
    unit = parse(`
      (memory (export "memory") i64 1 2)
      (import "env" "__stack_pointer" (global $sp (mut i64)))
      (data $d (@align 8) (i64 $d+8 $f) (i32 5))
      (func $f (result i64) (global.get $sp) (i64.const $d+16) (i64.add))`);
    expect(unit.memory64).toBe(true);
    const d = unit.symDef[sym(unit, 'd')];
    expect(unit.dataSize[d]).toBe(20);
    expect(unit.dataRelocEnd[d] - unit.dataRelocStart[d]).toBe(2);
    expect(unit.relocAddend[unit.dataRelocStart[d]]).toBe(8);
    await validate(assemble(unit).bytes);
    expect(errorOf('(memory i64 1) (func (result i32) (i32.const $d)) (data $d "x")')).toContain('addresses are i64 in this unit');
    expect(errorOf('(memory 1) (data $d (i64 $d))')).toBe('unit.wat:1:26: data $d: a pointer is (i32 ...) in this unit');
    expect(errorOf('(memory i64 1) (import "env" "__stack_pointer" (global $sp (mut i32)))'))
      .toContain('__stack_pointer must be (mut i64)');
  });

  test('what belongs to the linker is a clear error', () => {
    expect(errorOf('(func $f) (start $f)')).toBe(
      'unit.wat:1:11: a start function is not supported: the linker decides what runs first (use --entry, or a constructor)');
    expect(errorOf('(memory 1) (data (i32.const 16) "x")')).toContain('active data segments (with an offset) are not supported');
    expect(errorOf('(memory 1) (data $d (offset (i32.const 16)) "x")')).toContain('unit.wat:1:21: data $d: active data segments');
    expect(errorOf('(memory 1) (memory 1)'))
      .toBe('unit.wat:1:12: memory: a second memory is not supported: the linked module has one memory');
    expect(errorOf('(memory (data "abc"))')).toContain('inline data in a memory is an active data segment');
    expect(errorOf('(table 2 funcref) (elem (i32.const 0) $f) (func $f)')).toContain('element segments are not supported');
    expect(errorOf('(table funcref (elem $f)) (func $f)')).toContain('element segments are not supported');
    expect(errorOf('(memory 1) (data $d "x") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)))'))
      .toBe('unit.wat:1:33: function #0: memory.init is not supported: data and element segments are placed by the linker');
    expect(errorOf('(func data.drop 0)')).toContain('data.drop is not supported');
    expect(errorOf('(func $f return_call $f)')).toBe(
      'unit.wat:1:10: function $f: return_call is not supported: ' +
      'the CodeGen API has no tail calls, exceptions or typed function references');
    expect(errorOf('(tag $e)')).toBe('unit.wat:1:2: unsupported module field `tag`');
    expect(errorOf('(global $g i32 (global.get 0))')).toContain('a global initializer must be one constant');
    expect(errorOf('(global $g i32 (i32.const $d)) (data $d "")')).toContain('an address in a global initializer is not supported');
    expect(errorOf('(global $g i64 (i32.const 1))')).toContain('the initializer\'s type differs');
    expect(errorOf('(data $d (@bss 8) "x")')).toContain('(@bss) data has no contents');
    expect(errorOf('(data $d (@align 3))')).toContain('alignment 3 is not a power of two');
    expect(errorOf('(data $d "x" (@rodata))')).toContain('annotations come right after the data\'s name');
  });
});

describe('execution', () => {
  test('recursion (factorial), flat br_table with named and numeric labels, forward references', async () => {
    const x = await run(parse(`
      (module
        (func $fac (export "fac") (param $n i64) (result i64)
          (if (result i64) (i64.eqz (local.get $n))
            (then (i64.const 1))
            (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1)))))))
        (func (export "sw") (param $x i32) (result i32)
          block $default
            block $two
              block $one
                block $zero
                  local.get $x
                  br_table $zero $one $two 2 (;$two;) $default
                end $zero
                i32.const 100
                return
              end
              i32.const 101
              return
            end $two
            call $later
            return
          end
          i32.const 99)
        (func $later (result i32) i32.const 102)
        (func (export "sum") (param $n i32) (result i32) (local $acc i32)
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (i32.add (local.get $acc) (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
          (local.get $acc)))`));
    expect(x.fac(20n)).toBe(2432902008176640000n);
    expect(x.fac(0n)).toBe(1n);
    expect([0, 1, 2, 3, 4, -1].map((n) => x.sw(n))).toEqual([100, 101, 102, 102, 99, 99]);
    expect(x.sum(100)).toBe(5050);
  });

  test('data addresses, data values and a function address stored in data, called through call_indirect', async () => {
    const unit = parse(`
      (memory 1)
      (type $binop (func (param i32 i32) (result i32)))
      (data $words (@align 4) (i32 1 2 3) (i64 -1) "hi\\n\\00" (i8 -1 255) (i16 0x1234) (f32 1.5) (f64 -0.25))
      (data $ops (@rodata) (@align 4) (i32 $add $sub $words+8))
      (data $zeros (@bss 64) (@align 16))
      (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
      (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
      (func (export "third") (result i32) (i32.load (i32.const $words+8)))
      (func (export "deref") (result i32) (i32.load (i32.load (i32.const $ops+8))))
      (func (export "minus4") (result i32) (i32.sub (i32.const $words-4) (i32.const $words)))
      (func (export "text") (result i32) (i32.load offset=20 align=1 (i32.const $words)))
      (func (export "tail") (result f64)
        (f64.add (f64.promote_f32 (f32.load (i32.const $words+28))) (f64.load (i32.const $words+32))))
      (func (export "small") (result i32) (i32.load (i32.const $words+24)))
      (func (export "aligned") (result i32) (i32.and (i32.const $zeros) (i32.const 15)))
      (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
        (call_indirect (type $binop) (local.get $a) (local.get $b)
          (i32.load (i32.add (i32.const $ops) (i32.shl (local.get $op) (i32.const 2))))))
      (func (export "direct") (param i32) (result i32)
        local.get 0
        i32.const 5
        i32.const $add
        call_indirect (param i32 i32) (result i32))`);
    const x = await run(unit);
    expect(x.third()).toBe(3);
    expect(x.deref()).toBe(3);
    expect(x.minus4()).toBe(-4);
    expect(x.text()).toBe(0x68 | (0x69 << 8) | (0x0a << 16));
    expect(x.small()).toBe((0xff | (0xff << 8) | (0x34 << 16) | (0x12 << 24)) | 0);
    expect(x.tail()).toBe(1.25);
    expect(x.aligned()).toBe(0);
    expect(x.apply(0, 7, 5)).toBe(12);
    expect(x.apply(1, 7, 5)).toBe(2);
    expect(x.direct(10)).toBe(15);
  });

  test('a stack frame on __stack_pointer: lowered to the stack pointer ops, restored after recursion', async () => {
    const unit = parse(`
      (import "env" "__stack_pointer" (global $sp (mut i32)))
      (func $sum_to (export "sum_to") (param $n i32) (result i32) (local $frame i32)
        (global.set $sp (local.tee $frame (i32.sub (global.get $sp) (i32.const 16))))
        (i32.store offset=4 (local.get $frame) (local.get $n))
        (if (result i32) (i32.eqz (local.get $n))
          (then (i32.const 0))
          (else (i32.add (call $sum_to (i32.sub (local.get $n) (i32.const 1))) (i32.load offset=4 (local.get $frame)))))
        (global.set $sp (i32.add (local.get $frame) (i32.const 16))))
      (func (export "sp") (result i32) (global.get $sp))`);
    const mir = unit.mir;
    const f = unit.funcOf(sym(unit, 'sum_to') as any);
    const tags = [...mir.tags.subarray(mir.fInstStart[f], mir.fInstEnd[f])];
    expect(tags.filter((t) => t === MirTag.GlobalGetSp).length).toBe(1);
    expect(tags.filter((t) => t === MirTag.GlobalSetSp).length).toBe(2);
    const x = await run(unit);
    const sp0 = x.sp();
    expect(x.sum_to(10)).toBe(55);
    expect(x.sp()).toBe(sp0);
  });

  test('i64, f32 and f64 edge literals, compared with wat2wasm', async () => {
    const i32s = ['-2147483648', '0xffffffff', '4294967295', '-0x80000000', '+17', '1_000_000', '0xdead_beef'];
    const i64s = ['-9223372036854775808', '0xffffffffffffffff', '18446744073709551615', '-0x8000000000000000',
      '0x7fff_ffff_ffff_ffff', '-1', '+0x10'];
    const f32s = ['0', '-0', '1.5', '0x1.8p3', '0x1p-149', '0x1p-150', '0x1.000002p-150', '0x1.fffffep127',
      '3.4028234663852886e38', '1e-45', '7.1e-46', '1.000000059604644775390625000001', '1.000000059604644775390625',
      '1.0000001788139343', 'inf', '-inf', 'nan', '-nan', 'nan:0x1', 'nan:0x7fffff', '-nan:0x200000', '1_000.5',
      '0x1_0p1', '1.', '1.e2', '1E+2', '+3.5', '123456789', '0x123456789abcdef', '1.17549435e-38', '0x0.8p-126',
      '0x1.fffffffp0', '16777217', '16777219', '6.103515625e-05', '0x1p+2'];
    const f64s = ['0x1.fffffffffffffp1023', '4.9e-324', '2.4703282292062328e-324', '2.4703282292062327e-324',
      '0x1p-1075', '0x1.00000000000008p0', '0x1.00000000000018p0', '1.7976931348623157e308', 'nan:0xfffffffffffff',
      '-nan:0x8000000000000', '9007199254740993', '0.1', '-0x1.5p-1022', '1e-320', 'inf', '-0.0', '3.141_592_653'];
    const f = (name: string, body: string, result: string) => `(func (export "${name}") (result ${result}) ${body})`;
    const src = [
      ...i32s.map((l, k) => f(`i32_${k}`, `(i32.const ${l})`, 'i32')),
      ...i64s.map((l, k) => f(`i64_${k}`, `(i64.const ${l})`, 'i64')),
      ...f32s.map((l, k) => f(`f32_${k}`, `(i32.reinterpret_f32 (f32.const ${l}))`, 'i32')),
      ...f64s.map((l, k) => f(`f64_${k}`, `(i64.reinterpret_f64 (f64.const ${l}))`, 'i64')),
    ].join('\n');
    const ours = await run(parse(src));
    const ref = await instantiate(await wat2wasm(`(module ${src})`));
    let compared = 0;
    const differ: string[] = [];
    for (const name of Object.keys(ref)) {
      if (ours[name]() !== ref[name]()) differ.push(`${name}: ${ours[name]()} (wabt ${ref[name]()})`);
      compared++;
    }
    expect(compared).toBe(i32s.length + i64s.length + f32s.length + f64s.length);
    // 0x1.000002p-150 is just above half the smallest subnormal: it rounds up to bits 1 (Python's
    // struct.pack('<f', float.fromhex(...)) agrees); wabt 1.0.37 rounds it down.
    expect(differ).toEqual(['f32_6: 1 (wabt 0)']);
    // Spot checks that do not depend on wabt.
    expect(ours.f32_3()).toBe(0x41400000); // 0x1.8p3 = 12
    expect(ours.f32_11() >>> 0).toBe(0x3f800001); // above the midpoint: rounds up, no double rounding
    expect(ours.f32_12() >>> 0).toBe(0x3f800000); // the midpoint itself: ties to even
    expect(ours.f32_18() >>> 0).toBe(0x7f800001);
    // Below half the smallest subnormal (2^-150 = 7.006e-46): 0. (wabt 1.0.37 rounds this one up.)
    expect(f32Lit('7e-46')).toBe(0);
    expect(f32Lit('7.01e-46')).toBe(1);
  });

  test('SIMD: every v128.const shape, shuffle, lanes, loads and stores, lane loads', async () => {
    const src = SIMD_SOURCE;
    const x = await run(parse(src));
    expect(x.lanes(10)).toBe(14);
    expect(x.shapes()).toBe(BigInt.asIntN(64, 255n - 32768n - (1n << 63n) + 13n)); // wraps
    expect(x.shuf(512)).toBe(0 + (31 | (0 << 8) | (30 << 16) | (1 << 24)) + (15 | (15 << 8)));
    expect(x.fmul(1.5)).toBe(4.5);
    expect(x.bits(7)).toBe(0xc000 | 0x1555);
    const ref = await instantiate(await wat2wasm(`(module ${src})`));
    expect([ref.lanes(10), ref.shapes(), ref.shuf(512), ref.fmul(1.5), ref.bits(7)])
      .toEqual([x.lanes(10), x.shapes(), x.shuf(512), x.fmul(1.5), x.bits(7)]);
  });

  test('bulk memory, multivalue blocks and results, atomics, reference types', async () => {
    const src = POST_MVP_SOURCE;
    const x = await run(parse(src));
    expect(x.fillcopy(256)).toBe(0xababababababn);
    expect(x.swap(1, 2)).toEqual([2, 1]);
    expect(x.looppar(4)).toBe(4 + 3 + 2 + 1);
    expect(x.ifpair(1)).toBe(7);
    expect(x.ifpair(0)).toBe(70);
    expect(x.blocksub(10, 3)).toBe(7 * -7);
    expect(x.atom(64)).toBe(5 + 8 + 100);
    expect(x.viaref(7)).toBe(49);
    expect(x.nulls()).toBe(2);
    expect(x.sel(0)).toBe(20);
    const size0 = (x.table as WebAssembly.Table).length;
    expect(x.grow()).toBe(size0 + 2 + 9);
    // wabt's module has no such table layout: compare only what does not depend on it.
    const ref = await instantiate(await wat2wasm(`(module ${src})`));
    expect([ref.fillcopy(256), ref.swap(1, 2), ref.looppar(4), ref.ifpair(1), ref.atom(64), ref.viaref(7), ref.nulls()])
      .toEqual([x.fillcopy(256), x.swap(1, 2), x.looppar(4), x.ifpair(1), x.atom(64), x.viaref(7), x.nulls()]);
  });

  test('a module run both ways, through wlink and through wat2wasm, gives the same results', async () => {
    const src = `
      (module
        (import "env" "log" (func $log (param i32 f64)))
        (memory 1)
        (global $g (mut i64) (i64.const -5))
        (global $h f64 (f64.const 0x1p-3))
        (func $collatz (export "collatz") (param $n i32) (result i32) (local $steps i32)
          (block $out
            (loop $again
              (br_if $out (i32.le_u (local.get $n) (i32.const 1)))
              (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
              (if (i32.and (local.get $n) (i32.const 1))
                (then (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1))))
                (else (local.set $n (i32.shr_u (local.get $n) (i32.const 1)))))
              (br $again)))
          (call $log (local.get $steps) (global.get $h))
          (local.get $steps))
        (func (export "bits") (param $x i64) (result i64)
          (global.set $g (i64.add (global.get $g) (i64.popcnt (local.get $x))))
          (i64.xor (i64.rotl (local.get $x) (i64.const 13)) (i64.extend32_s (i64.clz (global.get $g)))))
        (func (export "conv") (param $x f64) (result i32)
          (i32.add (i32.trunc_sat_f64_s (local.get $x))
            (i32.add (i32.trunc_sat_f64_u (f64.neg (local.get $x))) (i32.extend8_s (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $x)))))))
        (func (export "floats") (param $a f32) (param $b f32) (result f32)
          (f32.copysign (f32.sqrt (f32.add (f32.mul (local.get $a) (local.get $a)) (f32.mul (local.get $b) (local.get $b))))
            (f32.sub (f32.const -0x1p-2) (f32.min (local.get $a) (f32.const nan:0x200000)))))
        (func (export "mem") (param $p i32) (result i64)
          (i64.store32 offset=8 (local.get $p) (i64.const 0x1_0000_0002))
          (i32.store8 offset=9 align=1 (local.get $p) (i32.const -1))
          (i64.add (i64.load8_s offset=9 (local.get $p)) (i64.load offset=8 (local.get $p))))
        (func (export "grow") (result i32) (i32.add (memory.grow (i32.const 1)) (i32.mul (memory.size) (i32.const 1000))))
        (func (export "nested") (param i32) (result i32)
          (block $a (result i32)
            (block $b (result i32)
              (br_table $a $b 1 (i32.const 7) (local.get 0)))
            (i32.const 100)
            (i32.add))))`;
    const logs: unknown[] = [];
    const log = (n: number, h: number) => logs.push([n, h]);
    const ours = await run(parse(src), { log });
    const ref = await instantiate(await wat2wasm(src), { log });
    const inputs: Record<string, unknown[][]> = {
      collatz: [[1], [6], [27], [97]],
      bits: [[0n], [-1n], [0x123456789abcdefn], [1n << 62n]],
      conv: [[3.9], [-5.5], [1e20], [-1e20], [NaN], [-0.5], [300.7]],
      floats: [[3, 4], [-3, 4], [0, -0], [Infinity, 1], [NaN, 2]],
      mem: [[0], [100], [65520]],
      grow: [[], []],
      nested: [[0], [1], [2], [9]],
    };
    for (const [name, cases] of Object.entries(inputs)) {
      for (const args of cases) {
        const a = (() => { try { return ours[name](...args); } catch (e) { return String(e); } })();
        const b = (() => { try { return ref[name](...args); } catch (e) { return String(e); } })();
        expect([name, args, a]).toEqual([name, args, b]);
      }
    }
    expect(logs.length).toBe(8);
    expect(logs[4]).toEqual([111, 0.125]); // ours and wabt's, input by input
  });
});

describe('text format', () => {
  test('tokens: comments, annotations, strings with escapes, quoted identifiers', async () => {
    const unit = parse(`
      ;; line comment (
      (; block (; nested ;) comment ) ;)
      (@custom "section" (anything (goes) "here)"))
      (data $"a string" "\\n\\t\\\\\\'\\"\\41\\u{e9}\\u{1F600}é\\00")
      (func $"my func" (@name "x") (export "f") (result i32)
        (i32.load8_u (i32.const $"a string"+9)))
      (memory 1)`);
    const d = unit.symDef[sym(unit, 'a string')];
    expect([...unit.dataBytes[d]!]).toEqual([10, 9, 92, 39, 34, 0x41, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0]);
    expect((await run(unit)).f()).toBe(0x9f);
    const t = new Tokens('\ufeff(a $b "c" 1.5 (@export "x") (@other (nested)) )', 'x.wat');
    expect([...t.kind.subarray(0, t.count)]).toEqual([
      Tok.LParen, Tok.Keyword, Tok.Id, Tok.String, Tok.Num, Tok.Annot, Tok.String, Tok.RParen, Tok.RParen, Tok.Eof]);
    expect(t.match[0]).toBe(8);
    expect(t.match[5]).toBe(7);
    // Token arrays grow past their first estimate and every ( still finds its ).
    const dense = new Tokens(`(m ${'(a)'.repeat(5000)})`, 'x.wat');
    expect(dense.count).toBe(2 + 3 * 5000 + 2);
    for (let i = 2; i < dense.count - 2; i += 3) expect(dense.match[i]).toBe(i + 2);
    expect(dense.match[0]).toBe(dense.count - 2);
  });

  test('numeric indexes everywhere; typeuses with and without (type); labels by depth; end labels', async () => {
    const x = await run(parse(`
      (type (func (param i32 i32) (result i32)))
      (type $unary (func (param i32) (result i32)))
      (global i32 (i32.const 1000))
      (func (type 0) (i32.add (local.get 0) (local.get 1)))
      (func (export "calls") (type $unary) (param i32) (result i32) (local i64 i32)
        (local.set 2 (i32.const 3))
        (call 0 (local.get 0) (local.get 2))
        (global.get 0)
        i32.add)
      (func (export "depth") (param i32) (result i32)
        block (result i32)
          block $in
            local.get 0
            br_if 0
            i32.const 5
            br 1
          end $in
          i32.const 6
        end)
      (func (export "flatif") (param i32) (result i32)
        local.get 0
        if $x (result i32) i32.const 1 else $x i32.const 2 end $x)`));
    expect(x.calls(4)).toBe(1007);
    expect(x.depth(0)).toBe(5);
    expect(x.depth(1)).toBe(6);
    expect(x.flatif(1)).toBe(1);
    expect(x.flatif(0)).toBe(2);
  });

  test('literal parsers: accepted and rejected forms', () => {
    expect(u32Lit('0x_1')).toBeUndefined();
    expect(u32Lit('1__0')).toBeUndefined();
    expect(u32Lit('10_')).toBeUndefined();
    expect(u32Lit('4294967296')).toBeUndefined();
    expect(u32Lit('0xffff_ffff')).toBe(0xffffffff);
    expect(u32Lit('+1')).toBeUndefined();
    expect(intLit('-2147483649', 32)).toBeUndefined();
    expect(intLit('4294967296', 32)).toBeUndefined();
    expect(intLit('-128', 8)).toBe(-128);
    expect(intLit('256', 8)).toBeUndefined();
    expect(i64Lit('18446744073709551616')).toBeUndefined();
    expect(i64Lit('-9223372036854775809')).toBeUndefined();
    expect(i64Lit('0x')).toBeUndefined();
    const malformed = ['0x', '0x.8p1', '1e39', '0x1p128', 'infinity', 'nan:0x0', 'nan:0x800000', '1e', '.5', '1.5.', '0x1p',
      '1_e5', 'nan:1'];
    for (const bad of malformed) {
      expect([bad, f32Lit(bad)]).toEqual([bad, undefined]);
    }
    // 2^128 - 2^103, the midpoint between the largest f32 and 2^128, ties to even: infinity.
    expect(f32Lit('340282356779733661637539395458142568448')).toBeUndefined();
    expect(f32Lit('340282356779733661637539395458142568447')).toBe(0x7f7fffff);
    expect(f32Lit('3.4028235677973366e38')).toBe(0x7f7fffff); // just below it
    expect(f64Lit('1.7976931348623159e308')).toBeUndefined();
    expect(f64Lit('nan:0x10000000000000')).toBeUndefined();
    expect(f64Lit('-0x1p-1074')).toEqual([1, 0x80000000]);
    expect(f64Lit('1e-400')).toEqual([0, 0]);
  });

  test('the name table matches opcodes.ts and encodes exactly as wat2wasm does', async () => {
    // Every assigned SIMD and atomic sub-opcode has a name, and every name an assigned code.
    const simd = new Set<number>();
    const atomics = new Set<number>();
    const lines: string[] = [];
    for (const [name, v] of INSTRUCTIONS) {
      const kind = v >>> 16;
      const code = v & 0xffff;
      if (kind === K.Op || kind === K.Misc) lines.push(name);
      else if (kind === K.Load || kind === K.Store) lines.push(`${name} offset=3 align=1`);
      else if (kind === K.Simd) {
        simd.add(code);
        const fmt = SIMD_FMT[code];
        expect([name, fmt]).not.toEqual([name, PFmt.Invalid]);
        lines.push(fmt === PFmt.MemArg ? `${name} offset=5 align=1` : fmt === PFmt.MemArgLane ? `${name} offset=5 align=1 1`
          : fmt === PFmt.Bytes16 ? `${name} i32x4 1 -2 0xffffffff 4`
          : fmt === PFmt.Shuffle ? `${name} ${Array.from({ length: 16 }, (_, i) => 31 - i).join(' ')}`
          : fmt === PFmt.Lane ? `${name} 1` : name);
      } else if (kind === K.Atomic) {
        atomics.add(code);
        lines.push(ATOMICS_FMT[code] === PFmt.Fence ? name : `${name} offset=8`);
      }
    }
    for (let s = 0; s <= SIMD_MAX_SUB; s++) expect([s, simd.has(s)]).toEqual([s, SIMD_FMT[s] !== PFmt.Invalid]);
    for (let s = 0; s < ATOMICS_FMT.length; s++) expect([s, atomics.has(s)]).toEqual([s, ATOMICS_FMT[s] !== PFmt.Invalid]);
    expect(lines.length).toBeGreaterThan(480);
    const src = `(module (memory 1) (func unreachable\n${lines.join('\n')}\n))`;
    const wabt = await (wabtPromise ??= wabtInit());
    const m = wabt.parseWat('names.wat', src, ALL_FEATURES);
    const theirs = firstBody(m.toBinary({}).buffer);
    m.destroy();
    const ours = [...assemble(parse(src)).bodies.values()][0];
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});

describe('errors name the unit, the position and the function', () => {
  test('unknown names, labels, instructions; immediates; blocks', () => {
    const src = [
      '(module',
      '  (func $main (export "main")',
      '    (block $in',
      '      (br $out))))',
    ].join('\n');
    expectErrors([
      [src, 'unit.wat:4:11: function $main: unknown label $out'],
      ['(func (local.get $x))', 'unit.wat:1:18: function #0: unknown local $x'],
      ['(func (call $nope))', 'unit.wat:1:13: function #0: unknown function $nope'],
      ['(func (call 3))', 'unit.wat:1:13: function #0: unknown function 3'],
      ['(func i32.bogus)', 'unit.wat:1:7: function #0: unknown instruction `i32.bogus`'],
      ['(func (i32.const 1) (global.get $g) drop drop)', 'unit.wat:1:33: function #0: unknown global $g'],
      ['(func $f i32.const 0x1_0000_0000)', 'unit.wat:1:20: function $f: invalid i32 literal `0x1_0000_0000`'],
      ['(func $f f32.const 1e39)', 'unit.wat:1:20: function $f: invalid f32 literal `1e39`'],
      ['(func $f i32.const)', 'unit.wat:1:19: function $f: expected an i32 literal, found `)`'],
      ['(func $f\n  block\n  i32.const 1\n  drop)',
        'unit.wat:4:7: function $f: expected `end` of the block at 2:3, found `)`'],
      ['(func $f end)', 'unit.wat:1:10: function $f: unexpected `end`: no block is open here'],
      ['(func $f block else end)', 'unit.wat:1:16: function $f: `else` without `if`'],
      ['(func $f block $a end $b)', 'unit.wat:1:23: function $f: label $b does not match $a'],
      ['(func $f (if (i32.const 1) (i32.const 2)))', 'unit.wat:1:41: function $f: expected (then ...), found `)`'],
      ['(func $f (i32.add 5))', 'unit.wat:1:19: function $f: unexpected `5` in i32.add'],
      ['(func $f (then))', 'unit.wat:1:11: function $f: unexpected `then`'],
      ['(func $f (block nop end))', 'unit.wat:1:21: function $f: unexpected `end`: a folded block ends at its `)`'],
      ['(func $f (if (i32.const 0) (then) (then)))',
        'unit.wat:1:35: function $f: expected (else ...) or `)` after (then ...), found `(`'],
      ['(func $f (local $a i32) (local $a i64))', 'unit.wat:1:32: function $f: duplicate local $a'],
      ['(func $f (memory.size 1))', 'unit.wat:1:23: function $f: unknown memory 1'],
      ['(func $f) (func $f)', 'unit.wat:1:11: function $f: duplicate function $f'],
      ['(type $t (func (param i32))) (func (type $t) (param i64))',
        'unit.wat:1:36: function #0: the inline signature differs from the type'],
    ]);
  });

  test('what the builder rejects carries the instruction\'s position', () => {
    expectErrors([
      ['(memory 1)\n(func $f (drop (i32.load align=8 (i32.const 0))))',
        'unit.wat:2:17: function $f: alignment 2**3 exceeds the natural alignment 2**2'],
      ['(func $f block br 2 end)', 'unit.wat:1:16: function $f: branch depth 2 out of range (1 blocks open)'],
      ['(func $f (param i32) local.get 1 drop)', 'unit.wat:1:22: function $f: unknown local 1'],
      ['(func $f (drop (i8x16.extract_lane_s 16 (v128.const i64x2 0 0))))',
        'unit.wat:1:17: function $f: lane 16 out of range (0..15)'],
      ['(memory 1) (func $f (drop (i32.atomic.load align=2 (i32.const 0))))',
        'function $f: atomic accesses are naturally aligned (align=4)', 'contains'],
      ['(func $f (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop)',
        'unit.wat:1:11: function $f: shuffle lane 32 out of range'],
    ]);
  });

  test('tokenizer errors', () => {
    expectErrors([
      ['(func $f\n  (i32.const 1', 'unit.wat:2:3: unclosed `(`'],
      ['(func))', 'unit.wat:1:7: unexpected `)`'],
      ['(data $d "abc\n")', 'unit.wat:1:10: unterminated string'],
      ['(func (; open', 'unit.wat:1:7: unterminated block comment'],
      ['(func {)', 'unit.wat:1:7: unexpected character "{"'],
      ['(data $d "\\q")', 'unit.wat:1:11: data $d: invalid escape in string'],
      ['(data $d "\\u{110000}")', 'unit.wat:1:11: data $d: invalid \\u{...} escape'],
      ['(func (export "\\ff"))', 'unit.wat:1:15: function #0: name is not valid UTF-8'],
      ['(@custom "x"', 'unit.wat:1:1: unclosed annotation'],
    ]);
  });

  test('nesting deeper than the limit is an error, not a stack overflow', () => {
    const n = 20000;
    expect(errorOf(`(func (result i32) ${'(i32.eqz '.repeat(n)}(i32.const 0)${')'.repeat(n)})`))
      .toContain('nested deeper than 1000');
    expect(errorOf(`(func ${'block '.repeat(n)}${'end '.repeat(n)})`)).toContain('nested deeper than 1000');
    expect(errorOf(`(func ${'(block '.repeat(n)}${')'.repeat(n)})`)).toContain('nested deeper than 1000');
    const ok = parse(`(func (result i32) ${'(i32.eqz '.repeat(900)}(i32.const 0)${')'.repeat(900)})`);
    expect(ok.symCount).toBe(1);
  });
});

describe('mutations of a valid source', () => {
  const base = `(module
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (import "env" "log" (func $log (param i32)))
  (type $ii (func (param i32) (result i32)))
  (memory 1)
  (table $t 2 funcref)
  (global $count (mut i64) (i64.const -0x10))
  (data $msg (@rodata) (@align 4) "hi\\n\\00" (i32 $sq $msg+2) (f64 0x1.8p3 nan:0x1))
  (data $buf (@bss 32))
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $main (export "main") (param $n i32) (result i32) (local $f i32) (local v128)
    (local.set $f (i32.sub (global.get $sp) (i32.const 16)))
    (global.set $sp (local.get $f))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (call $log (call_indirect (type $ii) (local.get $n) (i32.load offset=4 (i32.const $msg))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_table $next $done 0 (local.get $n))))
    block $b (result i32)
      i32.const 1
      if (result i32) i32.const 2 else i32.const 3 end
    end
    (v128.const f32x4 1.5 -0 inf nan)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 2))
    local.set 2
    (i64.atomic.rmw.add offset=8 (i32.const $buf) (global.get $count))
    drop
    (memory.copy (i32.const $buf) (i32.const $msg) (i32.const 4))
    (table.set $t (i32.const 0) (ref.func $sq))
    (global.set $sp (i32.add (local.get $f) (i32.const 16)))
    (select (result i32) (f32.const 0x1p-3) (i32.trunc_sat_f32_s) (i32.const 7) (local.get $n))
    drop))`;

  /** Parses `src`; anything but success or a positioned CodegenError fails the test. */
  function check(src: string, what: string): void {
    let unit: Unit | undefined;
    try {
      unit = parse(src);
    } catch (e) {
      if (!(e instanceof CodegenError) || !/^unit\.wat:\d+:\d+: /.test(e.message) || e.message.includes('internal error')) {
        throw new Error(`${what}: ${e instanceof Error ? e.stack : String(e)}\n--- source ---\n${src}`);
      }
      return;
    }
    // What parses must also emit.
    try {
      assemble(unit);
    } catch (e) {
      throw new Error(`${what}: emit failed: ${e instanceof Error ? e.stack : String(e)}\n--- source ---\n${src}`);
    }
  }

  test('the base parses, emits and validates', async () => {
    await validate(assemble(parse(base)).bytes);
  });

  test('truncations, deleted, duplicated and swapped tokens, random characters: only CodegenError', () => {
    const t = new Tokens(base, 'base.wat');
    const n = t.count - 1;
    let runs = 0;
    for (let i = 0; i < base.length; i += 3) {
      check(base.slice(0, i), `truncated at ${i}`);
      runs++;
    }
    for (let k = 0; k < n; k++) {
      const s = t.start[k];
      const e = t.end[k];
      check(base.slice(0, s) + base.slice(e), `token ${k} deleted`);
      check(base.slice(0, e) + ' ' + base.slice(s, e) + base.slice(e), `token ${k} duplicated`);
      if (k + 1 < n) {
        const s2 = t.start[k + 1];
        const e2 = t.end[k + 1];
        check(base.slice(0, s) + base.slice(s2, e2) + base.slice(e, s2) + base.slice(s, e) + base.slice(e2), `tokens ${k} swapped`);
      }
      runs += 3;
    }
    // Random characters at random places (a fixed seed: failures reproduce).
    let seed = 0x2545f491;
    const rand = (m: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % m;
    };
    const alphabet = '()$";0123456789abcdefxp.=-+_\\ \n@é{ilnu';
    for (let r = 0; r < 3000; r++) {
      let s = base;
      for (let m = 1 + rand(3); m > 0; m--) {
        const at = rand(s.length + 1);
        const c = alphabet[rand(alphabet.length)];
        s = rand(2) ? s.slice(0, at) + c + s.slice(at) : s.slice(0, at) + c + s.slice(at + 1);
      }
      check(s, `random edit ${r}`);
      runs++;
    }
    expect(runs).toBeGreaterThan(4000);
  });
});
