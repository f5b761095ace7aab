// The Mir store and the Unit symbol table: interning, growth, run-length locals, references
// enumerated without lowering, incremental redefinition, concurrent builders, 64-bit LEBs.
import { blockSig, Mir, Opcode, RefKind, Unit } from '../../codegen/codegen';
import { putPaddedS64Halves, putS64Halves } from '../../formats/leb64';
import { putS64, readS64, skipLeb } from '../../formats/leb128';
import { SymFlag, ValType } from '../../formats/wasm';
import { f32, f64, i32, i64, run, session } from './helpers';

describe('interning', () => {
  test('equal signatures share an id; types read back', () => {
    const mir = new Mir();
    const a = mir.signature([i32, i64], [f32]);
    const b = mir.signature([i32], [i64, f32]);
    expect(mir.signature([i32, i64], [f32])).toBe(a);
    expect(b).not.toBe(a);
    expect(mir.signature([], [])).not.toBe(mir.signature([], [i32]));
    expect([...mir.sigParamTypes(b)]).toEqual([i32]);
    expect([...mir.sigResultTypes(b)]).toEqual([i64, f32]);
    for (let k = 0; k < 200; k++) mir.signature(new Array(k % 7).fill(f64), [i32, i32, i32].slice(0, k % 4));
    expect(mir.sigCount).toBe(2 + 28);
  });

  test('constants are deduplicated by content across units; the largest alignment wins', () => {
    const mir = new Mir();
    const u1 = new Unit(mir, 'a.wat');
    const u2 = new Unit(mir, 'b.wat');
    const c = u1.constant(new Uint8Array([1, 2, 3]), 1);
    expect(u2.constant(new Uint8Array([1, 2, 3]), 8)).toBe(c);
    expect(u1.constant(new Uint8Array([1, 2, 4]))).not.toBe(c);
    expect(u1.constant(new Uint8Array([1, 2]))).not.toBe(c);
    expect(mir.constAlign[c]).toBe(8);
    expect([...mir.constContents(c)]).toEqual([1, 2, 3]);
    const big = new Uint8Array(5000).map((_, i) => i);
    const cb = u2.constant(big.subarray(100, 4100));
    expect([...mir.constContents(cb)]).toEqual([...big.subarray(100, 4100)]);
    expect(mir.constCount).toBe(4);
  });
});

describe('store', () => {
  test('arrays grow by doubling; each function keeps its contiguous slice', async () => {
    const { unit, mir } = session();
    const sig = unit.signature([], [i32]);
    for (let k = 0; k < 1500; k++) {
      const fb = unit.function(`k${k}`, sig);
      fb.i64Const(BigInt(k) << 33n); // one extra pair each
      fb.drop();
      fb.i32Const(k);
      fb.finish();
    }
    const long = unit.function('long', sig);
    for (let k = 0; k < 6000; k++) {
      long.i32Const(k);
      long.drop();
    }
    long.i32Const(7);
    long.finish();
    expect(mir.funcCount).toBe(1501);
    expect(mir.tags.length).toBeGreaterThan(4096); // grew from its initial capacity
    expect(mir.instCount).toBe(1500 * 4 + 12002);
    expect(mir.extraCount).toBe(1500 * 2);
    for (let f = 1; f < mir.funcCount; f++) expect(mir.fInstStart[f]).toBe(mir.fInstEnd[f - 1]);
    expect(mir.instructionCount(unit.funcOf(long.sym))).toBe(12002);
    const x = await run(unit);
    expect(x.k0()).toBe(0);
    expect(x.k777()).toBe(777);
    expect(x.k1499()).toBe(1499);
    expect(x.long()).toBe(7);
  });

  test('locals are stored run-length encoded after the parameters', () => {
    const { unit, mir } = session();
    const fb = unit.function('f', unit.signature([i32, i32], []));
    expect(fb.local(i32)).toBe(2);
    expect(fb.local(i32)).toBe(3);
    expect(fb.local(i64)).toBe(4);
    expect(fb.local(f32, 3)).toBe(5);
    expect(fb.local(f32)).toBe(8);
    expect(fb.local(ValType.V128)).toBe(9);
    const f = fb.finish();
    expect([...mir.localRuns.subarray(mir.fLocalStart[f], mir.fLocalEnd[f])]).toEqual([2, i32, 1, i64, 4, f32, 1, ValType.V128]);
  });

  test('forEachReference lists outgoing references in order, without lowering', () => {
    const { unit, mir } = session();
    const ii = unit.signature([i32], [i32]);
    const multi = unit.signature([], [i32, i32]);
    const callee = unit.declareFunction('callee', ii);
    const d = unit.data('d', { size: 4 });
    const c = unit.constant(new Uint8Array([1]));
    const g = unit.global('g', { type: i32, mutable: true });
    const t2 = unit.table('other');
    const fb = unit.function('f', multi);
    fb.frame(16);
    fb.block(blockSig(multi));
    fb.i32Const(0);
    fb.call(callee);
    fb.funcAddr(callee);
    fb.br(1); // to the function label: wraps the body
    fb.end();
    fb.dataAddr(d);
    fb.constAddr(c);
    fb.globalSet(g);
    fb.refFunc(callee);
    fb.callIndirect(ii, t2);
    fb.tableCopy(t2);
    fb.stackPointerGet();
    fb.drop();
    const f = fb.finish();
    const refs: [RefKind, number][] = [];
    mir.forEachReference(f, (k, id) => refs.push([k, id]));
    const sp = unit.symbol('__stack_pointer');
    const table = unit.symbol('__indirect_function_table');
    const wrapSig = mir.signature([], [i32, i32]);
    expect(refs).toEqual([
      [RefKind.StackPointer, sp], [RefKind.Signature, wrapSig], [RefKind.Signature, multi], [RefKind.Call, callee],
      [RefKind.FuncAddr, callee], [RefKind.Data, d], [RefKind.Const, c], [RefKind.Global, g],
      [RefKind.RefFunc, callee], [RefKind.Signature, ii], [RefKind.Table, t2], [RefKind.Table, t2], [RefKind.Table, table],
      [RefKind.StackPointer, sp],
    ]);
    const dataRefs: [RefKind, number][] = [];
    const p = unit.data('p', { bytes: new Uint8Array(8), relocs: [{ offset: 0, func: callee }, { offset: 4, data: d, addend: 2 }] });
    unit.forEachDataReference(p, (k, id) => dataRefs.push([k, id]));
    expect(dataRefs).toEqual([[RefKind.FuncAddr, callee], [RefKind.Data, d]]);
  });

  test('redefine replaces a body in place (incremental recompile)', async () => {
    const { unit, mir } = session();
    const fb = unit.function('v', unit.signature([], [i32]));
    fb.i32Const(1);
    const f = fb.finish();
    expect((await run(unit)).v()).toBe(1);
    const again = unit.redefine(fb.sym);
    again.i32Const(2);
    again.i32Const(3);
    again.op(Opcode.I32Add);
    expect(again.finish()).toBe(f);
    expect(unit.funcOf(fb.sym)).toBe(f);
    expect(mir.funcCount).toBe(1);
    expect(mir.garbage).toBe(2);
    expect((await run(unit)).v()).toBe(5);
  });

  test('builders may be open at the same time', async () => {
    const { unit } = session();
    const sig = unit.signature([], [i32]);
    const a = unit.function('a', sig);
    const b = unit.function('b', sig);
    a.i32Const(10);
    b.i64Const(5n);
    a.i32Const(20);
    b.op(Opcode.I32WrapI64);
    b.finish();
    a.op(Opcode.I32Sub);
    a.finish();
    const x = await run(unit);
    expect(x.a()).toBe(-10);
    expect(x.b()).toBe(5);
  });
});

describe('unit symbol table', () => {
  test('flags, import and export names, declaration turning into definition', () => {
    const mir = new Mir();
    const unit = new Unit(mir, 'u.wat');
    const sig = unit.signature([], []);
    const fwd = unit.declareFunction('fwd', sig);
    expect(unit.isDefined(fwd)).toBe(false);
    const imp = unit.declareFunction('imp', sig, { importModule: 'm', importName: 'n', weak: true });
    unit.function('fwd', sig, { exportName: 'exported_fwd', hidden: true }).finish();
    unit.function('loc', sig, { binding: 'local' }).finish();
    unit.function('wk', sig, { binding: 'weak', noStrip: true, exportName: true }).finish();
    expect(unit.symbol('fwd')).toBe(fwd);
    expect(unit.isDefined(fwd)).toBe(true);
    expect(unit.symFlags[fwd]).toBe(SymFlag.Exported | SymFlag.VisibilityHidden);
    expect(unit.exportName[fwd]).toBe('exported_fwd');
    expect(unit.symFlags[imp]).toBe(SymFlag.Undefined | SymFlag.BindingWeak | SymFlag.ExplicitName);
    expect([unit.importModule[imp], unit.importName[imp]]).toEqual(['m', 'n']);
    expect(unit.symFlags[unit.symbol('loc')]).toBe(SymFlag.BindingLocal);
    expect(unit.symFlags[unit.symbol('wk')]).toBe(SymFlag.BindingWeak | SymFlag.NoStrip | SymFlag.Exported);
    expect(unit.exportName[unit.symbol('wk')]).toBe('wk');
    expect(unit.symbol('nope')).toBe(-1);

    const ro = unit.data('ro', { bytes: new Uint8Array(1), readonly: true });
    const dd = unit.data('dd', { bytes: new Uint8Array(1), section: 'custom1' });
    expect(unit.dataSection).toEqual(['.rodata.ro', 'custom1']);
    expect([unit.symDef[ro], unit.symDef[dd]]).toEqual([0, 1]);
    const ext = unit.declareGlobal('ext', i64, false);
    expect(unit.isDefined(ext)).toBe(false);
    const defined = unit.global('ext', { type: i64, init: 3n });
    expect(defined).toBe(ext);
    expect(unit.globalCount).toBe(1);
    expect(unit.globalInit[unit.symDef[ext]]).toBe(3n);
    unit.finish();
  });
});

describe('64-bit LEB from halves', () => {
  const cases = [0n, 1n, -1n, 63n, 64n, -64n, -65n, 1n << 31n, -(1n << 31n), (1n << 32n) - 1n, 1n << 32n,
    0x123456789abcdefn, (1n << 63n) - 1n, -(1n << 63n), -(2n ** 40n)];
  test.each(cases)('%s matches the bigint encoder; padded form decodes', (v) => {
    const lo = Number(BigInt.asUintN(32, v));
    const hi = Number(BigInt.asIntN(32, v >> 32n));
    const a = new Uint8Array(10);
    const b = new Uint8Array(10);
    const n = putS64Halves(a, 0, lo, hi);
    expect(n).toBe(putS64(b, 0, v));
    expect([...a]).toEqual([...b]);
    expect(putPaddedS64Halves(a, 0, lo, hi)).toBe(10);
    expect(readS64(a, 0)).toBe(v);
    expect(skipLeb(a, 0)).toBe(10);
  });
});
