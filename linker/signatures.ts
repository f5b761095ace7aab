// Function signature mismatches, handled as wasm-ld does: when an object calls a function
// directly with a signature other than its definition's, the link warns
// (`function signature mismatch: foo` with both signatures) and that object's calls go to a
// stub `signature_mismatch:foo` that traps. References that only take the address keep the
// real function. An object whose own weak definition lost to one of another signature has all
// its references go to the stub. --fatal-warnings turns the warning into an error.
import { importTableOf } from '../formats/imports';
import { FuncType, RelocSet } from '../formats/object';
import { ExternalKind, Reloc, SymFlag, SymKind } from '../formats/wasm';
import { LinkContext } from './context';
import { SymId, SymState, SYNTHETIC_FILE } from './symbols';
import { functionType, makeStub } from './synthetic';
import { VALTYPE_NAMES } from '../formats/wasm';

export function typeToString(t: FuncType): string {
  const name = (v: number) => VALTYPE_NAMES[v] ?? `0x${v.toString(16)}`;
  const results = t.results.length === 0 ? 'void' : t.results.length === 1 ? name(t.results[0]) : `{${t.results.map(name).join(', ')}}`;
  return `(${t.params.map(name).join(', ')}) -> ${results}`;
}

export function handleSignatureMismatches(ctx: LinkContext): void {
  const syms = ctx.syms;
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
      if (t.kind[i] !== SymKind.Function) continue;
      const id = file.symIds[i];
      if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Function || syms.isStub[id]) continue;
      // The file's signature for the symbol: its import's, or (a weak definition another file's
      // won over) its own definition's, whose calls and address then go to the stub.
      let refType: number;
      if (t.flags[i] & SymFlag.Undefined) {
        const imp = functionImports[t.index[i]];
        if (imp === undefined) continue;
        refType = imports.type[imp];
      } else {
        const d = t.index[i] - obj.numImportedFunctions;
        if (syms.file[id] === file.id || t.flags[i] & SymFlag.BindingLocal || file.funcDiscarded[d]) continue;
        refType = obj.functionTypes[d];
      }
      const defType = syms.file[id] === SYNTHETIC_FILE ? -1 : syms.funcType[id];
      if (defType >= 0 ? defType === file.typeIds[refType] : sameType(obj.types[refType], functionType(ctx, id))) continue;
      if (t.flags[i] & SymFlag.Undefined) {
        called ??= calledDirectly(file.codeRelocs, t.count);
        if (!called[i]) continue;
      }
      const ref = obj.types[refType];
      const def = functionType(ctx, id);
      const key = `${syms.nameOf(id)}\0${ref.key}`;
      let stub = variants.get(key);
      if (stub === undefined) {
        ctx.diag.warn(`function signature mismatch: ${syms.nameOf(id)}\n>>> defined as ${typeToString(ref)} in ${file.name}\n>>> defined as ${typeToString(def)} in ${ctx.fileName(syms.file[id])}`);
        stub = syms.add(syms.nameOf(id), SymKind.Function, false);
        syms.flags[stub] = SymFlag.BindingLocal;
        makeStub(ctx, stub, `signature_mismatch:${syms.nameOf(id)}`, ref);
        variants.set(key, stub);
      }
      file.symIds[i] = stub;
    }
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
