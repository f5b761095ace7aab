// Link rules that several stages share, so that each stage asks the same question the same way and
// only calls downward: which symbols are exported, which undefined symbols may stay undefined and
// how an unresolved one is reported, which output segment an input segment goes to (and where that
// segment is placed, whether .bss is written), the `__start_`/`__stop_` names layout may define, whether a target feature is
// in use, and a function's export name. Pure questions over the LinkContext: nothing here changes it.
import { segmentNameStartsWith } from '../../formats/object';
import { DataSegment } from '../../formats/object-model';
import { ExternalKind, FeaturePrefix, SegmentFlag, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from './context';
import { LinkOptions } from './options';
import { SymId, SymState } from './symbols';
import { isPic } from './options';
import { displayName } from '../../demangle/demangle';

/**
 * Whether the output's data section holds the .bss segments (zeroes): under --emit-relocs, whose
 * symbols and relocations may point into them, and with an imported memory that no
 * __wasm_init_memory can zero (no bulk memory), as in wasm-ld. Otherwise memory starts zeroed, or
 * __wasm_init_memory zeroes it.
 */
export function bssWritten(ctx: LinkContext): boolean {
  return ctx.options.emitRelocs || (ctx.options.importMemory !== null && !featureUsed(ctx, 'bulk-memory'));
}

/** Whether an output segment is in the data section: all but .bss, unless bssWritten. */
export function segmentWritten(ctx: LinkContext, seg: { isBss: boolean }): boolean {
  return !seg.isBss || bssWritten(ctx);
}

/**
 * Whether __wasm_init_memory initialises an output segment: every one under --shared-memory (they
 * are all passive), and with an imported memory each .bss that is not written (zeroed by
 * memory.fill), as wasm-ld's needsPassiveInitialization.
 */
export function initializedAtStart(ctx: LinkContext, seg: { isBss: boolean }): boolean {
  if (ctx.options.sharedMemory) return true;
  return ctx.options.importMemory !== null && !segmentWritten(ctx, seg);
}

/** Whether `id` is exported: defined, global, and asked for (--export*, -E, the object's flag). */
export function isExported(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined || !syms.isGlobal[id]) return false;
  if (syms.flags[id] & SymFlag.BindingLocal) return false;
  if (syms.isStub[id]) return false; // stands in for an undefined function: nothing to export
  const o = ctx.options;
  if (o.exportAll || (o.exportDynamic && !syms.isHidden(id))) return true;
  return syms.forceExport[id] === 1 || (syms.flags[id] & SymFlag.Exported) !== 0;
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

/** The live init functions (constructors) with their priorities, in input order (callers sort them by priority, stably). */
export function liveInitFunctions(ctx: LinkContext): { id: SymId; priority: number }[] {
  const list: { id: SymId; priority: number }[] = [];
  for (const file of ctx.files) {
    for (const f of file.obj.initFuncs) {
      const id = file.symIds[f.symbol];
      if (ctx.syms.live[id] && !isDiscardedSym(file, f.symbol)) list.push({ id, priority: f.priority });
    }
  }
  return list;
}

/** A defined function of `file` that lost its comdat to another file. */
export function isDiscardedSym(file: ObjFile, local: number): boolean {
  const t = file.obj.symbols;
  if (t.kind[local] !== SymKind.Function || t.flags[local] & SymFlag.Undefined) return false;
  return file.funcDiscarded[t.index[local] - file.obj.numImportedFunctions] === 1;
}

/** Whether the function, global or data segment `index` (of symbol kind `kind`) of `file` is in a COMDAT group another file won. */
export function isDiscardedItem(file: ObjFile, kind: number, index: number): boolean {
  switch (kind) {
    case SymKind.Function: return file.funcDiscarded[index - file.obj.numImportedFunctions] === 1;
    case SymKind.Data: return index < file.segDiscarded.length && file.segDiscarded[index] === 1;
    case SymKind.Global: return file.globalDiscarded[index - file.obj.numImportedGlobals] === 1;
    default: return false;
  }
}

/** Whether `id` is defined by a shared library only (resolve/shared-library.ts): the loader binds it. */
export function isShared(ctx: LinkContext, id: SymId): boolean {
  return ctx.sharedSymbols.size > 0 && ctx.syms.state[id] !== SymState.Defined && ctx.sharedSymbols.has(id);
}

/**
 * wasm-ld's allowUndefined: weak, explicitly imported (an import name, or listed by a stub library),
 * or allowed by --import-undefined / the allow list (or a shared library's).
 */
export function mayStayUndefined(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  const o = ctx.options;
  if (syms.isWeak(id) || syms.importName[id] !== undefined || syms.forceImport[id] || isShared(ctx, id)) return true;
  if (syms.kind[id] === SymKind.Function && o.importUndefined) return true;
  return isAllowedUndefined(ctx, id);
}

/** Listed by --allow-undefined-file or in the `.imports` file beside an archive. */
export function isAllowedUndefined(ctx: LinkContext, id: SymId): boolean {
  const name = ctx.syms.nameOf(id);
  return ctx.options.allowUndefinedSymbols.has(name) || (ctx.archiveImports !== null && ctx.archiveImports.has(name));
}

/** `__start_NAME` or `__stop_NAME` with NAME a C identifier: a symbol layout may define (see addStartStopSymbols). */
export function isStartStopName(name: string): boolean {
  return /^__(start|stop)_[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * Data symbols layout may define, which an --export may name before they exist: `__start_`/`__stop_`
 * names, and under --shared-memory `__wasm_init_memory_flag` (layout/memory.ts).
 */
export function isLayoutDataName(ctx: LinkContext, name: string): boolean {
  return isStartStopName(name) || (ctx.options.sharedMemory && name === '__wasm_init_memory_flag');
}

/** An unresolved symbol under the policy: an error (report-all), a warning (warn), or nothing. */
export function reportUnresolved(ctx: LinkContext, message: string): void {
  if (ctx.options.unresolvedSymbols === 'report-all') ctx.diag.error(message);
  else if (ctx.options.unresolvedSymbols === 'warn') ctx.diag.warn(message);
}

/** wasm-ld's output segment name for an input segment (with --merge-data-segments). */
export function outputSegmentName(ctx: LinkContext, seg: DataSegment): string {
  if (isTlsSegment(seg)) return '.tdata';
  if (!ctx.options.mergeDataSegments) return seg.name;
  for (let k = 0; k < MERGED_PREFIXES.length; k++) {
    if (segmentNameStartsWith(seg, MERGED_PREFIXES[k][1])) return MERGED_PREFIXES[k][0];
  }
  return seg.name;
}

/**
 * Whether an input segment holds thread-local data: its TLS flag, or, for objects older than the
 * flag, its name (.tdata*, .tbss*), as wasm-ld reads them.
 */
export function isTlsSegment(seg: DataSegment): boolean {
  return (seg.segFlags & SegmentFlag.Tls) !== 0 || segmentNameStartsWith(seg, '.tdata') || segmentNameStartsWith(seg, '.tbss');
}

/**
 * Whether a data symbol is thread-local: its TLS flag, or (older objects) a defined one in a TLS segment.
 */
export function isTlsSymbol(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  if (syms.flags[id] & SymFlag.Tls) return true;
  if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Data || syms.file[id] < 0) return false;
  const obj = ctx.files[syms.file[id]].obj;
  const local = syms.local[id];
  if (obj.symbols.flags[local] & SymFlag.Absolute) return false;
  const seg = obj.segments[obj.symbols.index[local]];
  return seg !== undefined && isTlsSegment(seg);
}

/** Whether a GOT global holds a thread-local symbol's address (wasm-ld's sym->isTLS() of a GOT entry). */
export function isTlsGot(ctx: LinkContext, id: SymId): boolean {
  return ctx.syms.kind[id] === SymKind.Data && isTlsSymbol(ctx, id);
}

/** Whether a GOT global holds a thread-local address that each thread must set (--shared-memory). */
export function isThreadGot(ctx: LinkContext, id: SymId): boolean {
  return ctx.options.sharedMemory && isTlsGot(ctx, id);
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

export function featureUsed(ctx: LinkContext, name: string): boolean {
  if (ctx.options.extraFeatures.includes(name)) return true;
  // Position-independent output needs mutable globals (its GOT): wasm-ld allows the feature there.
  if (name === 'mutable-globals' && isPic(ctx.options)) return true;
  if (ctx.options.features) return ctx.options.features.includes(name);
  return ctx.files.some((f) => f.obj.targetFeatures.some((t) => declaresUse(t.prefix) && t.name === name));
}

/** Whether a target_features entry says its input uses the feature: `+`, or `=` (required). */
export function declaresUse(prefix: number): boolean {
  return prefix === FeaturePrefix.Used || prefix === FeaturePrefix.Required;
}

/** The features some input uses, as a target_features section lists them: sorted. */
export function inputFeatures(ctx: LinkContext): string[] {
  const used = new Set<string>();
  for (const file of ctx.files) for (const f of file.obj.targetFeatures) if (declaresUse(f.prefix)) used.add(f.name);
  return [...used].sort();
}

/** A symbol's name as wasm-ld prints it (its toString): demangled under --demangle. */
export function shownName(ctx: LinkContext, id: SymId): string {
  return displayName(ctx.syms.nameOf(id), ctx.options.demangle);
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

/** The memory-size rules layout checks (wasm-ld's words), in the order wasm-ld checks them. */
export const MEMORY_RULES = {
  stackAlign: 'stack size must be 16-byte aligned',
  globalBaseBelowStack: '--global-base cannot be less than stack size when --stack-first is used',
  initialHeapAlign: 'initial heap must be 65536-byte aligned',
  initialMemoryAlign: 'initial memory must be 65536-byte aligned',
  initialMemoryTooLarge: 'initial memory too large, cannot be greater than ',
  maxMemoryAlign: 'maximum memory must be 65536-byte aligned',
  maxMemoryTooLarge: 'maximum memory too large, cannot be greater than ',
} as const;

/** The most memory --initial-memory and --max-memory may ask for: 4 GiB, and 16 GiB in wasm64 (wasm-ld's bound). */
export function memoryLimit(o: LinkOptions): number {
  return o.wasm64 ? 2 ** 34 : 2 ** 32;
}

/**
 * Those of MEMORY_RULES that the options alone break, in wasm-ld's order: what layout will report
 * whatever the inputs hold, for a check that must report them first (checks/features.ts).
 */
export function memoryOptionErrors(ctx: LinkContext): string[] {
  const o = ctx.options;
  const out: string[] = [];
  const stack = () => { if (o.stackSize % 16 !== 0) out.push(MEMORY_RULES.stackAlign); };
  if (o.stackFirst) {
    stack();
    if (o.globalBase !== null && o.globalBase < o.stackSize) out.push(MEMORY_RULES.globalBaseBelowStack);
  } else {
    stack();
  }
  if (o.initialHeap % 65536 !== 0) out.push(MEMORY_RULES.initialHeapAlign);
  if (o.initialMemory !== null && o.initialMemory !== 0) {
    if (o.initialMemory % 65536 !== 0) out.push(MEMORY_RULES.initialMemoryAlign);
    if (o.initialMemory > memoryLimit(o)) out.push(MEMORY_RULES.initialMemoryTooLarge + memoryLimit(o));
  }
  if (o.maxMemory !== null && o.maxMemory !== 0) {
    if (o.maxMemory % 65536 !== 0) out.push(MEMORY_RULES.maxMemoryAlign);
    if (o.maxMemory > memoryLimit(o)) out.push(MEMORY_RULES.maxMemoryTooLarge + memoryLimit(o));
  }
  return out;
}
