// Symbols the linker defines itself, made once resolution is done: `__stack_pointer`, the
// indirect function table, `__wasm_call_ctors`, the memory-layout data symbols (`__heap_base`,
// `__data_end`, ...), and the trapping stubs that stand in for undefined weak functions.
// Synthetic functions and globals are ordinary rows of the symbol arena with file = SYNTHETIC_FILE
// and `local` = their index in ctx.synthFuncs / ctx.synthGlobals.
import { importOfKind, importTableOf } from '../../formats/imports';
import { FuncType } from '../../formats/object-model';
import { ExternalKind, SymFlag, SymKind, ValType } from '../../formats/wasm';
import { InternalDefinition, LinkContext } from './context';
import { hasDynamicImports, isPic } from './options';
import { displayName } from '../../demangle/demangle';
import { SymId, SymState, SYNTHETIC_FILE } from './symbols';

export function funcType(params: number[], results: number[]): FuncType {
  return { params, results, key: params.join(',') + '>' + results.join(',') };
}

export const VOID_TYPE = funcType([], []);

/** Data symbols whose addresses layout decides; defined only when something refers to them. */
const LAYOUT_SYMBOLS = [ // in wasm-ld's order of creation
  '__dso_handle', '__data_end', '__stack_low', '__stack_high', '__global_base', '__heap_base', '__heap_end',
  '__memory_base', '__table_base',
];

/** -y: `<internal>: definition of NAME` for a symbol the linker defines, if NAME is traced. */
function traceInternal(ctx: LinkContext, name: string, shownAs = name): void {
  if (ctx.traced?.has(name)) ctx.diag.out(`<internal>: definition of ${shownAs}`);
}

/** Defines `name` as a synthetic symbol of `kind`, unless an object already defines it. */
function defineSynthetic(ctx: LinkContext, name: string, kind: number, flags: number, always: boolean): SymId {
  const syms = ctx.syms;
  let id = syms.find(name);
  if (id >= 0 && syms.state[id] === SymState.Defined) return -1;
  if (id < 0) {
    if (!always) return -1;
    id = syms.add(name, kind, true);
  }
  if (syms.state[id] === SymState.Lazy) return -1; // an archive member defines it: let it
  // Referred to as another kind: only the layout data symbols may take over (crt1 reads
  // `__memory_base` as a global; wasm-ld then defines it as data and reads it through a GOT global).
  if (syms.kind[id] !== kind && syms.usedInObj[id] && kind !== SymKind.Data) return -1;
  syms.state[id] = SymState.Defined;
  syms.kind[id] = kind;
  syms.flags[id] = flags;
  syms.file[id] = SYNTHETIC_FILE;
  return id;
}

export function addSyntheticFunction(ctx: LinkContext, name: string, type: FuncType, sym: SymId): number {
  const index = ctx.synthFuncs.length;
  ctx.synthFuncs.push({ name, type, sym, live: false, outIndex: -1, body: null, exportName: null, wraps: -1 });
  if (sym >= 0) ctx.syms.local[sym] = index;
  return index;
}

/**
 * What --shared-memory adds before any input is read, in wasm-ld's order: the thread-local storage
 * globals (`__tls_base` mutable, set by __wasm_init_memory or a thread's __wasm_init_tls; size and
 * alignment of .tdata) and `__wasm_init_tls(i32)`. Each exists in the output only when something
 * refers to it (or GC is off); __tls_base also whenever __wasm_init_memory does (layout).
 */
const SHARED_MEMORY_SYMBOLS = [['__tls_base', SymKind.Global], ['__tls_size', SymKind.Global], ['__tls_align', SymKind.Global],
  ['__wasm_init_tls', SymKind.Function]] as const;

/** `__wasm_init_tls(block)`: the block's address, i64 in wasm64. */
const INIT_TLS_TYPE = funcType([ValType.I32], []);
const INIT_TLS_TYPE_64 = funcType([ValType.I64], []);

/** The type of the linker's address globals (stack pointer, TLS): i64 in a wasm64 link, as wasm-ld's. */
export function pointerType(ctx: LinkContext): ValType {
  return ctx.options.wasm64 ? ValType.I64 : ValType.I32;
}

/**
 * What -pie and -shared add before any input is read, in wasm-ld 19's order: the imported globals
 * `__memory_base` and `__table_base` (where the loader put this module's data and table slots) and,
 * after the --shared-memory symbols, `__wasm_apply_data_relocs`, which the loader calls to relocate
 * the data (layout/pic.ts); --unresolved-symbols=import-dynamic makes that function too, for the
 * pointers in data to symbols only the loader knows.
 */
const PIC_SYMBOLS = [['__memory_base', SymKind.Global], ['__table_base', SymKind.Global]] as const;
const PIC_FUNCTIONS = [['__wasm_apply_data_relocs', SymKind.Function]] as const;

/**
 * wasm-ld enters its synthetic functions and globals in the symbol table before reading any
 * input, and exports follow symbol-table order: reserve their places the same way.
 */
export function reserveSyntheticSymbols(ctx: LinkContext): void {
  for (const [name, kind] of [['__wasm_call_ctors', SymKind.Function], ['__stack_pointer', SymKind.Global],
    ...(isPic(ctx.options) ? PIC_SYMBOLS : []), ...(ctx.options.sharedMemory ? SHARED_MEMORY_SYMBOLS : []),
    ...(hasDynamicImports(ctx.options) ? PIC_FUNCTIONS : [])] as const) {
    const id = ctx.syms.add(name, kind, true);
    ctx.syms.state[id] = SymState.Undefined;
    // wasm-ld defines these before it reads any input (-y says so first).
    traceInternal(ctx, name);
    const internal = internalDefinition(ctx, name, kind);
    if (internal !== null) ctx.internalDefinitions.set(id, internal);
  }
}

/**
 * What wasm-ld has defined itself under `name` before it reads an input, or null (the position-
 * independent bases are imports, which an input may define; -r defines nothing). An input's strong
 * definition of one is wasm-ld's duplicate symbol (or, for a global of another type, its global
 * type mismatch); a weak one loses; an archive member is not pulled in for one (resolve.ts).
 */
function internalDefinition(ctx: LinkContext, name: string, kind: number): InternalDefinition | null {
  const o = ctx.options;
  if (o.relocatable || name === '__memory_base' || name === '__table_base') return null;
  if (name === '__stack_pointer' && isPic(o)) return null;
  const ptr = o.wasm64 ? ValType.I64 : ValType.I32;
  return { kind, valType: ptr, mutable: name === '__stack_pointer' || name === '__tls_base' };
}

export function createSyntheticSymbols(ctx: LinkContext): void {
  const syms = ctx.syms;
  const hidden = SymFlag.VisibilityHidden;
  const ctors = defineSynthetic(ctx, '__wasm_call_ctors', SymKind.Function, hidden, true);
  if (ctors >= 0) {
    ctx.callCtors = ctors;
    addSyntheticFunction(ctx, '__wasm_call_ctors', VOID_TYPE, ctors);
  }
  if (isPic(ctx.options)) createPicSymbols(ctx);
  const sp = isPic(ctx.options) ? -1 : defineSynthetic(ctx, '__stack_pointer', SymKind.Global, hidden, true);
  if (sp >= 0) {
    ctx.stackPointer = sp;
    syms.local[sp] = ctx.synthGlobals.length;
    // wasm-ld marks the stack pointer live in every non-PIC link, used or not.
    ctx.synthGlobals.push({ name: '__stack_pointer', valType: pointerType(ctx), mutable: true, sym: sp, live: true, outIndex: -1, value: 0 });
    syms.live[sp] = 1;
  }
  if (ctx.options.sharedMemory) createSharedMemorySymbols(ctx);
  if (hasDynamicImports(ctx.options)) createApplyDataRelocs(ctx);
  for (const name of layoutSymbols(ctx)) {
    // wasm-ld's addOptionalDataSymbol: made when referenced, or when an export asks for it.
    const wanted = ctx.options.exportAll || ctx.options.exports.includes(name);
    const id = defineSynthetic(ctx, name, SymKind.Data, hidden | SymFlag.Absolute, wanted);
    if (id >= 0) syms.outIndex[id] = name === '__table_base' ? ctx.options.tableBase : 0;
    if (id >= 0) traceInternal(ctx, name);
  }
  // Single-threaded, `__tls_base` is an immutable global holding the address of .tdata (layout), for
  // objects built with thread-local data; made only when something refers to it.
  if (!ctx.options.sharedMemory) {
    const id = defineSynthetic(ctx, '__tls_base', SymKind.Global, hidden, false);
    if (id >= 0) addTlsGlobal(ctx, '__tls_base', id, false);
  }
  const dtors = syms.find('__wasm_call_dtors');
  if (dtors >= 0 && syms.state[dtors] === SymState.Defined && syms.kind[dtors] === SymKind.Function) ctx.callDtors = dtors;

  const table = syms.find('__indirect_function_table');
  if (table >= 0 && syms.state[table] !== SymState.Defined) {
    if (ctx.options.importTable) {
      syms.kind[table] = SymKind.Table;
      syms.importModule[table] = 'env';
      syms.importName[table] = '__indirect_function_table';
    } else {
      defineSynthetic(ctx, '__indirect_function_table', SymKind.Table, hidden, true);
    }
    ctx.indirectTable = table;
  } else if (table < 0) {
    // Created on demand: address-taken functions need a table even if no object names it.
    const id = syms.add('__indirect_function_table', SymKind.Table, true);
    if (ctx.options.importTable) {
      syms.state[id] = SymState.Undefined;
      syms.importModule[id] = 'env';
      syms.importName[id] = '__indirect_function_table';
    } else {
      syms.state[id] = SymState.Defined;
      syms.flags[id] = hidden;
    }
    ctx.indirectTable = id;
  } else {
    ctx.indirectTable = table;
  }
  // --export-table exports the table as a symbol, in symbol order as wasm-ld does.
  if (ctx.options.exportTable && syms.state[ctx.indirectTable] === SymState.Defined) syms.forceExport[ctx.indirectTable] = 1;
  // Position-independent code reaches an undefined weak function through an import and its GOT entry.
  if (!isPic(ctx.options)) createWeakStubs(ctx);
  // wasm-ld defines an input-referenced table after GC, so -y reports it after the stubs.
  if (table >= 0 && syms.file[table] === SYNTHETIC_FILE && syms.state[table] === SymState.Defined) traceInternal(ctx, '__indirect_function_table');
}

/**
 * The layout data symbols of the output: position-independent output has no stack or heap of its own
 * and a shared library no `__data_end` (its layout globals are the imported bases, createPicSymbols).
 */
function layoutSymbols(ctx: LinkContext): readonly string[] {
  if (!isPic(ctx.options)) return LAYOUT_SYMBOLS;
  return ctx.options.shared ? ['__dso_handle'] : ['__dso_handle', '__data_end'];
}

/**
 * -pie and -shared: `__stack_pointer`, `__memory_base` and `__table_base` are imported from env (the
 * bases always, the stack pointer when used), `__wasm_call_ctors` is exported from a shared library,
 * and `__wasm_apply_data_relocs` is a live exported function whose body layout writes (layout/pic.ts).
 */
function createPicSymbols(ctx: LinkContext): void {
  const syms = ctx.syms;
  for (const name of ['__stack_pointer', '__memory_base', '__table_base']) {
    const id = syms.find(name);
    if (syms.state[id] === SymState.Defined) continue; // an input defines it: a conflict the loader will see
    syms.state[id] = SymState.Undefined;
    syms.kind[id] = SymKind.Global;
    syms.importModule[id] = 'env';
    syms.importName[id] = name;
    syms.isGlobal[id] = 1;
    syms.usedInObj[id] = 1; // imported whenever live, as wasm-ld's createUndefinedGlobal
    if (name !== '__stack_pointer') syms.live[id] = 1;
    if (name === '__memory_base') ctx.memoryBase = id;
    else if (name === '__table_base') ctx.tableBase = id;
  }
  if (ctx.callCtors >= 0 && ctx.options.shared) syms.forceExport[ctx.callCtors] = 1;
}

/** `__wasm_apply_data_relocs`, after the --shared-memory symbols as in wasm-ld (their order is the function index order). */
function createApplyDataRelocs(ctx: LinkContext): void {
  const relocs = defineSynthetic(ctx, '__wasm_apply_data_relocs', SymKind.Function, SymFlag.Exported, true);
  if (relocs >= 0) {
    ctx.applyDataRelocs = relocs;
    addSyntheticFunction(ctx, '__wasm_apply_data_relocs', VOID_TYPE, relocs);
  }
}

/** The globals and function of SHARED_MEMORY_SYMBOLS, not live until something refers to them. */
function createSharedMemorySymbols(ctx: LinkContext): void {
  for (const [name, kind] of SHARED_MEMORY_SYMBOLS) {
    const id = defineSynthetic(ctx, name, kind, SymFlag.VisibilityHidden, true);
    if (id < 0) continue;
    if (kind === SymKind.Function) {
      // Its body (output/module.ts, initTlsBody) copies .tdata to a thread's block.
      ctx.initTls = id;
      addSyntheticFunction(ctx, name, ctx.options.wasm64 ? INIT_TLS_TYPE_64 : INIT_TLS_TYPE, id);
      continue;
    }
    addTlsGlobal(ctx, name, id, name === '__tls_base');
  }
}

/** A TLS global (value set by layout, layout/memory.ts); `__tls_base` is also ctx.tlsBase. */
function addTlsGlobal(ctx: LinkContext, name: string, id: SymId, mutable: boolean): void {
  if (name === '__tls_base') ctx.tlsBase = id;
  ctx.syms.local[id] = ctx.synthGlobals.length;
  ctx.synthGlobals.push({ name, valType: pointerType(ctx), mutable, sym: id, live: false, outIndex: -1, value: 0 });
}

/**
 * Undefined weak functions: a direct call goes to a stub that traps, named `undefined_weak:NAME`
 * like wasm-ld's; taking the address gives 0 (stubs never get table slots).
 */
function createWeakStubs(ctx: LinkContext): void {
  const syms = ctx.syms;
  for (let id = 0; id < syms.count; id++) {
    if (!syms.isGlobal[id] || syms.state[id] === SymState.Defined || !syms.isWeak(id)) continue;
    if (syms.kind[id] !== SymKind.Function || !syms.usedInObj[id]) continue;
    const file = syms.file[id];
    if (file < 0) continue;
    const type = referenceType(ctx, id);
    const name = `undefined_weak:${displayName(syms.nameOf(id), ctx.options.demangle)}`; // wasm-ld's, demangled under --demangle
    traceInternal(ctx, syms.nameOf(id), name); // wasm-ld's stub takes the symbol over under the stub's name
    makeStub(ctx, id, name, type);
  }
}

/** Turns `id` into a defined synthetic function whose body is `unreachable`. */
export function makeStub(ctx: LinkContext, id: SymId, name: string, type: FuncType): void {
  const syms = ctx.syms;
  syms.state[id] = SymState.Defined;
  syms.file[id] = SYNTHETIC_FILE;
  syms.isStub[id] = 1;
  syms.flags[id] |= SymFlag.VisibilityHidden;
  syms.flags[id] &= ~SymFlag.Undefined;
  addSyntheticFunction(ctx, name, type, id);
}

/**
 * The signature an object used when it referred to function symbol `id`: its import's, or, for a
 * copy in a discarded COMDAT group (a reference by name to the kept copy), the copy's own.
 */
export function referenceType(ctx: LinkContext, id: SymId): FuncType {
  const syms = ctx.syms;
  const obj = ctx.files[syms.file[id]].obj;
  const index = obj.symbols.index[syms.local[id]];
  if (index >= obj.numImportedFunctions) {
    const d = index - obj.numImportedFunctions;
    return d < obj.functionTypes.length ? obj.types[obj.functionTypes[d]] : VOID_TYPE;
  }
  const imp = importOfKind(obj, ExternalKind.Function, index);
  return imp >= 0 ? obj.types[importTableOf(obj).type[imp]] : VOID_TYPE;
}

/** Signature of a defined or referenced function symbol. */
export function functionType(ctx: LinkContext, id: SymId): FuncType {
  const syms = ctx.syms;
  const f = syms.file[id];
  if (f === SYNTHETIC_FILE) return ctx.synthFuncs[syms.local[id]]?.type ?? VOID_TYPE;
  if (syms.state[id] !== SymState.Defined) return referenceType(ctx, id);
  const file = ctx.files[f];
  const d = file.obj.symbols.index[syms.local[id]] - file.obj.numImportedFunctions;
  return file.obj.types[file.obj.functionTypes[d]];
}
