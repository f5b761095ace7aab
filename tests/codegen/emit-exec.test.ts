// Executable-mode Emit: build functions of each instruction class, assemble them into a module
// around the fake layout, validate with wabt and run them in Node.
import { Opcode, MiscOp, SimdOp, AtomicOp, blockSig } from '../../codegen/codegen';
import { ValType } from '../../formats/wasm';
import { f32, f64, i32, i64, run, session, v128 } from './helpers';

describe('numeric', () => {
  test('i32, i64, f32, f64 arithmetic, comparisons and conversions', async () => {
    const { unit } = session();
    const ii = unit.signature([i32, i32], [i32]);
    let fb = unit.function('mad', ii);
    fb.localGet(fb.param(0));
    fb.localGet(fb.param(1));
    fb.op(Opcode.I32Mul);
    fb.i32Const(-7);
    fb.op(Opcode.I32Add);
    fb.finish();

    fb = unit.function('i64big', unit.signature([i64], [i64]));
    fb.localGet(fb.param(0));
    fb.i64Const(0x123456789abcdefn);
    fb.op(Opcode.I64Xor);
    fb.i64Const(-(2 ** 40));
    fb.op(Opcode.I64Add);
    fb.finish();

    fb = unit.function('fmix', unit.signature([f32, f64], [f64]));
    fb.localGet(fb.param(0));
    fb.f32Const(1.5);
    fb.op(Opcode.F32Mul);
    fb.op(Opcode.F64PromoteF32);
    fb.localGet(fb.param(1));
    fb.op(Opcode.F64Sqrt);
    fb.op(Opcode.F64Add);
    fb.f64Const(-0.25);
    fb.op(Opcode.F64Add);
    fb.finish();

    // (i32.trunc_f64_s x) + (i32.wrap_i64 (i64.extend_i32_u -1)) + (x > 2.0)
    fb = unit.function('conv', unit.signature([f64], [i32]));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32TruncF64S);
    fb.i32Const(0xffffffff);
    fb.op(Opcode.I64ExtendI32U);
    fb.op(Opcode.I32WrapI64);
    fb.op(Opcode.I32Add);
    fb.localGet(fb.param(0));
    fb.f64Const(2);
    fb.op(Opcode.F64Gt);
    fb.op(Opcode.I32Add);
    fb.finish();

    fb = unit.function('bits', unit.signature([f32], [i32]));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32ReinterpretF32);
    fb.finish();

    fb = unit.function('nan', unit.signature([], [i32]));
    fb.f32ConstBits(0x7fc00123);
    fb.op(Opcode.I32ReinterpretF32);
    fb.finish();

    const x = await run(unit);
    expect(x.mad(6, 7)).toBe(35);
    expect(x.mad(-3, 5)).toBe(-22);
    expect(x.i64big(0n)).toBe(0x123456789abcdefn - (2n ** 40n));
    expect(x.i64big(0x123456789abcdefn)).toBe(-(2n ** 40n));
    expect(x.fmix(2, 16)).toBe(6.75);
    expect(x.conv(3.9)).toBe(3 - 1 + 1);
    expect(x.conv(-5.5)).toBe(-5 - 1);
    expect(x.bits(1)).toBe(0x3f800000);
    expect(x.nan()).toBe(0x7fc00123);
  });

  test('sign extension and saturating truncation', async () => {
    const { unit } = session();
    let fb = unit.function('ext8', unit.signature([i32], [i32]));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Extend8S);
    fb.finish();
    fb = unit.function('ext32', unit.signature([i64], [i64]));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I64Extend32S);
    fb.finish();
    fb = unit.function('satS', unit.signature([f64], [i32]));
    fb.localGet(fb.param(0));
    fb.misc(MiscOp.I32TruncSatF64S);
    fb.finish();
    fb = unit.function('satU', unit.signature([f32], [i32]));
    fb.localGet(fb.param(0));
    fb.misc(MiscOp.I32TruncSatF32U);
    fb.finish();
    fb = unit.function('sat64', unit.signature([f64], [i64]));
    fb.localGet(fb.param(0));
    fb.misc(MiscOp.I64TruncSatF64S);
    fb.finish();

    const x = await run(unit);
    expect(x.ext8(0x80)).toBe(-128);
    expect(x.ext8(0x17f)).toBe(127);
    expect(x.ext32(0xffffffffn)).toBe(-1n);
    expect(x.satS(1e20)).toBe(2147483647);
    expect(x.satS(-1e20)).toBe(-2147483648);
    expect(x.satS(NaN)).toBe(0);
    expect(x.satU(-3)).toBe(0);
    expect(x.satU(4e9)).toBe(-294967296); // 4e9 as u32, seen as i32
    expect(x.sat64(1e300)).toBe(0x7fffffffffffffffn);
  });
});

describe('control', () => {
  test('loop, block, if/else, br_table, select', async () => {
    const { unit } = session();
    // sum of 1..n with a loop and br_if
    let fb = unit.function('sum', unit.signature([i32], [i32]));
    const acc = fb.local(i32);
    fb.block();
    fb.loop();
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Eqz);
    fb.brIf(1);
    fb.localGet(acc);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Add);
    fb.localSet(acc);
    fb.localGet(fb.param(0));
    fb.i32Const(1);
    fb.op(Opcode.I32Sub);
    fb.localSet(fb.param(0));
    fb.br(0);
    fb.end();
    fb.end();
    fb.localGet(acc);
    fb.finish();

    // switch (n) { 0 → 10, 1 → 20, 2 → 10, default → 99 } with br_table
    fb = unit.function('sw', unit.signature([i32], [i32]));
    fb.block();
    fb.block();
    fb.block();
    fb.localGet(fb.param(0));
    fb.brTable([0, 1, 0], 2);
    fb.end();
    fb.i32Const(10);
    fb.return_();
    fb.end();
    fb.i32Const(20);
    fb.return_();
    fb.end();
    fb.i32Const(99);
    fb.finish();

    // if/else with a result, and select / typed select
    fb = unit.function('pick', unit.signature([i32], [i32]));
    fb.localGet(fb.param(0));
    fb.if_(ValType.I32);
    fb.i32Const(1);
    fb.else_();
    fb.i32Const(2);
    fb.end();
    fb.i32Const(100);
    fb.i32Const(200);
    fb.localGet(fb.param(0));
    fb.select();
    fb.op(Opcode.I32Add);
    fb.i32Const(1000);
    fb.i32Const(0);
    fb.localGet(fb.param(0));
    fb.select(ValType.I32);
    fb.op(Opcode.I32Add);
    fb.finish();

    // branch to the function label with a value
    fb = unit.function('early', unit.signature([i32], [i32]));
    fb.i32Const(5);
    fb.localGet(fb.param(0));
    fb.brIf(0);
    fb.drop();
    fb.i32Const(6);
    fb.finish();

    const x = await run(unit);
    expect(x.sum(10)).toBe(55);
    expect(x.sum(0)).toBe(0);
    expect([0, 1, 2, 3, 7].map((n) => x.sw(n))).toEqual([10, 20, 10, 99, 99]);
    expect(x.pick(1)).toBe(1 + 100 + 1000);
    expect(x.pick(0)).toBe(2 + 200 + 0);
    expect(x.early(1)).toBe(5);
    expect(x.early(0)).toBe(6);
  });

  test('direct calls, imports, forward declarations, call_indirect through func_addr', async () => {
    const { unit } = session();
    const ii = unit.signature([i32], [i32]);
    const host = unit.declareFunction('host_double', ii, { importModule: 'env', importName: 'double' });
    const isOdd = unit.declareFunction('is_odd', ii);
    // mutual recursion: is_even(n) = n == 0 ? 1 : is_odd(n - 1)
    let fb = unit.function('is_even', ii);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Eqz);
    fb.if_(i32);
    fb.i32Const(1);
    fb.else_();
    fb.localGet(fb.param(0));
    fb.i32Const(1);
    fb.op(Opcode.I32Sub);
    fb.call(isOdd);
    fb.end();
    fb.finish();
    const isEven = unit.symbol('is_even') as any;
    fb = unit.function('is_odd', ii);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Eqz);
    fb.if_(i32);
    fb.i32Const(0);
    fb.else_();
    fb.localGet(fb.param(0));
    fb.i32Const(1);
    fb.op(Opcode.I32Sub);
    fb.call(isEven);
    fb.end();
    fb.finish();
    fb = unit.function('via_host', ii);
    fb.localGet(fb.param(0));
    fb.call(host);
    fb.i32Const(1);
    fb.op(Opcode.I32Add);
    fb.finish();
    // indirect: (n, which) → which ? is_odd(n) : via_host(n), through table slots
    fb = unit.function('indirect', unit.signature([i32, i32], [i32]));
    fb.localGet(fb.param(0));
    fb.funcAddr(isOdd);
    fb.funcAddr(unit.symbol('via_host') as any);
    fb.localGet(fb.param(1));
    fb.select();
    fb.callIndirect(ii);
    fb.finish();

    const x = await run(unit, { double: (n: number) => 2 * n });
    expect(x.is_even(10)).toBe(1);
    expect(x.is_odd(7)).toBe(1);
    expect(x.via_host(20)).toBe(41);
    expect(x.indirect(3, 1)).toBe(1);
    expect(x.indirect(3, 0)).toBe(7);
  });

  test('multivalue: results, block parameters, if with a signature block type', async () => {
    const { unit } = session();
    const three = unit.signature([i32], [i32, i64, f64]);
    let fb = unit.function('triple', three);
    fb.localGet(fb.param(0));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I64ExtendI32S);
    fb.i64Const(1n << 40n);
    fb.op(Opcode.I64Add);
    fb.localGet(fb.param(0));
    fb.op(Opcode.F64ConvertI32S);
    fb.f64Const(0.5);
    fb.op(Opcode.F64Mul);
    fb.finish();

    // (a, b) → block (param i32 i32) (result i32) i32.sub end
    const sub2 = unit.signature([i32, i32], [i32]);
    fb = unit.function('blocksub', sub2);
    fb.localGet(fb.param(0));
    fb.localGet(fb.param(1));
    fb.block(blockSig(sub2));
    fb.op(Opcode.I32Sub);
    fb.end();
    fb.finish();

    // if (result i32 i32) producing a pair, then add them
    const pair = unit.signature([], [i32, i32]);
    fb = unit.function('ifpair', unit.signature([i32], [i32]));
    fb.localGet(fb.param(0));
    fb.if_(blockSig(pair));
    fb.i32Const(3);
    fb.i32Const(4);
    fb.else_();
    fb.i32Const(30);
    fb.i32Const(40);
    fb.end();
    fb.op(Opcode.I32Add);
    fb.finish();

    // A signature with no parameters and one result becomes the compact block type.
    fb = unit.function('compact', unit.signature([], [i32]));
    fb.block(blockSig(unit.signature([], [i32])));
    fb.i32Const(9);
    fb.end();
    fb.finish();

    const x = await run(unit);
    expect(x.triple(7)).toEqual([7, 7n + (1n << 40n), 3.5]);
    expect(x.blocksub(10, 3)).toBe(7);
    expect(x.ifpair(1)).toBe(7);
    expect(x.ifpair(0)).toBe(70);
    expect(x.compact()).toBe(9);
  });
});

describe('variables and memory', () => {
  test('locals of every numeric type, globals (defined, mutable, i64, f64)', async () => {
    const { unit } = session();
    const counter = unit.global('counter', { type: i32, mutable: true, init: 40 });
    const big = unit.global('big', { type: i64, init: -(2n ** 50n) });
    const half = unit.global('half', { type: f64, init: 0.5 });
    let fb = unit.function('bump', unit.signature([], [i32]));
    fb.globalGet(counter);
    fb.i32Const(2);
    fb.op(Opcode.I32Add);
    fb.globalSet(counter);
    fb.globalGet(counter);
    fb.finish();
    fb = unit.function('consts', unit.signature([], [i64, f64]));
    fb.globalGet(big);
    fb.globalGet(half);
    fb.finish();
    fb = unit.function('locals', unit.signature([i32], [f64]));
    const a = fb.local(i64);
    const b = fb.local(f32, 2);
    const c = fb.local(f64);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I64ExtendI32S);
    fb.localSet(a);
    fb.f32Const(2.5);
    fb.localTee(b);
    fb.localSet((b + 1) as any);
    fb.localGet(a);
    fb.op(Opcode.F64ConvertI64S);
    fb.localGet((b + 1) as any);
    fb.op(Opcode.F64PromoteF32);
    fb.op(Opcode.F64Mul);
    fb.localTee(c);
    fb.localGet(c);
    fb.op(Opcode.F64Add);
    fb.finish();

    const x = await run(unit);
    expect(x.bump()).toBe(42);
    expect(x.bump()).toBe(44);
    expect(x.consts()).toEqual([-(2n ** 50n), 0.5]);
    expect(x.locals(4)).toBe(20);
  });

  test('loads and stores of every width, offsets, memory.size/grow', async () => {
    const { unit } = session();
    let fb = unit.function('widths', unit.signature([i32], [i64]));
    const p = fb.param(0);
    // store 0xff at p+1 (store8), 0x8000 at p+2 (store16), then sum of sign- and zero-extending loads
    fb.localGet(p);
    fb.i32Const(0x1ff);
    fb.store(Opcode.I32Store8, 1);
    fb.localGet(p);
    fb.i32Const(0x8000);
    fb.store(Opcode.I32Store16, 2, 0); // unaligned hint
    fb.localGet(p);
    fb.i64Const(-2);
    fb.store(Opcode.I64Store32, 8);
    fb.localGet(p);
    fb.load(Opcode.I64Load8S, 1);
    fb.localGet(p);
    fb.load(Opcode.I64Load8U, 1);
    fb.op(Opcode.I64Add);
    fb.localGet(p);
    fb.load(Opcode.I64Load16S, 2);
    fb.op(Opcode.I64Add);
    fb.localGet(p);
    fb.load(Opcode.I64Load32U, 8);
    fb.op(Opcode.I64Add);
    fb.finish();

    fb = unit.function('floats', unit.signature([i32], [f64]));
    fb.localGet(fb.param(0));
    fb.f64Const(1.25);
    fb.store(Opcode.F64Store, 100000 - 65536);
    fb.localGet(fb.param(0));
    fb.load(Opcode.F64Load, 100000 - 65536);
    fb.finish();

    fb = unit.function('grow', unit.signature([], [i32]));
    fb.i32Const(1);
    fb.memoryGrow();
    fb.memorySize();
    fb.i32Const(16);
    fb.op(Opcode.I32Shl);
    fb.op(Opcode.I32Add);
    fb.finish();

    const x = await run(unit);
    expect(x.widths(4096)).toBe(-1n + 255n - 32768n + 0xfffffffen);
    expect(x.grow()).toBe(1 + 2 * 65536);
    expect(x.floats(65536)).toBe(1.25); // reads the grown page
  });

  test('data symbols, addends, data relocations and deduplicated constants', async () => {
    const { unit } = session();
    const ii = unit.signature([i32], [i32]);
    let fb = unit.function('plus100', ii);
    fb.localGet(fb.param(0));
    fb.i32Const(100);
    fb.op(Opcode.I32Add);
    fb.finish();
    const plus100 = unit.symbol('plus100') as any;
    const words = unit.data('words', { bytes: new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]), align: 4 });
    // A table of pointers: [&words[2], &plus100-slot]
    const ptrs = unit.data('ptrs', {
      bytes: new Uint8Array(8), align: 4, readonly: true,
      relocs: [{ offset: 0, data: words, addend: 8 }, { offset: 4, func: plus100 }],
    });
    const bss = unit.data('zeros', { size: 64, align: 16 });
    const c1 = unit.constant(new Uint8Array([7, 0, 0, 0]), 4);
    const c2 = unit.constant(new Uint8Array([7, 0, 0, 0]), 1);
    expect(c2).toBe(c1);

    fb = unit.function('third', unit.signature([], [i32]));
    fb.dataAddr(words, 8);
    fb.load(Opcode.I32Load);
    fb.finish();
    fb = unit.function('deref', unit.signature([], [i32]));
    fb.dataAddr(ptrs);
    fb.load(Opcode.I32Load);
    fb.load(Opcode.I32Load);
    fb.finish();
    fb = unit.function('callptr', ii);
    fb.localGet(fb.param(0));
    fb.dataAddr(ptrs, 4);
    fb.load(Opcode.I32Load);
    fb.callIndirect(ii);
    fb.finish();
    fb = unit.function('constsum', unit.signature([], [i32]));
    fb.constAddr(c1);
    fb.load(Opcode.I32Load);
    fb.constAddr(c2);
    fb.load(Opcode.I32Load);
    fb.op(Opcode.I32Add);
    fb.dataAddr(bss, 60);
    fb.load(Opcode.I32Load);
    fb.op(Opcode.I32Add);
    fb.finish();
    fb = unit.function('bssaddr', unit.signature([], [i32]));
    fb.dataAddr(bss);
    fb.finish();

    const x = await run(unit);
    expect(x.third()).toBe(3);
    expect(x.deref()).toBe(3);
    expect(x.callptr(5)).toBe(105);
    expect(x.constsum()).toBe(14);
    expect(x.bssaddr() % 16).toBe(0);
  });
});

describe('stack frames', () => {
  test('frame memory, nested frames, stack pointer restored on every exit', async () => {
    const { unit } = session();
    const getSp = unit.function('get_sp', unit.signature([], [i32]));
    getSp.stackPointerGet();
    getSp.finish();
    const getSpSym = getSp.sym;
    const ii = unit.signature([i32], [i32]);
    // rec(n): frame of 24 bytes; frame[0] = n; if n == 0 return sp; else r = rec(n-1); check frame[0] still n
    const rec = unit.declareFunction('rec', ii);
    let fb = unit.function('rec', ii);
    const frame = fb.frame(24);
    fb.localGet(frame);
    fb.localGet(fb.param(0));
    fb.store(Opcode.I32Store);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Eqz);
    fb.if_();
    fb.call(getSpSym);
    fb.return_();
    fb.end();
    fb.localGet(fb.param(0));
    fb.i32Const(1);
    fb.op(Opcode.I32Sub);
    fb.call(rec);
    fb.localGet(frame);
    fb.load(Opcode.I32Load);
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Ne);
    fb.if_();
    fb.unreachable();
    fb.end();
    fb.finish();

    // Over-aligned frame: returns the frame address (must be 64-aligned) and restores sp.
    fb = unit.function('aligned', unit.signature([], [i32]));
    const af = fb.frame(10, 64);
    fb.localGet(af);
    fb.finish();

    // Branch to the function label with a frame (wrapped body), single and multiple results.
    fb = unit.function('brout', ii);
    fb.frame(16);
    fb.i32Const(11);
    fb.localGet(fb.param(0));
    fb.brIf(0);
    fb.drop();
    fb.i32Const(22);
    fb.finish();
    fb = unit.function('brout2', unit.signature([i32], [i32, i32]));
    fb.frame(16);
    fb.block();
    fb.i32Const(1);
    fb.i32Const(2);
    fb.localGet(fb.param(0));
    fb.brIf(1);
    fb.drop();
    fb.drop();
    fb.end();
    fb.i32Const(3);
    fb.i32Const(4);
    fb.finish();
    // A zero-size frame keeps dynamic allocations (sp -= 32) from leaking.
    fb = unit.function('alloca', unit.signature([], [i32]));
    fb.frame(0);
    fb.stackPointerGet();
    fb.i32Const(32);
    fb.op(Opcode.I32Sub);
    fb.stackPointerSet();
    fb.stackPointerGet();
    fb.finish();

    const x = await run(unit);
    const sp0 = x.get_sp();
    expect(sp0).toBe(65536);
    expect(x.rec(5)).toBe(sp0 - 6 * 32); // 24 rounds up to 32 per frame
    expect(x.get_sp()).toBe(sp0);
    const a = x.aligned();
    expect(a % 64).toBe(0);
    expect(a).toBeLessThanOrEqual(sp0 - 16);
    expect(x.get_sp()).toBe(sp0);
    expect(x.brout(1)).toBe(11);
    expect(x.get_sp()).toBe(sp0);
    expect(x.brout(0)).toBe(22);
    expect(x.get_sp()).toBe(sp0);
    expect(x.brout2(1)).toEqual([1, 2]);
    expect(x.brout2(0)).toEqual([3, 4]);
    expect(x.get_sp()).toBe(sp0);
    expect(x.alloca()).toBe(sp0 - 32);
    expect(x.get_sp()).toBe(sp0);
  });
});

describe('post-MVP instruction sets', () => {
  test('bulk memory: memory.fill and overlapping memory.copy', async () => {
    const { unit } = session();
    const fb = unit.function('fillcopy', unit.signature([i32], [i64]));
    const p = fb.param(0);
    fb.localGet(p);
    fb.i32Const(0xab);
    fb.i32Const(4);
    fb.memoryFill();
    fb.localGet(p);
    fb.i32Const(2);
    fb.op(Opcode.I32Add);
    fb.localGet(p);
    fb.i32Const(4);
    fb.memoryCopy();
    fb.localGet(p);
    fb.load(Opcode.I64Load);
    fb.finish();
    const x = await run(unit);
    expect(x.fillcopy(256)).toBe(0xababababababn);
  });

  test('SIMD: const, splat, lanes, shuffle, loads and stores, plain ops', async () => {
    const { unit } = session();
    let fb = unit.function('lanes', unit.signature([i32], [i32]));
    fb.v128Const([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
    fb.localGet(fb.param(0));
    fb.simd(SimdOp.I32x4Splat);
    fb.simd(SimdOp.I32x4Add);
    fb.i32Const(100);
    fb.simdLane(SimdOp.I32x4ReplaceLane, 0);
    fb.simdLane(SimdOp.I32x4ExtractLane, 3);
    fb.finish();

    // Store a shuffled vector to memory, then load lane / load32_zero / extract
    fb = unit.function('shuf', unit.signature([i32], [i32]));
    const p = fb.param(0);
    const v = fb.local(v128);
    fb.localGet(p);
    fb.v128Const([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    fb.v128Const([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    fb.i8x16Shuffle([31, 0, 30, 1, 29, 2, 28, 3, 16, 16, 16, 16, 15, 15, 15, 15]);
    fb.simdMem(SimdOp.V128Store, 16);
    fb.localGet(p);
    fb.simdMem(SimdOp.V128Load, 16);
    fb.localSet(v);
    fb.localGet(p);
    fb.localGet(v);
    fb.simdMemLane(SimdOp.V128Load8Lane, 5, 16 + 1);
    fb.simdLane(SimdOp.I8x16ExtractLaneU, 5); // byte 1 of the shuffle: 0
    fb.localGet(p);
    fb.simdMem(SimdOp.V128Load32Zero, 16);
    fb.simdLane(SimdOp.I32x4ExtractLane, 0); // bytes 31,0,30,1
    fb.op(Opcode.I32Add);
    fb.localGet(p);
    fb.localGet(v);
    fb.simdMemLane(SimdOp.V128Store16Lane, 6, 40); // bytes 12,13 of v: 15,15
    fb.localGet(p);
    fb.load(Opcode.I32Load16U, 40);
    fb.op(Opcode.I32Add);
    fb.finish();

    fb = unit.function('fmul', unit.signature([f32], [f32]));
    fb.localGet(fb.param(0));
    fb.simd(SimdOp.F32x4Splat);
    fb.v128Const(new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer));
    fb.simd(SimdOp.F32x4Mul);
    fb.simdLane(SimdOp.F32x4ExtractLane, 2);
    fb.finish();

    const x = await run(unit);
    expect(x.lanes(10)).toBe(14);
    expect(x.shuf(512)).toBe(0 + (31 | (0 << 8) | (30 << 16) | (1 << 24)) + (15 | (15 << 8)));
    expect(x.fmul(1.5)).toBe(4.5);
  });

  test('atomics: rmw, cmpxchg, load/store, fence, notify', async () => {
    const { unit } = session();
    const fb = unit.function('atom', unit.signature([i32], [i32]));
    const p = fb.param(0);
    const acc = fb.local(i32);
    fb.localGet(p);
    fb.i32Const(5);
    fb.atomic(AtomicOp.I32AtomicStore);
    fb.localGet(p);
    fb.i32Const(3);
    fb.atomic(AtomicOp.I32AtomicRmwAdd); // old 5, now 8
    fb.localSet(acc);
    fb.localGet(p);
    fb.i32Const(8);
    fb.i32Const(100);
    fb.atomic(AtomicOp.I32AtomicRmwCmpxchg); // old 8, now 100
    fb.localGet(acc);
    fb.op(Opcode.I32Add);
    fb.localSet(acc);
    fb.atomicFence();
    fb.localGet(p);
    fb.atomic(AtomicOp.I32AtomicLoad);
    fb.localGet(acc);
    fb.op(Opcode.I32Add);
    fb.localGet(p);
    fb.i32Const(1);
    fb.atomic(AtomicOp.MemoryAtomicNotify); // nobody waits: 0
    fb.op(Opcode.I32Add);
    fb.finish();
    const x = await run(unit);
    expect(x.atom(64)).toBe(5 + 8 + 100);
  });

  test('reference types: ref.null/is_null, ref.func, table.get/set/size/grow/fill', async () => {
    const { unit } = session();
    const ii = unit.signature([i32], [i32]);
    let fb = unit.function('sq', ii);
    fb.localGet(fb.param(0));
    fb.localGet(fb.param(0));
    fb.op(Opcode.I32Mul);
    fb.finish();
    const sq = fb.sym;
    // Put ref.func sq into slot 0 (never used by the layout) and call through it.
    fb = unit.function('viaref', ii);
    fb.i32Const(0);
    fb.refFunc(sq);
    fb.tableSet();
    fb.localGet(fb.param(0));
    fb.i32Const(0);
    fb.callIndirect(ii);
    fb.finish();
    fb = unit.function('nulls', unit.signature([], [i32]));
    fb.refNull();
    fb.op(Opcode.RefIsNull);
    fb.i32Const(1);
    fb.tableGet();
    fb.op(Opcode.RefIsNull); // slot 1 holds a function
    fb.op(Opcode.I32Add);
    fb.finish();
    // grow by 3 nulls: returns the old size; then fill 3 new slots with sq; size afterwards
    fb = unit.function('growfill', unit.signature([], [i32]));
    const old = fb.local(i32);
    fb.refNull();
    fb.i32Const(3);
    fb.tableGrow();
    fb.localTee(old);
    fb.refFunc(sq);
    fb.i32Const(3);
    fb.tableFill();
    fb.i32Const(6);
    fb.localGet(old);
    fb.i32Const(2);
    fb.op(Opcode.I32Add);
    fb.callIndirect(ii);
    fb.tableSize();
    fb.i32Const(1000);
    fb.op(Opcode.I32Mul);
    fb.op(Opcode.I32Add);
    fb.finish();

    const x = await run(unit);
    expect(x.viaref(7)).toBe(49);
    expect(x.nulls()).toBe(1);
    const size0 = (x.table as WebAssembly.Table).length;
    expect(x.growfill()).toBe(36 + (size0 + 3) * 1000);
  });
});
