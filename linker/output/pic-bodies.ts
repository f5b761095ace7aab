// What position-independent output (-pie, -shared) writes beyond a static module, as wasm-ld 19
// writes it: the dylink.0 section that tells a loader how much memory and how many table slots the
// module needs, which of its exports are thread-local and which of its imports are weak
// (tool-conventions DynamicLinking.md), and the bodies of the functions that rebase addresses once
// the loader has chosen __memory_base and __table_base, and a thread its __tls_base:
// `__wasm_apply_data_relocs` (pointers held in data; the loader calls it), `__wasm_apply_tls_relocs`
// (pointers held in .tdata, per thread), `__wasm_apply_global_relocs` (this module's own GOT entries;
// the start function) and `__wasm_apply_global_tls_relocs` (its thread-local ones, per thread; also
// in static --shared-memory links).
import { ByteWriter } from '../../formats/byte-writer';
import { MAX_RELOC_TYPE, Reloc, SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { Plan } from '../core/plan';
import { baseName } from '../core/host';
import { isShared, isTlsGot, isTlsSegment, isTlsSymbol } from '../core/rules';
import { isPic } from '../core/options';
import { globalGet, globalSet, ptrAdd, ptrConst, ptrStore } from './instructions';
import { SymId, SymState } from '../core/symbols';
import { Relocator } from './relocate';

/** dylink.0's subsections (DynamicLinking.md). */
const enum Dylink { MemInfo = 1, Needed = 2, ExportInfo = 3, ImportInfo = 4, RuntimePath = 5 }

/**
 * The dylink.0 section, first in the module: MEM_INFO (data size and alignment, table slots), NEEDED
 * (the shared libraries given as inputs, by file name), EXPORT_INFO for the exported thread-local
 * data symbols (name, flags: their value is an offset from __tls_base, not __memory_base),
 * IMPORT_INFO for the live undefined weak symbols (module, name, flags) so that a loader leaves them
 * 0 instead of failing, and RUNTIME_PATH, the --rpath directories (wasm-ld 21).
 */
export function writeDylinkSection(ctx: LinkContext, plan: Plan, out: ByteWriter): void {
  const memory = plan.dylinkMemory;
  if (memory === null) return;
  const at = out.beginSection(SectionId.Custom);
  out.name('dylink.0');
  const info = out.beginSection(Dylink.MemInfo);
  out.u32(memory.size);
  out.u32(memory.alignLog2);
  out.u32(plan.tableEntries.length);
  out.u32(0); // table alignment
  out.endSection(info);
  const syms = ctx.syms;
  const weak: number[] = [];
  for (let id = 0; id < syms.count; id++) {
    if (syms.live[id] && syms.isGlobal[id] && syms.state[id] !== SymState.Defined && syms.isWeak(id) && !isShared(ctx, id)) weak.push(id);
  }
  if (ctx.sharedLibraries.length > 0) {
    const sub = out.beginSection(Dylink.Needed);
    out.u32(ctx.sharedLibraries.length);
    for (const name of ctx.sharedLibraries) out.name(baseName(ctx.host, name));
    out.endSection(sub);
  }
  const tls = plan.dataAddressGlobals.filter((id) => isTlsSymbol(ctx, id));
  if (tls.length > 0) {
    const sub = out.beginSection(Dylink.ExportInfo);
    out.u32(tls.length);
    for (const id of tls) {
      out.name(syms.nameOf(id));
      out.u32(syms.flags[id] | SymFlag.Tls); // as wasm-ld flags an older object's symbol in a .tdata segment
    }
    out.endSection(sub);
  }
  if (weak.length > 0) {
    const sub = out.beginSection(Dylink.ImportInfo);
    out.u32(weak.length);
    for (const id of weak) {
      out.name(syms.importModule[id] ?? 'env');
      out.name(syms.importName[id] ?? syms.nameOf(id));
      // An archive member's symbol only weakly referenced is demoted to undefined with the weak flag alone, as wasm-ld does.
      out.u32(syms.state[id] === SymState.Lazy ? SymFlag.BindingWeak : syms.flags[id]);
    }
    out.endSection(sub);
  }
  const rpath = ctx.options.rpath;
  if (rpath.length > 0) {
    const sub = out.beginSection(Dylink.RuntimePath);
    out.u32(rpath.length);
    for (const dir of rpath) out.name(dir);
    out.endSection(sub);
  }
  out.endSection(at);
}

/**
 * `__wasm_apply_data_relocs` (`tls` false: the relocations of every segment but, under
 * --shared-memory, .tdata; the loader calls it once) and `__wasm_apply_tls_relocs` (`tls` true: those
 * of .tdata, run by __wasm_init_tls for each thread's copy), as wasm-ld's generateRelocationCode: for
 * each relocation, in segment order, stores at its place (__memory_base + its address, or in a
 * thread-local input __tls_base + it) the value only the loader's bases give: the symbol's GOT entry
 * (+ addend) if it has one, else __table_base (a table slot), __tls_base (a thread-local symbol) or
 * __memory_base, + its link-time value. Outside position-independent output only the relocations
 * against undefined symbols read through a GOT entry need code (a static module's data is relocated
 * in place; an undefined symbol without one stays 0).
 */
export function applyDataRelocsBody(ctx: LinkContext, plan: Plan, reloc: Relocator, w: ByteWriter, tls: boolean): void {
  const pic = isPic(ctx.options);
  const wasm64 = ctx.options.wasm64;
  const syms = ctx.syms;
  const base = (id: SymId) => plan.globalIndexOf(id);
  const perThread = ctx.options.sharedMemory;
  w.u32(0); // no locals
  for (const seg of plan.segments) {
    if ((perThread && seg.isTls) !== tls) continue;
    for (let k = 0; k < seg.files.length; k++) {
      if (seg.files[k] < 0) continue; // merged strings: no relocations
      const file = ctx.files[seg.files[k]];
      const rs = file.dataRelocs;
      const i = seg.segs[k];
      if (!rs) continue;
      const input = file.obj.segments[i];
      const tlsInput = isTlsSegment(input);
      for (let r = file.segRelocStart[i]; r < file.segRelocStart[i + 1]; r++) {
        const type = rs.type[r];
        const id = file.symIds[rs.index[r]];
        const got = gotGlobal(plan, id);
        if (!pic && (syms.state[id] === SymState.Defined || got < 0)) continue;
        const site = file.segVA[i] + rs.offset[r] - input.sectionOffset;
        ptrConst(w, wasm64, site);
        if (pic) {
          globalGet(w, tlsInput ? tlsBaseIndex(ctx, plan) : base(ctx.memoryBase));
          ptrAdd(w, wasm64);
        }
        const wide = RELOC_IS_64[type] === 1;
        if (got >= 0) {
          globalGet(w, got);
          if (rs.addend[r] !== 0) {
            ptrConst(w, wide, rs.addend[r]);
            ptrAdd(w, wide);
          }
        } else {
          const table = type === Reloc.TABLE_INDEX_I32 || type === Reloc.TABLE_INDEX_I64;
          const threadLocal = syms.kind[id] === SymKind.Data && isTlsSymbol(ctx, id);
          globalGet(w, table ? base(ctx.tableBase) : threadLocal ? tlsBaseIndex(ctx, plan) : base(ctx.memoryBase));
          ptrConst(w, wide, reloc.value(file, type, rs.index[r], rs.addend[r], site, 0));
          ptrAdd(w, wide);
        }
        ptrStore(w, wide);
      }
    }
  }
  w.u8(0x0b);
}

/**
 * `__wasm_apply_global_relocs` (`tls` false, position-independent output: the start function) and
 * `__wasm_apply_global_tls_relocs` (`tls` true, --shared-memory: run by __wasm_init_tls for each
 * thread), as wasm-ld's generateRelocationCode of its GOT: each of this module's own GOT entries of
 * that kind set to its base (__memory_base, __table_base for a function, __tls_base for thread-local
 * data) plus its link-time value (a thread-local symbol's: its offset in .tdata).
 */
export function applyGlobalRelocsBody(ctx: LinkContext, plan: Plan, w: ByteWriter, tls: boolean): void {
  const syms = ctx.syms;
  const wasm64 = ctx.options.wasm64;
  w.u32(0); // no locals
  plan.gotSymbols.forEach((id, k) => {
    if (isTlsGot(ctx, id) !== tls) return;
    if (syms.kind[id] === SymKind.Data) {
      if (syms.state[id] !== SymState.Defined) return;
      globalGet(w, plan.globalIndexOf(tls ? ctx.tlsBase : ctx.memoryBase));
      ptrConst(w, wasm64, plan.dataAddressOf(id));
    } else if (syms.kind[id] === SymKind.Function) {
      if (syms.isStub[id]) return;
      globalGet(w, plan.globalIndexOf(ctx.tableBase));
      ptrConst(w, wasm64, syms.tableIndex[id]);
    } else {
      return;
    }
    ptrAdd(w, wasm64);
    globalSet(w, plan.gotBase + k);
  });
  w.u8(0x0b);
}

/**
 * __tls_base's global index where position-independent relocation code adds it: wasm-ld reads it
 * whether or not anything made it live, which it has not done without --shared-memory unless an
 * input names it (wasm-ld then fails); refused here rather than written wrong.
 */
function tlsBaseIndex(ctx: LinkContext, plan: Plan): number {
  const id = ctx.tlsBase;
  if (id < 0 || !ctx.syms.live[id]) {
    ctx.diag.fatal('relocations in thread-local data without --shared-memory or a reference to __tls_base in -shared/-pie output are not supported yet');
  }
  return plan.globalIndexOf(id);
}

/** Relocation types whose value is 64-bit (stored with i64.store), as LLVM's relocIs64. */
const RELOC_IS_64: Uint8Array = (() => {
  const t = new Uint8Array(MAX_RELOC_TYPE + 1);
  for (const type of [Reloc.MEMORY_ADDR_LEB64, Reloc.MEMORY_ADDR_SLEB64, Reloc.MEMORY_ADDR_I64, Reloc.MEMORY_ADDR_REL_SLEB64,
    Reloc.TABLE_INDEX_SLEB64, Reloc.TABLE_INDEX_I64, Reloc.FUNCTION_OFFSET_I64, Reloc.TABLE_INDEX_REL_SLEB64,
    Reloc.MEMORY_ADDR_TLS_SLEB64]) t[type] = 1;
  return t;
})();

/** The GOT global that holds `id`'s address: an imported or an own entry, or -1. */
function gotGlobal(plan: Plan, id: number): number {
  const imported = plan.gotImportIndex.get(id);
  if (imported !== undefined) return imported;
  const own = plan.gotIndex.get(id);
  return own === undefined ? -1 : plan.gotBase + own;
}
