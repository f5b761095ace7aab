// Stage 3: give every live thing its final place, in wasm-ld's order. Imports first (in symbol
// table order), then synthetic and object functions, globals, tags and tables; table slots for
// address-taken functions; the type section; output data segments merged by name prefix and
// placed in memory after `--global-base`, then the stack, then the heap; exports.
// Nothing is written here: the output stage reads this plan.
import { importOfKind, importTableOf } from '../formats/imports';
import { DataSegment, FuncType, segmentNameStartsWith } from '../formats/object';
import { ExternalKind, MAX_RELOC_TYPE, Reloc, SegmentFlag, SymFlag, SymKind, ValType } from '../formats/wasm';
import { LinkContext, ObjFile, OutputSegment } from './context';
import { hasLiveInitFunction, isExported, isStartStopName, isTableIndexReloc, reportUnresolved } from './gc';
import { NO_SYM, SymId, SymState, SYNTHETIC_FILE } from './symbols';
import { mapPieceOffset, StringMerger } from './merge-strings';
import { addSyntheticFunction, functionType, referenceType, VOID_TYPE } from './synthetic';

export interface ImportEntry {
  sym: SymId;
  module: string;
  name: string;
  kind: ExternalKind;
  typeIndex: number; // functions and tags
  valType: number; // globals
  mutable: boolean;
}

export interface ExportEntry {
  name: string;
  kind: ExternalKind;
  index: number;
  /** The exported symbol (NO_SYM for the memory). */
  sym: SymId;
}

/** An output function: an object function (file ≥ 0, defined index) or synthetic (file -1). */
export interface Plan {
  types: FuncType[];
  typeIndex: Map<string, number>;
  imports: ImportEntry[];
  numImportedFunctions: number;
  numImportedGlobals: number;
  numImportedTables: number;
  numImportedTags: number;
  funcFile: number[];
  funcIndex: number[];
  globalFile: number[];
  globalIndex: number[];
  tagFile: number[];
  tagIndex: number[];
  /** Defined tables: object tables (file ≥ 0) or the indirect function table (file -1). */
  tableFile: number[];
  tableIndex: number[];
  indirectTableIndex: number; // output table number, or -1
  tableLimits: { min: number; max: number | null };
  exports: ExportEntry[];
  /** Data symbols exported as immutable i32 globals (wasm-ld's dataAddressGlobals). */
  dataAddressGlobals: SymId[];
  startFunction: number; // output function index, or -1
}

export function layout(ctx: LinkContext): Plan {
  const plan: Plan = {
    types: [], typeIndex: new Map(), imports: [], numImportedFunctions: 0, numImportedGlobals: 0,
    numImportedTables: 0, numImportedTags: 0, funcFile: [], funcIndex: [], globalFile: [], globalIndex: [],
    tagFile: [], tagIndex: [], tableFile: [], tableIndex: [], indirectTableIndex: -1,
    tableLimits: { min: 0, max: null }, exports: [], dataAddressGlobals: [], startFunction: -1,
  };
  layoutMemory(ctx);
  scanLiveRelocations(ctx, plan);
  createInitMemory(ctx);
  calculateImports(ctx, plan);
  assignIndexes(ctx, plan);
  createCommandExportWrappers(ctx, plan);
  calculateTypes(ctx, plan);
  calculateExports(ctx, plan);
  return plan;
}

export function registerType(plan: Plan, t: FuncType): number {
  let i = plan.typeIndex.get(t.key);
  if (i === undefined) {
    i = plan.types.length;
    plan.types.push(t);
    plan.typeIndex.set(t.key, i);
  }
  return i;
}

function shouldImport(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  const o = ctx.options;
  if (syms.kind[id] === SymKind.Data || !syms.live[id] || syms.state[id] === SymState.Defined) return false;
  if (!syms.usedInObj[id] && id !== ctx.indirectTable) return false;
  if (syms.isWeak(id) && !o.relocatable) return false;
  if (o.relocatable || o.importUndefined || o.unresolvedSymbols === 'import-dynamic') return true;
  if (o.allowUndefinedSymbols.has(syms.nameOf(id))) return true;
  return syms.importName[id] !== undefined;
}

function calculateImports(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  const add = (id: SymId) => {
    const kind = syms.kind[id];
    const entry: ImportEntry = {
      sym: id, module: syms.importModule[id] ?? 'env', name: syms.importName[id] ?? syms.nameOf(id),
      kind: kind === SymKind.Function ? ExternalKind.Function : kind === SymKind.Global ? ExternalKind.Global
        : kind === SymKind.Tag ? ExternalKind.Tag : ExternalKind.Table,
      typeIndex: 0, valType: ValType.I32, mutable: false,
    };
    plan.imports.push(entry);
  };
  const table = ctx.indirectTable;
  if (table >= 0 && ctx.options.importTable && syms.state[table] !== SymState.Defined) {
    syms.live[table] = 1;
    add(table);
  }
  for (let id = 0; id < syms.count; id++) {
    if (id === table || !syms.isGlobal[id] || !shouldImport(ctx, id)) continue;
    add(id);
  }
  let nf = 0, ng = 0, nt = 0, ntag = 0;
  // Functions and globals that import the same thing (module, name and type) share one import, as in wasm-ld.
  const seen = new Map<string, number>();
  const kept: ImportEntry[] = [];
  for (const imp of plan.imports) {
    const id = imp.sym;
    let type = '';
    switch (imp.kind) {
      case ExternalKind.Function: type = functionType(ctx, id).key; break;
      case ExternalKind.Global: {
        const file = ctx.files[syms.file[id]];
        const g = importDesc(file, ExternalKind.Global, file.obj.symbols.index[syms.local[id]]);
        imp.valType = importTableOf(file.obj).type[g];
        imp.mutable = importTableOf(file.obj).mutable[g] === 1;
        type = `${imp.valType}${imp.mutable ? ' mut' : ''}`;
        break;
      }
      default: break; // tables and tags: one import per symbol
    }
    const key = type === '' ? null : `${imp.kind}\0${imp.module}\0${imp.name}\0${type}`;
    const same = key === null ? undefined : seen.get(key);
    if (same !== undefined) {
      syms.outIndex[id] = same;
      continue;
    }
    switch (imp.kind) {
      case ExternalKind.Function: syms.outIndex[id] = nf++; break;
      case ExternalKind.Global: syms.outIndex[id] = ng++; break;
      case ExternalKind.Table: syms.outIndex[id] = nt++; break;
      case ExternalKind.Tag: syms.outIndex[id] = ntag++; break;
    }
    if (key !== null) seen.set(key, syms.outIndex[id]);
    kept.push(imp);
  }
  plan.imports = kept;
  plan.numImportedFunctions = nf;
  plan.numImportedGlobals = ng;
  plan.numImportedTables = nt;
  plan.numImportedTags = ntag;
}

/** Import index (in the file's import table) of the `index`-th import of `kind`. */
function importDesc(file: ObjFile, kind: ExternalKind, index: number): number {
  const imp = importOfKind(file.obj, kind, index);
  if (imp < 0) throw new Error(`internal: import ${index} of kind ${kind} not found in ${file.name}`);
  return imp;
}

function assignIndexes(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  let fi = plan.numImportedFunctions;
  for (let s = 0; s < ctx.synthFuncs.length; s++) {
    const f = ctx.synthFuncs[s];
    if (!f.live) continue;
    f.outIndex = fi++;
    plan.funcFile.push(SYNTHETIC_FILE);
    plan.funcIndex.push(s);
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.funcLive.length; i++) {
      if (!file.funcLive[i] || file.funcDiscarded[i]) continue;
      file.funcOut[i] = fi++;
      plan.funcFile.push(file.id);
      plan.funcIndex.push(i);
    }
  }
  let gi = plan.numImportedGlobals;
  for (let s = 0; s < ctx.synthGlobals.length; s++) {
    const g = ctx.synthGlobals[s];
    if (!g.live) continue;
    g.outIndex = gi++;
    syms.outIndex[g.sym] = g.outIndex;
    plan.globalFile.push(SYNTHETIC_FILE);
    plan.globalIndex.push(s);
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.globalLive.length; i++) {
      if (!file.globalLive[i] || file.globalDiscarded[i]) continue;
      file.globalOut[i] = gi++;
      plan.globalFile.push(file.id);
      plan.globalIndex.push(i);
    }
  }
  ctx.gotBase = gi;
  let ti = plan.numImportedTags;
  for (const file of ctx.files) {
    for (let i = 0; i < file.tagLive.length; i++) {
      if (!file.tagLive[i]) continue;
      file.tagOut[i] = ti++;
      plan.tagFile.push(file.id);
      plan.tagIndex.push(i);
    }
  }
  let tab = plan.numImportedTables;
  const table = ctx.indirectTable;
  // As wasm-ld: the table exists when any input refers to it, even if no live code does.
  const needTable = table >= 0 && syms.state[table] === SymState.Defined
    && (syms.live[table] || syms.usedInObj[table] || ctx.tableEntries.length > 0);
  if (needTable) {
    syms.live[table] = 1;
    syms.outIndex[table] = tab++;
    plan.indirectTableIndex = syms.outIndex[table];
    plan.tableFile.push(SYNTHETIC_FILE);
    plan.tableIndex.push(0);
  } else if (table >= 0 && syms.state[table] !== SymState.Defined && syms.live[table]) {
    plan.indirectTableIndex = syms.outIndex[table];
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.tableLive.length; i++) {
      if (!file.tableLive[i]) continue;
      file.tableOut[i] = tab++;
      plan.tableFile.push(file.id);
      plan.tableIndex.push(i);
    }
  }
  const size = ctx.options.tableBase + ctx.tableEntries.length;
  plan.tableLimits = { min: size, max: ctx.options.growableTable ? null : size };
}

/** Relocation types scanLiveRelocations acts on: type indexes, global indexes, table indexes. */
const LAYOUT_RELOC: Uint8Array = (() => {
  const t = new Uint8Array(MAX_RELOC_TYPE + 1);
  for (let type = 0; type <= MAX_RELOC_TYPE; type++) {
    t[type] = type === Reloc.TYPE_INDEX_LEB || type === Reloc.GLOBAL_INDEX_LEB || type === Reloc.GLOBAL_INDEX_I32 || isTableIndexReloc(type) ? 1 : 0;
  }
  return t;
})();

/**
 * One pass over the relocations of live chunks in wasm-ld's scan order (by file, code then data),
 * for what it learns from them: table slots (from --table-base on) for functions whose address is
 * taken (TABLE_INDEX relocations), GOT globals for non-global symbols read through GLOBAL_INDEX
 * relocations, and the call_indirect signatures (TYPE_INDEX in code), which come first in the type
 * section. One pass rather than one each: each pass over the ~1M relocations of a large link
 * costs ~5 ms.
 */
function scanLiveRelocations(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  const base = ctx.options.tableBase;
  const visit = (file: ObjFile, types: Uint8Array, indexes: Uint32Array, start: number, end: number, code: boolean) => {
    for (let r = start; r < end; r++) {
      const type = types[r];
      if (!LAYOUT_RELOC[type]) continue; // calls and memory addresses: ~80% of them
      if (type === Reloc.TYPE_INDEX_LEB) {
        const t = indexes[r];
        if (code && file.typeMap[t] < 0) file.typeMap[t] = registerType(plan, file.obj.types[t]);
        continue;
      }
      if (type === Reloc.GLOBAL_INDEX_LEB || type === Reloc.GLOBAL_INDEX_I32) {
        const id = file.symIds[indexes[r]];
        if (syms.kind[id] !== SymKind.Global && !ctx.gotIndex.has(id)) {
          ctx.gotIndex.set(id, ctx.gotSymbols.length);
          ctx.gotSymbols.push(id);
          if (syms.kind[id] === SymKind.Function) addSlot(id);
        }
        continue;
      }
      if (!isTableIndexReloc(type)) continue;
      const id = file.symIds[indexes[r]];
      if (syms.tableIndex[id] !== 0 || syms.isStub[id]) continue;
      if (syms.state[id] !== SymState.Defined) {
        if (syms.isWeak(id)) continue;
        // Imported functions get slots too (their address is the import's table entry).
      }
      addSlot(id);
    }
  };
  // One slot per function, not per symbol: aliases of a function share its slot (and so compare
  // equal as pointers), as in wasm-ld, where the slot belongs to the function.
  const slotsOf = new Map<ObjFile, Int32Array>(); // per file: each defined function's slot, 0 = none yet
  const addSlot = (id: SymId) => {
    if (syms.tableIndex[id] !== 0 || syms.isStub[id]) return;
    const f = syms.file[id];
    let slots: Int32Array | undefined;
    let d = -1;
    if (syms.state[id] === SymState.Defined && f !== SYNTHETIC_FILE) {
      const file = ctx.files[f];
      slots = slotsOf.get(file);
      if (slots === undefined) slotsOf.set(file, slots = new Int32Array(file.obj.functionTypes.length));
      d = file.obj.symbols.index[syms.local[id]] - file.obj.numImportedFunctions;
      if (slots[d] !== 0) {
        syms.tableIndex[id] = slots[d];
        return;
      }
    }
    syms.tableIndex[id] = base + ctx.tableEntries.length;
    if (slots !== undefined) slots[d] = syms.tableIndex[id];
    ctx.tableEntries.push(id);
  };
  for (const file of ctx.files) {
    const code = file.codeRelocs;
    if (code) {
      for (let i = 0; i < file.funcLive.length; i++) {
        if (file.funcLive[i] && !file.funcDiscarded[i]) visit(file, code.type, code.index, file.funcRelocStart[i], file.funcRelocStart[i + 1], true);
      }
    }
    const data = file.dataRelocs;
    if (data) {
      for (let i = 0; i < file.segLive.length; i++) {
        if (file.segLive[i] && !file.segDiscarded[i]) visit(file, data.type, data.index, file.segRelocStart[i], file.segRelocStart[i + 1], false);
      }
    }
  }
}

/** wasm-ld's output segment name for an input segment (with --merge-data-segments). */
export function outputSegmentName(ctx: LinkContext, seg: DataSegment): string {
  if (seg.segFlags & SegmentFlag.Tls) return '.tdata';
  if (!ctx.options.mergeDataSegments) return seg.name;
  for (let k = 0; k < MERGED_PREFIXES.length; k++) {
    if (segmentNameStartsWith(seg, MERGED_PREFIXES[k][1])) return MERGED_PREFIXES[k][0];
  }
  return seg.name;
}

/** Output segments that --merge-data-segments makes, and the prefix of the names it merges. */
const MERGED_PREFIXES = [['.text', '.text.'], ['.data', '.data.'], ['.bss', '.bss.'], ['.rodata', '.rodata.']] as const;

/** Where a segment goes among the output's: .tdata, .rodata, .data, others, .bss (a stable sort by this). */
export function segmentOrder(name: string): number {
  if (name.startsWith('.tdata')) return 0;
  if (name.startsWith('.rodata')) return 1;
  if (name.startsWith('.data')) return 2;
  if (name.startsWith('.bss')) return 4;
  return 3;
}

function createOutputSegments(ctx: LinkContext): void {
  const byName = new Map<string, OutputSegment>();
  const mergers = new Map<OutputSegment, { chunk: number; merger: StringMerger }>();
  const list: OutputSegment[] = [];
  const merge = ctx.options.optLevel > 0;
  for (const file of ctx.files) {
    const segs = file.obj.segments;
    for (let i = 0; i < segs.length; i++) {
      if (!file.segLive[i] || file.segDiscarded[i]) continue;
      const seg = segs[i];
      const name = outputSegmentName(ctx, seg);
      let out = byName.get(name);
      if (!out) {
        out = { name, alignLog2: 0, size: 0, va: 0, isBss: name.startsWith('.bss'), isTls: name === '.tdata', files: [], segs: [], offsets: [] };
        byName.set(name, out);
        list.push(out);
      }
      if (merge && seg.segFlags & SegmentFlag.Strings && seg.alignLog2 === 0) {
        // All string segments of an output segment share one merged chunk, placed where the first was.
        let m = mergers.get(out);
        if (!m) {
          m = { chunk: ctx.mergedChunks.length, merger: new StringMerger() };
          ctx.mergedChunks.push({ bytes: new Uint8Array(0), va: 0 });
          mergers.set(out, m);
          out.files.push(-1);
          out.segs.push(m.chunk);
        }
        const pieces = m.merger.add(file.obj.bytes, seg.dataStart, seg.size);
        if (!pieces) ctx.diag.error(`${file.name}: string is not null terminated in segment ${seg.name}`);
        else file.segPieces[i] = { pieces, chunk: m.chunk };
        continue;
      }
      out.files.push(file.id);
      out.segs.push(i);
    }
  }
  for (const [, m] of mergers) ctx.mergedChunks[m.chunk].bytes = m.merger.finish();
  for (const out of list) {
    for (let k = 0; k < out.files.length; k++) {
      const f = out.files[k];
      const alignLog2 = f < 0 ? 0 : ctx.files[f].obj.segments[out.segs[k]].alignLog2;
      const size = f < 0 ? ctx.mergedChunks[out.segs[k]].bytes.length : ctx.files[f].obj.segments[out.segs[k]].size;
      out.size = alignTo(out.size, 2 ** alignLog2);
      out.offsets.push(out.size);
      out.size += size;
      if (alignLog2 > out.alignLog2) out.alignLog2 = alignLog2;
    }
  }
  // Stable sort by kind: .tdata, .rodata, .data, others, .bss.
  ctx.segments = list.map((s, i) => [s, i] as const)
    .sort((a, b) => segmentOrder(a[0].name) - segmentOrder(b[0].name) || a[1] - b[1]).map((p) => p[0]);
  if (ctx.segments.some((s) => s.isTls)) {
    // Single-threaded builds lower TLS away; objects with real TLS need shared memory.
    ctx.diag.error('thread-local storage (.tdata) is not supported yet');
  }
}

const PAGE = 65536;

function alignTo(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

function setDataSym(ctx: LinkContext, name: string, va: number): void {
  const id = ctx.syms.find(name);
  if (id >= 0 && ctx.syms.file[id] === SYNTHETIC_FILE && ctx.syms.kind[id] === SymKind.Data && ctx.syms.state[id] === SymState.Defined) {
    ctx.syms.outIndex[id] = va;
  }
}

/** wasm-ld's layoutMemory: data from --global-base, the 16-aligned stack, then the heap. */
function layoutMemory(ctx: LinkContext): void {
  createOutputSegments(ctx);
  const o = ctx.options;
  const diag = ctx.diag;
  let ptr = 0;
  const sp = ctx.stackPointer >= 0 ? ctx.synthGlobals[ctx.syms.local[ctx.stackPointer]] : null;
  const placeStack = () => {
    ptr = alignTo(ptr, 16);
    setDataSym(ctx, '__stack_low', ptr);
    if (o.stackSize % 16 !== 0) diag.error('stack size must be 16-byte aligned');
    ptr += o.stackSize;
    if (sp) sp.value = ptr;
    setDataSym(ctx, '__stack_high', ptr);
  };
  const globalBase = o.globalBase ?? (o.stackFirst ? 0 : 1024);
  if (o.stackFirst) {
    placeStack();
    if (o.globalBase !== null) {
      if (o.globalBase < ptr) diag.error('--global-base cannot be less than stack size when --stack-first is used');
      ptr = o.globalBase;
    }
  } else {
    ptr = globalBase;
  }
  setDataSym(ctx, '__global_base', ptr);
  setDataSym(ctx, '__dso_handle', ptr);
  for (const seg of ctx.segments) {
    ptr = alignTo(ptr, 2 ** seg.alignLog2);
    seg.va = ptr;
    for (let k = 0; k < seg.files.length; k++) {
      if (seg.files[k] >= 0) ctx.files[seg.files[k]].segVA[seg.segs[k]] = ptr + seg.offsets[k];
      else ctx.mergedChunks[seg.segs[k]].va = ptr + seg.offsets[k];
    }
    ptr += seg.size;
  }
  setDataSym(ctx, '__data_end', ptr);
  if (!o.stackFirst) placeStack();
  ptr = alignTo(ptr, 16);
  setDataSym(ctx, '__heap_base', ptr);
  const maxSetting = 2 ** 32;
  if (o.initialHeap !== 0) {
    if (o.initialHeap % PAGE !== 0) diag.error(`initial heap must be ${PAGE}-byte aligned`);
    ptr += o.initialHeap;
  }
  if (o.initialMemory !== null && o.initialMemory !== 0) {
    if (o.initialMemory % PAGE !== 0) diag.error(`initial memory must be ${PAGE}-byte aligned`);
    if (ptr > o.initialMemory) diag.error(`initial memory too small, ${ptr} bytes needed`);
    if (o.initialMemory > maxSetting) diag.error(`initial memory too large, cannot be greater than ${maxSetting}`);
    ptr = o.initialMemory;
  }
  ptr = alignTo(ptr, PAGE);
  ctx.memoryPages = ptr / PAGE;
  setDataSym(ctx, '__heap_end', ptr);
  let max = 0;
  if (o.maxMemory !== null && o.maxMemory !== 0) {
    if (o.maxMemory % PAGE !== 0) diag.error(`maximum memory must be ${PAGE}-byte aligned`);
    if (ptr > o.maxMemory) diag.error(`maximum memory too small, ${ptr} bytes needed`);
    if (o.maxMemory > maxSetting) diag.error(`maximum memory too large, cannot be greater than ${maxSetting}`);
    max = o.maxMemory;
  } else if (!o.growableMemory) {
    max = ptr;
  }
  ctx.maxMemoryPages = max !== 0 ? max / PAGE : null;
  addStartStopSymbols(ctx);
}

/** `__start_NAME` / `__stop_NAME` for output segments whose names are C identifiers. */
function addStartStopSymbols(ctx: LinkContext): void {
  const syms = ctx.syms;
  for (const seg of ctx.segments) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg.name)) continue;
    for (const [prefix, va] of [['__start_', seg.va], ['__stop_', seg.va + seg.size]] as const) {
      const id = syms.find(prefix + seg.name);
      if (id < 0 || syms.state[id] === SymState.Defined) continue;
      syms.state[id] = SymState.Defined;
      syms.kind[id] = SymKind.Data;
      syms.file[id] = SYNTHETIC_FILE;
      syms.flags[id] = SymFlag.VisibilityHidden | SymFlag.Absolute;
      syms.outIndex[id] = va;
    }
  }
  // References to those of segments that do not exist were reported by gc.ts (reportUndefined);
  // an --export of one is reported here, once layout has had its chance to define it, as wasm-ld does.
  for (const name of ctx.options.exports) {
    if (!isStartStopName(name)) continue;
    const id = syms.find(name);
    if (id < 0 || syms.state[id] !== SymState.Defined) reportUnresolved(ctx, `symbol exported via --export not found: ${name}`);
  }
}

/**
 * With an imported memory, .bss cannot be assumed zero: wasm-ld zeroes it in a start function
 * `__wasm_init_memory` (memory.fill) when bulk memory is available.
 */
function createInitMemory(ctx: LinkContext): void {
  if (!ctx.options.importMemory || ctx.options.relocatable) return;
  if (!ctx.segments.some((s) => s.isBss)) return;
  if (!featureUsed(ctx, 'bulk-memory')) return; // then bss is written as data (see output)
  const id = ctx.syms.add('__wasm_init_memory', SymKind.Function, false);
  ctx.syms.state[id] = SymState.Defined;
  ctx.syms.file[id] = SYNTHETIC_FILE;
  ctx.syms.live[id] = 1;
  ctx.initMemory = id;
  addSyntheticFunction(ctx, '__wasm_init_memory', VOID_TYPE, id);
  ctx.synthFuncs[ctx.syms.local[id]].live = true;
}

export function featureUsed(ctx: LinkContext, name: string): boolean {
  if (ctx.options.features) return ctx.options.features.includes(name);
  if (ctx.options.extraFeatures.includes(name)) return true;
  return ctx.files.some((f) => f.obj.targetFeatures.some((t) => t.prefix === 0x2b && t.name === name));
}

/**
 * A command (entry `_start`) whose ctors are not called explicitly gets each exported function
 * wrapped in `NAME.command_export`, which runs the ctors first and the dtors after.
 */
function createCommandExportWrappers(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  const o = ctx.options;
  if (o.relocatable || ctx.callCtors < 0) return;
  if (syms.usedInObj[ctx.callCtors] || isExported(ctx, ctx.callCtors)) return;
  // As wasm-ld: no wrappers when there are no constructors to run (even if --no-gc-sections
  // keeps __wasm_call_ctors) and no __wasm_call_dtors.
  if (!hasLiveInitFunction(ctx) && ctx.callDtors < 0) return;
  let fi = plan.numImportedFunctions + plan.funcFile.length;
  const count = syms.count; // wrappers added below are exported themselves: do not wrap them
  for (let id = 0; id < count; id++) {
    if (!isExported(ctx, id) || syms.kind[id] !== SymKind.Function || !syms.live[id]) continue;
    const name = `${syms.nameOf(id)}.command_export`;
    const w = syms.add(name, SymKind.Function, false);
    syms.state[w] = SymState.Defined;
    syms.file[w] = SYNTHETIC_FILE;
    syms.live[w] = 1;
    const s = addSyntheticFunction(ctx, name, functionType(ctx, id), w);
    const f = ctx.synthFuncs[s];
    f.live = true;
    f.exportName = exportNameOf(ctx, id);
    f.outIndex = fi++;
    f.wraps = id;
    syms.outIndex[w] = f.outIndex;
    plan.funcFile.push(SYNTHETIC_FILE);
    plan.funcIndex.push(s);
    syms.flags[id] |= SymFlag.VisibilityHidden;
    syms.flags[id] &= ~SymFlag.Exported;
    syms.forceExport[id] = 0;
    syms.forceExport[w] = 1;
    syms.isGlobal[w] = 1;
  }
}

/** Export name of a function symbol: the object's export_name, or the symbol name. */
export function exportNameOf(ctx: LinkContext, id: SymId): string {
  const syms = ctx.syms;
  const f = syms.file[id];
  if (f >= 0) {
    const file = ctx.files[f];
    const index = file.obj.symbols.index[syms.local[id]];
    for (const e of file.obj.exports) if (e.kind === ExternalKind.Function && e.index === index) return e.name;
  }
  return syms.nameOf(id);
}

/** After the call_indirect signatures (scanLiveRelocations): imports, then functions and tags. */
function calculateTypes(ctx: LinkContext, plan: Plan): void {
  for (const imp of plan.imports) {
    if (imp.kind === ExternalKind.Function) imp.typeIndex = registerType(plan, referenceType(ctx, imp.sym));
    else if (imp.kind === ExternalKind.Tag) imp.typeIndex = registerType(plan, tagRefType(ctx, imp.sym));
  }
  for (let k = 0; k < plan.funcFile.length; k++) {
    const f = plan.funcFile[k];
    if (f === SYNTHETIC_FILE) registerType(plan, ctx.synthFuncs[plan.funcIndex[k]].type);
    else {
      const file = ctx.files[f];
      registerType(plan, file.obj.types[file.obj.functionTypes[plan.funcIndex[k]]]);
    }
  }
  for (let k = 0; k < plan.tagFile.length; k++) {
    const file = ctx.files[plan.tagFile[k]];
    registerType(plan, file.obj.types[file.obj.tagTypes[plan.tagIndex[k]]]);
  }
}

function tagRefType(ctx: LinkContext, id: SymId): FuncType {
  const file = ctx.files[ctx.syms.file[id]];
  const imp = importDesc(file, ExternalKind.Tag, file.obj.symbols.index[ctx.syms.local[id]]);
  return file.obj.types[importTableOf(file.obj).type[imp]];
}

function calculateExports(ctx: LinkContext, plan: Plan): void {
  const o = ctx.options;
  const syms = ctx.syms;
  if (o.relocatable) return;
  if (o.exportMemory !== null) plan.exports.push({ name: o.exportMemory, kind: ExternalKind.Memory, index: 0, sym: NO_SYM });
  let globalIndex = plan.numImportedGlobals + plan.globalFile.length + ctx.gotSymbols.length;
  for (let id = 0; id < syms.count; id++) {
    if (!syms.live[id] || !isExported(ctx, id)) continue;
    const name = syms.nameOf(id);
    switch (syms.kind[id]) {
      case SymKind.Function: {
        const f = syms.file[id];
        const index = functionIndex(ctx, id);
        const exportName = f === SYNTHETIC_FILE ? (ctx.synthFuncs[syms.local[id]].exportName ?? name) : exportNameOf(ctx, id);
        plan.exports.push({ name: exportName, kind: ExternalKind.Function, index, sym: id });
        break;
      }
      case SymKind.Global: {
        if (syms.file[id] === SYNTHETIC_FILE) {
          const g = ctx.synthGlobals[syms.local[id]];
          if (g.mutable && !syms.forceExport[id]) continue;
        }
        plan.exports.push({ name, kind: ExternalKind.Global, index: syms.outIndex[id] >= 0 ? syms.outIndex[id] : globalIndexOf(ctx, id), sym: id });
        break;
      }
      case SymKind.Tag:
        plan.exports.push({ name, kind: ExternalKind.Tag, index: tagIndexOf(ctx, id), sym: id });
        break;
      case SymKind.Data:
        plan.dataAddressGlobals.push(id);
        plan.exports.push({ name, kind: ExternalKind.Global, index: globalIndex++, sym: id });
        break;
      case SymKind.Table:
        plan.exports.push({ name, kind: ExternalKind.Table, index: syms.outIndex[id], sym: id });
        break;
      default:
        break;
    }
  }
  if (ctx.initMemory >= 0) plan.startFunction = ctx.synthFuncs[syms.local[ctx.initMemory]].outIndex;
}

/** Final function index of a function symbol (import, object function or synthetic). */
export function functionIndex(ctx: LinkContext, id: SymId): number {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined) return syms.outIndex[id];
  const f = syms.file[id];
  if (f === SYNTHETIC_FILE) return ctx.synthFuncs[syms.local[id]].outIndex;
  const file = ctx.files[f];
  return file.funcOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedFunctions];
}

export function globalIndexOf(ctx: LinkContext, id: SymId): number {
  const syms = ctx.syms;
  if (syms.kind[id] !== SymKind.Global) {
    const got = ctx.gotIndex.get(id);
    if (got === undefined) throw new Error(`internal: no GOT entry for ${syms.nameOf(id)}`);
    return ctx.gotBase + got;
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

export function tagIndexOf(ctx: LinkContext, id: SymId): number {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined) return syms.outIndex[id];
  const file = ctx.files[syms.file[id]];
  return file.tagOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedTags];
}

export function tableNumberOf(ctx: LinkContext, id: SymId): number {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined || syms.file[id] === SYNTHETIC_FILE) return syms.outIndex[id];
  const file = ctx.files[syms.file[id]];
  return file.tableOut[file.obj.symbols.index[syms.local[id]] - file.obj.numImportedTables];
}

/** Virtual address of a data symbol (+0 addend), 0 for undefined ones. */
export function dataAddress(ctx: LinkContext, id: SymId): number {
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
  if (merged) return ctx.mergedChunks[merged.chunk].va + mapPieceOffset(merged.pieces, t.offset[local]);
  return file.segVA[seg] + t.offset[local];
}
