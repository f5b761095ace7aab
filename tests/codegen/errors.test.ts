// CodegenError: cheap validation in the builder and the unit, with messages naming the unit and
// the function.
import { BlockType, CodegenError, FunctionBuilder, Local, Opcode, SimdOp, Unit } from '../../codegen/codegen';
import { ValType } from '../../formats/wasm';
import { i32, session } from './helpers';

function fresh(params: ValType[] = [i32]): { unit: Unit; fb: FunctionBuilder<Unit> } {
  const { unit } = session();
  return { unit, fb: unit.function('foo', unit.signature(params, [])) };
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CodegenError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('CodegenError', () => {
  test('unbalanced blocks', () => {
    let { fb } = fresh();
    fb.block();
    fb.loop();
    fb.end();
    expect(message(() => fb.finish())).toBe('unit.wat: function foo: unbalanced block: 1 still open at the end');
    ({ fb } = fresh());
    expect(message(() => fb.end())).toBe('unit.wat: function foo: unbalanced end');
    ({ fb } = fresh());
    fb.block();
    expect(message(() => fb.else_())).toBe('unit.wat: function foo: else without if');
    fb.end();
    fb.i32Const(1);
    fb.if_();
    fb.else_();
    expect(message(() => fb.else_())).toBe('unit.wat: function foo: else without if');
  });

  test('branch depths beyond the open blocks and the function label', () => {
    const { fb } = fresh();
    fb.block();
    fb.br(1); // the function label is fine
    expect(message(() => fb.br(2))).toBe('unit.wat: function foo: branch depth 2 out of range (1 blocks open)');
    expect(message(() => fb.brTable([0, 5], 0))).toBe('unit.wat: function foo: branch depth 5 out of range (1 blocks open)');
    expect(message(() => fb.brIf(-1))).toContain('branch depth -1 out of range');
  });

  test('unknown locals and parameters; the frame local is read-only', () => {
    const { fb } = fresh([i32, i32]);
    const l = fb.local(ValType.F64);
    fb.localGet(l);
    expect(message(() => fb.localGet(3 as Local))).toBe('unit.wat: function foo: unknown local 3');
    expect(message(() => fb.localSet(-1 as Local))).toBe('unit.wat: function foo: unknown local -1');
    expect(message(() => fb.param(2))).toBe('unit.wat: function foo: unknown parameter 2');
    expect(message(() => fb.local(0x55 as ValType))).toBe('unit.wat: function foo: invalid local type 0x55');
    const frame = fb.frame(8);
    fb.localGet(frame);
    expect(message(() => fb.localTee(frame))).toBe(`unit.wat: function foo: local ${frame} holds the stack frame and is read-only`);
    expect(message(() => fb.frame(8))).toBe('unit.wat: function foo: frame declared twice');
  });

  test('unknown or mismatched symbols, signatures and constants', () => {
    const { unit, fb } = fresh();
    const d = unit.data('d', { size: 4 });
    const g = unit.global('g', { type: i32 });
    expect(message(() => fb.call(d as never))).toBe(`unit.wat: function foo: unknown function symbol ${d}`);
    expect(message(() => fb.call(999 as never))).toBe('unit.wat: function foo: unknown function symbol 999');
    expect(message(() => fb.funcAddr(g as never))).toBe(`unit.wat: function foo: unknown function symbol ${g}`);
    expect(message(() => fb.dataAddr(fb.sym as never))).toBe(`unit.wat: function foo: unknown data symbol ${fb.sym}`);
    expect(message(() => fb.globalGet(d as never))).toBe(`unit.wat: function foo: unknown global symbol ${d}`);
    expect(message(() => fb.tableGet(g as never))).toBe(`unit.wat: function foo: unknown table symbol ${g}`);
    expect(message(() => fb.callIndirect(42 as never))).toBe('unit.wat: function foo: unknown signature 42');
    expect(message(() => fb.block((0x80000000 | 42) as BlockType))).toBe('unit.wat: function foo: unknown signature 42');
    expect(message(() => fb.constAddr(3 as never))).toBe('unit.wat: function foo: unknown constant 3');
    expect(message(() => unit.function('bar', 77 as never))).toBe('unit.wat: function bar: unknown signature 77');
    expect(unit.symbol('bar')).toBe(-1); // nothing half-declared
    fb.finish(); // failed calls left no half-written instruction
    unit.finish();
  });

  test('immediates out of range', () => {
    const { fb } = fresh();
    expect(message(() => fb.i32Const(2 ** 32))).toBe('unit.wat: function foo: i32 constant 4294967296 out of range');
    expect(message(() => fb.i32Const(1.5))).toContain('i32 constant 1.5 out of range');
    expect(message(() => fb.i64Const(1n << 64n))).toContain('i64 constant 18446744073709551616 out of range');
    expect(message(() => fb.i64Const(2 ** 60))).toContain('is not a safe integer');
    expect(message(() => fb.load(Opcode.I32Load, 0, 3))).toBe(
      'unit.wat: function foo: alignment 2**3 exceeds the natural alignment 2**2');
    expect(message(() => fb.load(Opcode.I32Store))).toBe('unit.wat: function foo: opcode 0x36 is not a load');
    expect(message(() => fb.store(Opcode.I32Load))).toBe('unit.wat: function foo: opcode 0x28 is not a store');
    expect(message(() => fb.load(Opcode.I32Load, -4))).toBe('unit.wat: function foo: offset -4 out of range');
    expect(message(() => fb.simdLane(SimdOp.I32x4ExtractLane, 4))).toBe('unit.wat: function foo: lane 4 out of range (0..3)');
    expect(message(() => fb.simdMemLane(SimdOp.V128Load64Lane, 2))).toBe('unit.wat: function foo: lane 2 out of range (0..1)');
    expect(message(() => fb.simd(SimdOp.V128Load))).toBe('unit.wat: function foo: SIMD sub-opcode 0x0 is not immediate-free');
    expect(message(() => fb.simd(0x9a))).toBe('unit.wat: function foo: SIMD sub-opcode 0x9a is not immediate-free');
    expect(message(() => fb.simdMem(SimdOp.I32x4Add))).toContain('takes no memarg');
    expect(message(() => fb.i8x16Shuffle(new Array(16).fill(32)))).toBe('unit.wat: function foo: shuffle lane 32 out of range');
    expect(message(() => fb.v128Const([1, 2]))).toBe('unit.wat: function foo: v128 bytes: expected 16, got 2');
    expect(message(() => fb.atomic(0x04 as never))).toContain('atomic sub-opcode 0x4 takes no memarg');
    expect(message(() => fb.misc(8 as never))).toContain('misc sub-opcode 8 is not immediate-free');
    expect(message(() => fb.block(0x55 as BlockType))).toBe('unit.wat: function foo: invalid block type 0x55');
    expect(message(() => fb.refNull(ValType.I32))).toBe('unit.wat: function foo: invalid heap type 0x7f');
    expect(message(() => fb.frame(8, 24))).toBe('unit.wat: function foo: frame alignment 24 is not a power of two');
    const d = fb.unit.data('d', { size: 4 });
    expect(message(() => fb.dataAddr(d, 2 ** 31))).toBe('unit.wat: function foo: addend 2147483648 out of range');
  });

  test('use after finish; unfinished bodies at unit.finish', () => {
    const { unit, fb } = fresh();
    fb.finish();
    expect(message(() => fb.nop())).toBe('unit.wat: function foo: instruction after finish');
    unit.function('open', unit.signature([], []));
    expect(message(() => unit.finish())).toBe('unit.wat: function open: body not finished');
  });

  test('unit-level errors: duplicates, kind and signature mismatches, bad data', () => {
    const { unit } = session();
    const sig = unit.signature([], []);
    unit.function('f', sig).finish();
    expect(message(() => unit.function('f', sig))).toBe('unit.wat: duplicate symbol: f');
    expect(message(() => unit.data('f', { size: 1 }))).toBe('unit.wat: symbol f used as data but declared as function');
    unit.declareFunction('g', sig);
    expect(message(() => unit.function('g', unit.signature([i32], [])))).toBe('unit.wat: function g: signature differs from its declaration');
    expect(message(() => unit.data('d', { size: 8, relocs: [{ offset: 0, data: 0 as never }] }))).toBe(
      'unit.wat: data d: relocation in zero-filled data');
    expect(message(() => unit.data('e', { bytes: new Uint8Array(6), relocs: [{ offset: 4, func: 0 as never }] }))).toBe(
      'unit.wat: data e: relocation offset 4 out of range');
    expect(message(() => unit.data('h', { bytes: new Uint8Array(4), relocs: [{ offset: 0, data: 0 as never }] }))).toBe(
      'unit.wat: data h: unknown data symbol 0');
    expect(message(() => unit.data('a', { size: 4, align: 3 }))).toBe('unit.wat: data a: alignment 3 is not a power of two');
    expect(message(() => unit.global('gl', { type: 0x12 as ValType }))).toBe('unit.wat: global gl: invalid value type 0x12');
    unit.declareGlobal('x', i32, true);
    expect(message(() => unit.global('x', { type: i32 }))).toBe('unit.wat: global x: type differs from its declaration');
    expect(message(() => unit.redefine(99 as never))).toBe('unit.wat: redefine: 99 is not a finished function');
  });
});
