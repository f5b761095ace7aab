// The opcode tables of codegen/opcodes.ts checked against wabt: every immediate-free opcode the
// builder accepts validates, every hole is rejected, natural alignments and lane counts are exact
// (one more is invalid), and the builder refuses opcodes that need their own method.
import { AtomicOp, CodegenError, MiscOp, Opcode, SimdOp } from '../../codegen/codegen';
import {
  ATOMICS_ALIGN, ATOMICS_FMT, ATOMICS_MAX_SUB, IMM, Imm, MEM_NATURAL_ALIGN, PFmt, SIMD_ALIGN, SIMD_FMT, SIMD_LANES,
  SIMD_MAX_SUB,
} from '../../codegen/opcodes';
import { putU32 } from '../../formats/leb128';
import { assemble, session, validate } from './helpers';

function leb(v: number): number[] {
  const b = new Uint8Array(5);
  return [...b.subarray(0, putU32(b, 0, v))];
}

/** A module with memory and one function () → () whose body is `unreachable; code...; end`. */
function rawModule(code: number[]): Uint8Array {
  const body = [0x00, 0x00, ...code, 0x0b];
  const section = (id: number, payload: number[]) => [id, ...leb(payload.length), ...payload];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

async function valid(code: number[]): Promise<boolean> {
  return validate(rawModule(code)).then(() => true, () => false);
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

describe('core opcodes', () => {
  test('every immediate-free opcode validates after unreachable (built, emitted)', async () => {
    const { unit } = session();
    const fb = unit.function('f', unit.signature([], []));
    fb.unreachable();
    const ops = range(0, 0xff).filter((o) => IMM[o] === Imm.None);
    expect(ops.length).toBe(2 + 2 + (0xc4 - 0x45 + 1) + 1);
    for (const o of ops) {
      fb.op(o as Opcode);
      fb.drop();
    }
    fb.finish();
    await validate(assemble(unit).bytes);
  });

  test('op() refuses opcodes with immediates, MIR tags and unknown bytes', () => {
    const { unit } = session();
    const fb = unit.function('f', unit.signature([], []));
    for (const o of [Opcode.Block, Opcode.End, Opcode.Br, Opcode.Call, Opcode.LocalGet, Opcode.GlobalGet,
      Opcode.I32Load, Opcode.I32Const, Opcode.Return, Opcode.RefFunc, 0x06, 0xe0, 0xf0, 0xfc, 0x100]) {
      expect(() => fb.op(o as Opcode)).toThrow(CodegenError);
    }
  });

  test('natural alignment of loads and stores is the largest valid', async () => {
    for (const o of range(Opcode.I32Load, Opcode.I64Store32)) {
      const a = MEM_NATURAL_ALIGN[o];
      expect([o, await valid([o, a, 0, 0x1a])]).toEqual([o, true]);
      expect([o, await valid([o, a + 1, 0, 0x1a])]).toEqual([o, false]);
    }
  });
});

describe('prefixed opcodes', () => {
  test('every immediate-free SIMD op validates; each hole is rejected', async () => {
    const { unit } = session();
    const fb = unit.function('f', unit.signature([], []));
    fb.unreachable();
    const plain = range(0, SIMD_MAX_SUB).filter((s) => SIMD_FMT[s] === PFmt.None);
    for (const s of plain) {
      fb.simd(s);
      fb.drop();
    }
    fb.finish();
    await validate(assemble(unit).bytes);
    const holes = range(0, SIMD_MAX_SUB).filter((s) => SIMD_FMT[s] === PFmt.Invalid);
    expect(holes.length).toBe(20);
    for (const s of holes) expect([s, await valid([0xfd, ...leb(s), 0x1a])]).toEqual([s, false]);
    expect(await valid([0xfd, ...leb(SIMD_MAX_SUB + 1), 0x1a])).toBe(false);
  });

  test('SIMD memory ops: natural alignment valid, one more invalid', async () => {
    for (const s of range(0, SIMD_MAX_SUB).filter((x) => SIMD_FMT[x] === PFmt.MemArg || SIMD_FMT[x] === PFmt.MemArgLane)) {
      const lane = SIMD_FMT[s] === PFmt.MemArgLane ? [0] : [];
      const a = SIMD_ALIGN[s];
      expect([s, await valid([0xfd, ...leb(s), a, 0, ...lane, 0x1a])]).toEqual([s, true]);
      expect([s, await valid([0xfd, ...leb(s), a + 1, 0, ...lane, 0x1a])]).toEqual([s, false]);
    }
  });

  test('SIMD lane counts: last lane valid, one more invalid', async () => {
    for (const s of range(0, SIMD_MAX_SUB).filter((x) => SIMD_FMT[x] === PFmt.Lane || SIMD_FMT[x] === PFmt.MemArgLane)) {
      const mem = SIMD_FMT[s] === PFmt.MemArgLane ? [SIMD_ALIGN[s], 0] : [];
      const n = SIMD_LANES[s];
      expect([s, await valid([0xfd, ...leb(s), ...mem, n - 1, 0x1a])]).toEqual([s, true]);
      expect([s, await valid([0xfd, ...leb(s), ...mem, n, 0x1a])]).toEqual([s, false]);
    }
  });

  test('atomics: exactly the natural alignment is valid', async () => {
    for (const s of range(0, ATOMICS_MAX_SUB)) {
      if (ATOMICS_FMT[s] !== PFmt.MemArg) {
        if (s !== AtomicOp.AtomicFence) expect([s, await valid([0xfe, ...leb(s), 2, 0, 0x1a])]).toEqual([s, false]);
        continue;
      }
      const a = ATOMICS_ALIGN[s];
      expect([s, await valid([0xfe, ...leb(s), a, 0, 0x1a])]).toEqual([s, true]);
      expect([s, await valid([0xfe, ...leb(s), a + 1, 0, 0x1a])]).toEqual([s, false]);
      if (a > 0) expect([s, await valid([0xfe, ...leb(s), a - 1, 0, 0x1a])]).toEqual([s, false]);
    }
    expect(await valid([0xfe, 0x03, 0x00])).toBe(true);
  });

  test('every memarg, lane and atomic form built by the builder validates', async () => {
    const { unit } = session();
    const fb = unit.function('f', unit.signature([], []));
    fb.unreachable();
    for (const s of range(0, SIMD_MAX_SUB)) {
      if (SIMD_FMT[s] === PFmt.MemArg) fb.simdMem(s, 8);
      else if (SIMD_FMT[s] === PFmt.MemArgLane) fb.simdMemLane(s, SIMD_LANES[s] - 1, 8);
      else if (SIMD_FMT[s] === PFmt.Lane) fb.simdLane(s, SIMD_LANES[s] - 1);
      else continue;
      fb.drop();
    }
    for (const s of range(0, ATOMICS_MAX_SUB)) {
      if (ATOMICS_FMT[s] !== PFmt.MemArg) continue;
      fb.atomic(s, 4);
      fb.drop();
    }
    for (const s of range(0, 7)) {
      fb.misc(s as MiscOp);
      fb.drop();
    }
    fb.simd(SimdOp.V128Not);
    fb.drop();
    fb.finish();
    await validate(assemble(unit).bytes);
  });
});
