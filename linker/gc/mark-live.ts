// Pass 3 of driver.ts, GC: reachability (--gc-sections, on by default). Marks symbols and the chunks that define
// them live, starting from wasm-ld's roots: the entry, exported and global no_strip symbols,
// `__wasm_call_dtors`, and the init functions and RETAIN segments of every file that becomes
// live. Marking follows the relocations of live chunks. Undefined references from live code are
// then reported (reportGc, report.ts). After this stage, `live` flags (symbols, per-file chunk columns,
// synthetic functions and globals) say what exists in the output; nothing later revives a chunk.
import { isTableIndexReloc, Reloc, SegmentFlag, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { hasLiveInitFunction, isDiscardedItem, isDiscardedSym, isExported, mayStayUndefined } from '../core/rules';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { addSyntheticFunction, functionType, VOID_TYPE } from '../core/synthetic';
import { printGcSections, reportUndefined } from './report';
import { isPic } from '../core/options';

const enum Chunk { Function = 0, Segment = 1, Global = 2, Tag = 3, Table = 4 }

/**
 * The table the linker makes, __indirect_function_table, is not a root: it exists only when
 * something needs a table (see layout), or with --export-table; --export-all alone makes none.
 */
function isOptionalTable(ctx: LinkContext, id: SymId): boolean {
  return id === ctx.indirectTable && ctx.syms.file[id] === SYNTHETIC_FILE && !ctx.options.exportTable;
}

/** What marking found that reportGc tells: whether a live chunk refers to an undefined symbol it must report. */
export interface GcFindings {
  sawUndefined: boolean;
  stubbed: ReadonlySet<SymId>;
}

/** Marks what is live. The undefined references it met are reported by reportGc (the driver checks the target features between, as wasm-ld orders its errors). */
export function markLive(ctx: LinkContext): GcFindings {
  const m = new Marker(ctx);
  m.run();
  return { sawUndefined: m.sawUndefined, stubbed: m.stubbed };
}

/** The undefined symbols live code refers to, and --print-gc-sections. */
export function reportGc(ctx: LinkContext, found: GcFindings): void {
  // The report scans every live relocation again: skip it when marking met no reference that it reports.
  if (found.sawUndefined) reportUndefined(ctx, found.stubbed);
  if (ctx.options.printGcSections && ctx.options.gcSections) printGcSections(ctx);
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
        // A no_strip symbol is a root only if global: wasm-ld walks its global symbol table, so a
        // `__attribute__((used))` static function is collected (its data survives: a RETAIN segment).
        if ((syms.flags[id] & SymFlag.NoStrip && syms.isGlobal[id] && syms.state[id] === SymState.Defined) || isExported(ctx, id)) this.enqueueSym(id);
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
    // Without GC, wasm-ld counts every symbol as referenced: an undefined one that an object names
    // is imported (when allowed) even if no relocation uses it.
    for (let id = 0; id < syms.count; id++) {
      if (syms.state[id] === SymState.Undefined && syms.usedInObj[id] && syms.isGlobal[id]) syms.live[id] = 1;
    }
  }

  private callCtorsNeeded(): boolean {
    const ctx = this.ctx;
    // Position-independent output always has __wasm_call_ctors: the loader calls it (wasm-ld's isCallCtorsLive).
    return ctx.callCtors >= 0 && (isPic(ctx.options) || hasLiveInitFunction(ctx));
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
    if (syms.flags[id] & SymFlag.BindingLocal && !(t.flags[local] & SymFlag.Undefined) && isDiscardedItem(file, t.kind[local], index)) {
      // A global symbol of a discarded COMDAT copy resolves to the kept copy by name; a local one
      // cannot, and only a malformed object refers to it from code outside the group.
      ctx.diag.error(`${file.name}: local symbol ${syms.nameOf(id)} is in a discarded COMDAT group and is referenced`);
      return;
    }
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

