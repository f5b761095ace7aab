// Relocation of object chunks while they are copied to the output. Code is copied with each
// relocated LEB rewritten in its compact form (the body shrinks; wasm-ld keeps 5-byte padding),
// unless DWARF is kept, whose code offsets need the original layout. Data and custom sections
// are patched in place (fixed-width fields). No closures or objects per relocation.
import { RelocSet } from '../formats/object';
import { ByteWriter } from '../formats/byte-writer';
import { putPaddedS32, putPaddedU32, putS32, putU32 } from '../formats/leb128';
import { Reloc, SymKind } from '../formats/wasm';
import { LinkContext, ObjFile } from './context';
import { dataAddress, functionIndex, globalIndexOf, Plan, tableNumberOf, tagIndexOf } from './layout';
import { mapPieceOffset } from './merge-strings';
import { SymState, SYNTHETIC_FILE } from './symbols';

/** Offsets the output writer learns as it goes, needed by FUNCTION_OFFSET / SECTION_OFFSET. */
export interface OutputOffsets {
  /** Output function index → offset of its body (after the size LEB) in the CODE payload. */
  funcBodyOffset: Int32Array;
  /** Output function index → offset of the byte after its body in the CODE payload. */
  funcBodyEnd: Int32Array;
}

export class Relocator {
  constructor(private ctx: LinkContext, private plan: Plan, readonly offsets: OutputOffsets) {}

  /** The value a relocation resolves to; `tombstone` replaces references to dead code in debug info. */
  value(file: ObjFile, type: number, index: number, addend: number, siteVA: number, tombstone: number): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (type === Reloc.TYPE_INDEX_LEB) return file.typeMap[index];
    const id = file.symIds[index];
    if (tombstone !== 0 && !this.isLiveTarget(id)) return tombstone;
    switch (type) {
      case Reloc.FUNCTION_INDEX_LEB:
      case Reloc.FUNCTION_INDEX_I32:
        return functionIndex(ctx, id);
      case Reloc.TABLE_INDEX_SLEB:
      case Reloc.TABLE_INDEX_I32:
      case Reloc.TABLE_INDEX_SLEB64:
      case Reloc.TABLE_INDEX_I64:
        return syms.tableIndex[id];
      case Reloc.MEMORY_ADDR_LEB:
      case Reloc.MEMORY_ADDR_SLEB:
      case Reloc.MEMORY_ADDR_I32:
      case Reloc.MEMORY_ADDR_LEB64:
      case Reloc.MEMORY_ADDR_SLEB64:
      case Reloc.MEMORY_ADDR_I64:
        if (syms.state[id] !== SymState.Defined) return 0;
        return (dataAddress(ctx, id) + addend) >>> 0;
      case Reloc.MEMORY_ADDR_REL_SLEB:
        // Relative to __memory_base, which is 0 in a non-PIC link.
        if (syms.state[id] !== SymState.Defined) return 0;
        return (dataAddress(ctx, id) + addend) | 0;
      case Reloc.TABLE_INDEX_REL_SLEB:
        return syms.tableIndex[id];
      case Reloc.MEMORY_ADDR_LOCREL_I32:
        return (dataAddress(ctx, id) + addend - siteVA) | 0;
      case Reloc.GLOBAL_INDEX_LEB:
      case Reloc.GLOBAL_INDEX_I32:
        return globalIndexOf(ctx, id);
      case Reloc.TAG_INDEX_LEB:
        return tagIndexOf(ctx, id);
      case Reloc.TABLE_NUMBER_LEB:
        return tableNumberOf(ctx, id);
      case Reloc.FUNCTION_OFFSET_I32:
      case Reloc.FUNCTION_OFFSET_I64: {
        const fi = functionIndex(ctx, id) - this.plan.numImportedFunctions;
        return fi >= 0 ? this.offsets.funcBodyOffset[fi] + addend : addend;
      }
      case Reloc.SECTION_OFFSET_I32: {
        const f = syms.file[id];
        if (f === SYNTHETIC_FILE) return addend;
        const target = ctx.files[f];
        const section = target.obj.symbols.index[syms.local[id]];
        const pieces = target.customPieces.get(section);
        if (pieces) return mapPieceOffset(pieces, addend);
        return (target.customOutOffset.get(section) ?? 0) + addend;
      }
      case Reloc.MEMORY_ADDR_TLS_SLEB:
      case Reloc.MEMORY_ADDR_TLS_SLEB64: {
        const tls = ctx.segments.find((s) => s.isTls);
        return (dataAddress(ctx, id) + addend - (tls ? tls.va : 0)) | 0;
      }
      default:
        return ctx.diag.fatal(`${file.name}: relocation type ${type} is not supported in this kind of output`);
    }
  }

  private isLiveTarget(id: number): boolean {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined) return false;
    const f = syms.file[id];
    if (f === SYNTHETIC_FILE) return true;
    const file = ctx.files[f];
    const t = file.obj.symbols;
    const local = syms.local[id];
    switch (t.kind[local]) {
      case SymKind.Function: {
        const d = t.index[local] - file.obj.numImportedFunctions;
        return file.funcLive[d] === 1 && file.funcDiscarded[d] === 0;
      }
      case SymKind.Data: return file.segLive[t.index[local]] === 1;
      case SymKind.Global: return file.globalLive[t.index[local] - file.obj.numImportedGlobals] === 1;
      default: return true;
    }
  }

  /**
   * Copies defined function `i` of `file` (its body, without the size prefix) to `w`, applying
   * its relocations. `padded` keeps 5-byte LEBs (for DWARF); otherwise LEBs become compact.
   */
  copyFunction(file: ObjFile, i: number, w: ByteWriter, padded: boolean): void {
    const obj = file.obj;
    const src = obj.bytes;
    let cursor = obj.codeStart[i];
    const end = cursor + obj.codeSize[i];
    const rs = file.codeRelocs;
    const r0 = file.funcRelocStart[i], r1 = file.funcRelocStart[i + 1];
    w.reserve(end - cursor);
    if (!rs || r0 === r1) {
      w.range(src, cursor, end);
      return;
    }
    const base = obj.codeSectionStart;
    for (let r = r0; r < r1; r++) {
      const type = rs.type[r];
      const site = base + rs.offset[r];
      if (site > cursor) w.range(src, cursor, site);
      const v = this.value(file, type, rs.index[r], rs.addend[r], 0, 0);
      w.reserve(10);
      switch (type) {
        case Reloc.MEMORY_ADDR_SLEB:
        case Reloc.TABLE_INDEX_SLEB:
        case Reloc.MEMORY_ADDR_TLS_SLEB:
        case Reloc.MEMORY_ADDR_REL_SLEB:
        case Reloc.TABLE_INDEX_REL_SLEB:
          w.pos = padded ? putPaddedS32(w.buf, w.pos, v) : putS32(w.buf, w.pos, v);
          cursor = site + lebLength(src, site, end);
          break;
        case Reloc.TABLE_INDEX_I32: case Reloc.MEMORY_ADDR_I32: case Reloc.FUNCTION_OFFSET_I32:
        case Reloc.SECTION_OFFSET_I32: case Reloc.GLOBAL_INDEX_I32: case Reloc.MEMORY_ADDR_LOCREL_I32:
        case Reloc.FUNCTION_INDEX_I32:
          w.u32le(v);
          cursor = site + 4;
          break;
        case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_I64:
        case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_I64: case Reloc.FUNCTION_OFFSET_I64:
        case Reloc.MEMORY_ADDR_REL_SLEB64: case Reloc.TABLE_INDEX_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB64:
          this.ctx.diag.fatal(`${file.name}: 64-bit relocations (wasm64) are not supported yet`);
        // falls through: fatal never returns
        default:
          // Unsigned LEBs: function, type, global, tag and table indexes, memory offsets.
          w.pos = padded ? putPaddedU32(w.buf, w.pos, v) : putU32(w.buf, w.pos, v);
          cursor = site + lebLength(src, site, end);
          break;
      }
    }
    if (end > cursor) w.range(src, cursor, end);
  }

  /**
   * Patches fixed-width and padded-LEB relocations of a data segment or custom section that was
   * already copied to `dst` at `dstStart` (its source started at section offset `srcOffset`).
   */
  patchInPlace(file: ObjFile, rs: RelocSet, r0: number, r1: number, dst: Uint8Array, dstStart: number,
    srcOffset: number, baseVA: number, tombstone: number): void {
    for (let r = r0; r < r1; r++) {
      const type = rs.type[r];
      const rel = rs.offset[r] - srcOffset;
      const at = dstStart + rel;
      const v = this.value(file, type, rs.index[r], rs.addend[r], baseVA + rel, tombstone);
      switch (type) {
        case Reloc.TABLE_INDEX_I32: case Reloc.MEMORY_ADDR_I32: case Reloc.FUNCTION_OFFSET_I32:
        case Reloc.SECTION_OFFSET_I32: case Reloc.GLOBAL_INDEX_I32: case Reloc.MEMORY_ADDR_LOCREL_I32:
        case Reloc.FUNCTION_INDEX_I32:
          dst[at] = v & 0xff; dst[at + 1] = (v >>> 8) & 0xff; dst[at + 2] = (v >>> 16) & 0xff; dst[at + 3] = (v >>> 24) & 0xff;
          break;
        case Reloc.MEMORY_ADDR_I64: case Reloc.TABLE_INDEX_I64: case Reloc.FUNCTION_OFFSET_I64: {
          // Tombstones are all-ones 64-bit values; other values fit in 32 bits here.
          const hi = tombstone !== 0 && v === tombstone ? 0xffffffff : 0;
          dst[at] = v & 0xff; dst[at + 1] = (v >>> 8) & 0xff; dst[at + 2] = (v >>> 16) & 0xff; dst[at + 3] = (v >>> 24) & 0xff;
          dst[at + 4] = hi & 0xff; dst[at + 5] = hi & 0xff; dst[at + 6] = hi & 0xff; dst[at + 7] = hi & 0xff;
          break;
        }
        default:
          if (isSignedLeb(type)) putPaddedS32(dst, at, v);
          else putPaddedU32(dst, at, v);
          break;
      }
    }
  }
}

function isSignedLeb(type: number): boolean {
  return type === Reloc.MEMORY_ADDR_SLEB || type === Reloc.TABLE_INDEX_SLEB || type === Reloc.MEMORY_ADDR_TLS_SLEB
    || type === Reloc.MEMORY_ADDR_REL_SLEB || type === Reloc.TABLE_INDEX_REL_SLEB;
}

/** Length of the LEB at `pos` (padded or not), bounded by `end`. */
function lebLength(b: Uint8Array, pos: number, end: number): number {
  let n = 1;
  while (b[pos + n - 1] & 0x80 && pos + n < end && n < 10) n++;
  return n;
}
