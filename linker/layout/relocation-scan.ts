// Layout, relocation scan: one pass over the relocations of live chunks, for what layout learns
// from them (table slots, GOT globals, call_indirect signatures).
import { isTableIndexReloc, MAX_RELOC_TYPE, Reloc, RELOC_NAMES, SymFlag, SymKind } from '../../formats/wasm';
import { isTlsSymbol } from '../core/rules';
import { LinkContext, ObjFile } from '../core/context';
import { Plan } from '../core/plan';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { isPic } from '../core/options';
import { addGotImport, PIC_RELOC, requiresGotAccess, scanPicRelocation } from './pic';

/** Relocation types scanLiveRelocations acts on: type indexes, global indexes, table indexes, TLS offsets. */
const LAYOUT_RELOC: Uint8Array = (() => {
  const t = new Uint8Array(MAX_RELOC_TYPE + 1);
  for (let type = 0; type <= MAX_RELOC_TYPE; type++) {
    t[type] = type === Reloc.TYPE_INDEX_LEB || type === Reloc.GLOBAL_INDEX_LEB || type === Reloc.GLOBAL_INDEX_I32 || isTableIndexReloc(type) ||
      isTlsReloc(type) ? 1 : 0;
  }
  return t;
})();

/** The same for position-independent output, which also checks memory addresses (layout/pic.ts, PIC_RELOC). */
const PIC_LAYOUT_RELOC: Uint8Array = LAYOUT_RELOC.map((v, type) => v | PIC_RELOC[type]);

function isTlsReloc(type: number): boolean {
  return type === Reloc.MEMORY_ADDR_TLS_SLEB || type === Reloc.MEMORY_ADDR_TLS_SLEB64;
}

/**
 * One pass over the relocations of live chunks in wasm-ld's scan order (by file, code then data),
 * for what it learns from them: table slots (from --table-base on) for functions whose address is
 * taken (TABLE_INDEX relocations), GOT globals for non-global symbols read through GLOBAL_INDEX
 * relocations, and the call_indirect signatures (TYPE_INDEX in code), which come first in the type
 * section. One pass rather than one each: each pass over the ~1M relocations of a large link
 * costs ~5 ms.
 */
export function scanLiveRelocations(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  const base = ctx.options.tableBase;
  const pic = isPic(ctx.options);
  // --unresolved-symbols=import-dynamic in a static link: an undefined symbol is the loader's, so the
  // relocations against it follow the position-independent rules (wasm-ld's scanRelocations).
  const dynamic = !pic && ctx.options.unresolvedSymbols === 'import-dynamic';
  const acted = pic || dynamic ? PIC_LAYOUT_RELOC : LAYOUT_RELOC;
  // A symbol read through the GOT: imported from GOT.mem/GOT.func when only the loader knows its
  // address (layout/pic.ts, requiresGotAccess), else a global of this module.
  const addGot = (id: SymId) => {
    if ((pic || dynamic) && requiresGotAccess(ctx, id)) {
      addGotImport(ctx, plan, id);
    } else if (!plan.gotIndex.has(id)) {
      plan.gotIndex.set(id, plan.gotSymbols.length);
      plan.gotSymbols.push(id);
      if (syms.kind[id] === SymKind.Function) addSlot(id);
    }
  };
  const visit = (file: ObjFile, types: Uint8Array, indexes: Uint32Array, start: number, end: number, code: boolean) => {
    for (let r = start; r < end; r++) {
      const type = types[r];
      if (!acted[type]) continue; // calls and memory addresses: ~80% of them
      if (type === Reloc.TYPE_INDEX_LEB) {
        const t = indexes[r];
        if (code && file.typeMap[t] < 0) file.typeMap[t] = plan.registerType(file.obj.types[t]);
        continue;
      }
      const id = file.symIds[indexes[r]];
      if (type === Reloc.GLOBAL_INDEX_LEB || type === Reloc.GLOBAL_INDEX_I32) {
        if (syms.kind[id] !== SymKind.Global) addGot(id);
        continue;
      }
      if (isTlsReloc(type)) {
        checkTlsReloc(ctx, plan, file, type, id);
        continue;
      }
      if ((pic || (dynamic && syms.state[id] !== SymState.Defined)) && scanPicRelocation(ctx, file, type, id)) addGot(id);
      if (!isTableIndexReloc(type)) continue;
      if (syms.tableIndex[id] >= 0 || syms.isStub[id]) continue;
      if (pic || dynamic ? requiresGotAccess(ctx, id) : syms.state[id] !== SymState.Defined && syms.isWeak(id)) continue;
      // Imported functions get slots too (their address is the import's table entry).
      plan.slotsTaken = true;
      addSlot(id);
    }
  };
  // One slot per function, not per symbol: aliases of a function share its slot (and so compare
  // equal as pointers), as in wasm-ld, where the slot belongs to the function.
  const slotsOf = new Map<ObjFile, Int32Array>(); // per file: each defined function's slot + 1, 0 = none yet
  const addSlot = (id: SymId) => {
    if (syms.tableIndex[id] >= 0 || syms.isStub[id]) return;
    const f = syms.file[id];
    let slots: Int32Array | undefined;
    let d = -1;
    if (syms.state[id] === SymState.Defined && f !== SYNTHETIC_FILE) {
      const file = ctx.files[f];
      slots = slotsOf.get(file);
      if (slots === undefined) slotsOf.set(file, slots = new Int32Array(file.obj.functionTypes.length));
      d = file.obj.symbols.index[syms.local[id]] - file.obj.numImportedFunctions;
      if (slots[d] !== 0) {
        syms.tableIndex[id] = slots[d] - 1;
        return;
      }
    }
    syms.tableIndex[id] = base + plan.tableEntries.length;
    if (slots !== undefined) slots[d] = syms.tableIndex[id] + 1;
    plan.tableEntries.push(id);
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

/**
 * A TLS offset (relative to __tls_base) needs a defined symbol, and under --shared-memory a
 * thread-local one in the .tdata segment; without shared memory TLS is plain data. wasm-ld's errors.
 */
function checkTlsReloc(ctx: LinkContext, plan: Plan, file: ObjFile, type: number, id: SymId): void {
  const syms = ctx.syms;
  const what = `${file.name}: relocation ${RELOC_NAMES[type]} cannot be used against`;
  if (syms.state[id] !== SymState.Defined) {
    ctx.diag.error(`${what} an undefined symbol \`${syms.nameOf(id)}\``);
    return;
  }
  if (!ctx.options.sharedMemory) return;
  if (!isTlsSymbol(ctx, id)) {
    ctx.diag.error(`${what} non-TLS symbol \`${syms.nameOf(id)}\``);
    return;
  }
  if (syms.kind[id] !== SymKind.Data || syms.file[id] === SYNTHETIC_FILE) return;
  const owner = ctx.files[syms.file[id]];
  if (owner.obj.symbols.flags[syms.local[id]] & SymFlag.Absolute) return;
  const seg = owner.obj.symbols.index[syms.local[id]];
  const out = plan.segments[owner.segOut[seg]];
  if (out && !out.isTls) ctx.diag.error(`${what} \`${syms.nameOf(id)}\` in non-TLS section: ${out.name}`);
}
