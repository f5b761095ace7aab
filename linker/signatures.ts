// Function signature mismatches, handled as wasm-ld does: when an object calls a function
// directly with a signature other than its definition's, the link warns
// (`function signature mismatch: foo` with both signatures) and that object's calls go to a
// stub `signature_mismatch:foo` that traps. References that only take the address keep the
// real function. --fatal-warnings turns the warning into an error.
import { importOfKind, importTableOf } from '../formats/imports';
import { FuncType, RelocSet } from '../formats/object';
import { ExternalKind, Reloc, SymFlag, SymKind } from '../formats/wasm';
import { LinkContext } from './context';
import { SymId, SymState } from './symbols';
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
  // Signatures are compared as small integers (one per distinct type key), and each definition's
  // is looked up once: profiled, finding and comparing them per call site was ~4% of a large link.
  const typeIds = new Map<string, number>();
  const typeId = (t: FuncType) => {
    let n = typeIds.get(t.key);
    if (n === undefined) typeIds.set(t.key, (n = typeIds.size));
    return n;
  };
  const defType = new Int32Array(syms.count).fill(-1); // by SymId (the stubs made below are skipped)
  for (const file of ctx.files) {
    if (!file.codeRelocs) continue;
    // Which symbols the file calls directly: worked out (a pass over its relocations) only once a
    // signature differs, which is rare.
    let called: Uint8Array | null = null;
    const t = file.obj.symbols;
    const fileTypes = file.obj.types.map(typeId);
    const imports = importTableOf(file.obj);
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== SymKind.Function || !(t.flags[i] & SymFlag.Undefined)) continue;
      const id = file.symIds[i];
      if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Function || syms.isStub[id]) continue;
      if (defType[id] < 0) defType[id] = typeId(functionType(ctx, id));
      const imp = importOfKind(file.obj, ExternalKind.Function, t.index[i]);
      if (imp < 0 || fileTypes[imports.type[imp]] === defType[id]) continue;
      called ??= calledDirectly(file.codeRelocs, t.count);
      if (!called[i]) continue;
      const def = functionType(ctx, id);
      const ref = file.obj.types[imports.type[imp]];
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

/** Which of a file's `count` symbols are targets of a direct call (FUNCTION_INDEX_LEB) in its code relocations. */
function calledDirectly(rs: RelocSet, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let r = 0; r < rs.type.length; r++) {
    if (rs.type[r] === Reloc.FUNCTION_INDEX_LEB) out[rs.index[r]] = 1;
  }
  return out;
}
