// Stub libraries (formats/stub-library.ts), applied as wasm-ld's processStubLibraries does once every
// input, -u, --export and the entry are in: each undefined symbol a stub library lists, by name or by
// its import name, is imported (forceImport: it may stay undefined, and it is imported even without
// --allow-undefined), and each symbol it depends on must be defined and is exported; one an archive
// member defines is pulled in, which may leave new undefined symbols, so the libraries are applied
// again until nothing more is pulled in. The first library to list a symbol decides its dependencies.
// A dependency nothing defines is wasm-ld's `undefined symbol: DEP. Required by NAME`.
import { displayName } from '../../demangle/demangle';
import { LinkContext, StubLibrary } from '../core/context';
import { SymId, SymState } from '../core/symbols';
import { extractLazy } from './resolve';

export function processStubLibraries(ctx: LinkContext): void {
  if (ctx.stubLibraries.length === 0) return;
  const syms = ctx.syms;
  let pulled: boolean;
  do {
    pulled = false;
    for (const lib of ctx.stubLibraries) {
      // First the symbols named as the library lists them, in its order.
      for (const e of lib.entries) {
        const id = syms.find(e.name);
        if (id >= 0 && isUndefined(ctx, id)) pulled = importFromStub(ctx, lib, id, e.deps) || pulled;
        else if (id >= 0 && ctx.traced?.has(e.name)) ctx.diag.out(`${lib.name}: stub symbol not needed: ${e.name}`);
      }
      // Then undefined symbols whose import name it lists, in symbol-table order.
      for (let id = 0; id < syms.count; id++) {
        const importName = syms.importName[id];
        if (importName === undefined || !syms.isGlobal[id] || !isUndefined(ctx, id)) continue;
        const e = lib.byName.get(importName);
        if (e !== undefined) pulled = importFromStub(ctx, lib, id, e.deps) || pulled;
      }
    }
  } while (pulled);
}

/** Undefined as wasm-ld's isUndefined: not defined, not lazy, not a shared library's. */
function isUndefined(ctx: LinkContext, id: SymId): boolean {
  return ctx.syms.state[id] === SymState.Undefined && !ctx.sharedSymbols.has(id);
}

/**
 * Undefined symbol `id` is imported from stub library `lib`, which says it needs `deps`: unless an
 * earlier library claimed it, each dependency is exported (and pulled in when an archive member
 * defines it). Returns whether a member was pulled in.
 */
function importFromStub(ctx: LinkContext, lib: StubLibrary, id: SymId, deps: string[]): boolean {
  const syms = ctx.syms;
  if (syms.forceImport[id]) return false;
  syms.forceImport[id] = 1;
  const name = syms.nameOf(id);
  if (ctx.traced?.has(name)) ctx.diag.out(`${lib.name}: importing ${name}`);
  const demangle = ctx.options.demangle;
  let pulled = false;
  for (const dep of deps) {
    const d = syms.find(dep);
    if (d < 0 || isUndefined(ctx, d)) {
      ctx.diag.error(`${lib.name}: undefined symbol: ${d < 0 ? dep : displayName(dep, demangle)}. Required by ${displayName(name, demangle)}`);
      continue;
    }
    if (ctx.traced?.has(dep)) ctx.diag.out(`${lib.name}: exported ${displayName(dep, demangle)} due to import of ${name}`);
    syms.forceExport[d] = 1;
    if (syms.state[d] === SymState.Lazy) {
      pulled = true;
      extractLazy(ctx, d);
      // wasm-ld records the imported symbol and the file that refers to it.
      ctx.whyExtract?.push([lib.name, ctx.fileName(syms.file[id]), displayName(name, demangle)]);
    }
  }
  return pulled;
}
