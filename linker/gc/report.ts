// What GC reports once marking is done: `FILE: undefined symbol: NAME` for each relocation of live
// code or data that refers to a symbol nothing defines (only those: a reference from dead code is not
// an error, as in wasm-ld), and --print-gc-sections' list of what was removed.
import { symbolName } from '../../formats/object';
import { Reloc, SymFlag, SymKind } from '../../formats/wasm';
import { displayName } from '../../demangle/demangle';
import { LinkContext, ObjFile } from '../core/context';
import { mayStayUndefined, outputSegmentName, reportUnresolved } from '../core/rules';
import { SymId, SymState } from '../core/symbols';

/**
 * Whether `id` is a `__start_NAME` / `__stop_NAME` data symbol that layout will define: NAME is the
 * output segment of some live input segment (`segments`: their output names, made on first use).
 */
function definedByLayout(ctx: LinkContext, id: SymId, segments: { names: Set<string> | null }): boolean {
  if (ctx.syms.kind[id] !== SymKind.Data) return false;
  const name = ctx.syms.nameOf(id);
  const at = name.startsWith('__start_') ? 8 : name.startsWith('__stop_') ? 7 : -1;
  if (at < 0) return false;
  if (segments.names === null) {
    segments.names = new Set();
    for (const file of ctx.files) {
      file.obj.segments.forEach((seg, i) => {
        if (file.segLive[i] && !file.segDiscarded[i]) segments.names!.add(outputSegmentName(ctx, seg));
      });
    }
  }
  return segments.names.has(name.slice(at));
}

/**
 * `FILE: undefined symbol: NAME` for each relocation of live code or data that refers to a symbol
 * nothing defines: once per relocation, files and chunks in order, as wasm-ld's relocation scan.
 */
export function reportUndefined(ctx: LinkContext, stubbed: ReadonlySet<SymId>): void {
  const syms = ctx.syms;
  const segments: { names: Set<string> | null } = { names: null };
  const scan = (file: ObjFile, types: Uint8Array, indexes: Uint32Array, start: number, end: number) => {
    for (let r = start; r < end; r++) {
      if (types[r] === Reloc.TYPE_INDEX_LEB) continue;
      const id = file.symIds[indexes[r]];
      // An undefined function that marking turned into a trapping stub (ignore-all, warn) still counts.
      const unresolved = syms.state[id] !== SymState.Defined
        ? !mayStayUndefined(ctx, id) && !definedByLayout(ctx, id, segments) : stubbed.has(id);
      if (!unresolved) continue;
      const name = syms.nameOf(id);
      reportUnresolved(ctx, `${file.name}: undefined symbol: ${displayName(name, ctx.options.demangle)}`);
    }
  };
  for (const file of ctx.files) {
    const code = file.codeRelocs;
    if (code) {
      for (let i = 0; i < file.funcLive.length; i++) {
        if (file.funcLive[i] && !file.funcDiscarded[i]) scan(file, code.type, code.index, file.funcRelocStart[i], file.funcRelocStart[i + 1]);
      }
    }
    const data = file.dataRelocs;
    if (data) {
      for (let i = 0; i < file.segLive.length; i++) {
        if (file.segLive[i] && !file.segDiscarded[i]) scan(file, data.type, data.index, file.segRelocStart[i], file.segRelocStart[i + 1]);
      }
    }
  }
}

/** `removing unused section FILE:(NAME)` for every chunk GC dropped, in wasm-ld's order. */
export function printGcSections(ctx: LinkContext): void {
  const print = (file: string, name: string) => ctx.diag.out(`removing unused section ${file}:(${name})`);
  for (const file of ctx.files) {
    const obj = file.obj;
    const t = obj.symbols;
    for (let i = 0; i < file.funcLive.length; i++) {
      if (file.funcLive[i] && !file.funcDiscarded[i]) continue;
      print(file.name, file.funcName[i] >= 0 ? symbolName(t, file.funcName[i]) : `function ${i}`);
    }
    for (let i = 0; i < file.segLive.length; i++) {
      if (!file.segLive[i] || file.segDiscarded[i]) print(file.name, obj.segments[i].name);
    }
    for (let i = 0; i < file.globalLive.length; i++) {
      if (file.globalLive[i] && !file.globalDiscarded[i]) continue;
      print(file.name, file.globalName[i] >= 0 ? symbolName(t, file.globalName[i]) : `global ${i}`);
    }
    for (let i = 0; i < file.tagLive.length; i++) if (!file.tagLive[i]) print(file.name, symbolNameOf(file, SymKind.Tag, i));
    for (let i = 0; i < file.tableLive.length; i++) if (!file.tableLive[i]) print(file.name, symbolNameOf(file, SymKind.Table, i));
  }
  // Stubs print under their symbol's name (their debug name, e.g. undefined_weak:f, is for the name section).
  for (const f of ctx.synthFuncs) if (!f.live) print('<internal>', f.sym >= 0 && ctx.syms.isStub[f.sym] ? ctx.syms.nameOf(f.sym) : f.name);
  for (const g of ctx.synthGlobals) if (!g.live) print('<internal>', g.name);
}

function symbolNameOf(file: ObjFile, kind: number, defined: number): string {
  const t = file.obj.symbols;
  const imported = kind === SymKind.Tag ? file.obj.numImportedTags : file.obj.numImportedTables;
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] === kind && !(t.flags[i] & SymFlag.Undefined) && t.index[i] === defined + imported) return symbolName(t, i);
  }
  return `${kind === SymKind.Tag ? 'tag' : 'table'} ${defined}`;
}
