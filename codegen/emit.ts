// Emit: lowers one MIR function to the bytes of a code-section entry body (local declarations,
// prologue, instructions, epilogues, `end`) in one loop over the typed arrays. It runs at flush,
// after GC and layout, and asks the linker for final indexes through EmitTarget.
//
// Executable mode writes every index and address as a compact LEB. Relocatable mode (-r) writes
// the same values as 5-byte padded LEBs (10 for 64-bit) and reports a relocation for each, so the
// output stays relinkable. Relocation offsets are relative to the body's first byte (the byte
// after the entry's size LEB).
//
// Stack frame (FuncFlag.Frame). With the usual 16-byte alignment, one local holds the frame:
//   prologue  global.get sp; i32.const size; i32.sub; local.tee frame; global.set sp
//   epilogue  local.get frame; i32.const size; i32.add; global.set sp
// An over-aligned frame (FuncFlag.SaveSp) keeps the incoming stack pointer in a second local:
//   prologue  global.get sp; local.tee save; i32.const size; i32.sub; i32.const -align; i32.and;
//             local.tee frame; global.set sp
//   epilogue  local.get save; global.set sp
// (i64 ops on wasm64.) The epilogue precedes every `return` and the final `end` (skipped when the
// final `end` is unreachable). A function that branches to its own label gets its body wrapped in
// a block (FuncFlag.Wrap) so that those branches also reach the epilogue.
import { ByteWriter } from '../formats/byte-writer';
import { putPaddedS32, putPaddedU32, putS32, putU32 } from '../formats/leb128';
import { Reloc } from '../formats/wasm';
import { BLOCK_TYPE_SIG, ConstId, DataSym, FuncSym, GlobalSym, MirFunc, SigId, TableSym } from './ids';
import { hi32, lo32, putPaddedS64Halves, putS64Halves } from '../formats/leb64';
import { FuncFlag, Mir, RefKind } from './mir';
import { ATOMICS_FMT, IMM, Imm, MirTag, MISC_FMT, Opcode, PFmt, SIMD_FMT } from './opcodes';

/**
 * What Emit asks the linker. Symbols are those of the function's unit (mir.fUnit[f]); signature
 * and constant ids are link-wide. In relocatable mode the returned values are still written (as
 * the placeholder the relocation will overwrite), so they should be the output object's indexes.
 */
export interface EmitTarget {
  functionIndex(sym: FuncSym): number;
  /** Table slot for a function's address (func_addr). */
  tableSlot(sym: FuncSym): number;
  /** Final address of a data symbol (the addend is added by Emit). */
  dataAddress(sym: DataSym): number;
  constAddress(c: ConstId): number;
  globalIndex(sym: GlobalSym): number;
  stackPointerGlobal(): number;
  typeIndex(sig: SigId): number;
  tableNumber(sym: TableSym): number;
  relocatable: boolean;
  /**
   * -r only. `index` is a unit symbol, except for RefKind.Signature (a SigId: TYPE_INDEX_LEB) and
   * RefKind.Const (a ConstId: the linker must give each emitted constant a symbol).
   */
  addReloc?(type: Reloc, offsetInBody: number, index: number, addend: number, ref: RefKind): void;
}

/** Largest encoding of any single instruction except br_table (v128.const: 1 + 3 + 16). */
const MAX_INST = 24;
/** Prologue (+ wrapper block) / epilogue + end, worst case (wasm64, padded). */
const MAX_FRAME_CODE = 64;

/** Appends the body of `f` to `out`; returns its length. */
export function emitFunction(mir: Mir, f: MirFunc, target: EmitTarget, out: ByteWriter): number {
  const rel = target.relocatable;
  if (rel && !target.addReloc) throw new Error('emit: relocatable target without addReloc');
  const start = out.pos;
  const flags = mir.fFlags[f];
  const frame = (flags & FuncFlag.Frame) !== 0;
  const mem64 = (flags & FuncFlag.Mem64) !== 0;

  // Local declarations: run-length (count, type) pairs.
  const ls = mir.fLocalStart[f];
  const le = mir.fLocalEnd[f];
  out.reserve(5 + ((le - ls) >> 1) * 6 + MAX_FRAME_CODE);
  let buf = out.buf;
  let pos = putU32(buf, out.pos, (le - ls) >> 1);
  for (let i = ls; i < le; i += 2) {
    pos = putU32(buf, pos, mir.localRuns[i]);
    buf[pos++] = mir.localRuns[i + 1];
  }

  let sp = -1;
  // The epilogue is the same bytes at every exit: build it once, with the offset of its
  // stack-pointer LEB for -r.
  let epi: Uint8Array | undefined;
  let epiLen = 0;
  let epiSpAt = 0;
  const spSym = mir.fSpSym[f];
  if (frame) {
    sp = target.stackPointerGlobal();
    const size = mir.fFrameSize[f];
    const frameLocal = mir.fFrameLocal[f];
    const save = (flags & FuncFlag.SaveSp) !== 0;
    pos = spIndex(buf, pos, Opcode.GlobalGet, sp, target, start, spSym);
    if (save) {
      buf[pos++] = Opcode.LocalTee;
      pos = putU32(buf, pos, mir.fSaveLocal[f]);
    }
    if (size !== 0 || save) {
      if (size !== 0) pos = addrConst(buf, pos, mem64, size, mem64 ? Opcode.I64Sub : Opcode.I32Sub);
      if (save) pos = addrConst(buf, pos, mem64, -mir.fFrameAlign[f], mem64 ? Opcode.I64And : Opcode.I32And);
      buf[pos++] = Opcode.LocalTee;
      pos = putU32(buf, pos, frameLocal);
      pos = spIndex(buf, pos, Opcode.GlobalSet, sp, target, start, spSym);
    } else {
      // Zero-size frame: only remember the stack pointer so the epilogue can restore it.
      buf[pos++] = Opcode.LocalSet;
      pos = putU32(buf, pos, frameLocal);
    }
    epi = new Uint8Array(MAX_FRAME_CODE);
    epi[0] = Opcode.LocalGet;
    let e = putU32(epi, 1, save ? mir.fSaveLocal[f] : frameLocal);
    if (!save && size !== 0) e = addrConst(epi, e, mem64, size, mem64 ? Opcode.I64Add : Opcode.I32Add);
    epi[e++] = Opcode.GlobalSet;
    epiSpAt = e;
    epiLen = rel ? putPaddedU32(epi, e, sp) : putU32(epi, e, sp);
  }
  if (flags & FuncFlag.Wrap) {
    buf[pos++] = Opcode.Block;
    pos = blockType(buf, pos, mir.fWrapType[f], target, start);
  }

  const tags = mir.tags;
  const data = mir.data;
  const extra = mir.extra;
  const xb = mir.fExtraStart[f];
  const first = mir.fInstStart[f];
  const end = mir.fInstEnd[f];
  for (let i = first; i < end; i++) {
    if (pos + MAX_INST + MAX_FRAME_CODE > buf.length) {
      out.pos = pos;
      out.reserve(MAX_INST + MAX_FRAME_CODE);
      buf = out.buf;
    }
    const tag = tags[i];
    const d = data[i];
    switch (IMM[tag]) {
      case Imm.None:
      case Imm.Control:
        buf[pos++] = tag;
        break;
      case Imm.Return:
        if (epi) pos = epilogue(buf, pos, epi, epiLen, epiSpAt, target, start, spSym);
        buf[pos++] = tag;
        break;
      case Imm.BlockType:
        buf[pos++] = tag;
        pos = blockType(buf, pos, d, target, start);
        break;
      case Imm.Label:
      case Imm.Local:
      case Imm.MemIdx:
        buf[pos++] = tag;
        pos = putU32(buf, pos, d);
        break;
      case Imm.BrTable: {
        const n = extra[xb + d];
        if (pos + 6 + 5 * (n + 1) > buf.length) {
          out.pos = pos;
          out.reserve(6 + 5 * (n + 1));
          buf = out.buf;
        }
        buf[pos++] = tag;
        pos = putU32(buf, pos, n);
        for (let k = 1; k <= n + 1; k++) pos = putU32(buf, pos, extra[xb + d + k]);
        break;
      }
      case Imm.I32:
        buf[pos++] = tag;
        pos = putS32(buf, pos, d);
        break;
      case Imm.F32:
        buf[pos++] = tag;
        pos = le32(buf, pos, d);
        break;
      case Imm.I64:
        buf[pos++] = tag;
        pos = putS64Halves(buf, pos, extra[xb + d], extra[xb + d + 1]);
        break;
      case Imm.F64:
        buf[pos++] = tag;
        pos = le32(buf, pos, extra[xb + d]);
        pos = le32(buf, pos, extra[xb + d + 1]);
        break;
      case Imm.MemArg:
        buf[pos++] = tag;
        pos = putU32(buf, pos, extra[xb + d]);
        pos = putU32(buf, pos, extra[xb + d + 1]);
        break;
      case Imm.SelectT:
        buf[pos++] = tag;
        buf[pos++] = 1;
        buf[pos++] = d;
        break;
      case Imm.HeapType:
        buf[pos++] = tag;
        buf[pos++] = d;
        break;
      case Imm.CallSym:
        buf[pos++] = Opcode.Call;
        pos = index(buf, pos, target.functionIndex(d as FuncSym), target, start, Reloc.FUNCTION_INDEX_LEB, d, RefKind.Call);
        break;
      case Imm.RefFuncSym:
        buf[pos++] = Opcode.RefFunc;
        pos = index(buf, pos, target.functionIndex(d as FuncSym), target, start, Reloc.FUNCTION_INDEX_LEB, d, RefKind.RefFunc);
        break;
      case Imm.FuncAddr:
        pos = address(buf, pos, mem64, target.tableSlot(d as FuncSym), target, start,
          mem64 ? Reloc.TABLE_INDEX_SLEB64 : Reloc.TABLE_INDEX_SLEB, d, 0, RefKind.FuncAddr);
        break;
      case Imm.DataAddr: {
        const sym = extra[xb + d];
        const addend = extra[xb + d + 1] | 0;
        pos = address(buf, pos, mem64, target.dataAddress(sym as DataSym) + addend, target, start,
          mem64 ? Reloc.MEMORY_ADDR_SLEB64 : Reloc.MEMORY_ADDR_SLEB, sym, addend, RefKind.Data);
        break;
      }
      case Imm.ConstAddr: {
        const c = extra[xb + d];
        const addend = extra[xb + d + 1] | 0;
        pos = address(buf, pos, mem64, target.constAddress(c as ConstId) + addend, target, start,
          mem64 ? Reloc.MEMORY_ADDR_SLEB64 : Reloc.MEMORY_ADDR_SLEB, c, addend, RefKind.Const);
        break;
      }
      case Imm.GlobalGetSp:
      case Imm.GlobalSetSp:
        if (sp < 0) sp = target.stackPointerGlobal();
        pos = spIndex(buf, pos, tag === MirTag.GlobalGetSp ? Opcode.GlobalGet : Opcode.GlobalSet, sp, target, start, d);
        break;
      case Imm.GlobalGetSym:
      case Imm.GlobalSetSym:
        buf[pos++] = IMM[tag] === Imm.GlobalGetSym ? Opcode.GlobalGet : Opcode.GlobalSet;
        pos = index(buf, pos, target.globalIndex(d as GlobalSym), target, start, Reloc.GLOBAL_INDEX_LEB, d, RefKind.Global);
        break;
      case Imm.TableGetSym:
      case Imm.TableSetSym:
        buf[pos++] = IMM[tag] === Imm.TableGetSym ? Opcode.TableGet : Opcode.TableSet;
        pos = index(buf, pos, target.tableNumber(d as TableSym), target, start, Reloc.TABLE_NUMBER_LEB, d, RefKind.Table);
        break;
      case Imm.CallIndirectSig: {
        const sig = extra[xb + d];
        const table = extra[xb + d + 1];
        buf[pos++] = Opcode.CallIndirect;
        pos = index(buf, pos, target.typeIndex(sig as SigId), target, start, Reloc.TYPE_INDEX_LEB, sig, RefKind.Signature);
        pos = index(buf, pos, target.tableNumber(table as TableSym), target, start, Reloc.TABLE_NUMBER_LEB, table, RefKind.Table);
        break;
      }
      case Imm.PrefixOp:
        buf[pos++] = d >>> 24;
        pos = putU32(buf, pos, d & 0xffffff);
        break;
      case Imm.MiscPrefix: {
        const x = xb + d;
        const sub = extra[x];
        buf[pos++] = Opcode.MiscPrefix;
        pos = putU32(buf, pos, sub);
        switch (MISC_FMT[sub]) {
          case PFmt.MemIdx:
            pos = putU32(buf, pos, extra[x + 1]);
            break;
          case PFmt.MemIdx2:
            pos = putU32(buf, pos, extra[x + 1]);
            pos = putU32(buf, pos, extra[x + 2]);
            break;
          case PFmt.Table2:
            pos = index(buf, pos, target.tableNumber(extra[x + 1] as TableSym), target, start, Reloc.TABLE_NUMBER_LEB, extra[x + 1], RefKind.Table);
            pos = index(buf, pos, target.tableNumber(extra[x + 2] as TableSym), target, start, Reloc.TABLE_NUMBER_LEB, extra[x + 2], RefKind.Table);
            break;
          case PFmt.Table:
            pos = index(buf, pos, target.tableNumber(extra[x + 1] as TableSym), target, start, Reloc.TABLE_NUMBER_LEB, extra[x + 1], RefKind.Table);
            break;
          default:
            throw badTag(mir, f, tag);
        }
        break;
      }
      case Imm.SimdPrefix: {
        const x = xb + d;
        const sub = extra[x];
        buf[pos++] = Opcode.SimdPrefix;
        pos = putU32(buf, pos, sub);
        switch (SIMD_FMT[sub]) {
          case PFmt.MemArg:
            pos = putU32(buf, pos, extra[x + 1]);
            pos = putU32(buf, pos, extra[x + 2]);
            break;
          case PFmt.MemArgLane:
            pos = putU32(buf, pos, extra[x + 1]);
            pos = putU32(buf, pos, extra[x + 2]);
            buf[pos++] = extra[x + 3];
            break;
          case PFmt.Lane:
            buf[pos++] = extra[x + 1];
            break;
          case PFmt.Bytes16:
          case PFmt.Shuffle:
            for (let w = 1; w <= 4; w++) pos = le32(buf, pos, extra[x + w]);
            break;
          default:
            throw badTag(mir, f, tag);
        }
        break;
      }
      case Imm.AtomicsPrefix: {
        const x = xb + d;
        const sub = extra[x];
        buf[pos++] = Opcode.AtomicsPrefix;
        pos = putU32(buf, pos, sub);
        if (ATOMICS_FMT[sub] === PFmt.Fence) {
          buf[pos++] = 0;
        } else {
          pos = putU32(buf, pos, extra[x + 1]);
          pos = putU32(buf, pos, extra[x + 2]);
        }
        break;
      }
      case Imm.EndFunc:
        if (flags & FuncFlag.Wrap) {
          buf[pos++] = Opcode.End;
          pos = epilogue(buf, pos, epi!, epiLen, epiSpAt, target, start, spSym);
        } else if (epi && !(i > first && isTerminator(tags[i - 1]))) {
          pos = epilogue(buf, pos, epi, epiLen, epiSpAt, target, start, spSym);
        }
        buf[pos++] = Opcode.End;
        break;
      default:
        throw badTag(mir, f, tag);
    }
  }
  out.pos = pos;
  return pos - start;
}

function badTag(mir: Mir, f: MirFunc, tag: number): Error {
  return new Error(`emit: ${mir.unitNames[mir.fUnit[f]]}: function #${mir.fSym[f]}: invalid MIR tag 0x${tag.toString(16)}`);
}

/** After these, the rest of the enclosing block is unreachable. */
function isTerminator(tag: number): boolean {
  return tag === Opcode.Unreachable || tag === Opcode.Br || tag === Opcode.BrTable || tag === Opcode.Return;
}

function le32(b: Uint8Array, pos: number, v: number): number {
  b[pos] = v;
  b[pos + 1] = v >>> 8;
  b[pos + 2] = v >>> 16;
  b[pos + 3] = v >>> 24;
  return pos + 4;
}

/** An index immediate: compact, or padded with a relocation. */
function index(b: Uint8Array, pos: number, v: number, t: EmitTarget, start: number, type: Reloc, sym: number, ref: RefKind): number {
  if (!t.relocatable) return putU32(b, pos, v);
  t.addReloc!(type, pos - start, sym, 0, ref);
  return putPaddedU32(b, pos, v);
}

/** global.get/set of the stack pointer; -r relocates against the unit's `__stack_pointer`. */
function spIndex(b: Uint8Array, pos: number, op: number, sp: number, t: EmitTarget, start: number, spSym: number): number {
  b[pos++] = op;
  return index(b, pos, sp, t, start, Reloc.GLOBAL_INDEX_LEB, spSym, RefKind.StackPointer);
}

/** i32.const / i64.const of an address or table slot, padded with a relocation in -r. */
function address(
  b: Uint8Array, pos: number, mem64: boolean, v: number, t: EmitTarget, start: number, type: Reloc, sym: number,
  addend: number, ref: RefKind,
): number {
  b[pos++] = mem64 ? Opcode.I64Const : Opcode.I32Const;
  if (t.relocatable) t.addReloc!(type, pos - start, sym, addend, ref);
  if (mem64) {
    return t.relocatable ? putPaddedS64Halves(b, pos, lo32(v), hi32(v)) : putS64Halves(b, pos, lo32(v), hi32(v));
  }
  return t.relocatable ? putPaddedS32(b, pos, v) : putS32(b, pos, v);
}

/** `iNN.const v; op` for the frame arithmetic. */
function addrConst(b: Uint8Array, pos: number, mem64: boolean, v: number, op: number): number {
  if (mem64) {
    b[pos++] = Opcode.I64Const;
    pos = putS64Halves(b, pos, lo32(v), hi32(v));
  } else {
    b[pos++] = Opcode.I32Const;
    pos = putS32(b, pos, v);
  }
  b[pos++] = op;
  return pos;
}

function blockType(b: Uint8Array, pos: number, bt: number, t: EmitTarget, start: number): number {
  if ((bt & BLOCK_TYPE_SIG) === 0) {
    b[pos++] = bt;
    return pos;
  }
  const sig = bt & ~BLOCK_TYPE_SIG;
  const v = t.typeIndex(sig as SigId);
  if (!t.relocatable) return putS32(b, pos, v); // block type indexes are s33
  t.addReloc!(Reloc.TYPE_INDEX_LEB, pos - start, sig, 0, RefKind.Signature);
  return putPaddedU32(b, pos, v);
}

function epilogue(
  b: Uint8Array, pos: number, epi: Uint8Array, len: number, spAt: number, t: EmitTarget, start: number, spSym: number,
): number {
  if (t.relocatable) t.addReloc!(Reloc.GLOBAL_INDEX_LEB, pos - start + spAt, spSym, 0, RefKind.StackPointer);
  for (let k = 0; k < len; k++) b[pos + k] = epi[k];
  return pos + len;
}
