// What position-independent output (-pie, -shared) writes beyond a static module, as wasm-ld 19
// writes it: the dylink.0 section that tells a loader how much memory and how many table slots the
// module needs and which of its imports are weak (tool-conventions DynamicLinking.md), and the bodies
// of the functions that rebase addresses once the loader has chosen __memory_base and __table_base:
// `__wasm_apply_data_relocs` (pointers held in data; the loader calls it) and
// `__wasm_apply_global_relocs` (this module's own GOT entries; the start function).
import { ByteWriter } from '../../formats/byte-writer';
import { Reloc, SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { Plan } from '../core/plan';
import { baseName } from '../core/host';
import { isShared } from '../core/rules';
import { SymState } from '../core/symbols';
import { Relocator } from './relocate';

/** dylink.0's subsections (DynamicLinking.md). */
const enum Dylink { MemInfo = 1, Needed = 2, ExportInfo = 3, ImportInfo = 4, RuntimePath = 5 }

/**
 * The dylink.0 section, first in the module: MEM_INFO (data size and alignment, table slots), NEEDED
 * (the shared libraries given as inputs, by file name), and IMPORT_INFO for the live undefined weak
 * symbols (module, name, flags) so that a loader leaves them 0 instead of failing, and RUNTIME_PATH,
 * the --rpath directories (wasm-ld 21). (EXPORT_INFO has no content until thread-local data is
 * supported here.)
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
 * `__wasm_apply_data_relocs`: for each relocation in data, in segment order, stores at
 * __memory_base + its address the value only the loader's bases give: the symbol's GOT entry
 * (+ addend) if it has one, else __memory_base (a table slot: __table_base) + its link-time value.
 */
export function applyDataRelocsBody(ctx: LinkContext, plan: Plan, reloc: Relocator, w: ByteWriter): void {
  const memoryBase = plan.globalIndexOf(ctx.memoryBase);
  const tableBase = plan.globalIndexOf(ctx.tableBase);
  for (const seg of plan.segments) {
    for (let k = 0; k < seg.files.length; k++) {
      if (seg.files[k] < 0) continue; // merged strings: no relocations
      const file = ctx.files[seg.files[k]];
      const rs = file.dataRelocs;
      const i = seg.segs[k];
      if (!rs) continue;
      const input = file.obj.segments[i];
      for (let r = file.segRelocStart[i]; r < file.segRelocStart[i + 1]; r++) {
        const type = rs.type[r];
        const site = file.segVA[i] + rs.offset[r] - input.sectionOffset;
        i32Const(w, site);
        globalGet(w, memoryBase);
        w.u8(0x6a); // i32.add
        const id = file.symIds[rs.index[r]];
        const got = gotGlobal(plan, id);
        if (got >= 0) {
          globalGet(w, got);
          if (rs.addend[r] !== 0) {
            i32Const(w, rs.addend[r]);
            w.u8(0x6a);
          }
        } else {
          globalGet(w, type === Reloc.TABLE_INDEX_I32 ? tableBase : memoryBase);
          i32Const(w, reloc.value(file, type, rs.index[r], rs.addend[r], site, 0));
          w.u8(0x6a);
        }
        w.u8(0x36); w.u8(2); w.u8(0); // i32.store align=4 offset=0
      }
    }
  }
}

/** `__wasm_apply_global_relocs`: each GOT entry of this module's own set to its base plus its link-time value. */
export function applyGlobalRelocsBody(ctx: LinkContext, plan: Plan, w: ByteWriter): void {
  const syms = ctx.syms;
  plan.gotSymbols.forEach((id, k) => {
    if (syms.kind[id] === SymKind.Data) {
      if (syms.state[id] !== SymState.Defined) return;
      globalGet(w, plan.globalIndexOf(ctx.memoryBase));
      i32Const(w, plan.dataVA(id));
    } else if (syms.kind[id] === SymKind.Function) {
      if (syms.isStub[id]) return;
      globalGet(w, plan.globalIndexOf(ctx.tableBase));
      i32Const(w, syms.tableIndex[id]);
    } else {
      return;
    }
    w.u8(0x6a); // i32.add
    w.u8(0x24); w.u32(plan.gotBase + k); // global.set
  });
}

/** The GOT global that holds `id`'s address: an imported or an own entry, or -1. */
function gotGlobal(plan: Plan, id: number): number {
  const imported = plan.gotImportIndex.get(id);
  if (imported !== undefined) return imported;
  const own = plan.gotIndex.get(id);
  return own === undefined ? -1 : plan.gotBase + own;
}

function globalGet(w: ByteWriter, index: number): void {
  w.u8(0x23);
  w.u32(index);
}

function i32Const(w: ByteWriter, v: number): void {
  w.u8(0x41);
  w.s32(v | 0);
}
