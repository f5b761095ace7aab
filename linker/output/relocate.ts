// Relocation of object chunks while they are copied to the output. Code is copied with each
// relocated LEB rewritten in its compact form (the body shrinks; wasm-ld keeps 5-byte padding),
// except bodies that kept DWARF describes, whose offsets need the original layout (module.ts). Data and custom sections
// are patched in place. No closures or objects per relocation.
//
// As in wasm-ld, a relocation site is the whole field its type names (5 bytes for a 32-bit LEB,
// 10 for a 64-bit one, 4 or 8 for the fixed-width types), whatever the input holds there: a padded
// LEB whose bytes were damaged (one that lost a continuation bit, and so ends early) is replaced
// whole, never decoded for its length. The parser has checked that each site lies in its chunk.
import { RelocSet } from '../../formats/object-model';
import { relocAddend } from '../../formats/relocations';
import { ByteWriter } from '../../formats/byte-writer';
import { putPaddedS32, putPaddedU32, putS32, putU32, putU53 } from '../../formats/leb128';
import { hi32, lo32, putPaddedS64Halves, putS64Halves } from '../../formats/leb64';
import { MAX_RELOC_TYPE, Reloc, RELOC_NAMES, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { Plan } from '../core/plan';
import { mapPieceOffset } from '../core/merge-strings';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';

/** Offsets the output writer learns as it goes, needed by FUNCTION_OFFSET / SECTION_OFFSET. */
export interface OutputOffsets {
  /** Output function index → offset of its body (after the size LEB) in the CODE payload. */
  funcBodyOffset: Int32Array;
  /** Output function index → offset of the byte after its body in the CODE payload. */
  funcBodyEnd: Int32Array;
}

/** How a relocation site is written: 32-bit LEBs (5 bytes padded), fixed-width fields, 64-bit LEBs (10 bytes padded). */
const enum Site { ULeb, SLeb, I32, I64, ULeb64, SLeb64 }

/** Site encoding of each relocation type. */
const SITE: Uint8Array = (() => {
  const t = new Uint8Array(MAX_RELOC_TYPE + 1).fill(Site.ULeb);
  for (const r of [Reloc.MEMORY_ADDR_SLEB, Reloc.TABLE_INDEX_SLEB, Reloc.MEMORY_ADDR_TLS_SLEB, Reloc.MEMORY_ADDR_REL_SLEB,
    Reloc.TABLE_INDEX_REL_SLEB]) t[r] = Site.SLeb;
  for (const r of [Reloc.TABLE_INDEX_I32, Reloc.MEMORY_ADDR_I32, Reloc.FUNCTION_OFFSET_I32, Reloc.SECTION_OFFSET_I32,
    Reloc.GLOBAL_INDEX_I32, Reloc.MEMORY_ADDR_LOCREL_I32, Reloc.FUNCTION_INDEX_I32]) t[r] = Site.I32;
  for (const r of [Reloc.MEMORY_ADDR_I64, Reloc.TABLE_INDEX_I64, Reloc.FUNCTION_OFFSET_I64]) t[r] = Site.I64;
  t[Reloc.MEMORY_ADDR_LEB64] = Site.ULeb64; // a wasm64 memarg's offset
  for (const r of [Reloc.MEMORY_ADDR_SLEB64, Reloc.MEMORY_ADDR_REL_SLEB64, Reloc.TABLE_INDEX_SLEB64,
    Reloc.TABLE_INDEX_REL_SLEB64, Reloc.MEMORY_ADDR_TLS_SLEB64]) t[r] = Site.SLeb64; // i64.const
  return t;
})();

/** Per-symbol values the relocations of a link ask for again and again (see Relocator.cached). */
const enum Cached { FunctionIndex = 0, Address = 1, GlobalIndex = 2 }

/**
 * Marks a value not computed yet. Values are kept modulo 2^32 (addresses as int32; their users
 * apply `>>> 0` or `| 0`); a real value equal to this one is just computed again each time.
 */
const NOT_CACHED = -0x80000000;

export class Relocator {
  /**
   * Function index, data address and global index of each symbol, computed on first use.
   * Profiled: finding them through the defining file's tables for each of the ~1M relocations of
   * the large link was ~15% of it; most symbols are the target of many. (Int32: half the cache
   * footprint of float64, which showed as misses.)
   */
  private readonly cache: Int32Array[];
  /** DataViews of the input files' bytes, by file id (see viewOf). */
  private readonly views: (DataView | undefined)[] = [];

  constructor(private ctx: LinkContext, private plan: Plan, readonly offsets: OutputOffsets) {
    const n = ctx.syms.count;
    this.cache = [new Int32Array(n).fill(NOT_CACHED), new Int32Array(n).fill(NOT_CACHED), new Int32Array(n).fill(NOT_CACHED)];
    this.prefill();
  }

  /**
   * Fills the cache for the live functions, globals and data objects define, file by file, while each file's
   * tables are at hand. Filled on first use instead, each value was a chain of cache misses into
   * the defining file's tables (~30 ms of the large link's write stage, profiled).
   */
  private prefill(): void {
    const syms = this.ctx.syms;
    const functions = this.cache[Cached.FunctionIndex], globals = this.cache[Cached.GlobalIndex];
    const addresses = this.cache[Cached.Address];
    const ctx = this.ctx;
    const plan = this.plan;
    for (const file of ctx.files) {
      const t = file.obj.symbols;
      const ids = file.symIds;
      for (let i = 0; i < t.count; i++) {
        const id = ids[i];
        if (!syms.live[id] || syms.local[id] !== i || syms.file[id] !== file.id || syms.state[id] !== SymState.Defined) continue;
        // The plan's lookups, which read this file's tables (at hand now).
        const kind = t.kind[i];
        if (kind === SymKind.Function) functions[id] = plan.functionIndexOf(id);
        else if (kind === SymKind.Global) globals[id] = plan.globalIndexOf(id);
        else if (kind === SymKind.Data) addresses[id] = plan.dataAddressOf(id);
      }
    }
  }

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
        return this.cached(Cached.FunctionIndex, id);
      case Reloc.TABLE_INDEX_SLEB:
      case Reloc.TABLE_INDEX_I32:
      case Reloc.TABLE_INDEX_SLEB64:
      case Reloc.TABLE_INDEX_I64:
        return Math.max(0, syms.tableIndex[id]); // no slot (a stub's): 0
      case Reloc.MEMORY_ADDR_LEB:
      case Reloc.MEMORY_ADDR_SLEB:
      case Reloc.MEMORY_ADDR_I32:
        if (syms.state[id] !== SymState.Defined) return 0;
        return (this.cached(Cached.Address, id) + addend) >>> 0;
      case Reloc.MEMORY_ADDR_LEB64:
      case Reloc.MEMORY_ADDR_SLEB64:
      case Reloc.MEMORY_ADDR_I64:
        // wasm64: the whole address (data may lie above 4 GiB), not the cache's value modulo 2^32.
        if (syms.state[id] !== SymState.Defined) return 0;
        return this.plan.dataAddressOf(id) + addend;
      case Reloc.MEMORY_ADDR_REL_SLEB:
        // Relative to __memory_base, which is 0 in a non-PIC link.
        if (syms.state[id] !== SymState.Defined) return 0;
        return (this.cached(Cached.Address, id) + addend) | 0;
      case Reloc.MEMORY_ADDR_REL_SLEB64:
        // The same in wasm64 position-independent code: the whole offset.
        if (syms.state[id] !== SymState.Defined) return 0;
        return this.plan.dataAddressOf(id) + addend;
      case Reloc.TABLE_INDEX_REL_SLEB:
      case Reloc.TABLE_INDEX_REL_SLEB64:
        // Relative to __table_base (PIC code: its global holds --table-base in a static link).
        return syms.tableIndex[id] < 0 ? 0 : syms.tableIndex[id] - ctx.options.tableBase;
      case Reloc.MEMORY_ADDR_LOCREL_I32:
        return (this.plan.dataAddressOf(id) + addend - siteVA) | 0;
      case Reloc.GLOBAL_INDEX_LEB:
      case Reloc.GLOBAL_INDEX_I32:
        // A function or data symbol is read through its GOT entry, which layout makes for the
        // relocations of live code and data; a custom section's cannot make one.
        if (syms.kind[id] !== SymKind.Global && !this.plan.gotIndex.has(id) && !this.plan.gotImportIndex.has(id)) {
          return ctx.diag.fatal(`${file.name}: ${RELOC_NAMES[type]} against ${syms.kind[id] === SymKind.Function ? 'function' : 'data'} symbol `
            + `${syms.nameOf(id)} outside live code and data: the symbol has no GOT entry`);
        }
        return this.cached(Cached.GlobalIndex, id);
      case Reloc.TAG_INDEX_LEB:
        return this.plan.tagIndexOf(id);
      case Reloc.TABLE_NUMBER_LEB:
        return this.plan.tableIndexOf(id);
      case Reloc.FUNCTION_OFFSET_I32:
      case Reloc.FUNCTION_OFFSET_I64: {
        const fi = this.plan.functionIndexOf(id) - this.plan.numImportedFunctions;
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
      case Reloc.MEMORY_ADDR_TLS_SLEB64:
        // A thread-local symbol's value is already its offset from __tls_base (Plan.dataAddressOf).
        return (this.plan.dataAddressOf(id) + addend) | 0;
      default:
        return ctx.diag.fatal(`${file.name}: relocation type ${type} is not supported in this kind of output`);
    }
  }

  /**
   * value() for a code relocation, with the four kinds that make up ~95% of them (calls, global
   * indexes, memory addresses) read straight from the cache: value() is too large to be inlined
   * into the copy loop, and a call per site showed in profiles.
   */
  private codeValue(file: ObjFile, type: number, index: number, addend: number): number {
    const id = file.symIds[index];
    let c: number | undefined;
    switch (type) {
      case Reloc.FUNCTION_INDEX_LEB:
        c = this.cache[Cached.FunctionIndex][id];
        if (c !== undefined && c !== NOT_CACHED) return c;
        break;
      case Reloc.GLOBAL_INDEX_LEB:
        c = this.cache[Cached.GlobalIndex][id];
        if (c !== undefined && c !== NOT_CACHED) return c;
        break;
      case Reloc.MEMORY_ADDR_LEB:
      case Reloc.MEMORY_ADDR_SLEB:
        c = this.cache[Cached.Address][id];
        if (c !== undefined && c !== NOT_CACHED && this.ctx.syms.state[id] === SymState.Defined) return (c + addend) >>> 0;
        break;
      default:
        break;
    }
    return this.value(file, type, index, addend, 0, 0);
  }

  /** A per-symbol value from the cache (modulo 2^32), computed by the plan's lookups on first use. */
  private cached(which: Cached, id: SymId): number {
    const cache = this.cache[which];
    if (id < cache.length && cache[id] !== NOT_CACHED) return cache[id]; // a later id: a symbol made after this Relocator
    const plan = this.plan;
    const computed = which === Cached.FunctionIndex ? plan.functionIndexOf(id)
      : which === Cached.Address ? plan.dataAddressOf(id) : plan.globalIndexOf(id);
    if (id < cache.length) cache[id] = computed;
    return computed;
  }

  /** A DataView of a file's bytes (made once per file). */
  private viewOf(file: ObjFile): DataView {
    let v = this.views[file.id];
    if (v === undefined) {
      const b = file.obj.bytes;
      this.views[file.id] = v = new DataView(b.buffer, b.byteOffset, b.length);
    }
    return v;
  }

  /** Whether `id` is defined by a chunk that is in the output (what debug-section relocations may point at). */
  isLiveTarget(id: number): boolean {
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
    const start = obj.codeStart[i];
    const end = start + obj.codeSize[i];
    const rs = file.codeRelocs;
    const r0 = file.funcRelocStart[i], r1 = file.funcRelocStart[i + 1];
    w.reserve(end - start);
    if (!rs || r0 === r1) {
      w.range(obj.bytes, start, end);
    } else if (padded || !this.copyCompact(file, rs, r0, r1, start, end, w)) {
      this.patchPaddedCopy(file, rs, r0, r1, start, end, w);
    }
  }

  /**
   * The padded form keeps the body's size, as wasm-ld writes it: copy it whole, then write each
   * site's whole field in place (a later site that overlaps an earlier one overwrites it).
   */
  private patchPaddedCopy(file: ObjFile, rs: RelocSet, r0: number, r1: number, start: number, end: number, w: ByteWriter): void {
    const at = w.pos;
    w.range(file.obj.bytes, start, end);
    const dst = w.buf;
    const delta = at + file.obj.codeSectionStart - start;
    for (let r = r0; r < r1; r++) {
      const type = rs.type[r];
      putSite(dst, delta + rs.offset[r], type, this.value(file, type, rs.index[r], relocAddend(rs, r), 0, 0), 0);
    }
  }

  /**
   * Copies a body up to each site, writing each relocated LEB compact after it. The hot loop of a
   * link whose code shrinks: the gaps between sites are short (~25 bytes), too short for a copy
   * through subarray (an object each), so they are copied four bytes at a time through DataViews
   * (~15% faster than byte by byte, measured), into the buffer copyFunction reserved. The output is
   * never longer than the body: each site gives up its whole field. False, with nothing written
   * (w.pos unmoved), for the bodies only the padded copy writes as wasm-ld does: sites that
   * overlap, or fixed-width 64-bit ones (which an instruction never holds).
   */
  private copyCompact(file: ObjFile, rs: RelocSet, r0: number, r1: number, start: number, end: number, w: ByteWriter): boolean {
    const src = file.obj.bytes;
    const base = file.obj.codeSectionStart;
    const buf = w.buf;
    const out = w.view;
    const input = this.viewOf(file);
    let pos = w.pos;
    let cursor = start;
    for (let r = r0; r < r1; r++) {
      const type = rs.type[r];
      const site = base + rs.offset[r];
      if (site < cursor) return false;
      for (; cursor + 4 <= site; cursor += 4, pos += 4) out.setUint32(pos, input.getUint32(cursor, true), true);
      while (cursor < site) buf[pos++] = src[cursor++];
      switch (SITE[type]) {
        case Site.SLeb:
          pos = putS32(buf, pos, this.codeValue(file, type, rs.index[r], rs.addend[r]));
          cursor = site + 5;
          break;
        case Site.ULeb:
          // Function, type, global, tag and table indexes, memory offsets.
          pos = putU32(buf, pos, this.codeValue(file, type, rs.index[r], rs.addend[r]));
          cursor = site + 5;
          break;
        case Site.I32:
          putU32le(buf, pos, this.codeValue(file, type, rs.index[r], rs.addend[r]));
          pos += 4;
          cursor = site + 4;
          break;
        case Site.ULeb64:
          pos = putU53(buf, pos, this.value(file, type, rs.index[r], relocAddend(rs, r), 0, 0));
          cursor = site + 10;
          break;
        case Site.SLeb64: {
          const v = signed64(type, this.value(file, type, rs.index[r], relocAddend(rs, r), 0, 0));
          pos = putS64Halves(buf, pos, lo32(v), hi32(v));
          cursor = site + 10;
          break;
        }
        default:
          return false;
      }
    }
    // The rest of the body, the same way: a branch to a bulk copy here was taken too rarely to have
    // type feedback, and each first use deoptimized this loop.
    for (; cursor + 4 <= end; cursor += 4, pos += 4) out.setUint32(pos, input.getUint32(cursor, true), true);
    while (cursor < end) buf[pos++] = src[cursor++];
    w.pos = pos;
    return true;
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
      putSite(dst, dstStart + rel, type, this.value(file, type, rs.index[r], relocAddend(rs, r), baseVA + rel, tombstone), tombstone);
    }
  }
}

/** Writes the whole field of a relocation of `type` at `at`, padded as wasm-ld writes it. */
function putSite(dst: Uint8Array, at: number, type: number, v: number, tombstone: number): void {
  switch (SITE[type]) {
    case Site.I32:
      putU32le(dst, at, v);
      break;
    case Site.I64:
      // Tombstones are all-ones 64-bit values (-1, -2); other values are whole numbers (addresses
      // of wasm64 data, which may lie above 4 GiB).
      putU32le(dst, at, v);
      putU32le(dst, at + 4, tombstone !== 0 && v === tombstone ? 0xffffffff : hi32(v));
      break;
    case Site.SLeb:
      putPaddedS32(dst, at, v);
      break;
    case Site.ULeb:
      putPaddedU32(dst, at, v);
      break;
    default: {
      const s = signed64(type, v);
      putPaddedS64Halves(dst, at, lo32(s), hi32(s));
      break;
    }
  }
}

/**
 * A 64-bit LEB site's value as a whole number: table slots and offsets are 32-bit (a TLS offset
 * signed), addresses are whole (value() does not reduce them modulo 2^32).
 */
function signed64(type: number, v: number): number {
  switch (type) {
    case Reloc.MEMORY_ADDR_TLS_SLEB64: return v | 0;
    case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_REL_SLEB64: return v;
    default: return v >>> 0;
  }
}

function putU32le(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff; b[at + 1] = (v >>> 8) & 0xff; b[at + 2] = (v >>> 16) & 0xff; b[at + 3] = (v >>> 24) & 0xff;
}
