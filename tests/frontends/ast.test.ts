// The @webassemblyjs/ast front end: modules built with @webassemblyjs/ast's builders are lowered
// by unitFromAst, then emitted with the fake layout of helpers.ts, validated with wabt and run.
import * as t from '@webassemblyjs/ast';
import wabtInit from 'wabt';
import { unitFromAst } from '../../frontends/ast';
import { CodegenError, Mir, SymIndex, Unit } from '../../codegen/codegen';
import { PFmt, SIMD_FMT } from '../../codegen/opcodes';
import { INSTRUCTIONS, K } from '../../frontends/instruction-names';
import { readU32, skipLeb } from '../../formats/leb128';
import { Linker } from '../../linker/api';
import { SymFlag } from '../../formats/wasm';
import { ALL_FEATURES, assemble, run, validate } from '../codegen/helpers';

// ---- small builders over @webassemblyjs/ast ----------------------------------------------

const id = (name: string) => t.identifier(name);
const num = (v: number | string) => t.numberLiteralFromRaw(v);
const ref = (x: string | number) => (typeof x === 'string' ? id(x) : num(x));
const ins = (name: string, ...args: t.Expression[]) => t.instruction(name, args);
const i32 = (v: number | string) => t.objectInstruction('const', 'i32', [typeof v === 'string' ? id(v) : num(v)]);
const i64 = (raw: string) => t.objectInstruction('const', 'i64', [t.numberLiteralFromRaw(raw, 'i64')]);
const f32 = (raw: string) => t.objectInstruction('const', 'f32', [t.numberLiteralFromRaw(raw, 'f32')]);
const f64 = (raw: string) => t.objectInstruction('const', 'f64', [t.numberLiteralFromRaw(raw, 'f64')]);
const get = (x: string | number) => ins('local.get', ref(x));
const set = (x: string | number, ...value: t.Expression[]) => ins('local.set', ref(x), ...value);
const local = (name: string, type: t.Valtype) => ins('local', id(name), t.valtypeLiteral(type));
const call = (f: string | number, ...args: t.Instruction[]) => t.callInstruction(ref(f), args);
const mem = (name: string, namedArgs: Record<string, unknown>, ...args: t.Expression[]) => t.instruction(name, args, namedArgs);

/** A signature from `[name, type]` pairs (or bare types) and result types. */
function sig(params: (t.Valtype | [string, t.Valtype])[], results: t.Valtype[]): t.Signature {
  return t.signature(params.map((p) => (typeof p === 'string' ? t.funcParam(p) : t.funcParam(p[1], p[0]))), results);
}

function func(name: string, s: t.Signature | t.Index, body: t.Instruction[]): t.Func {
  return t.func(id(name), s, body);
}

const exportFunc = (name: string, f = name) => t.moduleExport(name, t.moduleExportDescr('Func', id(f)));

function lower(fields: t.ModuleField[], mir = new Mir()): Unit {
  return unitFromAst(mir, 'compiler.js', t.module(null, fields));
}

function symbolNamed(unit: Unit, name: string): SymIndex {
  const s = unit.symbol(name);
  expect(s).toBeGreaterThanOrEqual(0);
  return s;
}

// ---- execution -----------------------------------------------------------------------------

describe('control flow', () => {
  test('blocks, loops and ifs with results, branches by label name and depth, br_table, folded operands', async () => {
    const unit = lower([
      // sum of 1..n: loop $again inside block $done, br_if $done / br $again by name
      func('sum', sig([['n', 'i32']], ['i32']), [
        local('acc', 'i32'),
        t.blockInstruction(id('done'), [
          t.loopInstruction(id('again'), null, [
            ins('br_if', id('done'), ins('i32.eqz', get('n'))),
            set('acc', ins('i32.add', get('acc'), get('n'))),
            set('n', ins('i32.sub', get('n'), i32(1))),
            ins('br', id('again')),
          ]),
        ]),
        get('acc'),
      ]),
      // switch: 0 → 10, 1 → 20, 2 → 10, default → 99, with br_table over label names
      func('sw', sig([['n', 'i32']], ['i32']), [
        t.blockInstruction(id('c'), [
          t.blockInstruction(id('b'), [
            t.blockInstruction(id('a'), [ins('br_table', id('a'), id('b'), id('a'), id('c'), get('n'))]),
            i32(10), ins('return'),
          ]),
          i32(20), ins('return'),
        ]),
        i32(99),
      ]),
      // if with a result and a folded test; typed select
      func('pick', sig([['x', 'i32']], ['i32']), [
        t.ifInstruction(null, [get('x')], 'i32', [i32(1)], [i32(2)]),
        ins('select', t.valtypeLiteral('i32'), i32(100), i32(200), get('x')),
        ins('i32.add'),
      ]),
      // branch to the function label by depth, with a value
      func('early', sig([['x', 'i32']], ['i32']), [i32(5), get('x'), ins('br_if', num(0)), ins('drop'), i32(6)]),
      // an inner $l shadows the outer one: br $l leaves the inner (void) block
      func('shadow', sig([], ['i32']), [
        t.blockInstruction(id('l'), [t.blockInstruction(id('l'), [ins('br', id('l')), ins('unreachable')]), i32(7)], 'i32'),
      ]),
      // loop with a result; br by depth out of nested blocks; a multivalue block type
      func('depth', sig([['x', 'i32']], ['i32']), [
        t.loopInstruction(null, 'i32', [
          t.blockInstruction(null, [t.blockInstruction(null, [ins('br_if', num(1), get('x'))]), ins('unreachable')]),
          i32(3),
        ]),
        t.blockInstruction(null, [i32(4), i32(5)], ['i32', 'i32'] as unknown as t.Valtype),
        ins('i32.mul'),
        ins('i32.add'),
      ]),
    ]);
    const x = await run(unit);
    expect(x.sum(10)).toBe(55);
    expect(x.sum(0)).toBe(0);
    expect([0, 1, 2, 3, 7].map((n) => x.sw(n))).toEqual([10, 20, 10, 99, 99]);
    expect(x.pick(1)).toBe(101);
    expect(x.pick(0)).toBe(202);
    expect(x.early(1)).toBe(5);
    expect(x.early(0)).toBe(6);
    expect(x.shadow()).toBe(7);
    expect(x.depth(1)).toBe(23);
  });

  test('calls: recursion, forward references, calls by index, folded call arguments', async () => {
    const unit = lower([
      func('fact', sig([['n', 'i64']], ['i64']), [
        t.ifInstruction(id('base'), [ins('i64.eqz', get('n'))], 'i64',
          [i64('1')],
          [ins('i64.mul', get('n'), call('fact', ins('i64.sub', get('n'), i64('1'))))]),
      ]),
      // is_even calls is_odd, defined after it
      func('is_even', sig([['n', 'i32']], ['i32']), [
        t.ifInstruction(null, [ins('i32.eqz', get('n'))], 'i32', [i32(1)], [call('is_odd', ins('i32.sub', get('n'), i32(1)))]),
      ]),
      func('is_odd', sig([['n', 'i32']], ['i32']), [
        t.ifInstruction(null, [ins('i32.eqz', get('n'))], 'i32', [i32(0)], [call(1, ins('i32.sub', get(0), i32(1)))]),
      ]),
      // fib by function index 3 (itself), arguments by local index
      func('fib', sig(['i32'], ['i32']), [
        get(0), i32(2), ins('i32.lt_u'),
        t.ifInstruction(null, [], 'i32', [get(0)], [
          ins('i32.add', call(3, ins('i32.sub', get(0), i32(1))), t.callInstruction(num(3), [ins('i32.sub', get(0), i32(2))])),
        ]),
      ]),
    ]);
    const x = await run(unit);
    expect(x.fact(20n)).toBe(2432902008176640000n);
    expect(x.is_even(10)).toBe(1);
    expect(x.is_odd(7)).toBe(1);
    expect(x.is_even(7)).toBe(0);
    expect(x.fib(20)).toBe(6765);
  });
});

describe('variables and memory', () => {
  test('locals, globals, loads and stores with offset and align, memory.size/grow, bulk memory, old spellings', async () => {
    const unit = lower([
      t.global(t.globalType('i32', 'var'), [i32(40)], id('counter')),
      t.global(t.globalType('i64', 'const'), [i64('-1125899906842624')], id('big')),
      t.global(t.globalType('f64', 'const'), [f64('0.5')], null),
      func('bump', sig([], ['i32']), [
        ins('global.set', id('counter'), ins('i32.add', ins('global.get', id('counter')), i32(2))),
        ins('get_global', num(0)),
      ]),
      func('consts', sig([], ['i64', 'f64']), [ins('global.get', id('big')), ins('global.get', num(2))]),
      // store 0x1ff as a byte at p+1, 0x8000 as 16 bits at p+2 (align 1), -2 as 32 bits at p+8; sum the loads
      func('widths', sig([['p', 'i32']], ['i64']), [
        mem('i32.store8', { offset: num(1) }, get('p'), i32(0x1ff)),
        mem('i32.store16', { offset: num(2), align: num(1) }, get('p'), i32(0x8000)),
        mem('i64.store32', { offset: 8 }, get('p'), i64('-2')),
        mem('i64.load8_s', { offset: num(1) }, get('p')),
        mem('i64.load8_u', { offset: num(1) }, get('p')),
        ins('i64.add'),
        mem('i64.load16_s', { offset: num(2), align: num(2) }, get('p')),
        ins('i64.add'),
        mem('i64.load32_u', { offset: num(8) }, get('p')),
        ins('i64.add'),
      ]),
      // the pre-standard names of @webassemblyjs: get_local, set_local, tee_local, i64.extend_u/i32, i32.wrap/i64
      func('old', sig(['i32'], ['i32']), [
        local('t', 'i64'),
        ins('set_local', id('t'), t.objectInstruction('extend_u/i32', 'i64', [ins('get_local', num(0))])),
        t.objectInstruction('wrap/i64', 'i32', [ins('tee_local', id('t'), ins('i64.add', ins('get_local', id('t')), i64('1')))]),
      ]),
      func('grow', sig([], ['i32']), [
        ins('grow_memory', i32(1)), ins('current_memory'), i32(16), ins('i32.shl'), ins('i32.add'),
        mem('f64.store', {}, i32(65536 + 8), f64('1.25')),
        mem('f64.load', { offset: num(65536 + 8), align: num(8) }, i32(0)),
        ins('i32.trunc_f64_s'),
        ins('i32.add'),
      ]),
      // memory.fill 4 bytes of 0xab, then an overlapping memory.copy 2 bytes further
      func('fillcopy', sig([['p', 'i32']], ['i64']), [
        ins('memory.fill', get('p'), i32(0xab), i32(4)),
        ins('memory.copy', ins('i32.add', get('p'), i32(2)), get('p'), i32(4)),
        mem('i64.load', {}, get('p')),
      ]),
    ]);
    const x = await run(unit);
    expect(x.bump()).toBe(42);
    expect(x.bump()).toBe(44);
    expect(x.consts()).toEqual([-(2n ** 50n), 0.5]);
    expect(x.widths(4096)).toBe(-1n + 255n - 32768n + 0xfffffffen);
    expect(x.old(-1)).toBe(0);
    expect(x.old(41)).toBe(42);
    expect(x.grow()).toBe(1 + 2 * 65536 + 1);
    expect(x.fillcopy(256)).toBe(0xababababababn);
  });

  test('data: named items, addresses and addends, options, pointers in data, call_indirect through them', async () => {
    const bytes = (s: string) => Array.from(Buffer.from(s));
    const data = (name: string, values: (number | t.Identifier)[], options: Record<string, unknown> = {}) =>
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id(name)], options), t.byteArray(values));
    const unop = sig([['x', 'i32']], ['i32']);
    const unit = lower([
      t.typeInstruction(id('unop'), sig(['i32'], ['i32'])),
      t.memory(t.limit(1), id('mem')),
      t.table('anyfunc', t.limit(0), id('tab')),
      data('msg', bytes('hello'), { readonly: true }),
      data('words', [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0], { align: num(4) }),
      // [&words[2], &double, &words - 4 + 4]: pointers resolved by the linker
      data('ptrs', [id('words+8'), id('double'), id('words-4')], { align: 4, readonly: true }),
      data('zeros', [], { bss: 64, align: 16 }),
      func('double', unop, [ins('i32.mul', get('x'), i32(2))]),
      func('plus1', id('unop'), [ins('i32.add', get(0), i32(1))]),
      func('third', sig([], ['i32']), [mem('i32.load', {}, i32('words+8'))]),
      func('third2', sig([], ['i32']), [mem('i32.load', {}, t.objectInstruction('const', 'i32', [id('words'), num(8)]))]),
      func('deref', sig([], ['i32']), [mem('i32.load', {}, mem('i32.load', {}, i32('ptrs')))]),
      func('letter', sig([['i', 'i32']], ['i32']), [mem('i32.load8_u', { offset: num(1) }, ins('i32.add', i32('msg'), get('i')))]),
      // call_indirect with an inline signature, through the function pointer stored in ptrs
      func('callptr', sig([['x', 'i32']], ['i32']), [
        t.callIndirectInstruction(sig(['i32'], ['i32']), [get('x'), mem('i32.load', { offset: num(4) }, i32('ptrs'))]),
      ]),
      // call_indirect with a type reference, through i32.const $plus1 / $double picked by select
      func('pickcall', sig([['x', 'i32'], ['which', 'i32']], ['i32']), [
        get('x'),
        ins('select', i32('plus1'), i32('double'), get('which')),
        ins('call_indirect', id('unop')),
      ]),
      func('lastptr', sig([], ['i32']), [mem('i32.load', { offset: 8 }, i32('ptrs')), i32('words'), ins('i32.sub')]),
      func('bss', sig([], ['i32']), [i32('zeros'), mem('i32.load', { offset: num(60) }, i32('zeros')), ins('i32.add')]),
    ]);
    const d = (name: string) => unit.symDef[symbolNamed(unit, name)];
    expect(unit.dataSection[d('msg')]).toBe('.rodata.msg');
    expect(unit.dataSection[d('words')]).toBe('.data.words');
    expect(unit.dataSection[d('ptrs')]).toBe('.rodata.ptrs');
    expect(unit.dataSection[d('zeros')]).toBe('.bss.zeros');
    expect([unit.dataAlign[d('words')], unit.dataAlign[d('zeros')], unit.dataSize[d('zeros')]]).toEqual([4, 16, 64]);
    expect(unit.dataSize[d('ptrs')]).toBe(12);
    const x = await run(unit);
    expect(x.third()).toBe(3);
    expect(x.third2()).toBe(3);
    expect(x.deref()).toBe(3);
    expect([0, 1, 2].map((i) => String.fromCharCode(x.letter(i)))).toEqual(['e', 'l', 'l']);
    expect(x.callptr(21)).toBe(42);
    expect(x.pickcall(5, 1)).toBe(6);
    expect(x.pickcall(5, 0)).toBe(10);
    expect(x.lastptr()).toBe(-4);
    expect(x.bss() % 16).toBe(0);
  });
});

describe('literals', () => {
  test('i64 literals (high/low words), f32 and f64 with NaN payloads, infinities, hex floats and -0', async () => {
    const bits32 = (raw: string) => func(`f32_${raw}`, sig([], ['i32']), [ins('i32.reinterpret_f32', f32(raw))]);
    const bits64 = (raw: string) => func(`f64_${raw}`, sig([], ['i64']), [ins('i64.reinterpret_f64', f64(raw))]);
    const raws32 = ['nan', '-nan', 'nan:0x200000', 'inf', '-inf', '0x1p-2', '-0', '3.4028234663852886e38'];
    const raws64 = ['nan', 'nan:0x1', '-nan:0xfffffffffffff', '-inf', '0x1.8p1', '1e308', '-0'];
    const unit = lower([
      func('big', sig([], ['i64']), [i64('0x123456789abcdef0')]),
      func('neg', sig([], ['i64']), [i64('-2')]),
      func('min', sig([], ['i64']), [i64('-9223372036854775808')]),
      func('small', sig([], ['i64']), [t.objectInstruction('const', 'i64', [num(5)])]),
      func('u32', sig([], ['i32']), [ins('i32.const', num('0xffffffff')), ins('i32.const', num('4294967295')), ins('i32.xor')]),
      func('fsum', sig([], ['f64']), [f64('0.1'), f32('0.5'), ins('f64.promote_f32'), ins('f64.add')]),
      ...raws32.map(bits32),
      ...raws64.map(bits64),
    ]);
    const x = await run(unit);
    expect(x.big()).toBe(0x123456789abcdef0n);
    expect(x.neg()).toBe(-2n);
    expect(x.min()).toBe(-(2n ** 63n));
    expect(x.small()).toBe(5n);
    expect(x.u32()).toBe(0);
    expect(x.fsum()).toBe(0.6);
    expect(raws32.map((r) => x[`f32_${r}`]() >>> 0)).toEqual(
      [0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800000, 0xff800000, 0x3e800000, 0x80000000, 0x7f7fffff]);
    expect(raws64.map((r) => BigInt.asUintN(64, x[`f64_${r}`]()))).toEqual([
      0x7ff8000000000000n, 0x7ff0000000000001n, 0xffffffffffffffffn, 0xfff0000000000000n, 0x4008000000000000n,
      0x7fe1ccf385ebc8a0n, 0x8000000000000000n,
    ]);
  });
});

describe('symbols', () => {
  test('imports and exports map to symbol flags, and run against their imports', async () => {
    const unit = lower([
      t.moduleImport('env', 'puts', t.funcImportDescr(id('print'), sig(['i32'], []))),
      t.moduleImport('host', 'twice', t.funcImportDescr(id('twice'), sig(['i32'], ['i32']))),
      t.moduleImport('env', '__stack_pointer', t.globalType('i32', 'var')),
      t.moduleImport('env', 'base', t.globalType('i32', 'const')),
      t.moduleImport('env', 'memory', t.memory(t.limit(1), null)),
      t.moduleImport('env', '__indirect_function_table', t.table('anyfunc', t.limit(0), null)),
      t.global(t.globalType('i32', 'var'), [i32(7)], id('g')),
      t.global(t.globalType('i32', 'const'), [i32(8)], id('hidden')),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('buf')], { export: 'shared_buf' }), t.byteArray([9])),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('own')]), t.byteArray([10])),
      func('helper', sig([['x', 'i32']], ['i32']), [call('twice', get('x'))]),
      func('main', sig([], ['i32']), [
        call('print', i32(1)),
        ins('global.get', id('base')),
        call('helper', ins('global.get', id('g'))),
        ins('i32.add'),
        ins('global.get', id('__stack_pointer')),
        ins('global.get', id('hidden')),
        ins('i32.add'),
        ins('i32.sub'),
        mem('i32.load8_u', {}, i32('buf')),
        ins('i32.add'),
        mem('i32.load8_u', {}, i32('own')),
        ins('i32.add'),
      ]),
      exportFunc('run', 'main'),
      t.moduleExport('gval', t.moduleExportDescr('Global', id('g'))),
      t.moduleExport('memory', t.moduleExportDescr('Memory', num(0))),
    ]);
    const flags = (name: string) => unit.symFlags[symbolNamed(unit, name)];
    expect(flags('puts')).toBe(SymFlag.Undefined);
    expect(unit.importModule[symbolNamed(unit, 'puts')]).toBeUndefined();
    expect(flags('twice')).toBe(SymFlag.Undefined | SymFlag.ExplicitName);
    expect([unit.importModule[symbolNamed(unit, 'twice')], unit.importName[symbolNamed(unit, 'twice')]]).toEqual(['host', 'twice']);
    expect(flags('base')).toBe(SymFlag.Undefined);
    expect(flags('run')).toBe(SymFlag.Exported);
    expect(unit.exportName[symbolNamed(unit, 'run')]).toBe('run');
    expect(unit.symbol('main')).toBe(-1);
    expect(flags('helper')).toBe(SymFlag.BindingLocal);
    expect(flags('gval')).toBe(SymFlag.Exported);
    expect(flags('hidden')).toBe(SymFlag.BindingLocal);
    expect(flags('shared_buf')).toBe(0);
    expect(flags('own')).toBe(SymFlag.BindingLocal);

    const { bytes } = assemble(unit);
    await validate(bytes);
    const printed: number[] = [];
    const { instance } = await WebAssembly.instantiate(bytes, {
      env: { puts: (v: number) => printed.push(v), base: new WebAssembly.Global({ value: 'i32', mutable: false }, 1000) },
      host: { twice: (v: number) => 2 * v },
    });
    // 1000 + twice(7) - (sp + 8) + 9 + 10, with sp at the end of the first page
    expect((instance.exports as Record<string, () => number>).run()).toBe(1000 + 14 - (65536 + 8) + 19);
    expect(printed).toEqual([1]);
  });

  test('local symbols that clash get a suffix; anonymous functions are named by index', () => {
    const unit = lower([
      t.global(t.globalType('i32', 'const'), [i32(1)], id('x')),
      func('x', sig([], []), []),
      t.func(null, sig([], []), [call('x')]),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('x')]), t.byteArray([])),
    ]);
    expect(unit.symbol('x')).toBeGreaterThanOrEqual(0);
    expect(unit.symName.filter((n) => n.startsWith('x'))).toEqual(['x', 'x.2', 'x.3']);
    expect(unit.symbol('func1')).toBeGreaterThanOrEqual(0);
  });
});

describe('linking', () => {
  test('a unit from the AST links through a Linker session: imports, exports, data, table slots, GC', async () => {
    const linker = new Linker(['--no-entry', '--allow-undefined']);
    linker.add(unitFromAst(linker.mir, 'compiler.js', t.module(null, [
      t.moduleImport('env', 'log', t.funcImportDescr(id('log'), sig(['i32'], []))),
      t.moduleImport('host', 'twice', t.funcImportDescr(id('twice'), sig(['i32'], ['i32']))),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('msg')], { readonly: true }),
        t.byteArray(Array.from(Buffer.from('hi\0')))),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('fns')], { align: 4 }), t.byteArray([id('double')])),
      func('double', sig([['x', 'i32']], ['i32']), [ins('i32.add', get('x'), get('x'))]),
      func('unused', sig([], []), [call('twice', i32(1)), ins('drop')]),
      func('main', sig([['x', 'i32']], ['i32']), [
        call('log', i32('msg')),
        t.callIndirectInstruction(sig(['i32'], ['i32']), [get('x'), mem('i32.load', {}, i32('fns'))]),
      ]),
      exportFunc('run', 'main'),
    ])));
    const module = await WebAssembly.compile(linker.link());
    // `unused` is collected, so host.twice is not imported; main is exported as run.
    expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`)).toEqual(['env.log']);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(['memory', 'run']);
    let memory: WebAssembly.Memory | undefined;
    const logged: string[] = [];
    const instance = await WebAssembly.instantiate(module, {
      env: { log: (p: number) => logged.push(Buffer.from(new Uint8Array(memory!.buffer, p, 2)).toString()) },
    });
    memory = instance.exports.memory as WebAssembly.Memory;
    expect((instance.exports.run as (x: number) => number)(21)).toBe(42);
    expect(logged).toEqual(['hi']);
  });
});

describe('post-MVP instructions', () => {
  test('sign extension, saturating truncation, reference types, SIMD and atomics', async () => {
    const unit = lower([
      func('sq', sig([['x', 'i32']], ['i32']), [ins('i32.mul', get('x'), get('x'))]),
      func('ext', sig([['x', 'i32']], ['i32']), [ins('i32.extend8_s', get('x'))]),
      func('ext32', sig([['x', 'i64']], ['i64']), [ins('i64.extend32_s', get('x'))]),
      func('sat', sig([['x', 'f64']], ['i32']), [ins('i32.trunc_sat_f64_s', get('x'))]),
      func('satOld', sig([['x', 'f32']], ['i32']), [t.objectInstruction('trunc_u:sat/f32', 'i32', [get('x')])]),
      // ref.func into slot 0 of the table, call through it; nulls; table.size and table.grow
      func('viaref', sig([['x', 'i32']], ['i32']), [
        ins('table.set', i32(0), ins('ref.func', id('sq'))),
        t.callIndirectInstruction(sig(['i32'], ['i32']), [get('x'), i32(0)]),
      ]),
      func('nulls', sig([], ['i32']), [
        ins('ref.is_null', ins('ref.null', t.valtypeLiteral('funcref' as t.Valtype))),
        ins('ref.is_null', ins('table.get', i32(1))),
        ins('i32.add'),
      ]),
      func('grow', sig([], ['i32']), [
        ins('table.grow', ins('ref.null', id('func')), i32(2)), ins('table.size'), ins('i32.sub'),
      ]),
      func('lanes', sig([['x', 'i32']], ['i32']), [
        ins('i32x4.extract_lane', num(3),
          ins('i32x4.replace_lane', num(0),
            ins('i32x4.add', ins('v128.const', id('i32x4'), num(1), num(2), num(3), num(4)), ins('i32x4.splat', get('x'))),
            i32(100))),
      ]),
      // store a shuffled vector, read a lane back through v128.load8_lane and a 16-bit load
      func('shuf', sig([['p', 'i32']], ['i32']), [
        local('v', 'v128' as t.Valtype),
        mem('v128.store', { offset: num(16) }, get('p'),
          ins('i8x16.shuffle', ...[31, 0, 30, 1, 29, 2, 28, 3, 16, 16, 16, 16, 15, 15, 15, 15].map(num),
            ins('v128.const', ...Array.from({ length: 16 }, (_, i) => num(i))),
            ins('v128.const', t.valtypeLiteral('i8x16' as t.Valtype), ...Array.from({ length: 16 }, (_, i) => num(16 + i))))),
        set('v', mem('v128.load', { offset: num(16), align: num(16) }, get('p'))),
        ins('i8x16.extract_lane_u', num(1), mem('v128.load8_lane', { offset: num(17) }, num(1), get('p'), get('v'))),
        mem('i32.load16_u', { offset: num(28) }, get('p')),
        ins('i32.add'),
      ]),
      func('fmul', sig([['x', 'f32']], ['f32']), [
        ins('f32x4.extract_lane', num(2),
          ins('f32x4.mul', ins('f32x4.splat', get('x')), ins('v128.const', id('f32x4'), ...['1', '2', '3', '4'].map((r) => t.numberLiteralFromRaw(r, 'f32'))))),
      ]),
      func('atom', sig([['p', 'i32']], ['i32']), [
        local('acc', 'i32'),
        mem('i32.atomic.store', {}, get('p'), i32(5)),
        set('acc', mem('i32.atomic.rmw.add', { offset: num(0), align: num(4) }, get('p'), i32(3))),
        ins('atomic.fence'),
        // old spelling: 8-bit add at p (little-endian low byte of 8)
        t.objectInstruction('atomic.rmw8_u.add_u', 'i32', [get('p'), i32(1)]),
        get('acc'), ins('i32.add'),
        mem('i32.atomic.load', {}, get('p')),
        ins('i32.add'),
      ]),
    ]);
    const x = await run(unit);
    expect(x.ext(0x80)).toBe(-128);
    expect(x.ext32(0xffffffffn)).toBe(-1n);
    expect([x.sat(1e20), x.sat(-1e20), x.sat(NaN)]).toEqual([2147483647, -2147483648, 0]);
    expect(x.satOld(-3)).toBe(0);
    expect(x.viaref(7)).toBe(49);
    expect(x.nulls()).toBe(1);
    expect(x.grow()).toBe(-2);
    expect(x.lanes(10)).toBe(14);
    expect(x.shuf(512)).toBe(0 + (15 | (15 << 8)));
    expect(x.fmul(1.5)).toBe(4.5);
    expect(x.atom(64)).toBe(8 + 5 + 9);
  });
});

// ---- instruction names ---------------------------------------------------------------------

/** The body of function `index` in a module's code section. */
function codeBody(bytes: Uint8Array, index: number): Uint8Array {
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const size = readU32(bytes, pos + 1);
    pos = skipLeb(bytes, pos + 1);
    if (id === 10) {
      let p = skipLeb(bytes, pos); // after the function count
      for (let i = 0; ; i++) {
        const len = readU32(bytes, p);
        const body = skipLeb(bytes, p);
        if (i === index) return bytes.subarray(body, body + len);
        p = body + len;
      }
    }
    pos += size;
  }
  throw new Error('no code section');
}

describe('instruction names', () => {
  test('every immediate-free name lowers to the bytes wabt writes for it', async () => {
    const wabt = await wabtInit();
    const names = [...INSTRUCTIONS].filter(([, e]) => {
      const kind = e >>> 16;
      return kind === K.Op || kind === K.Misc || kind === K.Load || kind === K.Store || kind === K.Atomic ||
        (kind === K.Simd && (SIMD_FMT[e & 0xffff] === PFmt.None || SIMD_FMT[e & 0xffff] === PFmt.MemArg));
    }).map(([n]) => n);
    expect(names.length).toBeGreaterThan(400);
    const unit = lower([t.memory(t.limit(1), null), func('all', sig([], []), names.map((n) => ins(n)))]);
    const ours = assemble(unit).bodies.get(symbolNamed(unit, 'all'))!;
    const m = wabt.parseWat('all.wat', `(module (memory 1) (func ${names.join('\n')}))`, ALL_FEATURES);
    try {
      expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(codeBody(m.toBinary({}).buffer, 0)).toString('hex'));
    } finally {
      m.destroy();
    }
  });

  test('pre-standard spellings lower like the standard names', () => {
    const pairs: [string, string][] = [
      ['get_local 0', 'local.get 0'], ['set_local 0', 'local.set 0'], ['tee_local 0', 'local.tee 0'],
      ['get_global 0', 'global.get 0'], ['set_global 0', 'global.set 0'],
      ['current_memory', 'memory.size'], ['grow_memory', 'memory.grow'],
      ['i32.wrap/i64', 'i32.wrap_i64'], ['i32.trunc_s/f32', 'i32.trunc_f32_s'], ['i64.trunc_u/f64', 'i64.trunc_f64_u'],
      ['i64.extend_s/i32', 'i64.extend_i32_s'], ['f32.convert_u/i64', 'f32.convert_i64_u'], ['f32.demote/f64', 'f32.demote_f64'],
      ['f64.promote/f32', 'f64.promote_f32'], ['i32.reinterpret/f32', 'i32.reinterpret_f32'],
      ['f64.reinterpret/i64', 'f64.reinterpret_i64'], ['i32.trunc_s:sat/f64', 'i32.trunc_sat_f64_s'],
      ['i64.trunc_u:sat/f32', 'i64.trunc_sat_f32_u'], ['i32.atomic.store8_u', 'i32.atomic.store8'],
      ['i64.atomic.store32_u', 'i64.atomic.store32'], ['i64.atomic.rmw16_u.cmpxchg_u', 'i64.atomic.rmw16.cmpxchg_u'],
    ];
    const body = (texts: string[]) => texts.map((s) => {
      const [name, arg] = s.split(' ');
      return arg === undefined ? ins(name) : ins(name, num(Number(arg)));
    });
    const unit = lower([
      t.global(t.globalType('i32', 'var'), [i32(0)], id('g')),
      func('old', sig(['i32'], []), body(pairs.map((p) => p[0]))),
      func('new', sig(['i32'], []), body(pairs.map((p) => p[1]))),
    ]);
    const { bodies } = assemble(unit);
    const old = bodies.get(symbolNamed(unit, 'old'))!;
    expect(old.length).toBeGreaterThan(pairs.length);
    expect(Buffer.from(old).toString('hex')).toBe(Buffer.from(bodies.get(symbolNamed(unit, 'new'))!).toString('hex'));
  });
});

// ---- errors --------------------------------------------------------------------------------

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CodegenError)) throw e;
    return e.message;
  }
  throw new Error('no error thrown');
}

const main = (...body: t.Instruction[]) => func('main', sig([['x', 'i32']], ['i32']), body);

describe('errors', () => {
  test('name the unit and the function, and say what is wrong', () => {
    const cases: [t.ModuleField[], string][] = [
      [[main(t.blockInstruction(id('in'), [ins('br', id('out'))]))], 'compiler.js: function $main: unknown label $out'],
      [[main(get('y'))], 'compiler.js: function $main: unknown local $y'],
      [[main(call('nope'))], 'compiler.js: function $main: call: unknown function $nope'],
      [[main(ins('global.get', num(0)))], 'compiler.js: function $main: global.get: unknown global 0'],
      [[main(t.callIndirectInstruction(id('t'), [i32(0)]))], 'compiler.js: function $main: call_indirect: unknown type $t'],
      [[main(i32('nothing'))], 'compiler.js: function $main: i32.const: unknown symbol $nothing'],
      [[main(i32('main+4'))], 'compiler.js: function $main: i32.const: the address of a function takes no addend ($main+4)'],
      [[main(ins('i32.frobnicate'))], 'compiler.js: function $main: unknown instruction i32.frobnicate'],
      [[main(ins('memory.init', num(0)))],
        'compiler.js: function $main: unsupported instruction memory.init: passive segments belong to the linker'],
      [[main(ins('else'))], 'compiler.js: function $main: unsupported instruction else: structured control is a BlockInstruction, LoopInstruction or IfInstruction node'],
      [[main(t.blockInstruction(null, [local('y', 'i32')]))],
        'compiler.js: function $main: unsupported instruction local: locals are declared at the top of the function body'],
      [[main(ins('i32.const', num(2 ** 32)))], 'compiler.js: function $main: i32.const: 4294967296 is not an integer in [-2147483648, 4294967295]'],
      [[main(mem('i32.load', { align: num(3) }, i32(0)))], 'compiler.js: function $main: i32.load: align 3 is not a power of two'],
      [[main(mem('i32.load', { aligm: num(4) }, i32(0)))], 'compiler.js: function $main: i32.load: unknown named argument aligm'],
      [[main(f32('nan:0x800000'))], 'compiler.js: function $main: f32.const: NaN payload 8388608 out of range [1, 8388607]'],
      [[main(ins('i32.add', { type: 'Instr', id: 'i32.const', args: [num(1)] } as t.Instr, i32(1), num(5)))],
        'compiler.js: function $main: i32.add: expected 0 immediates, got 1'],
      // Errors from the builder are relabelled with the AST's name of the function.
      [[main(mem('i32.load', { align: num(8) }, i32(0)))],
        'compiler.js: function $main: alignment 2**3 exceeds the natural alignment 2**2'],
      [[main(ins('br', num(5)))], 'compiler.js: function $main: branch depth 5 out of range (0 blocks open)'],
      [[main(ins('i32x4.extract_lane', num(4), ins('v128.const', ...Array(16).fill(num(0)))))],
        'compiler.js: function $main: lane 4 out of range (0..3)'],
      [[main(get(3))], 'compiler.js: function $main: unknown local 3'],
      [[main(), exportFunc('run', 'main'), main()], 'compiler.js: duplicate function $main'],
      [[main(), exportFunc('run', 'main'), exportFunc('again', 'main')], 'compiler.js: export "again": $main is already exported as "run"'],
      [[t.func(null, sig([], []), [ins('br', id('x'))])], 'compiler.js: function 0: unknown label $x'],
      // Module fields that belong to the linker.
      [[main(), t.start(id('main'))], 'compiler.js: start function: not supported (the linker calls constructors; export an init function)'],
      [[t.elem(num(0), [i32(0)], [id('main')])], 'compiler.js: element segment: not supported (table slots belong to the linker; use i32.const $f)'],
      [[t.data(t.memIndexLiteral(0), i32(1024), t.byteArray([1]))],
        'compiler.js: data segment 0: name it with an offset of i32.const and an Identifier (addresses belong to the linker)'],
      [[t.memory(t.limit(1), null), t.memory(t.limit(1), null)], 'compiler.js: a second memory: not supported (the module has the linked memory only)'],
      [[t.moduleImport('env', 'tab', t.table('anyfunc', t.limit(0), null))],
        'compiler.js: import "env" "tab": the only table is env.__indirect_function_table, the linker\'s'],
      [[t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')], { bss: 4 }), t.byteArray([1]))],
        'compiler.js: data $d: bss data has no contents'],
      [[t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')], { align: 3 }), t.byteArray([1]))],
        'compiler.js: data $d: align 3 is not a power of two'],
      [[t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')]), t.byteArray([id('zz')]))],
        'compiler.js: data $d: unknown symbol $zz'],
      [[t.global(t.globalType('i32', 'const'), [ins('global.get', num(0))], id('g'))],
        'compiler.js: global $g init: expected i32.const (a constant), got global.get'],
      [[main(), t.moduleImport('env', 'late', t.funcImportDescr(id('late'), sig([], [])))],
        'compiler.js: function import $late after a function definition'],
    ];
    for (const [fields, message] of cases) expect(errorOf(() => lower(fields))).toBe(message);
  });

  test('malformed nodes: missing fields, wrong types, null, cycles', () => {
    const broken: unknown[] = [
      null, undefined, 42, 'module', [], {}, { type: 'Module' }, { type: 'Program', body: null },
      { type: 'Program', body: [t.module(null, []), t.module(null, [])] },
      t.module(null, [null as never]),
      t.module(null, [{ type: 'Func', name: id('f'), signature: null, body: [] } as never]),
      t.module(null, [{ type: 'Func', name: id('f'), signature: sig([], []), body: null } as never]),
      t.module(null, [func('f', sig([], []), [{ type: 'Instr', id: 42, args: [] } as never])]),
      t.module(null, [func('f', sig([], []), [{ type: 'Instr', id: 'nop', args: null } as never])]),
      t.module(null, [func('f', sig([], []), [{ type: 'BlockInstruction', label: null, instr: 'x' } as never])]),
      t.module(null, [func('f', sig([], []), [{ type: 'IfInstruction', test: [], result: null } as never])]),
      t.module(null, [func('f', sig([], []), [{ type: 'Instr', id: 'i32.load', args: [], namedArgs: 5 } as never])]),
      t.module(null, [func('f', sig([], []), [t.objectInstruction('const', 'i64', [{ type: 'LongNumberLiteral', value: null } as never])])]),
      t.module(null, [func('f', sig([], []), [t.objectInstruction('const', 'f64', [{ type: 'FloatLiteral', value: 'x' } as never])])]),
      t.module(null, [func('f', sig([{ valtype: 'i33' } as never], []), [])]),
      t.module(null, [{ type: 'Global', globalType: t.globalType('i32', 'const'), init: 'x', name: id('g') } as never]),
      t.module(null, [t.moduleExport('x', null as never)]),
      t.module(null, [t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')]), { type: 'ByteArray' } as never)]),
      t.module(null, [t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')]), t.byteArray([256]))]),
    ];
    // A block that contains itself, and an instruction among its own operands.
    const loop = t.blockInstruction(null, []);
    loop.instr.push(loop);
    const self = ins('i32.eqz');
    self.args.push(self);
    broken.push(t.module(null, [func('f', sig([], []), [loop])]), t.module(null, [func('f', sig([], []), [self])]));
    const messages = broken.map((m) => errorOf(() => unitFromAst(new Mir(), 'compiler.js', m)));
    expect(messages.every((m) => m.startsWith('compiler.js: '))).toBe(true);
    expect(messages.slice(-2)).toEqual([
      'compiler.js: function $f: the AST contains a cycle: BlockInstruction inside itself',
      'compiler.js: function $f: the AST contains a cycle: Instr inside itself',
    ]);
    expect(messages[0]).toBe('compiler.js: module: expected Program or Module, got null');
    expect(messages[11]).toBe('compiler.js: function $f: body: expected an array, got null');
  });

  test('every field of a module replaced by a wrong value gives a CodegenError or a valid unit', () => {
    const reference = t.module(null, [
      t.typeInstruction(id('ii'), sig(['i32'], ['i32'])),
      t.moduleImport('env', 'imp', t.funcImportDescr(id('imp'), sig(['i32'], ['i32']))),
      t.moduleImport('env', 'gi', t.globalType('i32', 'var')),
      t.global(t.globalType('f64', 'const'), [f64('-0x1p-3')], id('gf')),
      t.data(t.memIndexLiteral(0), t.objectInstruction('const', 'i32', [id('d')], { align: num(4), readonly: true }),
        t.byteArray([1, 2, id('f'), id('d+1')])),
      func('f', id('ii'), [
        local('l', 'i64'),
        t.blockInstruction(id('b'), [
          t.loopInstruction(id('l'), 'i32', [ins('br_if', id('b'), get(0)), i32('d+2')]),
          t.ifInstruction(id('c'), [get(0)], 'i32', [call('imp', i32(1))], [t.callIndirectInstruction(id('ii'), [i32(1), i32('f')])]),
          mem('i32.store', { offset: num(4), align: num(4) }, i32(8)),
          ins('br_table', id('b'), num(0), get(0)),
        ], null),
        set('l', i64('0x100000000')),
        ins('v128.const', id('f32x4'), ...['1', 'nan', '-inf', '2'].map((r) => t.numberLiteralFromRaw(r, 'f32'))),
        ins('drop'),
        get(0),
      ]),
      exportFunc('f'),
    ]);
    expect(lower(reference.fields).symCount).toBeGreaterThan(0);
    // Every path to an object field or array element, with the values to put there.
    const paths: (string | number)[][] = [];
    const walk = (x: unknown, path: (string | number)[]) => {
      if (typeof x !== 'object' || x === null) return;
      for (const [k, v] of Object.entries(x)) {
        const p = [...path, Array.isArray(x) ? Number(k) : k];
        paths.push(p);
        walk(v, p);
      }
    };
    walk(reference, []);
    expect(paths.length).toBeGreaterThan(150);
    const wrong: unknown[] = [null, undefined, 0, -1, 1.5, 2 ** 40, 'x', true, {}, [], { type: 'Bogus' }, [null]];
    let errors = 0;
    for (const path of paths) {
      for (const value of [...wrong, 'delete']) {
        const m = structuredClone(reference) as unknown as Record<string | number, unknown>;
        let o = m;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (value === 'delete') delete o[last];
        else o[last] = value;
        try {
          unitFromAst(new Mir(), 'compiler.js', m);
        } catch (e) {
          if (!(e instanceof CodegenError)) throw new Error(`${path.join('.')} = ${String(value)}: ${(e as Error).stack}`);
          expect(e.message.startsWith('compiler.js: ')).toBe(true);
          errors++;
        }
      }
    }
    expect(errors).toBeGreaterThan(paths.length * 5);
  });

  test('deep nesting is lowered without recursion', async () => {
    const nested = (depth: number) => {
      let body: t.Instruction[] = [get('x'), ins('br_if', num(depth - 1))];
      for (let i = 0; i < depth; i++) body = [t.blockInstruction(null, body)];
      return lower([func('deep', sig([['x', 'i32']], ['i32']), [...body, i32(1)])]);
    };
    // 100000 blocks: lowered and emitted (wabt's validator would recurse too deeply to check it).
    const depth = 100000;
    const unit = nested(depth);
    const body = assemble(unit).bodies.get(symbolNamed(unit, 'deep'))!;
    const hex = Buffer.from(body).toString('hex');
    expect(body.length).toBe(1 + 2 * depth + 2 + 4 + depth + 3);
    expect(hex.startsWith(`00${'0240'.repeat(depth)}2000`)).toBe(true);
    expect(hex.endsWith(`${'0b'.repeat(depth)}41010b`)).toBe(true);
    // 2000 blocks: validated and run.
    const x = await run(nested(2000));
    expect(x.deep(0)).toBe(1);
    expect(x.deep(5)).toBe(1);
  });
});
