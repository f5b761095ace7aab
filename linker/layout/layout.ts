// Pass 4 of driver.ts, layout: give every live thing its final place, in wasm-ld's order, and record it in the Plan
// (core/plan.ts). Before: GC has decided what exists. After: every index and address is final and
// nothing is added or moved; the writers (linker/output/) only read the Plan.
// Nothing is written here.
import { LinkContext } from '../core/context';
import { Plan } from '../core/plan';
import { assignIndexes, calculateExports, calculateImports, calculateTypes, createCommandExportWrappers } from './indexes';
import { createApplyGlobalRelocs, createApplyGlobalTlsRelocs, createApplyTlsRelocs, createInitMemory, layoutMemory } from './memory';
import { scanLiveRelocations } from './relocation-scan';
import { addGotImportEntries } from './pic';

export function layout(ctx: LinkContext): Plan {
  const plan = new Plan(ctx);
  // Output data segments placed in memory; the stack, the heap, the memory's limits.
  layoutMemory(ctx, plan);
  // Table slots of address-taken functions, GOT globals, call_indirect types (first in the type section).
  scanLiveRelocations(ctx, plan);
  // A start function zeroing .bss of an imported memory (it takes a function index below).
  createInitMemory(ctx, plan);
  // --shared-memory: GOT globals of thread-local symbols, set per thread by __wasm_init_tls.
  createApplyGlobalTlsRelocs(ctx, plan);
  // --shared-memory: relocated thread-local data gets wasm-ld's __wasm_apply_tls_relocs (empty unless position-independent).
  createApplyTlsRelocs(ctx, plan);
  // -pie/-shared: the start function that rebases this module's own GOT entries (and __wasm_start).
  createApplyGlobalRelocs(ctx, plan);
  // Imports first, in symbol-table order; then defined functions, globals, tags and tables.
  calculateImports(ctx, plan);
  addGotImportEntries(ctx, plan); // GOT.mem/GOT.func: -pie/-shared, --unresolved-symbols=import-dynamic
  assignIndexes(ctx, plan);
  createCommandExportWrappers(ctx, plan);
  calculateTypes(ctx, plan);
  calculateExports(ctx, plan);
  return plan;
}
