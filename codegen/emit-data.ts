// Lowering of a unit's data items and global initializers, the non-code counterpart of emit.ts:
// the linker copies a live data item to its place in a data segment with its pointers resolved
// (or, in -r mode, with MEMORY_ADDR_I32 / TABLE_INDEX_I32 relocations reported).
import { ByteWriter } from '../formats/byte-writer';
import { Reloc, ValType } from '../formats/wasm';
import { EmitTarget } from './emit';
import { ConstId, DataSym, FuncSym, GlobalSym } from './ids';
import { hi32, lo32 } from '../formats/leb64';
import { RefKind } from './mir';
import { Opcode } from './opcodes';
import type { Unit } from './unit';

/**
 * Writes data symbol `sym`'s contents at out[pos..pos+size) with its relocations applied.
 * Relocation offsets passed to addReloc are relative to the item's first byte.
 */
export function emitData(unit: Unit, sym: DataSym, target: EmitTarget, out: Uint8Array, pos: number): void {
  const d = unit.symDef[sym];
  const bytes = unit.dataBytes[d];
  if (bytes) out.set(bytes, pos);
  else out.fill(0, pos, pos + unit.dataSize[d]);
  const mem64 = unit.memory64;
  for (let i = unit.dataRelocStart[d], end = unit.dataRelocEnd[d]; i < end; i++) {
    const off = unit.relocOffset[i];
    const kind = unit.relocKind[i] as RefKind;
    const t = unit.relocTarget[i];
    const addend = unit.relocAddend[i];
    let v: number;
    let type: Reloc;
    if (kind === RefKind.FuncAddr) {
      v = target.tableSlot(t as FuncSym);
      type = mem64 ? Reloc.TABLE_INDEX_I64 : Reloc.TABLE_INDEX_I32;
    } else {
      v = (kind === RefKind.Data ? target.dataAddress(t as DataSym) : target.constAddress(t as ConstId)) + addend;
      type = mem64 ? Reloc.MEMORY_ADDR_I64 : Reloc.MEMORY_ADDR_I32;
    }
    if (target.relocatable) target.addReloc!(type, off, t, addend, kind);
    le32(out, pos + off, lo32(v));
    if (mem64) le32(out, pos + off + 4, hi32(v));
  }
}

/** Writes a defined global's initializer expression (`T.const v; end`). */
export function emitGlobalInit(unit: Unit, sym: GlobalSym, out: ByteWriter): void {
  const g = unit.symDef[sym];
  const init = unit.globalInit[g];
  switch (unit.globalType[g]) {
    case ValType.I32:
      out.u8(Opcode.I32Const);
      out.s32(Number(init));
      break;
    case ValType.I64:
      out.u8(Opcode.I64Const);
      out.s64(BigInt(init));
      break;
    case ValType.F32: {
      out.u8(Opcode.F32Const);
      out.reserve(4);
      new DataView(out.buf.buffer, out.buf.byteOffset).setFloat32(out.pos, Number(init), true);
      out.pos += 4;
      break;
    }
    case ValType.F64: {
      out.u8(Opcode.F64Const);
      out.reserve(8);
      new DataView(out.buf.buffer, out.buf.byteOffset).setFloat64(out.pos, Number(init), true);
      out.pos += 8;
      break;
    }
    case ValType.V128:
      out.u8(Opcode.SimdPrefix);
      out.u32(0x0c); // v128.const 0
      out.bytes(new Uint8Array(16));
      break;
    default:
      // Reference-typed globals start as null.
      out.u8(Opcode.RefNull);
      out.u8(unit.globalType[g]);
  }
  out.u8(Opcode.End);
}

function le32(b: Uint8Array, pos: number, v: number): void {
  b[pos] = v;
  b[pos + 1] = v >>> 8;
  b[pos + 2] = v >>> 16;
  b[pos + 3] = v >>> 24;
}
