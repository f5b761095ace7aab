// Stage 2: reachability (--gc-sections, on by default). Marks symbols and the chunks that define
// them live, starting from wasm-ld's roots: the entry, exported and no_strip symbols,
// `__wasm_call_dtors`, and the init functions and RETAIN segments of every file that becomes
// live. Marking follows the relocations of live chunks. While walking, undefined references from
// live code are reported (only those: a reference from dead code is not an error, as in wasm-ld).
import { symbolName } from '../formats/object';
import { Reloc, SegmentFlag, SymFlag, SymKind } from '../formats/wasm';
import { LinkContext, ObjFile } from './context';
import type * as Layout from './layout';
import { SymId, SymState, SYNTHETIC_FILE } from './symbols';
import { addSyntheticFunction, functionType, VOID_TYPE } from './synthetic';

const enum Chunk { Function = 0, Segment = 1, Global = 2, Tag = 3, Table = 4 }

export function isExported(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined || !syms.isGlobal[id]) return false;
  if (syms.flags[id] & SymFlag.BindingLocal) return false;
  if (syms.isStub[id]) return false; // stands in for an undefined function: nothing to export
  const o = ctx.options;
  if (o.exportAll || (o.exportDynamic && !syms.isHidden(id))) return true;
  return syms.forceExport[id] === 1 || (syms.flags[id] & SymFlag.Exported) !== 0;
}

/**
 * The table the linker makes, __indirect_function_table, is not a root: it exists only when
 * something needs a table (see layout), or with --export-table; --export-all alone makes none.
 */
function isOptionalTable(ctx: LinkContext, id: SymId): boolean {
  return id === ctx.indirectTable && ctx.syms.file[id] === SYNTHETIC_FILE && !ctx.options.exportTable;
}

/** Whether some live init function (constructor) is left for __wasm_call_ctors to call. */
export function hasLiveInitFunction(ctx: LinkContext): boolean {
  for (const file of ctx.files) {
    for (const f of file.obj.initFuncs) {
      if (ctx.syms.live[file.symIds[f.symbol]] && !isDiscardedSym(file, f.symbol)) return true;
    }
  }
  return false;
}

/** A defined function of `file` that lost its comdat to another file. */
function isDiscardedSym(file: ObjFile, local: number): boolean {
  const t = file.obj.symbols;
  if (t.kind[local] !== SymKind.Function || t.flags[local] & SymFlag.Undefined) return false;
  return file.funcDiscarded[t.index[local] - file.obj.numImportedFunctions] === 1;
}

export function markLive(ctx: LinkContext): void {
  const m = new Marker(ctx);
  m.run();
  // The report scans every live relocation again: skip it when marking met no reference that it reports.
  if (m.sawUndefined) reportUndefined(ctx, m.stubbed);
  if (ctx.options.printGcSections && ctx.options.gcSections) printGcSections(ctx);
}

/** wasm-ld's allowUndefined: weak, explicitly imported, or allowed by --import-undefined / the allow list. */
function mayStayUndefined(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  const o = ctx.options;
  if (syms.isWeak(id) || o.relocatable || syms.importName[id] !== undefined) return true;
  if (syms.kind[id] === SymKind.Function && o.importUndefined) return true;
  return o.allowUndefinedSymbols.has(syms.nameOf(id));
}

/** `__start_NAME` or `__stop_NAME` with NAME a C identifier: a symbol layout may define (see addStartStopSymbols). */
export function isStartStopName(name: string): boolean {
  return /^__(start|stop)_[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * Whether `id` is a `__start_NAME` / `__stop_NAME` data symbol that layout will define: NAME is the
 * output segment of some live input segment (`segments`: their output names, made on first use).
 */
function definedByLayout(ctx: LinkContext, id: SymId, segments: { names: Set<string> | null }): boolean {
  if (ctx.syms.kind[id] !== SymKind.Data) return false;
  const name = ctx.syms.nameOf(id);
  const at = name.startsWith('__start_') ? 8 : name.startsWith('__stop_') ? 7 : -1;
  if (at < 0) return false;
  if (segments.names === null) {
    // layout.ts imports this module: required at use, when both are loaded.
    const { outputSegmentName } = require('./layout') as typeof Layout;
    segments.names = new Set();
    for (const file of ctx.files) {
      file.obj.segments.forEach((seg, i) => {
        if (file.segLive[i] && !file.segDiscarded[i]) segments.names!.add(outputSegmentName(ctx, seg));
      });
    }
  }
  return segments.names.has(name.slice(at));
}

/** An unresolved symbol under the policy: an error (report-all), a warning (warn), or nothing. */
export function reportUnresolved(ctx: LinkContext, message: string): void {
  if (ctx.options.unresolvedSymbols === 'report-all') ctx.diag.error(message);
  else if (ctx.options.unresolvedSymbols === 'warn') ctx.diag.warn(message);
}

const TLS_SYMBOLS = new Set(['__tls_base', '__tls_size', '__tls_align', '__wasm_init_tls']);

/**
 * `FILE: undefined symbol: NAME` for each relocation of live code or data that refers to a symbol
 * nothing defines: once per relocation, files and chunks in order, as wasm-ld's relocation scan.
 */
function reportUndefined(ctx: LinkContext, stubbed: ReadonlySet<SymId>): void {
  const syms = ctx.syms;
  const segments: { names: Set<string> | null } = { names: null };
  const scan = (file: ObjFile, types: Uint8Array, indexes: Uint32Array, start: number, end: number) => {
    for (let r = start; r < end; r++) {
      if (types[r] === Reloc.TYPE_INDEX_LEB) continue;
      const id = file.symIds[indexes[r]];
      // An undefined function that marking turned into a trapping stub (ignore-all, warn) still counts.
      const unresolved = syms.state[id] !== SymState.Defined
        ? !mayStayUndefined(ctx, id) && !definedByLayout(ctx, id, segments) : stubbed.has(id);
      if (!unresolved) continue;
      const name = syms.nameOf(id);
      // wasm-ld defines these when the link has thread-local data; wlink does not support it yet.
      if (TLS_SYMBOLS.has(name)) ctx.diag.error(`${file.name}: thread-local storage (${name}) is not supported yet`);
      else reportUnresolved(ctx, `${file.name}: undefined symbol: ${name}`);
    }
  };
  for (const file of ctx.files) {
    const code = file.codeRelocs;
    if (code) {
      for (let i = 0; i < file.funcLive.length; i++) {
        if (file.funcLive[i] && !file.funcDiscarded[i]) scan(file, code.type, code.index, file.funcRelocStart[i], file.funcRelocStart[i + 1]);
      }
    }
    const data = file.dataRelocs;
    if (data) {
      for (let i = 0; i < file.segLive.length; i++) {
        if (file.segLive[i] && !file.segDiscarded[i]) scan(file, data.type, data.index, file.segRelocStart[i], file.segRelocStart[i + 1]);
      }
    }
  }
}

/** `removing unused section FILE:(NAME)` for every chunk GC dropped, in wasm-ld's order. */
function printGcSections(ctx: LinkContext): void {
  const print = (file: string, name: string) => ctx.diag.out(`removing unused section ${file}:(${name})`);
  for (const file of ctx.files) {
    const obj = file.obj;
    const t = obj.symbols;
    for (let i = 0; i < file.funcLive.length; i++) {
      if (file.funcLive[i] && !file.funcDiscarded[i]) continue;
      print(file.name, file.funcName[i] >= 0 ? symbolName(t, file.funcName[i]) : `function ${i}`);
    }
    for (let i = 0; i < file.segLive.length; i++) {
      if (!file.segLive[i] || file.segDiscarded[i]) print(file.name, obj.segments[i].name);
    }
    for (let i = 0; i < file.globalLive.length; i++) {
      if (file.globalLive[i] && !file.globalDiscarded[i]) continue;
      print(file.name, file.globalName[i] >= 0 ? symbolName(t, file.globalName[i]) : `global ${i}`);
    }
    for (let i = 0; i < file.tagLive.length; i++) if (!file.tagLive[i]) print(file.name, symbolNameOf(file, SymKind.Tag, i));
    for (let i = 0; i < file.tableLive.length; i++) if (!file.tableLive[i]) print(file.name, symbolNameOf(file, SymKind.Table, i));
  }
  // Stubs print under their symbol's name (their debug name, e.g. undefined_weak:f, is for the name section).
  for (const f of ctx.synthFuncs) if (!f.live) print('<internal>', f.sym >= 0 && ctx.syms.isStub[f.sym] ? ctx.syms.nameOf(f.sym) : f.name);
  for (const g of ctx.synthGlobals) if (!g.live) print('<internal>', g.name);
}

function symbolNameOf(file: ObjFile, kind: number, defined: number): string {
  const t = file.obj.symbols;
  const imported = kind === SymKind.Tag ? file.obj.numImportedTags : file.obj.numImportedTables;
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] === kind && !(t.flags[i] & SymFlag.Undefined) && t.index[i] === defined + imported) return symbolName(t, i);
  }
  return `${kind === SymKind.Tag ? 'tag' : 'table'} ${defined}`;
}

class Marker {
  private queue: number[] = []; // (file, chunk kind, index) triples
  /** A relocation of a live chunk refers to an undefined symbol that may not stay undefined. */
  sawUndefined = false;
  /** Undefined functions made trapping stubs while marking (ignore-all, warn): still reported as undefined. */
  readonly stubbed = new Set<SymId>();

  constructor(private ctx: LinkContext) {}

  run(): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    const o = ctx.options;
    if (!o.gcSections) {
      this.markEverything();
    } else {
      if (o.entry !== null) {
        const e = syms.find(o.entry);
        if (e >= 0) this.enqueueSym(e);
      }
      for (let id = 0; id < syms.count; id++) {
        if (isOptionalTable(ctx, id)) continue;
        if ((syms.flags[id] & SymFlag.NoStrip && syms.state[id] === SymState.Defined) || isExported(ctx, id)) this.enqueueSym(id);
      }
      if (ctx.callDtors >= 0) this.enqueueSym(ctx.callDtors);
      for (const file of ctx.files) if (!file.lazy) this.markFileLive(file);
    }
    this.drain();
    if (this.callCtorsNeeded()) this.enqueueSym(ctx.callCtors);
    this.drain();
  }

  private markEverything(): void {
    const ctx = this.ctx;
    for (const file of ctx.files) {
      this.markFileLive(file);
      for (let i = 0; i < file.funcLive.length; i++) if (!file.funcDiscarded[i]) this.enqueueChunk(file, Chunk.Function, i);
      for (let i = 0; i < file.segLive.length; i++) if (!file.segDiscarded[i]) this.enqueueChunk(file, Chunk.Segment, i);
      for (let i = 0; i < file.globalLive.length; i++) if (!file.globalDiscarded[i]) this.enqueueChunk(file, Chunk.Global, i);
      for (let i = 0; i < file.tagLive.length; i++) this.enqueueChunk(file, Chunk.Tag, i);
      for (let i = 0; i < file.tableLive.length; i++) this.enqueueChunk(file, Chunk.Table, i);
      for (let i = 0; i < file.symIds.length; i++) {
        const id = file.symIds[i];
        if (ctx.syms.state[id] === SymState.Defined && ctx.syms.file[id] === file.id) ctx.syms.live[id] = 1;
      }
    }
    const syms = ctx.syms;
    for (let id = 0; id < syms.count; id++) {
      if (syms.state[id] === SymState.Defined && (syms.file[id] === SYNTHETIC_FILE || isExported(ctx, id) || syms.flags[id] & SymFlag.NoStrip)) {
        if (isOptionalTable(ctx, id)) continue;
        this.enqueueSym(id);
      }
    }
  }

  private callCtorsNeeded(): boolean {
    const ctx = this.ctx;
    return ctx.callCtors >= 0 && !ctx.options.relocatable && hasLiveInitFunction(ctx);
  }

  private markFileLive(file: ObjFile): void {
    if (file.live) return;
    file.live = true;
    for (const f of file.obj.initFuncs) {
      if (!isDiscardedSym(file, f.symbol)) this.enqueueSym(file.symIds[f.symbol]);
    }
    const segs = file.obj.segments;
    for (let i = 0; i < segs.length; i++) {
      if (segs[i].segFlags & SegmentFlag.Retain && !file.segDiscarded[i]) this.enqueueChunk(file, Chunk.Segment, i);
    }
  }

  enqueueSym(id: SymId): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.live[id]) return;
    syms.live[id] = 1;
    if (syms.state[id] !== SymState.Defined) return;
    const f = syms.file[id];
    if (f === SYNTHETIC_FILE) {
      if (syms.kind[id] === SymKind.Function) ctx.synthFuncs[syms.local[id]].live = true;
      else if (syms.kind[id] === SymKind.Global) ctx.synthGlobals[syms.local[id]].live = true;
      return;
    }
    const file = ctx.files[f];
    this.markFileLive(file);
    const local = syms.local[id];
    const t = file.obj.symbols;
    const index = t.index[local];
    switch (t.kind[local]) {
      case SymKind.Function: this.enqueueChunk(file, Chunk.Function, index - file.obj.numImportedFunctions); break;
      case SymKind.Data: if (!(t.flags[local] & SymFlag.Absolute)) this.enqueueChunk(file, Chunk.Segment, index); break;
      case SymKind.Global: this.enqueueChunk(file, Chunk.Global, index - file.obj.numImportedGlobals); break;
      case SymKind.Tag: this.enqueueChunk(file, Chunk.Tag, index - file.obj.numImportedTags); break;
      case SymKind.Table: this.enqueueChunk(file, Chunk.Table, index - file.obj.numImportedTables); break;
      default: break;
    }
  }

  private enqueueChunk(file: ObjFile, kind: Chunk, index: number): void {
    const live = kind === Chunk.Function ? file.funcLive : kind === Chunk.Segment ? file.segLive
      : kind === Chunk.Global ? file.globalLive : kind === Chunk.Tag ? file.tagLive : file.tableLive;
    if (live[index]) return;
    live[index] = 1;
    if (kind === Chunk.Function || kind === Chunk.Segment) this.queue.push(file.id, kind, index);
  }

  private drain(): void {
    const q = this.queue;
    while (q.length > 0) {
      const index = q.pop()!;
      const kind = q.pop()!;
      const file = this.ctx.files[q.pop()!];
      const rs = kind === Chunk.Function ? file.codeRelocs : file.dataRelocs;
      if (!rs) continue;
      const starts = kind === Chunk.Function ? file.funcRelocStart : file.segRelocStart;
      this.scan(file, rs.type, rs.index, starts[index], starts[index + 1]);
    }
  }

  private scan(file: ObjFile, types: Uint8Array, indexes: Uint32Array, start: number, end: number): void {
    const syms = this.ctx.syms;
    const ids = file.symIds;
    const live = syms.live, state = syms.state;
    for (let r = start; r < end; r++) {
      const type = types[r];
      if (type === Reloc.TYPE_INDEX_LEB) continue; // types are registered by layout
      const id = ids[indexes[r]];
      if (live[id] && state[id] === SymState.Defined) continue; // marked already: most references
      if (syms.isStub[id] && isTableIndexReloc(type)) continue;
      if (syms.state[id] !== SymState.Defined) {
        if (!mayStayUndefined(this.ctx, id)) this.sawUndefined = true;
        this.checkUndefined(id);
      }
      this.enqueueSym(id);
    }
  }

  /** Under --unresolved-symbols=ignore-all, calls to an undefined function trap through a stub, as in wasm-ld. */
  private checkUndefined(id: SymId): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    const o = ctx.options;
    if (mayStayUndefined(ctx, id) || (o.unresolvedSymbols !== 'ignore-all' && o.unresolvedSymbols !== 'warn')) return;
    if (syms.kind[id] !== SymKind.Function || o.importUndefined) return;
    const type = syms.file[id] >= 0 ? functionType(ctx, id) : VOID_TYPE;
    syms.state[id] = SymState.Defined;
    syms.file[id] = SYNTHETIC_FILE;
    syms.isStub[id] = 1;
    this.stubbed.add(id);
    addSyntheticFunction(ctx, 'undefined_stub', type, id);
  }
}

export function isTableIndexReloc(type: number): boolean {
  return type === Reloc.TABLE_INDEX_SLEB || type === Reloc.TABLE_INDEX_I32 || type === Reloc.TABLE_INDEX_SLEB64
    || type === Reloc.TABLE_INDEX_I64 || type === Reloc.TABLE_INDEX_REL_SLEB || type === Reloc.TABLE_INDEX_REL_SLEB64;
}

/** Entry and explicit-export checks that wasm-ld makes after resolution. */
export function checkRoots(ctx: LinkContext): void {
  const o = ctx.options;
  const syms = ctx.syms;
  if (o.entry !== null && !o.relocatable) {
    const e = syms.find(o.entry);
    if (e < 0 || syms.state[e] !== SymState.Defined) ctx.diag.error(`entry symbol not defined (pass --no-entry to suppress): ${o.entry}`);
    else if (syms.kind[e] !== SymKind.Function) ctx.diag.error(`entry symbol is not a function: ${o.entry}`);
    else syms.forceExport[e] = 1;
  }
  for (const name of o.exports) {
    let id = syms.find(name);
    if (id >= 0 && syms.state[id] === SymState.Defined) {
      syms.forceExport[id] = 1;
    } else if (isStartStopName(name) && (syms.kind[id] === SymKind.Data || !syms.usedInObj[id])) {
      // Layout defines it if a segment has that name; wasm-ld reports it missing only after layout
      // (layout.ts). Until then it is an undefined data symbol (no longer --export's placeholder),
      // live already: it keeps no chunk alive, and the GC roots only defined symbols.
      syms.kind[id] = SymKind.Data;
      syms.forceExport[id] = 1;
      syms.live[id] = 1;
    } else {
      reportUnresolved(ctx, `symbol exported via --export not found: ${name}`);
    }
  }
  for (const name of o.exportsIfDefined) {
    const id = syms.find(name);
    if (id >= 0 && syms.state[id] === SymState.Defined) syms.forceExport[id] = 1;
  }
}
