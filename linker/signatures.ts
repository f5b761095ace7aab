// Function signature mismatches, handled as wasm-ld does: when an object calls a function
// directly with a signature other than its definition's, the link warns
// (`function signature mismatch: foo` with both signatures) and that object's calls go to a
// stub `signature_mismatch:foo` that traps. References that only take the address keep the
// real function. --fatal-warnings turns the warning into an error.
import { FuncType } from '../formats/object';
import { Reloc, SymFlag, SymKind } from '../formats/wasm';
import { LinkContext, ObjFile } from './context';
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
  for (const file of ctx.files) {
    const called = calledDirectly(file);
    if (!called) continue;
    const t = file.obj.symbols;
    for (let i = 0; i < t.count; i++) {
      if (!called[i] || t.kind[i] !== SymKind.Function || !(t.flags[i] & SymFlag.Undefined)) continue;
      const id = file.symIds[i];
      if (syms.state[id] !== SymState.Defined || syms.kind[id] !== SymKind.Function || syms.isStub[id]) continue;
      const def = functionType(ctx, id);
      const ref = fileReferenceType(ctx, file, i);
      if (def.key === ref.key) continue;
      const key = `${syms.name[id]}\0${ref.key}`;
      let stub = variants.get(key);
      if (stub === undefined) {
        ctx.diag.warn(`function signature mismatch: ${syms.name[id]}\n>>> defined as ${typeToString(ref)} in ${file.name}\n>>> defined as ${typeToString(def)} in ${ctx.fileName(syms.file[id])}`);
        stub = syms.add(syms.name[id], SymKind.Function, false);
        syms.flags[stub] = SymFlag.BindingLocal;
        makeStub(ctx, stub, `signature_mismatch:${syms.name[id]}`, ref);
        variants.set(key, stub);
      }
      file.symIds[i] = stub;
    }
  }
}

/** Which of the file's symbols are targets of a direct call (FUNCTION_INDEX_LEB). */
function calledDirectly(file: ObjFile): Uint8Array | null {
  const rs = file.codeRelocs;
  if (!rs) return null;
  let out: Uint8Array | null = null;
  for (let r = 0; r < rs.type.length; r++) {
    if (rs.type[r] !== Reloc.FUNCTION_INDEX_LEB) continue;
    out ??= new Uint8Array(file.obj.symbols.count);
    out[rs.index[r]] = 1;
  }
  return out;
}

function fileReferenceType(ctx: LinkContext, file: ObjFile, local: number): FuncType {
  const imp = file.obj.importsByKind[0][file.obj.symbols.index[local]];
  return imp ? file.obj.types[imp.type] : functionType(ctx, file.symIds[local]);
}
