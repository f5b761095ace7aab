// Layout for position-independent output (-pie and -shared; tool-conventions DynamicLinking.md), as
// wasm-ld 19 lays it out. The loader decides where this module's data and table slots go and tells it
// through the imported globals __memory_base and __table_base, so: data is placed from 0 and, without
// extended-const, put in one segment at __memory_base (combinePicSegments); table slots count from 0
// and the element segment sits at __table_base; what only the loader knows is read through the GOT,
// globals imported from GOT.mem / GOT.func (requiresGotAccess, addGotImport), while this module's own
// GOT entries are mutable globals that __wasm_apply_global_relocs (the start function) rebases; the
// loader calls __wasm_apply_data_relocs to rebase the pointers held in data (output/pic-bodies.ts).
// Also here: the relocation rules of PIC code (scanPicRelocation) and which undefined functions
// are called directly (imported) rather than only address-taken (a GOT.func entry is enough).
import { ExternalKind, MAX_RELOC_TYPE, Reloc, RELOC_NAMES, SymFlag, SymKind, ValType } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { OutputSegment, Plan } from '../core/plan';
import { isShared, shownName } from '../core/rules';
import { SymId, SymState } from '../core/symbols';

/** Relocation types whose rules change in position-independent output (scanPicRelocation). */
export const PIC_RELOC: Uint8Array = (() => {
  const t = new Uint8Array(MAX_RELOC_TYPE + 1);
  for (const type of [Reloc.TABLE_INDEX_SLEB, Reloc.TABLE_INDEX_SLEB64, Reloc.MEMORY_ADDR_SLEB, Reloc.MEMORY_ADDR_LEB,
    Reloc.MEMORY_ADDR_SLEB64, Reloc.MEMORY_ADDR_LEB64, Reloc.TABLE_INDEX_I32, Reloc.TABLE_INDEX_I64, Reloc.MEMORY_ADDR_I32,
    Reloc.MEMORY_ADDR_I64]) t[type] = 1;
  return t;
})();

/**
 * Whether position-independent code must reach `id` through an imported GOT entry: it is defined by
 * a shared library, or it is not hidden or local and either undefined or, in a shared library without
 * -Bsymbolic, defined but interposable (another module may define it first). wasm-ld's requiresGOTAccess.
 */
export function requiresGotAccess(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  if (isShared(ctx, id)) return true;
  if (syms.isHidden(id) || !syms.isGlobal[id] || syms.flags[id] & SymFlag.BindingLocal) return false;
  return syms.state[id] !== SymState.Defined || (ctx.options.shared && !ctx.options.bsymbolic);
}

/** `id` is read from a GOT.mem or GOT.func import, which the loader fills; such a symbol is exported if defined. */
export function addGotImport(ctx: LinkContext, plan: Plan, id: SymId): void {
  if (plan.gotImportIndex.has(id)) return;
  plan.gotImportIndex.set(id, -1); // numbered after the other imports (addGotImportEntries)
  plan.gotImports.push(id);
  ctx.syms.forceExport[id] = 1;
}

/**
 * wasm-ld 19's rules for one relocation of live code or data in position-independent output: absolute
 * addresses and slots in code cannot be made (recompile with -fPIC). True when the relocation (an
 * address or slot in data) needs a GOT import. (A relative address of an undefined symbol is 0, as
 * in wasm-ld 19; later versions refuse it.)
 */
export function scanPicRelocation(ctx: LinkContext, file: ObjFile, type: number, id: SymId): boolean {
  switch (type) {
    case Reloc.TABLE_INDEX_SLEB:
    case Reloc.TABLE_INDEX_SLEB64:
    case Reloc.MEMORY_ADDR_SLEB:
    case Reloc.MEMORY_ADDR_LEB:
    case Reloc.MEMORY_ADDR_SLEB64:
    case Reloc.MEMORY_ADDR_LEB64:
      ctx.diag.error(`${file.name}: relocation ${RELOC_NAMES[type]} cannot be used against symbol \`${shownName(ctx, id)}\`; recompile with -fPIC`);
      return false;
    case Reloc.TABLE_INDEX_I32:
    case Reloc.TABLE_INDEX_I64:
    case Reloc.MEMORY_ADDR_I32:
    case Reloc.MEMORY_ADDR_I64:
      return requiresGotAccess(ctx, id);
    default:
      return false;
  }
}

/** The GOT imports after every other import, in the order the relocation scan met them. */
export function addGotImportEntries(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  for (const id of plan.gotImports) {
    plan.gotImportIndex.set(id, plan.numImportedGlobals++);
    plan.imports.push({
      sym: id, module: syms.kind[id] === SymKind.Function ? 'GOT.func' : 'GOT.mem', name: syms.nameOf(id),
      kind: ExternalKind.Global, typeIndex: 0, valType: ctx.options.wasm64 ? ValType.I64 : ValType.I32, mutable: true, got: true,
    });
  }
}

/**
 * Undefined functions some code calls (FUNCTION_INDEX_LEB): position-independent output imports
 * those; one whose address alone is taken is reached through its GOT.func entry only (wasm-ld's
 * isCalledDirectly, which it records for every relocation of an input's code).
 */
export function calledDirectly(ctx: LinkContext): Set<SymId> {
  const called = new Set<SymId>();
  for (const file of ctx.files) {
    const rs = file.codeRelocs;
    if (!rs) continue;
    for (let r = 0; r < rs.type.length; r++) if (rs.type[r] === Reloc.FUNCTION_INDEX_LEB) called.add(file.symIds[rs.index[r]]);
  }
  return called;
}

/**
 * Whether a shared library imports its own definition of `id` too (and calls that import), so that
 * another module's definition takes precedence: a weak, visible function (wasm-ld's shouldImport).
 */
export function isInterposable(ctx: LinkContext, id: SymId): boolean {
  const syms = ctx.syms;
  return ctx.options.shared && syms.state[id] === SymState.Defined && syms.isWeak(id) && !syms.isHidden(id) && syms.file[id] >= 0;
}

/**
 * The placed output segments as position-independent output has them: dylink.0's memory size and
 * alignment recorded on the plan; then, unless they are passive (--shared-memory: __wasm_init_memory
 * copies each to __memory_base + its address) or extended-const lets each say where it goes, one
 * `.data` at __memory_base holding them all where they were placed (.bss written as zeroes), as
 * wasm-ld's combineOutputSegments.
 */
export function placePicSegments(ctx: LinkContext, plan: Plan, dataEnd: number): void {
  const segments = plan.segments;
  plan.dylinkMemory = { size: dataEnd, alignLog2: segments.reduce((a, s) => Math.max(a, s.alignLog2), 0) };
  if (segments.length <= 1 || ctx.options.sharedMemory || plan.extendedConst) return;
  const first = segments[0];
  const last = segments[segments.length - 1];
  const combined: OutputSegment = {
    name: '.data', alignLog2: plan.dylinkMemory.alignLog2, size: last.va + last.size - first.va, va: first.va,
    isBss: false, isTls: false, files: [], segs: [], offsets: [],
  };
  for (const seg of segments) {
    for (let k = 0; k < seg.files.length; k++) {
      combined.files.push(seg.files[k]);
      combined.segs.push(seg.segs[k]);
      combined.offsets.push(seg.va - first.va + seg.offsets[k]);
      if (seg.files[k] >= 0) ctx.files[seg.files[k]].segOut[seg.segs[k]] = 0;
    }
  }
  for (const file of ctx.files) file.segPieces.forEach((p, i) => { if (p) file.segOut[i] = 0; });
  plan.segments = [combined];
}
