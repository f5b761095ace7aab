// Function signature mismatches, handled as wasm-ld does: when an object calls a function
// directly with a signature other than its definition's, the link warns
// (`function signature mismatch: foo` with both signatures) and that object's calls go to a
// stub `signature_mismatch:foo` that traps. References that only take the address keep the
// real function. An object whose own weak definition lost to one of another signature has all
// its references go to the stub. --fatal-warnings turns the warning into an error.
import { importTableOf } from '../../formats/imports';
import { FuncType, RelocSet } from '../../formats/object-model';
import { ExternalKind, Reloc, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { isShared } from '../core/rules';
import { functionType, makeStub } from '../core/synthetic';
import { VALTYPE_NAMES } from '../../formats/wasm';

function typeToString(t: FuncType): string {
  const name = (v: number) => VALTYPE_NAMES[v] ?? `0x${v.toString(16)}`;
  const results = t.results.length === 0 ? 'void' : t.results.length === 1 ? name(t.results[0]) : `{${t.results.map(name).join(', ')}}`;
  return `(${t.params.map(name).join(', ')}) -> ${results}`;
}

export function handleSignatureMismatches(ctx: LinkContext): void {
  const variants = new Map<string, SymId>(); // `name\0typekey` → stub symbol
  // One pass over the undefined function symbols of all files (~75k in the bench's large link),
  // comparing type ids: the definition's was recorded when it was resolved (Symbols.funcType), so
  // the defining file's tables are not visited again (profiled: those cache misses and the string
  // keys made this pass ~30 ms where it finds nothing).
  for (const file of ctx.files) {
    if (!file.codeRelocs) continue;
    // Which symbols the file calls directly: worked out (a pass over its relocations) only once a
    // signature differs, which is rare.
    let called: Uint8Array | null = null;
    const obj = file.obj;
    const t = obj.symbols;
    const imports = importTableOf(obj);
    const functionImports = imports.byKind[ExternalKind.Function];
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== SymKind.Function || (t.flags[i] & SymFlag.Undefined) === 0) continue;
      const id = file.symIds[i];
      const imp = functionImports[t.index[i]];
      if (imp !== undefined && isShared(ctx, id)) {
        called ??= calledDirectly(file.codeRelocs, t.count);
        if (called[i]) checkSharedSignature(ctx, file, id, obj.types[imports.type[imp]]);
        continue;
      }
      if (imp === undefined || !differs(ctx, file, id, imports.type[imp])) continue;
      called ??= calledDirectly(file.codeRelocs, t.count);
      if (called[i]) redirectToStub(ctx, variants, file, i, obj.types[imports.type[imp]]);
    }
  }
  // A weak definition that lost to one of another signature: all of its file's references.
  for (const { file, local } of ctx.lostDefinitions) {
    const obj = file.obj;
    const d = obj.symbols.index[local] - obj.numImportedFunctions;
    if (file.funcDiscarded[d] || !differs(ctx, file, file.symIds[local], obj.functionTypes[d])) continue;
    redirectToStub(ctx, variants, file, local, obj.types[obj.functionTypes[d]]);
  }
}

/** Whether `file`'s type `type` differs from the signature of the function `id` resolved to. */
function differs(ctx: LinkContext, file: ObjFile, id: SymId, type: number): boolean {
  const syms = ctx.syms;
  if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Function || syms.isStub[id]) return false;
  const defType = syms.file[id] === SYNTHETIC_FILE ? -1 : syms.funcType[id];
  return defType >= 0 ? defType !== file.typeIds[type] : !sameType(file.obj.types[type], functionType(ctx, id));
}

/** Points symbol `i` of `file` (of signature `ref`) at the trapping stub for that signature, made once, with wasm-ld's warning. */
function redirectToStub(ctx: LinkContext, variants: Map<string, SymId>, file: ObjFile, i: number, ref: FuncType): void {
  const syms = ctx.syms;
  const id = file.symIds[i];
  const key = `${syms.nameOf(id)}\0${ref.key}`;
  let stub = variants.get(key);
  if (stub === undefined) {
    const def = functionType(ctx, id);
    ctx.diag.warn(`function signature mismatch: ${syms.nameOf(id)}\n>>> defined as ${typeToString(ref)} in ${file.name}\n>>> defined as ${typeToString(def)} in ${ctx.fileName(syms.file[id])}`);
    stub = syms.add(syms.nameOf(id), SymKind.Function, false);
    makeStub(ctx, stub, `signature_mismatch:${syms.nameOf(id)}`, ref);
    syms.flags[stub] = SymFlag.BindingLocal; // local, and unlike a weak-undefined stub not hidden (wasm-ld 19 and 21)
    variants.set(key, stub);
  }
  file.symIds[i] = stub;
}

/**
 * A direct call of a function a shared library defines must use the library's signature: an error
 * otherwise (unless --no-shlib-sigcheck: then the import takes the call's signature), naming first whichever
 * came first, the library or the object that referred to the function before it was read.
 */
function checkSharedSignature(ctx: LinkContext, file: ObjFile, id: SymId, ref: FuncType): void {
  const shared = ctx.sharedSymbols.get(id)!;
  if (!ctx.options.shlibSigCheck || shared.type === null || sameType(shared.type, ref)) return;
  const syms = ctx.syms;
  const library = `${typeToString(shared.type)} in ${ctx.sharedLibraries[shared.library]}`;
  if (shared.referencedBefore) {
    if (syms.file[id] !== file.id) return; // reported once, against the first reference, as wasm-ld when it reads the library
    ctx.diag.error(`function signature mismatch: ${syms.nameOf(id)}\n>>> defined as ${typeToString(ref)} in ${file.name}\n>>> defined as ${library}`);
  } else {
    ctx.diag.error(`function signature mismatch: ${syms.nameOf(id)}\n>>> defined as ${library}\n>>> defined as ${typeToString(ref)} in ${file.name}`);
  }
}

function sameType(a: FuncType, b: FuncType): boolean {
  return a === b || a.key === b.key;
}

/** Which of a file's `count` symbols are targets of a direct call (FUNCTION_INDEX_LEB) in its code relocations. */
function calledDirectly(rs: RelocSet, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let r = 0; r < rs.type.length; r++) {
    if (rs.type[r] === Reloc.FUNCTION_INDEX_LEB) out[rs.index[r]] = 1;
  }
  return out;
}
