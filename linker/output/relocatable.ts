// `-r` / `--relocatable` output: the inputs (object files, compiler units, archive members they
// pulled in) combined into one relocatable object (tool-conventions Linking.md: `linking` v2 with
// symbol table, segment info, init functions and comdats; `reloc.*` sections) that wasm-ld or
// wlink links later. Nothing is garbage-collected and nothing is placed for good.
//
// Shape, as wasm-ld -r writes it: undefined functions, globals, tables and tags become imports; the
// memory is defined (its initial pages cover the data); input data segments stay separate
// segments, placed one after another; the objects' own tables and tags are kept, after the imported
// ones; custom sections of one name are concatenated; every symbol appears once. Object code is
// copied with its (padded) relocated fields rewritten for the new index spaces and its relocations
// re-targeted; compiler units are lowered by Emit in its relocatable mode (relocatable-unit-target.ts), which reports a
// relocation for every index and address it writes.
import { emitFunction } from '../../codegen/emit';
import { emitData } from '../../codegen/emit-data';
import { DataSym, MirFunc } from '../../codegen/ids';
import { ByteWriter } from '../../formats/byte-writer';
import { putPaddedS32, putPaddedU32, putU32, sizeU32 } from '../../formats/leb128';
import { hi32, lo32, putPaddedS64Halves } from '../../formats/leb64';
import { symbolName } from '../../formats/object';
import { relocAddend } from '../../formats/relocations';
import { FuncType, Import, RelocSet } from '../../formats/object-model';
import { RelocList } from '../../formats/reloc-list';
import { ExternalKind, isTableIndexReloc, LinkingSub, Reloc, SectionId, SegmentFlag, SymFlag, SymKind, ValType } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { displayName } from '../../demangle/demangle';
import { alignTo, createOutputSegments, MergedChunk } from '../core/output-segments';
import { mapPieceOffset } from '../core/merge-strings';
import { OutputSegment } from '../core/plan';
import { LimitFlag, NameSub, writeFuncType, writeFunctionName, writeModuleName, writeNameMap, writeProducers,
  writeTargetFeatures } from './module';
import { ptrConst } from './instructions';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { UnitTarget } from './relocatable-unit-target';
import { collectCustomSections, comdatGroups, CustomOut, mapSectionSymbols, orderSymbols, sectionName } from './relocatable-symbols';
import { functionType } from '../core/synthetic';

const PAGE = 65536;

export function writeRelocatable(ctx: LinkContext): Uint8Array {
  return new RelocatableWriter(ctx).write();
}

class RelocatableWriter {
  private readonly syms;
  private types: FuncType[] = [];
  private typeIndex = new Map<string, number>();
  /** Output symbol table: SymIds in order; outSym maps a SymId to its entry. */
  private symOrder: SymId[] = [];
  private outSym = new Map<SymId, number>();
  /** Address-taken functions in slot order, and each one's slot (see collectTableEntries). */
  private tableEntries: SymId[] = [];
  private tableSlot = new Map<SymId, number>();
  /** Symbols other than globals that code reads through `global.get sym@GOT`: each gets a global (below). */
  private gotEntries: SymId[] = [];
  private gotIndex = new Map<SymId, number>();
  /** The indirect function table was made for a function GOT entry: imported after all else. */
  private lateTable = false;
  private funcImports: SymId[] = [];
  private globalImports: SymId[] = [];
  private tableImports: SymId[] = [];
  private tagImports: SymId[] = [];
  private index = new Map<SymId, number>(); // function / global / table index of a symbol
  /** Output data segments (an object's segments and units' data items, grouped by name; see placeData). */
  private segments: OutputSegment[] = [];
  private mergedChunks: MergedChunk[] = [];
  /** The segment placeRefFuncTable adds, if any. */
  private refFuncSegment: OutputSegment | null = null;
  private customs: CustomOut[] = [];
  /** Output symbols of functions that units take with ref.func (see placeRefFuncTable). */
  readonly refFuncTargets = new Set<number>();
  private customByName = new Map<string, CustomOut>();
  private codeRelocs = new RelocList();
  private dataRelocs = new RelocList();
  private numFuncs = 0;
  private numGlobals = 0;
  private numTags = 0;
  private numTables = 0;
  /** Output function index → offset of its body in the code section payload. */
  private bodyOffset: number[] = [];
  /** Output section index of each custom section (set while assembling). */
  private customSectionIndex = new Map<CustomOut, number>();

  constructor(private readonly ctx: LinkContext) {
    this.syms = ctx.syms;
  }

  write(): Uint8Array {
    this.customs = collectCustomSections(this.ctx);
    for (const c of this.customs) this.customByName.set(c.name, c);
    this.symOrder = orderSymbols(this.ctx, this.customs);
    this.symOrder.forEach((id, k) => this.outSym.set(id, k));
    this.collectTableEntries(); // may insert the table symbol
    mapSectionSymbols(this.ctx, this.customByName, this.outSym);
    this.assignIndexes();
    this.registerTypes();
    this.placeData();
    const code = this.emitCode();
    this.placeRefFuncTable();
    const data = this.emitDataSection();
    return this.assemble(code, data);
  }

  /**
   * Functions whose address is taken (TABLE_INDEX relocations of code and data, in wasm-ld's scan
   * order: file by file, code then data) get slots of the indirect function table from
   * --table-base on, which an element segment fills, as wasm-ld -r does. So do functions read
   * through their GOT entry (`global.get f@GOT`, a GLOBAL_INDEX relocation against a function or
   * data symbol): wasm-ld -r gives each such symbol a global of its own, `GOT.func.internal.NAME`
   * holding the function's slot or `GOT.data.internal.NAME` holding the data's address in the
   * object, which the code's global.get names; the relocation still names the symbol, so the final
   * link makes its own. The table is then imported
   * (`env.__indirect_function_table`, a symbol the linker adds if no input names it), and so is it
   * for an MVP object that calls through the table without a symbol for it. The same pass finds
   * the types call_indirect uses (TYPE_INDEX relocations): they come first in the type section,
   * file by file in each file's type order, as in wasm-ld.
   */
  private collectTableEntries(): void {
    const syms = this.syms;
    const base = this.ctx.options.tableBase;
    // One slot per function, not per symbol: a function and its aliases share it, as in wasm-ld.
    const slotOfFunction = new Map<string, number>();
    const functionKey = (id: SymId): string => {
      if (syms.state[id] !== SymState.Defined) return `u${id}`;
      const f = syms.file[id];
      return f === SYNTHETIC_FILE ? `s${syms.local[id]}` : `${f}:${this.ctx.files[f].obj.symbols.index[syms.local[id]]}`;
    };
    const scan = (file: ObjFile, rs: RelocSet | null) => {
      if (!rs) return;
      for (let r = 0; r < rs.type.length; r++) {
        if (rs.type[r] === Reloc.TYPE_INDEX_LEB) {
          typeUsed[rs.index[r]] = 1;
          continue;
        }
        const id = file.symIds[rs.index[r]];
        if (rs.type[r] === Reloc.GLOBAL_INDEX_LEB || rs.type[r] === Reloc.GLOBAL_INDEX_I32) {
          if (syms.kind[id] === SymKind.Global || this.gotIndex.has(id)) continue;
          this.gotIndex.set(id, -1); // numbered after the inputs' globals (assignIndexes)
          this.gotEntries.push(id);
        } else if (!isTableIndexReloc(rs.type[r])) continue;
        if (syms.kind[id] !== SymKind.Function || syms.isStub[id] || this.tableSlot.has(id)) continue;
        const key = functionKey(id);
        let slot = slotOfFunction.get(key);
        if (slot === undefined) {
          slot = base + this.tableEntries.length;
          slotOfFunction.set(key, slot);
          this.tableEntries.push(id);
        }
        this.tableSlot.set(id, slot);
      }
    };
    let typeUsed = new Uint8Array(0);
    for (const file of this.ctx.files) {
      typeUsed = new Uint8Array(file.obj.types.length);
      scan(file, file.codeRelocs);
      scan(file, file.dataRelocs);
      for (let t = 0; t < typeUsed.length; t++) if (typeUsed[t]) this.type(file.obj.types[t]);
    }
    let table = syms.find('__indirect_function_table');
    if (table >= 0 && this.outSym.has(table)) {
      // An input's table symbol, or the one entered for an MVP object that imports the table
      // without a symbol, which wasm-ld marks NO_STRIP.
      if (syms.local[table] < 0 && syms.state[table] !== SymState.Defined) syms.flags[table] |= SymFlag.NoStrip;
      return;
    }
    const gotFunction = this.gotEntries.some((id) => syms.kind[id] === SymKind.Function);
    if (this.tableEntries.length === 0 && !gotFunction) return;
    if (table < 0) {
      table = syms.add('__indirect_function_table', SymKind.Table, true);
      syms.state[table] = SymState.Undefined;
      syms.file[table] = SYNTHETIC_FILE;
    }
    if (gotFunction) {
      // wasm-ld makes the table when it meets the first function GOT entry, after it has chosen the
      // other imports: hidden, imported last (so not always table 0).
      syms.flags[table] |= SymFlag.VisibilityHidden;
      this.lateTable = true;
    } else {
      syms.flags[table] |= SymFlag.NoStrip; // as wasm-ld marks the table it adds
    }
    // After the global symbols of the inputs, before the local ones, where wasm-ld enters it.
    let at = this.symOrder.length;
    while (at > 0 && !syms.isGlobal[this.symOrder[at - 1]]) at--;
    this.symOrder.splice(at, 0, table);
    this.symOrder.forEach((id, k) => this.outSym.set(id, k));
  }

  /**
   * The type section's order, as wasm-ld's: the call_indirect types (collectTableEntries), then
   * those of imported functions, defined functions, imported tags and defined tags.
   */
  private registerTypes(): void {
    const ctx = this.ctx;
    for (const id of this.funcImports) this.type(functionType(ctx, id));
    for (const f of ctx.synthFuncs) this.type(f.type);
    for (const file of ctx.files) {
      for (let i = 0; i < file.obj.functionTypes.length; i++) if (!file.funcDiscarded[i]) this.type(file.obj.types[file.obj.functionTypes[i]]);
    }
    for (const id of this.tagImports) this.type(this.tagImportType(id));
    for (const file of ctx.files) for (const t of file.obj.tagTypes) this.type(file.obj.types[t]);
  }

  /** The table slot of function `id` (0 if its address is never taken). */
  slotOf(id: SymId): number {
    return this.tableSlot.get(id) ?? 0;
  }

  private assignIndexes(): void {
    const syms = this.syms;
    for (const id of this.symOrder) {
      if (syms.state[id] === SymState.Defined) continue;
      switch (syms.kind[id]) {
        case SymKind.Function: this.index.set(id, this.funcImports.push(id) - 1); break;
        case SymKind.Global: this.index.set(id, this.globalImports.push(id) - 1); break;
        case SymKind.Table:
          // The indirect function table is table 0, as wasm-ld allocates it (some inputs require it).
          if (syms.nameOf(id) === '__indirect_function_table' && !this.lateTable) this.tableImports.unshift(id);
          else this.tableImports.push(id);
          break;
        case SymKind.Tag: this.index.set(id, this.tagImports.push(id) - 1); break;
        default: break;
      }
    }
    this.tableImports.forEach((id, k) => this.index.set(id, k));
    this.numFuncs = this.funcImports.length;
    this.numGlobals = this.globalImports.length;
    this.numTags = this.tagImports.length;
    this.numTables = this.tableImports.length;
    // Signature-mismatch stubs come first among the definitions, as in wasm-ld -r.
    for (const f of this.ctx.synthFuncs) f.outIndex = this.numFuncs++;
    for (const file of this.ctx.files) {
      for (let i = 0; i < file.obj.functionTypes.length; i++) if (!file.funcDiscarded[i]) file.funcOut[i] = this.numFuncs++;
      for (let i = 0; i < file.obj.globals.length; i++) if (!file.globalDiscarded[i]) file.globalOut[i] = this.numGlobals++;
      for (let i = 0; i < file.obj.tagTypes.length; i++) file.tagOut[i] = this.numTags++;
      for (let i = 0; i < file.obj.tables.length; i++) file.tableOut[i] = this.numTables++;
    }
    for (const id of this.gotEntries) this.gotIndex.set(id, this.numGlobals++);
    // A defined symbol's index is that of the definition it resolved to.
    for (const id of this.symOrder) {
      if (syms.state[id] !== SymState.Defined || syms.kind[id] === SymKind.Section) continue;
      if (syms.file[id] === SYNTHETIC_FILE) {
        this.index.set(id, this.ctx.synthFuncs[syms.local[id]].outIndex);
        continue;
      }
      const file = this.ctx.files[syms.file[id]];
      const t = file.obj.symbols;
      const local = syms.local[id];
      if (syms.kind[id] === SymKind.Function) this.index.set(id, file.funcOut[t.index[local] - file.obj.numImportedFunctions]);
      else if (syms.kind[id] === SymKind.Global) this.index.set(id, file.globalOut[t.index[local] - file.obj.numImportedGlobals]);
      else if (syms.kind[id] === SymKind.Tag) this.index.set(id, file.tagOut[t.index[local] - file.obj.numImportedTags]);
      else if (syms.kind[id] === SymKind.Table) this.index.set(id, file.tableOut[t.index[local] - file.obj.numImportedTables]);
    }
  }

  /**
   * Data segments as wasm-ld -r makes them (createOutputSegments): input segments of one name
   * share an output segment, except those of COMDAT groups, and strings are merged at -O1 and
   * above; the output segments follow one another from address 0. Each file's segOut and segVA
   * columns get its segments' output segment and address.
   */
  private placeData(): void {
    for (const file of this.ctx.files) file.segOut.fill(-1);
    this.segments = createOutputSegments(this.ctx, this.mergedChunks);
    const chunkSegment = new Int32Array(this.mergedChunks.length);
    let va = 0;
    this.segments.forEach((seg, k) => {
      va = alignTo(va, 2 ** seg.alignLog2);
      seg.va = va;
      for (let p = 0; p < seg.files.length; p++) {
        if (seg.files[p] < 0) {
          this.mergedChunks[seg.segs[p]].va = va + seg.offsets[p];
          chunkSegment[seg.segs[p]] = k;
          continue;
        }
        const file = this.ctx.files[seg.files[p]];
        file.segOut[seg.segs[p]] = k;
        file.segVA[seg.segs[p]] = va + seg.offsets[p];
      }
      va += seg.size;
    });
    for (const file of this.ctx.files) {
      file.segPieces.forEach((merged, i) => { if (merged) file.segOut[i] = chunkSegment[merged.chunk]; });
    }
  }

  /**
   * Each output segment's flags: RETAIN and STRINGS of its inputs together, so that the final link
   * still keeps and merges them. wasm-ld 19 and 21 write no flags at all, which loses retained data
   * and string merging across the -r boundary; later wasm-ld carries them. TLS is left out, as
   * wasm-ld leaves it: the segment is named .tdata, which makes it thread-local to every reader.
   */
  private segmentFlags(): Uint32Array {
    const flags = new Uint32Array(this.segments.length);
    const kept = SegmentFlag.Retain | SegmentFlag.Strings;
    for (const file of this.ctx.files) {
      file.obj.segments.forEach((seg, i) => { if (file.segOut[i] >= 0) flags[file.segOut[i]] |= seg.segFlags & kept; });
    }
    if (this.refFuncSegment) flags[this.segments.indexOf(this.refFuncSegment)] = SegmentFlag.Retain;
    return flags;
  }

  /**
   * `ref.func f` is valid only when f is declared in an element segment. wasm-ld gives no such
   * declaration to a FUNCTION_INDEX_LEB reference, so the functions units take with ref.func also
   * get a retained table of their addresses (TABLE_INDEX_I32): wasm-ld then puts them in the table.
   */
  private placeRefFuncTable(): void {
    const targets = [...this.refFuncTargets];
    if (targets.length === 0) return;
    const end = this.segments.reduce((m, seg) => Math.max(m, seg.va + seg.size), 0);
    this.refFuncSegment = { name: '.data.rel.ro.wlink_ref_func', alignLog2: 2, size: 4 * targets.length, va: alignTo(end, 4),
      isBss: false, isTls: false, files: [], segs: [], offsets: [] };
    this.segments.push(this.refFuncSegment);
  }

  private type(t: FuncType): number {
    let k = this.typeIndex.get(t.key);
    if (k === undefined) {
      k = this.types.push(t) - 1;
      this.typeIndex.set(t.key, k);
    }
    return k;
  }

  // ---- values of indexes and addresses in the output object --------------------------------

  symbolIndex(id: SymId): number {
    return this.outSym.get(id)!;
  }

  indexOf(id: SymId): number {
    return this.index.get(id) ?? 0;
  }

  /** Segment address + offset of a defined data symbol; 0 when undefined. */
  addressOf(id: SymId): number {
    const syms = this.syms;
    if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Data) return 0;
    const file = this.ctx.files[syms.file[id]];
    const t = file.obj.symbols;
    const seg = t.index[syms.local[id]];
    if (file.segOut[seg] < 0) return 0;
    const merged = file.segPieces[seg];
    if (merged) return this.mergedChunks[merged.chunk].va + mapPieceOffset(merged.pieces, t.offset[syms.local[id]]);
    return file.segVA[seg] + t.offset[syms.local[id]];
  }

  typeOf(t: FuncType): number {
    return this.type(t);
  }

  constSymbol(c: number): SymId {
    return this.ctx.files[this.ctx.constPool].symIds[c];
  }

  /** The (value, output index, output addend) of an object relocation. */
  private retarget(file: ObjFile, type: number, index: number, addend: number): [number, number, number] {
    if (type === Reloc.TYPE_INDEX_LEB) {
      const k = this.type(file.obj.types[index]);
      return [k, k, addend];
    }
    const id = file.symIds[index];
    const sym = this.symbolIndex(id);
    switch (type) {
      case Reloc.GLOBAL_INDEX_LEB: case Reloc.GLOBAL_INDEX_I32:
        return [this.gotIndex.get(id) ?? this.indexOf(id), sym, addend];
      case Reloc.FUNCTION_INDEX_LEB: case Reloc.FUNCTION_INDEX_I32: case Reloc.TABLE_NUMBER_LEB: case Reloc.TAG_INDEX_LEB:
        return [this.indexOf(id), sym, addend];
      case Reloc.TABLE_INDEX_SLEB: case Reloc.TABLE_INDEX_I32:
      case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_I64:
        return [this.slotOf(id), sym, addend];
      case Reloc.TABLE_INDEX_REL_SLEB: case Reloc.TABLE_INDEX_REL_SLEB64: // relative to __table_base
        return [this.slotOf(id) === 0 ? 0 : this.slotOf(id) - this.ctx.options.tableBase, sym, addend];
      case Reloc.MEMORY_ADDR_LEB: case Reloc.MEMORY_ADDR_SLEB: case Reloc.MEMORY_ADDR_I32:
      case Reloc.MEMORY_ADDR_REL_SLEB: case Reloc.MEMORY_ADDR_TLS_SLEB: case Reloc.MEMORY_ADDR_LOCREL_I32:
      case Reloc.MEMORY_ADDR_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB64:
        // An undefined data symbol is 0, its addend not added (as wasm-ld).
        return [this.syms.state[id] === SymState.Defined ? (this.addressOf(id) + addend) | 0 : 0, sym, addend];
      case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_I64:
        // wasm64: the whole address (an addend may take it past 4 GiB).
        return [this.syms.state[id] === SymState.Defined ? this.addressOf(id) + addend : 0, sym, addend];
      case Reloc.FUNCTION_OFFSET_I32: case Reloc.FUNCTION_OFFSET_I64: {
        const fi = this.indexOf(id);
        return [(this.bodyOffset[fi] ?? 0) + addend, sym, addend];
      }
      case Reloc.SECTION_OFFSET_I32: {
        // The section symbol now stands for the concatenated section: add this chunk's place.
        const target = this.ctx.files[this.syms.file[id]] ?? file;
        const name = sectionName(target, target.obj.symbols.index[this.syms.local[id]]);
        const chunk = this.customByName.get(name)?.chunks.find((c) => c.file === file.id);
        const pieces = chunk && target.customPieces.get(target.obj.customSections[chunk.index].sectionIndex);
        const a = pieces ? mapPieceOffset(pieces, addend) : (chunk?.offset ?? 0) + addend;
        return [a, sym, a];
      }
      default:
        return this.ctx.diag.fatal(`${file.name}: relocation type ${type} is not supported in -r output yet`);
    }
  }

  /** Rewrites the relocated fields of [r0, r1) copied to dst (source section offset `srcBase` ↦ dst `dstBase`). */
  private relocate(file: ObjFile, rs: RelocSet, r0: number, r1: number, dst: Uint8Array, srcBase: number, dstBase: number,
    out: RelocList, outBase: number): void {
    for (let r = r0; r < r1; r++) {
      const type = rs.type[r];
      const at = dstBase + rs.offset[r] - srcBase;
      const [v, index, addend] = this.retarget(file, type, rs.index[r], relocAddend(rs, r));
      switch (type) {
        case Reloc.TABLE_INDEX_I32: case Reloc.MEMORY_ADDR_I32: case Reloc.FUNCTION_OFFSET_I32:
        case Reloc.SECTION_OFFSET_I32: case Reloc.GLOBAL_INDEX_I32: case Reloc.MEMORY_ADDR_LOCREL_I32:
        case Reloc.FUNCTION_INDEX_I32:
          dst[at] = v & 0xff; dst[at + 1] = (v >>> 8) & 0xff; dst[at + 2] = (v >>> 16) & 0xff; dst[at + 3] = (v >>> 24) & 0xff;
          break;
        case Reloc.MEMORY_ADDR_SLEB: case Reloc.TABLE_INDEX_SLEB: case Reloc.MEMORY_ADDR_TLS_SLEB:
        case Reloc.MEMORY_ADDR_REL_SLEB: case Reloc.TABLE_INDEX_REL_SLEB:
          putPaddedS32(dst, at, v);
          break;
        case Reloc.MEMORY_ADDR_I64: case Reloc.TABLE_INDEX_I64: case Reloc.FUNCTION_OFFSET_I64: {
          // wasm64 data: the value as a 64-bit integer (addresses whole, the rest 32-bit).
          const hi = type === Reloc.MEMORY_ADDR_I64 ? hi32(v) : 0;
          dst[at] = v & 0xff; dst[at + 1] = (v >>> 8) & 0xff; dst[at + 2] = (v >>> 16) & 0xff; dst[at + 3] = (v >>> 24) & 0xff;
          dst[at + 4] = hi & 0xff; dst[at + 5] = (hi >>> 8) & 0xff; dst[at + 6] = (hi >>> 16) & 0xff; dst[at + 7] = (hi >>> 24) & 0xff;
          break;
        }
        case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_REL_SLEB64:
        case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB64: {
          // 10-byte LEBs: addresses whole; a TLS offset or a relative value may be negative; slots are 32-bit.
          const whole = type === Reloc.MEMORY_ADDR_LEB64 || type === Reloc.MEMORY_ADDR_SLEB64 || type === Reloc.MEMORY_ADDR_TLS_SLEB64
            || type === Reloc.MEMORY_ADDR_REL_SLEB64 ? v : v >>> 0;
          putPaddedS64Halves(dst, at, lo32(whole), hi32(whole));
          break;
        }
        default:
          putPaddedU32(dst, at, v);
      }
      out.add(type, outBase + rs.offset[r] - srcBase, index, addend);
    }
  }

  // ---- sections ----------------------------------------------------------------------------

  private emitCode(): ByteWriter {
    const w = new ByteWriter(1024);
    w.u32(this.numFuncs - this.funcImports.length);
    for (const f of this.ctx.synthFuncs) {
      w.u8(3); // size
      this.bodyOffset[f.outIndex] = w.pos;
      w.u8(0); // no locals
      w.u8(0x00); // unreachable
      w.u8(0x0b);
    }
    for (const file of this.ctx.files) {
      const target = file.unit ? new UnitTarget(this, file, this.codeRelocs) : null;
      const obj = file.obj;
      for (let i = 0; i < obj.functionTypes.length; i++) {
        if (file.funcDiscarded[i]) continue;
        const sizeAt = w.pos;
        w.pos += 5; // room for the size; the body moves down once its LEB length is known
        const bodyAt = w.pos;
        const firstReloc = this.codeRelocs.offset.length;
        this.bodyOffset[file.funcOut[i]] = bodyAt;
        if (target) {
          target.base = bodyAt;
          emitFunction(file.unit!.mir, file.unit!.funcMir[i] as MirFunc, target, w);
        } else {
          w.range(obj.bytes, obj.codeStart[i], obj.codeStart[i] + obj.codeSize[i]);
          const rs = file.codeRelocs;
          if (rs) {
            this.relocate(file, rs, file.funcRelocStart[i], file.funcRelocStart[i + 1], w.buf,
              obj.codeStart[i] - obj.codeSectionStart, bodyAt, this.codeRelocs, bodyAt);
          }
        }
        const size = w.pos - bodyAt;
        const shift = 5 - sizeU32(size);
        if (shift > 0) {
          w.buf.copyWithin(bodyAt - shift, bodyAt, w.pos);
          w.pos -= shift;
          this.bodyOffset[file.funcOut[i]] -= shift;
          for (let r = firstReloc; r < this.codeRelocs.offset.length; r++) this.codeRelocs.offset[r] -= shift;
        }
        putU32(w.buf, sizeAt, size);
      }
    }
    return w;
  }

  private emitDataSection(): ByteWriter {
    const w = new ByteWriter(1024);
    w.u32(this.segments.length);
    for (const seg of this.segments) {
      w.u8(0); // active, memory 0
      ptrConst(w, this.ctx.options.wasm64, seg.va);
      w.u8(0x0b);
      w.u32(seg.size);
      w.reserve(seg.size);
      const at = w.pos;
      w.buf.fill(0, at, at + seg.size);
      w.pos += seg.size;
      if (seg === this.refFuncSegment) {
        // The ref.func table: zeros, each slot a TABLE_INDEX_I32 relocation.
        [...this.refFuncTargets].forEach((sym, k) => this.dataRelocs.add(Reloc.TABLE_INDEX_I32, at + 4 * k, sym, 0));
        continue;
      }
      for (let p = 0; p < seg.files.length; p++) this.emitSegmentPart(w.buf, at + seg.offsets[p], seg.files[p], seg.segs[p]);
    }
    return w;
  }

  /** Writes one input segment (or unit data item, or merged string chunk when `f` is -1) at `at`, relocated. */
  private emitSegmentPart(buf: Uint8Array, at: number, f: number, item: number): void {
    if (f < 0) {
      buf.set(this.mergedChunks[item].bytes, at);
      return;
    }
    const file = this.ctx.files[f];
    if (file.unit) {
      const u = file.unit.unit;
      const target = new UnitTarget(this, file, this.dataRelocs);
      target.base = at;
      emitData(u, u.dataSym[item] as DataSym, target, buf, at);
      return;
    }
    const input = file.obj.segments[item];
    buf.set(file.obj.bytes.subarray(input.dataStart, input.dataStart + input.size), at);
    const rs = file.dataRelocs;
    if (rs) this.relocate(file, rs, file.segRelocStart[item], file.segRelocStart[item + 1], buf, input.sectionOffset, at, this.dataRelocs, at);
  }

  private customSection(c: CustomOut, relocs: RelocList): ByteWriter {
    const w = new ByteWriter(c.size + c.name.length + 8);
    w.name(c.name);
    const payload = w.pos;
    if (c.merged) {
      w.bytes(c.merged);
      return w;
    }
    for (const chunk of c.chunks) {
      const file = this.ctx.files[chunk.file];
      const cs = file.obj.customSections[chunk.index];
      const at = w.pos;
      w.range(file.obj.bytes, cs.start, cs.start + cs.size);
      const rs = file.customRelocs.get(cs.sectionIndex);
      if (rs) this.relocate(file, rs, 0, rs.type.length, w.buf, 0, at, relocs, at - payload);
    }
    return w;
  }

  private assemble(code: ByteWriter, data: ByteWriter): Uint8Array {
    const ctx = this.ctx;
    const syms = this.syms;
    const out = new ByteWriter(code.pos + data.pos + 1024);
    out.bytes(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    let sectionCount = 0;
    const section = (id: number, w: ByteWriter) => { out.section(id, w); sectionCount++; };

    const importTypes = this.funcImports.map((id) => this.type(functionType(ctx, id)));
    const importTagTypes = this.tagImports.map((id) => this.type(this.tagImportType(id)));
    if (this.types.length > 0) {
      const types = new ByteWriter();
      types.u32(this.types.length);
      for (const t of this.types) writeFuncType(types, t);
      section(SectionId.Type, types);
    }

    const imports = new ByteWriter();
    imports.u32(this.funcImports.length + this.globalImports.length + this.tableImports.length + this.tagImports.length);
    const importName = (id: SymId) => {
      imports.name(syms.importModule[id] ?? 'env');
      imports.name(syms.importName[id] ?? syms.name[id]);
    };
    const tableImport = (id: SymId) => {
      importName(id);
      imports.u8(ExternalKind.Table);
      const imp = this.importOf(id, ExternalKind.Table);
      imports.u8(imp?.type ?? ValType.FuncRef);
      // 64-bit as its input declares it; the indirect function table also whenever the link is wasm64.
      const is64 = ((imp?.limits?.flags ?? 0) & LimitFlag.Is64) !== 0 || (this.ctx.options.wasm64 && syms.nameOf(id) === '__indirect_function_table');
      imports.u8(is64 ? LimitFlag.Is64 : 0);
      // The indirect function table holds the slots below --table-base and the element segment's.
      imports.u32(syms.nameOf(id) === '__indirect_function_table' ? this.ctx.options.tableBase + this.tableEntries.length : 0);
    };
    // The indirect function table's import comes first, as wasm-ld writes it.
    const indirect = !this.lateTable && this.tableImports.length > 0 && syms.nameOf(this.tableImports[0]) === '__indirect_function_table';
    if (indirect) tableImport(this.tableImports[0]);
    const late = this.lateTable ? this.tableImports[this.tableImports.length - 1] : -1;
    this.funcImports.forEach((id, k) => { importName(id); imports.u8(ExternalKind.Function); imports.u32(importTypes[k]); });
    for (const id of this.globalImports) {
      const g = this.importOf(id, ExternalKind.Global);
      importName(id);
      imports.u8(ExternalKind.Global);
      imports.u8(g?.type ?? 0x7f);
      imports.u8(g?.mutable ? 1 : 0);
    }
    for (const id of this.tableImports.slice(indirect ? 1 : 0)) if (id !== late) tableImport(id);
    this.tagImports.forEach((id, k) => { importName(id); imports.u8(ExternalKind.Tag); imports.u8(0); imports.u32(importTagTypes[k]); });
    if (late >= 0) tableImport(late);
    if (this.funcImports.length + this.globalImports.length + this.tableImports.length + this.tagImports.length > 0) {
      section(SectionId.Import, imports);
    }

    if (this.numFuncs > this.funcImports.length) {
      const funcs = new ByteWriter();
      funcs.u32(this.numFuncs - this.funcImports.length);
      for (const f of ctx.synthFuncs) funcs.u32(this.type(f.type));
      for (const file of ctx.files) {
        for (let i = 0; i < file.obj.functionTypes.length; i++) {
          if (!file.funcDiscarded[i]) funcs.u32(this.type(file.obj.types[file.obj.functionTypes[i]]));
        }
      }
      section(SectionId.Function, funcs);
    }

    if (this.numTables > this.tableImports.length) {
      const tables = new ByteWriter();
      tables.u32(this.numTables - this.tableImports.length);
      for (const file of ctx.files) {
        for (const t of file.obj.tables) {
          tables.u8(t.elemType);
          tables.u8((t.limits.max === null ? 0 : 1) | (t.limits.flags & LimitFlag.Is64));
          tables.u32(t.limits.min);
          if (t.limits.max !== null) tables.u32(t.limits.max);
        }
      }
      section(SectionId.Table, tables);
    }

    const memory = new ByteWriter();
    const end = this.segments.reduce((m, s) => Math.max(m, s.va + s.size), 0);
    memory.u32(1);
    memory.u8(this.ctx.options.wasm64 ? LimitFlag.Is64 : 0);
    memory.u32(Math.ceil(end / PAGE));
    section(SectionId.Memory, memory);

    if (this.numTags > this.tagImports.length) {
      const tags = new ByteWriter();
      tags.u32(this.numTags - this.tagImports.length);
      for (const file of ctx.files) {
        for (const t of file.obj.tagTypes) {
          tags.u8(0); // attribute: exception
          tags.u32(this.type(file.obj.types[t]));
        }
      }
      section(SectionId.Tag, tags);
    }

    if (this.numGlobals > this.globalImports.length) {
      const globals = new ByteWriter();
      globals.u32(this.numGlobals - this.globalImports.length);
      for (const file of ctx.files) {
        file.obj.globals.forEach((g, i) => {
          if (file.globalDiscarded[i]) return;
          globals.u8(g.valType);
          globals.u8(g.mutable ? 1 : 0);
          globals.bytes(file.obj.bytes.subarray(g.initStart, g.initEnd));
        });
      }
      for (const id of this.gotEntries) this.gotGlobal(globals, id);
      section(SectionId.Global, globals);
    }

    const exports = this.exportEntries();
    if (exports.length > 0) {
      const w = new ByteWriter();
      w.u32(exports.length);
      for (const [name, index] of exports) { w.name(name); w.u8(ExternalKind.Function); w.u32(index); }
      section(SectionId.Export, w);
    }

    if (this.tableEntries.length > 0) {
      // One active segment of the indirect function table at --table-base (flags 0 for table 0,
      // else 2 with the table's index and elemkind funcref).
      const table = this.indexOf(syms.find('__indirect_function_table'));
      const elem = new ByteWriter();
      elem.u32(1);
      elem.u32(table === 0 ? 0 : 2);
      if (table !== 0) elem.u32(table);
      ptrConst(elem, this.ctx.options.wasm64, this.ctx.options.tableBase); // i64.const for wasm64's 64-bit table
      elem.u8(0x0b); // end
      if (table !== 0) elem.u8(0); // elemkind: funcref
      elem.u32(this.tableEntries.length);
      for (const id of this.tableEntries) elem.u32(this.indexOf(id));
      section(SectionId.Elem, elem);
    }

    const codeIndex = sectionCount;
    if (this.numFuncs > this.funcImports.length) section(SectionId.Code, code);
    const dataIndex = sectionCount;
    if (this.segments.length > 0) section(SectionId.Data, data);

    const customRelocs: [number, RelocList][] = [];
    for (const c of this.customs) {
      const relocs = new RelocList();
      this.customSectionIndex.set(c, sectionCount);
      customRelocs.push([sectionCount, relocs]);
      section(SectionId.Custom, this.customSection(c, relocs));
    }
    out.section(SectionId.Custom, this.linkingSection());
    if (this.codeRelocs.type.length > 0) out.section(SectionId.Custom, relocSection('reloc.CODE', codeIndex, this.codeRelocs));
    if (this.dataRelocs.type.length > 0) out.section(SectionId.Custom, relocSection('reloc.DATA', dataIndex, this.dataRelocs));
    customRelocs.forEach(([index, relocs], k) => {
      if (relocs.type.length > 0) out.section(SectionId.Custom, relocSection(`reloc.${this.customs[k].name}`, index, relocs));
    });
    const o = ctx.options;
    if (!o.stripAll || o.keepSections.includes('name')) out.section(SectionId.Custom, this.nameSection());
    if (!o.stripAll || o.keepSections.includes('producers')) writeProducers(ctx, out);
    writeTargetFeatures(ctx, out);
    return out.finish();
  }

  /**
   * The name section, as wasm-ld -r writes it: the module (the output's file name), then the names
   * of functions (a name section's or the defining symbol's), globals and data segments, each
   * subsection only when it names something.
   */
  private nameSection(): ByteWriter {
    const ctx = this.ctx;
    const syms = this.syms;
    const demangle = ctx.options.demangle;
    const w = new ByteWriter(1024);
    w.name('name');
    writeModuleName(ctx, w);

    const functions = w.beginSection(1);
    const countAt = w.reserveU32();
    let count = 0;
    this.funcImports.forEach((id, k) => { w.u32(k); w.name(displayName(syms.nameOf(id), demangle)); count++; });
    for (const f of ctx.synthFuncs) { w.u32(f.outIndex); w.name(displayName(f.name, demangle)); count++; }
    for (const file of ctx.files) {
      for (let i = 0; i < file.obj.functionTypes.length; i++) {
        if (!file.funcDiscarded[i] && writeFunctionName(ctx, w, file, i, file.funcOut[i])) count++;
      }
    }
    if (count > 0) {
      w.fillU32(countAt, count);
      w.endSection(functions);
    } else {
      w.pos = functions - 1; // no function names: no subsection
    }

    const globals: [number, string][] = this.globalImports.map((id, k) => [k, syms.nameOf(id)]);
    for (const file of ctx.files) {
      for (let i = 0; i < file.obj.globals.length; i++) {
        if (!file.globalDiscarded[i] && file.globalName[i] >= 0) globals.push([file.globalOut[i], symbolName(file.obj.symbols, file.globalName[i])]);
      }
    }
    for (const id of this.gotEntries) {
      const kind = syms.kind[id] === SymKind.Function ? 'func' : 'data';
      globals.push([this.gotIndex.get(id)!, `GOT.${kind}.internal.${displayName(syms.nameOf(id), demangle)}`]);
    }
    writeNameMap(w, NameSub.Global, globals);
    writeNameMap(w, NameSub.DataSegment, this.segments.map((seg, k) => [k, seg.name]));
    return w;
  }

  /**
   * A GOT global of the object (collectTableEntries), as wasm-ld -r writes it: immutable, the
   * function's table slot, the data's address in the object (0 for undefined data).
   */
  private gotGlobal(w: ByteWriter, id: SymId): void {
    const wasm64 = this.ctx.options.wasm64;
    w.u8(wasm64 ? ValType.I64 : ValType.I32);
    w.u8(0); // immutable (-r and --shared-memory do not go together)
    ptrConst(w, wasm64, this.syms.kind[id] === SymKind.Function ? this.slotOf(id) : this.addressOf(id));
    w.u8(0x0b); // end
  }

  /** Export names given by objects (`export_name`) for kept functions. */
  private exportEntries(): [string, number][] {
    const entries: [string, number][] = [];
    for (const file of this.ctx.files) {
      for (const e of file.obj.exports) {
        if (e.kind !== ExternalKind.Function) continue;
        const d = e.index - file.obj.numImportedFunctions;
        if (d >= 0 && !file.funcDiscarded[d]) entries.push([e.name, file.funcOut[d]]);
      }
    }
    return entries;
  }

  /** The signature an undefined tag was imported with, in the object that first referred to it. */
  private tagImportType(id: SymId): FuncType {
    const file = this.ctx.files[this.syms.file[id]];
    const imp = this.importOf(id, ExternalKind.Tag);
    if (!file || !imp) return this.ctx.diag.fatal(`internal: no import for tag ${this.syms.name[id]}`);
    return file.obj.types[imp.type];
  }

  private importOf(id: SymId, kind: ExternalKind): Import | undefined {
    const file = this.ctx.files[this.syms.file[id]];
    if (!file) return undefined;
    return file.obj.importsByKind[kind][file.obj.symbols.index[this.syms.local[id]]];
  }

  private linkingSection(): ByteWriter {
    const w = new ByteWriter();
    w.name('linking');
    w.u32(2);
    const sub = (id: number, body: ByteWriter) => { w.u8(id); w.u32(body.pos); w.bytes(body.finish()); };
    sub(LinkingSub.SymbolTable, this.symbolTable());

    const info = new ByteWriter();
    info.u32(this.segments.length);
    const flags = this.segmentFlags();
    this.segments.forEach((s, k) => {
      info.name(s.name);
      info.u32(s.alignLog2);
      info.u32(flags[k]);
    });
    sub(LinkingSub.SegmentInfo, info);

    const inits: [number, number][] = [];
    for (const file of this.ctx.files) {
      for (const f of file.obj.initFuncs) {
        const t = file.obj.symbols;
        if (t.kind[f.symbol] === SymKind.Function && !(t.flags[f.symbol] & SymFlag.Undefined)
          && file.funcDiscarded[t.index[f.symbol] - file.obj.numImportedFunctions]) continue;
        inits.push([f.priority, this.symbolIndex(file.symIds[f.symbol])]);
      }
    }
    inits.sort((a, b) => a[0] - b[0]); // stable: by priority, then input order, as wasm-ld lists them
    if (inits.length > 0) {
      const w2 = new ByteWriter();
      w2.u32(inits.length);
      for (const [priority, sym] of inits) { w2.u32(priority); w2.u32(sym); }
      sub(LinkingSub.InitFuncs, w2);
    }

    const comdats = comdatGroups(this.ctx);
    if (comdats.length > 0) {
      const w3 = new ByteWriter();
      w3.u32(comdats.length);
      for (const c of comdats) {
        w3.name(c.name);
        w3.u32(0); // flags
        w3.u32(c.entries.length);
        for (const [kind, index] of c.entries) { w3.u8(kind); w3.u32(index); }
      }
      sub(LinkingSub.ComdatInfo, w3);
    }
    return w;
  }

  private symbolTable(): ByteWriter {
    const syms = this.syms;
    const table = new ByteWriter();
    table.u32(this.symOrder.length);
    for (const id of this.symOrder) {
      const kind = syms.kind[id];
      const defined = syms.state[id] === SymState.Defined;
      let flags = syms.flags[id] & ~SymFlag.Undefined;
      if (!defined) flags |= SymFlag.Undefined;
      if (!syms.isGlobal[id]) flags |= SymFlag.BindingLocal;
      table.u8(kind);
      table.u32(flags);
      if (kind === SymKind.Data) {
        table.name(syms.name[id]);
        if (defined) {
          const file = this.ctx.files[syms.file[id]];
          const t = file.obj.symbols;
          const local = syms.local[id];
          const k = file.segOut[t.index[local]];
          table.u32(Math.max(0, k));
          table.u32(k >= 0 ? this.addressOf(id) - this.segments[k].va : t.offset[local]);
          table.u32(t.size[local]);
        }
        continue;
      }
      if (kind === SymKind.Section) {
        const c = this.customByName.get(syms.name[id]);
        table.u32(c ? this.customSectionIndex.get(c) ?? 0 : 0);
        continue;
      }
      table.u32(this.indexOf(id));
      const name = syms.file[id] === SYNTHETIC_FILE && defined ? this.ctx.synthFuncs[syms.local[id]].name : syms.name[id];
      if (defined || flags & SymFlag.ExplicitName) table.name(name);
    }
    return table;
  }
}

function relocSection(name: string, target: number, r: RelocList): ByteWriter {
  const w = new ByteWriter();
  w.name(name);
  r.writePayload(w, target);
  return w;
}

