// The index plan: what layout decided, read by every writer (the final module, --emit-relocs, the
// link map, an incremental relink). Layout (linker/layout/) fills it; nothing after layout changes
// it, and no writer imports the layout stage.
//
// Where each result lives:
//   - on the Plan: output types, imports, the order of output functions, globals, tags and tables
//     (as (file, index) pairs, file -1 = synthetic), table slots, GOT globals, exports, output data
//     segments and merged string chunks, memory limits;
//   - in per-file typed columns (ObjFile.funcOut, globalOut, tagOut, tableOut, segVA, typeMap) and
//     in the symbol arena (syms.outIndex of imports and linker-defined data symbols, syms.tableIndex),
//     because those are read per relocation, by number;
// and the lookups below turn a symbol into its final index or address whichever place holds it.
// One naming scheme: functionIndexOf, globalIndexOf, tagIndexOf, tableIndexOf (a table number),
// dataAddressOf.
import { FuncType, Limits } from '../../formats/object-model';
import { ExternalKind, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext } from './context';
import { mapPieceOffset } from './merge-strings';
import { isTlsSymbol } from './rules';
import { SymId, SymState, SYNTHETIC_FILE } from './symbols';

export interface ImportEntry {
  sym: SymId;
  module: string;
  name: string;
  kind: ExternalKind;
  typeIndex: number; // functions and tags
  valType: number; // globals; tables other than the indirect function table: their element type
  mutable: boolean;
  /** Tables other than the indirect function table (whose limits are the link's): as the object imports them. */
  limits?: Limits | null;
  /** A GOT entry the loader fills (module GOT.mem or GOT.func; its index is Plan.gotImportIndex's). */
  got?: true;
}

export interface ExportEntry {
  name: string;
  kind: ExternalKind;
  index: number;
  /** The exported symbol (NO_SYM for the memory). */
  sym: SymId;
}

/** An output data segment: input segments merged by name, placed in memory. */
export interface OutputSegment {
  name: string;
  alignLog2: number;
  size: number;
  va: number;
  isBss: boolean;
  isTls: boolean;
  /** Input segments as (file, segment index) pairs in placement order; file -1: merged chunk. */
  files: number[];
  segs: number[];
  /** Offset of each input segment within this output segment. */
  offsets: number[];
}

export class Plan {
  types: FuncType[] = [];
  typeIndex = new Map<string, number>();
  imports: ImportEntry[] = [];
  numImportedFunctions = 0;
  numImportedGlobals = 0;
  numImportedTables = 0;
  numImportedTags = 0;
  /** Output functions after the imports: object functions (file ≥ 0, defined index) or synthetic (file -1). */
  funcFile: number[] = [];
  funcIndex: number[] = [];
  globalFile: number[] = [];
  globalIndex: number[] = [];
  tagFile: number[] = [];
  tagIndex: number[] = [];
  /** Defined tables: object tables (file ≥ 0) or the indirect function table (file -1). */
  tableFile: number[] = [];
  tableIndex: number[] = [];
  indirectTableIndex = -1; // output table number, or -1
  tableLimits: { min: number; max: number | null } = { min: 0, max: null };
  /** Functions with table slots, in slot order (slot = --table-base + position). */
  tableEntries: SymId[] = [];
  /** Some relocation of live code or data takes a function's slot (not only a GOT entry). */
  slotsTaken = false;
  /** Non-global symbols read through GLOBAL_INDEX relocations: each gets an immutable i32 global. */
  gotSymbols: SymId[] = [];
  gotIndex = new Map<SymId, number>();
  /** Output index of the first GOT global (they follow the object globals). */
  gotBase = 0;
  /**
   * Position-independent output: symbols read through GOT.mem / GOT.func imports, in scan order, and
   * their global indexes (layout/pic.ts). A symbol is in these or in gotSymbols, not both.
   */
  gotImports: SymId[] = [];
  gotImportIndex = new Map<SymId, number>();
  /** Shared libraries: weak functions they define and also import, calls going to the import (layout/pic.ts, isInterposable). */
  interposed: Set<SymId> | null = null;
  /** Position-independent output: dylink.0's memory size and alignment (null: not position-independent). */
  dylinkMemory: { size: number; alignLog2: number } | null = null;
  /**
   * Position-independent output with the extended-const feature: data segments and this module's GOT
   * entries are placed by constant expressions (`global.get __memory_base; i32.const N; i32.add`), so
   * the segments stay apart and no start function rebases the GOT (wasm-ld's config->extendedConst).
   */
  extendedConst = false;
  exports: ExportEntry[] = [];
  /** Data symbols exported as immutable i32 globals (wasm-ld's dataAddressGlobals). */
  dataAddressGlobals: SymId[] = [];
  startFunction = -1; // output function index, or -1
  /** Output data segments in memory order. */
  segments: OutputSegment[] = [];
  /** Merged string chunks; OutputSegment entries with file -1 point here. */
  mergedChunks: { bytes: Uint8Array; va: number }[] = [];
  /** The address of the .tdata output segment, where thread-local symbols' offsets start (-1: none). */
  tlsVA = -1;
  /** --shared-memory: the address of __wasm_init_memory's flag (-1: none). */
  initMemoryFlag = -1;
  /** Initial and maximum memory in 64 KiB pages. */
  memoryPages = 0;
  maxMemoryPages: number | null = null;

  constructor(private readonly ctx: LinkContext) {}

  /** The output type index of `t`, added to the type section on first use. */
  registerType(t: FuncType): number {
    let i = this.typeIndex.get(t.key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(t);
      this.typeIndex.set(t.key, i);
    }
    return i;
  }

  /** Final function index of a function symbol (import, object function or synthetic). */
  functionIndexOf(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined || (this.interposed !== null && this.interposed.has(id))) return syms.outIndex[id];
    return this.definedFunctionIndexOf(id);
  }

  /** The index of a defined function's body (what its export names, even when calls go to an import: `interposed`). */
  definedFunctionIndexOf(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    const f = syms.file[id];
    if (f === SYNTHETIC_FILE) return ctx.synthFuncs[syms.local[id]].outIndex;
    const file = ctx.files[f];
    return file.funcOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedFunctions];
  }

  /** Final global index of a global symbol, or of the GOT global of another symbol read as a global. */
  globalIndexOf(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.kind[id] !== SymKind.Global) {
      const imported = this.gotImportIndex.get(id);
      if (imported !== undefined) return imported;
      const got = this.gotIndex.get(id);
      if (got === undefined) throw new Error(`internal: no GOT entry for ${syms.nameOf(id)}`);
      return this.gotBase + got;
    }
    if (syms.state[id] !== SymState.Defined) return syms.outIndex[id];
    const f = syms.file[id];
    if (f === SYNTHETIC_FILE) {
      const g = ctx.synthGlobals[syms.local[id]];
      if (!g) throw new Error(`internal: global symbol ${syms.nameOf(id)} has no definition`);
      return g.outIndex;
    }
    const file = ctx.files[f];
    return file.globalOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedGlobals];
  }

  tagIndexOf(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined) return syms.outIndex[id];
    const file = ctx.files[syms.file[id]];
    return file.tagOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedTags];
  }

  /** Final table number of a table symbol. */
  tableIndexOf(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined || syms.file[id] === SYNTHETIC_FILE) return syms.outIndex[id];
    const file = ctx.files[syms.file[id]];
    return file.tableOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedTables];
  }

  /**
   * A data symbol's value (+0 addend), 0 for undefined ones: its virtual address, but for a
   * thread-local symbol its offset in .tdata, from __tls_base (wasm-ld 21's rule, with or without
   * --shared-memory; wasm-ld 19 gives single-threaded links the address, README).
   */
  dataAddressOf(id: SymId): number {
    const va = this.dataVA(id);
    return this.tlsVA >= 0 && isTlsSymbol(this.ctx, id) ? va - this.tlsVA : va;
  }

  /** Virtual address of a data symbol (+0 addend), 0 for undefined ones, thread-local or not. */
  dataVA(id: SymId): number {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined) return 0;
    const f = syms.file[id];
    if (f === SYNTHETIC_FILE) return syms.outIndex[id];
    const file = ctx.files[f];
    const local = syms.local[id];
    const t = file.obj.symbols;
    if (t.flags[local] & SymFlag.Absolute) return t.offset[local];
    const seg = t.index[local];
    const merged = file.segPieces[seg];
    if (merged) return this.mergedChunks[merged.chunk].va + mapPieceOffset(merged.pieces, t.offset[local]);
    return file.segVA[seg] + t.offset[local];
  }
}
