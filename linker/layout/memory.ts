// Layout, memory: the output data segments (core/output-segments.ts) placed in memory as wasm-ld
// does: data from --global-base,
// the 16-aligned stack, then the heap (or the stack first with --stack-first); the memory's limits;
// the linker-defined data symbols (__data_end, __heap_base, __start_NAME, ...); and
// __wasm_init_memory, the start function that copies passive segments in (--shared-memory: once,
// behind a flag in memory) or zeroes an imported memory's .bss.
import { SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { alignTo, createOutputSegments } from '../core/output-segments';
import { OutputSegment, Plan } from '../core/plan';
import { featureUsed, initializedAtStart, isLayoutDataName, isThreadGot, isTlsGot, MEMORY_RULES, memoryLimit, reportUnresolved } from '../core/rules';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { addSyntheticFunction, VOID_TYPE } from '../core/synthetic';
import { isPic } from '../core/options';
import { placePicSegments } from './pic';

const PAGE = 65536;

function setDataSym(ctx: LinkContext, name: string, va: number): void {
  const id = ctx.syms.find(name);
  if (id >= 0 && ctx.syms.file[id] === SYNTHETIC_FILE && ctx.syms.kind[id] === SymKind.Data && ctx.syms.state[id] === SymState.Defined) {
    ctx.syms.outIndex[id] = va;
  }
}

/** wasm-ld's layoutMemory: data from --global-base, the 16-aligned stack, then the heap. */
/** The JS API's limit on a module's size (1 GiB). */
const MAX_MODULE_BYTES = 1024 * 1024 * 1024;

export function layoutMemory(ctx: LinkContext, plan: Plan): void {
  plan.segments = createOutputSegments(ctx, plan.mergedChunks);
  const o = ctx.options;
  const diag = ctx.diag;
  let ptr = 0;
  const sp = ctx.stackPointer >= 0 ? ctx.synthGlobals[ctx.syms.local[ctx.stackPointer]] : null;
  const pic = isPic(o);
  // wasm-ld gives each segment its own __memory_base-relative offset expression when extended-const is on.
  plan.extendedConst = pic && featureUsed(ctx, 'extended-const');
  const placeStack = () => {
    if (pic) return; // the loader gives a position-independent module the stack pointer it imports
    ptr = alignTo(ptr, 16);
    setDataSym(ctx, '__stack_low', ptr);
    if (o.stackSize % 16 !== 0) diag.error(MEMORY_RULES.stackAlign);
    ptr += o.stackSize;
    if (sp) sp.value = ptr;
    setDataSym(ctx, '__stack_high', ptr);
  };
  const globalBase = o.globalBase ?? (o.stackFirst || pic ? 0 : 1024);
  if (o.stackFirst) {
    placeStack();
    if (o.globalBase !== null) {
      if (o.globalBase < ptr) diag.error(MEMORY_RULES.globalBaseBelowStack);
      ptr = o.globalBase;
    }
  } else {
    ptr = globalBase;
  }
  setDataSym(ctx, '__global_base', ptr);
  setDataSym(ctx, '__dso_handle', ptr);
  const chunkSegment = new Int32Array(plan.mergedChunks.length);
  plan.segments.forEach((seg, s) => {
    ptr = alignTo(ptr, 2 ** seg.alignLog2);
    seg.va = ptr;
    for (let k = 0; k < seg.files.length; k++) {
      if (seg.files[k] >= 0) {
        const file = ctx.files[seg.files[k]];
        file.segVA[seg.segs[k]] = ptr + seg.offsets[k];
        file.segOut[seg.segs[k]] = s;
      } else {
        plan.mergedChunks[seg.segs[k]].va = ptr + seg.offsets[k];
        chunkSegment[seg.segs[k]] = s;
      }
    }
    if (seg.isTls) placeTls(ctx, plan, seg);
    ptr += seg.size;
  });
  for (const file of ctx.files) file.segPieces.forEach((p, i) => { if (p) file.segOut[i] = chunkSegment[p.chunk]; });
  checkDataSize(ctx, plan);
  if (o.sharedMemory && plan.segments.length > 0) {
    // __wasm_init_memory_flag: 0 until an instance wins the right to initialise memory, 1 while
    // it does, 2 once done (after the data, before __data_end, as wasm-ld places it).
    ptr = alignTo(ptr, 4);
    plan.initMemoryFlag = ptr;
    const flag = defineLinkerSymbol(ctx, '__wasm_init_memory_flag', SymKind.Data);
    ctx.syms.flags[flag] |= SymFlag.Absolute;
    ctx.syms.outIndex[flag] = ptr;
    ptr += 4;
  }
  setDataSym(ctx, '__data_end', ptr);
  if (pic) placePicSegments(ctx, plan, ptr);
  else if (o.unresolvedSymbols === 'import-dynamic') plan.dylinkMemory = { size: 0, alignLog2: 0 }; // dylink.0, no memory of its own to ask for
  if (!o.stackFirst) placeStack();
  ptr = alignTo(ptr, 16);
  setDataSym(ctx, '__heap_base', ptr);
  const maxSetting = memoryLimit(o);
  if (o.initialHeap !== 0) {
    if (o.initialHeap % PAGE !== 0) diag.error(MEMORY_RULES.initialHeapAlign);
    if (o.initialHeap > maxSetting - ptr) diag.error(`initial heap too large, cannot be greater than ${maxSetting - ptr}`);
    ptr += o.initialHeap;
  }
  if (o.initialMemory !== null && o.initialMemory !== 0) {
    if (o.initialMemory % PAGE !== 0) diag.error(MEMORY_RULES.initialMemoryAlign);
    if (ptr > o.initialMemory) diag.error(`initial memory too small, ${ptr} bytes needed`);
    if (o.initialMemory > maxSetting) diag.error(MEMORY_RULES.initialMemoryTooLarge + maxSetting);
    ptr = o.initialMemory;
  }
  ptr = alignTo(ptr, PAGE);
  plan.memoryPages = ptr / PAGE;
  setDataSym(ctx, '__heap_end', ptr);
  let max = 0;
  if (o.maxMemory !== null && o.maxMemory !== 0) {
    if (o.maxMemory % PAGE !== 0) diag.error(MEMORY_RULES.maxMemoryAlign);
    if (ptr > o.maxMemory) diag.error(`maximum memory too small, ${ptr} bytes needed`);
    if (o.maxMemory > maxSetting) diag.error(MEMORY_RULES.maxMemoryTooLarge + maxSetting);
    max = o.maxMemory;
  } else if (!o.growableMemory) {
    max = ptr;
  }
  // A shared memory always has a maximum: without --max-memory, its initial size (position-independent:
  // the largest memory, since the loader places more modules in it).
  if (o.sharedMemory && max === 0) max = pic ? maxSetting : ptr;
  plan.maxMemoryPages = max !== 0 || o.sharedMemory ? max / PAGE : null;
  addStartStopSymbols(ctx, plan);
}

/**
 * The .tdata output segment (.tdata and .tbss inputs, the .tbss zeroes written out) once placed:
 * `__tls_size` and `__tls_align` (--shared-memory) take its size and alignment; single-threaded,
 * `__tls_base` its address (with --shared-memory it is set at run time: __wasm_init_memory gives
 * the first thread this copy, __wasm_init_tls another thread its own block).
 */
function placeTls(ctx: LinkContext, plan: Plan, seg: OutputSegment): void {
  plan.tlsVA = seg.va;
  const set = (name: string, value: number) => {
    const id = ctx.syms.find(name);
    if (id >= 0 && ctx.syms.file[id] === SYNTHETIC_FILE && ctx.syms.kind[id] === SymKind.Global) ctx.synthGlobals[ctx.syms.local[id]].value = value;
  };
  if (ctx.options.sharedMemory) {
    set('__tls_size', seg.size);
    set('__tls_align', 2 ** seg.alignLog2);
  } else {
    set('__tls_base', seg.va);
  }
}

/**
 * A module holds at most 1 GiB (the WebAssembly JS API's limit; no engine loads more), and the data
 * section carries each segment's bytes, the padding its inputs' alignment puts between them included:
 * one input asking for 2^31-byte alignment would make gigabytes of zeros (wasm-ld-19 crashes on it).
 * Refused before the output is made. .bss counts too, since it is written as data in some links.
 */
function checkDataSize(ctx: LinkContext, plan: Plan): void {
  let total = 0;
  let largest = plan.segments[0];
  for (const seg of plan.segments) {
    total += seg.size;
    if (seg.size > largest.size) largest = seg;
  }
  if (total > MAX_MODULE_BYTES) {
    ctx.diag.fatal(`data segments need ${total} bytes (${largest.name}: ${largest.size}, aligned to ${2 ** largest.alignLog2}), ` +
      `more than a WebAssembly module may hold (${MAX_MODULE_BYTES})`);
  }
}

/** `__start_NAME` / `__stop_NAME` for output segments whose names are C identifiers. */
function addStartStopSymbols(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  for (const seg of plan.segments) {
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
  // References to those of segments that do not exist were reported by GC (gc/report.ts, reportUndefined);
  // an --export of one is reported here, once layout has had its chance to define it, as wasm-ld does.
  for (const name of ctx.options.exports) {
    if (!isLayoutDataName(ctx, name)) continue;
    const id = syms.find(name);
    if (id < 0 || syms.state[id] !== SymState.Defined) reportUnresolved(ctx, `symbol exported via --export not found: ${name}`);
  }
}

/**
 * A hidden global symbol that layout defines (as wasm-ld adds its own late in the symbol table,
 * where --export-all finds them), live.
 */
function defineLinkerSymbol(ctx: LinkContext, name: string, kind: SymKind): SymId {
  const syms = ctx.syms;
  let id = syms.find(name);
  if (id < 0) id = syms.add(name, kind, true);
  syms.state[id] = SymState.Defined;
  syms.kind[id] = kind;
  syms.file[id] = SYNTHETIC_FILE;
  syms.flags[id] = SymFlag.VisibilityHidden;
  syms.live[id] = 1;
  return id;
}

/**
 * The start function `__wasm_init_memory`, when some output segment is passive (rules.ts,
 * initializedAtStart): with --shared-memory every segment is, and the function copies them in
 * once for all instances (module.ts, initMemoryBody); with an imported memory, .bss cannot be
 * assumed zero and is zeroed there (memory.fill) when bulk memory is available and .bss is not
 * written anyway.
 */
export function createInitMemory(ctx: LinkContext, plan: Plan): void {
  if (!plan.segments.some((s) => initializedAtStart(ctx, s))) return;
  // wasm-ld keeps __tls_base whenever it makes this function under --shared-memory.
  ctx.initMemory = addLinkerFunction(ctx, '__wasm_init_memory', ctx.options.sharedMemory);
}

/** A live, hidden `() -> ()` function the linker writes (module.ts), keeping __tls_base if it uses it. */
export function addLinkerFunction(ctx: LinkContext, name: string, usesTlsBase: boolean): SymId {
  const id = defineLinkerSymbol(ctx, name, SymKind.Function);
  addSyntheticFunction(ctx, name, VOID_TYPE, id);
  ctx.synthFuncs[ctx.syms.local[id]].live = true;
  if (usesTlsBase && ctx.tlsBase >= 0) {
    ctx.syms.live[ctx.tlsBase] = 1;
    ctx.synthGlobals[ctx.syms.local[ctx.tlsBase]].live = true;
  }
  return id;
}

/**
 * `__wasm_apply_global_tls_relocs`, as wasm-ld makes it with --shared-memory when a GOT global holds
 * the address of thread-local data: that address depends on the thread, so the global is mutable
 * and this function (called by __wasm_init_tls, output/module.ts) sets it to __tls_base + offset.
 */
export function createApplyGlobalTlsRelocs(ctx: LinkContext, plan: Plan): void {
  if (!plan.gotSymbols.some((id) => isThreadGot(ctx, id))) return;
  ctx.applyGlobalTlsRelocs = addLinkerFunction(ctx, '__wasm_apply_global_tls_relocs', true);
}

/**
 * `__wasm_apply_tls_relocs`, as wasm-ld makes it with --shared-memory when thread-local data has
 * relocations: called by __wasm_init_tls after a thread's copy is made, to fix what a copy's place
 * decides. Outside position-independent code nothing does (a pointer held in .tdata is an address
 * or a thread-local offset, the same in every copy, relocated in the segment itself), so the body
 * is empty, as wasm-ld's is; position-independent, every pointer there is stored rebased
 * (output/pic-bodies.ts, applyDataRelocsBody).
 */
export function createApplyTlsRelocs(ctx: LinkContext, plan: Plan): void {
  if (!ctx.options.sharedMemory) return;
  const seg = plan.segments.find((s) => s.isTls);
  if (seg === undefined) return;
  if (seg.files.some((f, k) => f >= 0 && ctx.files[f].segRelocStart[seg.segs[k]] < ctx.files[f].segRelocStart[seg.segs[k] + 1])) {
    ctx.applyTlsRelocs = addLinkerFunction(ctx, '__wasm_apply_tls_relocs', false);
  }
}

/**
 * `__wasm_apply_global_relocs`, when this module has GOT entries of its own that are not thread-local:
 * their values are relative to __memory_base or __table_base, so the start function adds the base
 * (output/pic-bodies.ts); not with extended-const, whose GOT entries add it in their initialisers.
 * With __wasm_init_memory as well, `__wasm_start` calls both, as wasm-ld's.
 */
export function createApplyGlobalRelocs(ctx: LinkContext, plan: Plan): void {
  if (!isPic(ctx.options) || plan.extendedConst || !plan.gotSymbols.some((id) => !isTlsGot(ctx, id))) return;
  ctx.applyGlobalRelocs = addLinkerFunction(ctx, '__wasm_apply_global_relocs', false);
  if (ctx.initMemory >= 0) ctx.wasmStart = addLinkerFunction(ctx, '__wasm_start', false);
}
