// Relocatable-mode Emit (-r): padded LEB placeholders holding the target's values, one relocation
// per symbolic immediate, at the right offsets and of the right type; plus the exact bytes of the
// stack-frame lowering in both modes.
import { blockSig, emitData, Opcode, RefKind, Unit } from '../../codegen/codegen';
import { Reloc } from '../../formats/wasm';
import { assemble, FakeTarget, i32, i64, readPadded, RelocRecord, session, validate } from './helpers';

/** Reloc types whose placeholder is a signed LEB / a 10-byte LEB. */
const SIGNED = new Set([Reloc.TABLE_INDEX_SLEB, Reloc.MEMORY_ADDR_SLEB, Reloc.TABLE_INDEX_SLEB64, Reloc.MEMORY_ADDR_SLEB64]);
const WIDE = new Set([Reloc.TABLE_INDEX_SLEB64, Reloc.MEMORY_ADDR_SLEB64]);

function checkPlaceholders(target: FakeTarget, bodies: Map<number, Uint8Array>, relocs: RelocRecord[]): void {
  for (const r of relocs) {
    const body = bodies.get(r.func)!;
    const { value, padded } = readPadded(body, r.offset, WIDE.has(r.type) ? 10 : 5, SIGNED.has(r.type));
    expect({ r, padded }).toEqual({ r, padded: true });
    expect({ r, value }).toEqual({ r, value: target.expected(r) });
  }
}

/** A function touching every kind of symbolic reference. */
function buildAll(unit: Unit) {
  const ii = unit.signature([i32], [i32]);
  const helper = unit.function('helper', ii);
  helper.localGet(helper.param(0));
  helper.finish();
  const ext = unit.declareFunction('ext', ii);
  const d = unit.data('d', { bytes: new Uint8Array(16), align: 8 });
  const c = unit.constant(new Uint8Array([1, 2, 3, 4]), 4);
  const g = unit.global('g', { type: i32, mutable: true });
  const pair = unit.signature([i32], [i32, i32]);
  const fb = unit.function('all', ii);
  fb.frame(48);
  fb.localGet(fb.param(0));
  fb.call(helper.sym);
  fb.call(ext);
  fb.funcAddr(helper.sym);
  fb.op(Opcode.I32Add);
  fb.dataAddr(d, 12);
  fb.op(Opcode.I32Add);
  fb.constAddr(c, 2);
  fb.op(Opcode.I32Add);
  fb.globalGet(g);
  fb.op(Opcode.I32Add);
  fb.globalSet(g);
  fb.stackPointerGet();
  fb.stackPointerSet();
  fb.globalGet(g);
  fb.block(blockSig(pair));
  fb.localGet(fb.param(0));
  fb.end();
  fb.op(Opcode.I32Add);
  fb.funcAddr(helper.sym);
  fb.callIndirect(ii);
  fb.i32Const(1);
  fb.refFunc(helper.sym);
  fb.tableSet();
  fb.i32Const(1);
  fb.tableGet();
  fb.drop();
  fb.tableSize();
  fb.drop();
  fb.refNull();
  fb.i32Const(0);
  fb.tableGrow();
  fb.drop();
  fb.i32Const(1);
  fb.refNull();
  fb.i32Const(0);
  fb.tableFill();
  fb.i32Const(0);
  fb.i32Const(1);
  fb.i32Const(0);
  fb.tableCopy();
  fb.finish();
  return fb.sym;
}

describe('relocatable mode', () => {
  test('every symbolic immediate gets a relocation over a padded placeholder', async () => {
    const { unit, mir } = session();
    const all = buildAll(unit);
    const { bytes, target, bodies } = assemble(unit, { relocatable: true });
    await validate(bytes);
    const relocs = target.relocs.filter((r) => r.func === all);
    checkPlaceholders(target, bodies, relocs);

    const kinds = relocs.map((r) => `${r.type}/${r.ref}`).sort();
    const count = (type: Reloc, ref: RefKind) => kinds.filter((k) => k === `${type}/${ref}`).length;
    expect(count(Reloc.FUNCTION_INDEX_LEB, RefKind.Call)).toBe(2);
    expect(count(Reloc.FUNCTION_INDEX_LEB, RefKind.RefFunc)).toBe(1);
    expect(count(Reloc.TABLE_INDEX_SLEB, RefKind.FuncAddr)).toBe(2);
    expect(count(Reloc.MEMORY_ADDR_SLEB, RefKind.Data)).toBe(1);
    expect(count(Reloc.MEMORY_ADDR_SLEB, RefKind.Const)).toBe(1);
    expect(count(Reloc.GLOBAL_INDEX_LEB, RefKind.Global)).toBe(3);
    // prologue get + set, explicit get + set, one epilogue
    expect(count(Reloc.GLOBAL_INDEX_LEB, RefKind.StackPointer)).toBe(5);
    expect(count(Reloc.TYPE_INDEX_LEB, RefKind.Signature)).toBe(2); // block type + call_indirect
    expect(count(Reloc.TABLE_NUMBER_LEB, RefKind.Table)).toBe(8); // call_indirect, get, set, size, grow, fill, copy×2
    expect(relocs.length).toBe(2 + 1 + 2 + 1 + 1 + 3 + 5 + 2 + 8);
    const addends = relocs.filter((r) => r.ref === RefKind.Data || r.ref === RefKind.Const).map((r) => r.addend).sort();
    expect(addends).toEqual([12, 2]);

    // GC's view (forEachReference, no lowering) names exactly what Emit relocated.
    const seen = new Set<string>();
    mir.forEachReference(unit.funcOf(all), (kind, id) => seen.add(`${kind}:${id}`));
    expect([...seen].sort()).toEqual([...new Set(relocs.map((r) => `${r.ref}:${r.index}`))].sort());

    // The executable form of the same function is smaller (compact LEBs) and also valid.
    const exec = assemble(unit);
    await validate(exec.bytes);
    expect(exec.target.relocs).toEqual([]);
    expect(exec.bodies.get(all)!.length).toBeLessThan(bodies.get(all)!.length);
  });

  test('stack frame lowering, exact bytes in both modes', async () => {
    const { unit } = session();
    const fb = unit.function('f', unit.signature([], [i32]));
    const frame = fb.frame(20);
    fb.localGet(frame);
    fb.finish();
    const exec = assemble(unit);
    expect([...exec.bodies.get(fb.sym)!]).toEqual([
      0x01, 0x01, 0x7f, // one i32 local: the frame
      0x23, 0x00, 0x41, 0x20, 0x6b, 0x22, 0x00, 0x24, 0x00, // sp - 32 → frame, sp
      0x20, 0x00, // body
      0x20, 0x00, 0x41, 0x20, 0x6a, 0x24, 0x00, // sp = frame + 32
      0x0b,
    ]);
    const rel = assemble(unit, { relocatable: true });
    expect([...rel.bodies.get(fb.sym)!]).toEqual([
      0x01, 0x01, 0x7f,
      0x23, 0x80, 0x80, 0x80, 0x80, 0x00, 0x41, 0x20, 0x6b, 0x22, 0x00, 0x24, 0x80, 0x80, 0x80, 0x80, 0x00,
      0x20, 0x00,
      0x20, 0x00, 0x41, 0x20, 0x6a, 0x24, 0x80, 0x80, 0x80, 0x80, 0x00,
      0x0b,
    ]);
    expect(rel.target.relocs.map((r) => [r.type, r.offset])).toEqual([
      [Reloc.GLOBAL_INDEX_LEB, 4], [Reloc.GLOBAL_INDEX_LEB, 15], [Reloc.GLOBAL_INDEX_LEB, 28],
    ]);
    await validate(rel.bytes);
  });

  test('over-aligned frame saves the incoming stack pointer; epilogue before each return, not twice', async () => {
    const { unit } = session();
    let fb = unit.function('a', unit.signature([], []));
    fb.frame(8, 64);
    fb.finish();
    fb = unit.function('r', unit.signature([i32], [i32]));
    fb.frame(16);
    fb.localGet(fb.param(0));
    fb.if_();
    fb.i32Const(1);
    fb.return_();
    fb.end();
    fb.i32Const(2);
    fb.return_();
    fb.finish();
    const { bodies, bytes } = assemble(unit);
    await validate(bytes);
    expect([...bodies.get(unit.symbol('a'))!]).toEqual([
      0x01, 0x02, 0x7f, // save, frame
      0x23, 0x00, 0x22, 0x00, 0x41, 0x10, 0x6b, 0x41, 0x40, 0x71, 0x22, 0x01, 0x24, 0x00, // (sp - 16) & -64
      0x20, 0x00, 0x24, 0x00, // sp = save
      0x0b,
    ]);
    const r = [...bodies.get(unit.symbol('r'))!];
    const sets = r.filter((b, i) => b === 0x24 && r[i + 1] === 0x00).length;
    expect(sets).toBe(1 + 2); // prologue + one epilogue per return; the final end is unreachable
  });

  test('wasm64: 10-byte placeholders for addresses and table slots, i64 frame arithmetic', async () => {
    const { unit } = session(true);
    const d = unit.data('d', { bytes: new Uint8Array(8), align: 8 });
    const c = unit.constant(new Uint8Array([9]));
    const fb = unit.function('f', unit.signature([], [i64]));
    const frame = fb.frame(40);
    fb.localGet(frame);
    fb.dataAddr(d, 4);
    fb.op(Opcode.I64Add);
    fb.funcAddr(fb.sym);
    fb.op(Opcode.I64Add);
    fb.constAddr(c);
    fb.load(Opcode.I64Load8U);
    fb.op(Opcode.I64Add);
    fb.finish();
    const rel = assemble(unit, { relocatable: true });
    await validate(rel.bytes);
    checkPlaceholders(rel.target, rel.bodies, rel.target.relocs);
    expect(rel.target.relocs.map((r) => r.type).sort((a, b) => a - b)).toEqual([
      Reloc.GLOBAL_INDEX_LEB, Reloc.GLOBAL_INDEX_LEB, Reloc.GLOBAL_INDEX_LEB,
      Reloc.MEMORY_ADDR_SLEB64, Reloc.MEMORY_ADDR_SLEB64, Reloc.TABLE_INDEX_SLEB64,
    ]);
    const exec = assemble(unit);
    await validate(exec.bytes);
    const body = [...exec.bodies.get(fb.sym)!];
    // i64.const 48; i64.sub in the prologue, i64.add in the epilogue
    expect(body.slice(5, 8)).toEqual([0x42, 0x30, 0x7d]);
    expect(body.slice(-6, -3)).toEqual([0x42, 0x30, 0x7c]);
  });

  test('data relocations: values in place, I32 relocations in -r (I64 on wasm64)', () => {
    for (const memory64 of [false, true]) {
      const { unit } = session(memory64);
      const width = memory64 ? 8 : 4;
      const fb = unit.function('f', unit.signature([], []));
      fb.finish();
      const target = unit.data('target', { bytes: new Uint8Array(32) });
      const c = unit.constant(new Uint8Array([5, 6]));
      const table = unit.data('ptrs', {
        bytes: new Uint8Array(3 * width).fill(0xee),
        relocs: [
          { offset: 0, func: fb.sym },
          { offset: width, data: target, addend: 20 },
          { offset: 2 * width, constant: c, addend: -1 },
        ],
      });
      const t = new FakeTarget(unit, true);
      const out = new Uint8Array(3 * width + 4).fill(0xcc);
      emitData(unit, table, t, out, 2);
      const view = new DataView(out.buffer);
      const read = (off: number) => (memory64 ? Number(view.getBigInt64(2 + off, true)) : view.getInt32(2 + off, true));
      expect(read(0)).toBe(t.tableSlot(fb.sym));
      expect(read(width)).toBe(t.dataAddress(target) + 20);
      expect(read(2 * width)).toBe(t.constAddress(c) - 1);
      expect([out[0], out[1], out[3 * width + 2]]).toEqual([0xcc, 0xcc, 0xcc]);
      expect(t.relocs.map((r) => [r.type, r.offset, r.addend, r.ref])).toEqual(memory64
        ? [[Reloc.TABLE_INDEX_I64, 0, 0, RefKind.FuncAddr], [Reloc.MEMORY_ADDR_I64, 8, 20, RefKind.Data],
          [Reloc.MEMORY_ADDR_I64, 16, -1, RefKind.Const]]
        : [[Reloc.TABLE_INDEX_I32, 0, 0, RefKind.FuncAddr], [Reloc.MEMORY_ADDR_I32, 4, 20, RefKind.Data],
          [Reloc.MEMORY_ADDR_I32, 8, -1, RefKind.Const]]);
      for (const r of t.relocs) expect(t.expected(r)).toBe(read(r.offset));
    }
  });

  test('zero-fill data is written as zeros', () => {
    const { unit } = session();
    const z = unit.data('z', { size: 6 });
    const out = new Uint8Array(8).fill(1);
    emitData(unit, z, new FakeTarget(unit), out, 1);
    expect([...out]).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
    expect(unit.dataSection[0]).toBe('.bss.z');
  });
});
