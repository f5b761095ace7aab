// Shared libraries (side modules with a dylink.0 section) given to a position-independent link, as
// wasm-ld's SharedFile: each function and data address the library exports becomes a shared symbol
// that satisfies the link's undefined references to it. Such a symbol stays an import (a function
// the link calls, or a GOT.mem / GOT.func global) that the loader resolves against the library; the
// library is listed in dylink.0's NEEDED. A shared symbol never replaces a definition of an object
// (an object's definition, read later, replaces it), and an archive member is not pulled in for it.
// In the arena a shared symbol is an undefined one with an entry in ctx.sharedSymbols
// (core/rules.ts isShared asks).
import { FormatError } from '../../formats/leb128';
import { parseSharedLibrary, SharedLibrary } from '../../formats/shared-library';
import { SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { SymState } from '../core/symbols';

/** Exports that belong to the library itself, never bound to another module (wasm-ld's list). */
function isLocalToLibrary(name: string): boolean {
  return name === '__wasm_apply_data_relocs' || name === '__wasm_call_ctors' || name.startsWith('__start_') || name.startsWith('__stop_');
}

const KIND_NAMES = ['WASM_SYMBOL_TYPE_FUNCTION', 'WASM_SYMBOL_TYPE_DATA', 'WASM_SYMBOL_TYPE_GLOBAL'];

/** Reads shared library `name` and enters its exports as shared symbols (see the header). */
export function addSharedLibrary(ctx: LinkContext, name: string, bytes: Uint8Array): void {
  if (ctx.options.trace) ctx.diag.out(name);
  let lib: SharedLibrary;
  try {
    lib = parseSharedLibrary(bytes);
  } catch (e) {
    if (e instanceof FormatError) ctx.diag.fatal(`${name}: ${e.message} (at offset ${e.offset})`);
    throw e;
  }
  const index = ctx.sharedLibraries.length;
  ctx.sharedLibraries.push(name);
  const syms = ctx.syms;
  for (const e of lib.exports) {
    if (isLocalToLibrary(e.name)) continue;
    const kind = e.kind === 'function' ? SymKind.Function : SymKind.Data;
    let id = syms.find(e.name);
    const referencedBefore = id >= 0 && syms.usedInObj[id] === 1;
    if (id < 0) {
      id = syms.add(e.name, kind, true);
      syms.state[id] = SymState.Undefined;
    } else if (syms.state[id] === SymState.Defined || ctx.sharedSymbols.has(id)) {
      continue; // a definition, or the first library's, stays
    } else if (syms.kind[id] !== kind && syms.state[id] === SymState.Undefined && syms.usedInObj[id]) {
      ctx.diag.error(`symbol type mismatch: ${syms.nameOf(id)}\n>>> defined as ${KIND_NAMES[syms.kind[id]]} in ${ctx.fileName(syms.file[id])}\n>>> defined as ${KIND_NAMES[kind]} in ${name}`);
      continue;
    } else if (syms.state[id] === SymState.Lazy) {
      // The library's definition comes first: the archive member is not needed for it.
      syms.state[id] = SymState.Undefined;
      syms.lazyArchive[id] = -1;
      syms.lazyMember[id] = -1;
    }
    syms.kind[id] = kind;
    syms.flags[id] &= ~SymFlag.BindingWeak; // bound to the library's definition, not weak
    ctx.sharedSymbols.set(id, { library: index, type: e.type, referencedBefore });
    if (ctx.traced !== null && ctx.traced.has(e.name)) ctx.diag.out(`${name}: definition of ${e.name}`);
  }
}
