// -r output, the parts decided before anything is written: which custom sections the output has
// (input sections of one name concatenated, DWARF strings merged), the order of its symbol table
// and the section symbol that stands for each custom section, and its COMDAT groups, all as
// wasm-ld -r writes them (its populateSymtab, createCustomSections and linking section).
import { SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { isDiscardedItem } from '../core/rules';
import { SymId, SymState } from '../core/symbols';
import { copiesCustomSection, mergeCustomStrings } from './module';

/** Custom sections of one name, concatenated: each input chunk's place in the output section. */
export interface CustomOut {
  name: string;
  chunks: { file: number; index: number; offset: number }[];
  size: number;
  /** Its section symbol (set by orderSymbols). */
  symbol: SymId;
  /** The merged strings, for the sections wasm-ld merges (mergeCustomStrings). */
  merged: Uint8Array | null;
}

/** The output's custom sections, in order of first appearance, each input chunk placed. */
export function collectCustomSections(ctx: LinkContext): CustomOut[] {
  const byName = new Map<string, CustomOut>();
  for (const file of ctx.files) {
    file.obj.customSections.forEach((cs, index) => {
      if (!copiesCustomSection(ctx, cs)) return;
      let out = byName.get(cs.name);
      if (!out) byName.set(cs.name, (out = { name: cs.name, chunks: [], size: 0, symbol: -1, merged: null }));
      out.chunks.push({ file: file.id, index, offset: out.size });
      out.size += cs.size;
    });
  }
  const customs = [...byName.values()];
  for (const c of customs) {
    c.merged = mergeCustomStrings(ctx, c.name, c.chunks);
    if (c.merged) {
      c.size = c.merged.length;
      for (const chunk of c.chunks) chunk.offset = 0;
    }
  }
  return customs;
}

/**
 * The output symbol table in wasm-ld's order: the global symbols that an input defines or refers
 * to, in the order the link first met them (the arena's); then each file's local symbols, file by
 * file (a signature-mismatch stub among them, where the file's reference to it was), except those
 * of discarded COMDAT copies; then a section symbol for each custom section, made here.
 */
export function orderSymbols(ctx: LinkContext, customs: CustomOut[]): SymId[] {
  const syms = ctx.syms;
  const order: SymId[] = [];
  const seen = new Set<SymId>();
  for (let id = 0; id < syms.count; id++) if (syms.isGlobal[id] && syms.usedInObj[id]) order.push(id);
  for (const file of ctx.files) {
    const t = file.obj.symbols;
    for (let i = 0; i < t.count; i++) {
      const id = file.symIds[i];
      if (syms.isGlobal[id] || t.kind[i] === SymKind.Section || seen.has(id)) continue;
      if (syms.file[id] === file.id && !(t.flags[i] & SymFlag.Undefined) && isDiscardedItem(file, t.kind[i], t.index[i])) continue;
      seen.add(id);
      order.push(id);
    }
  }
  for (const c of customs) {
    const id = syms.add(c.name, SymKind.Section, false);
    syms.state[id] = SymState.Defined;
    syms.flags[id] = SymFlag.BindingLocal;
    c.symbol = id;
    order.push(id);
  }
  return order;
}

/** Gives every input section symbol the output index of its section's symbol. */
export function mapSectionSymbols(ctx: LinkContext, customByName: Map<string, CustomOut>, outSym: Map<SymId, number>): void {
  for (const file of ctx.files) {
    const t = file.obj.symbols;
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== SymKind.Section) continue;
      const c = customByName.get(sectionName(file, t.index[i]));
      if (c) outSym.set(file.symIds[i], outSym.get(c.symbol)!);
    }
  }
}

/** The name of the custom section with index `sectionIndex` in `file`. */
export function sectionName(file: ObjFile, sectionIndex: number): string {
  return file.obj.customSections.find((c) => c.sectionIndex === sectionIndex)?.name ?? `section ${sectionIndex}`;
}

/**
 * The COMDAT groups the output keeps, as wasm-ld lists them: by name (byte order), each with its
 * functions and then its data segments, in output index order. (Kind 1 is a function, 0 a data
 * segment; wasm-ld lists no custom sections.)
 */
export function comdatGroups(ctx: LinkContext): { name: string; entries: [number, number][] }[] {
  const groups = new Map<string, { functions: number[]; segments: number[] }>();
  for (const file of ctx.files) {
    for (const c of file.obj.comdats) {
      if (ctx.comdats.get(c.name) !== file.id) continue;
      let g = groups.get(c.name);
      if (!g) groups.set(c.name, (g = { functions: [], segments: [] }));
      for (const e of c.entries) {
        if (e.kind === 1) g.functions.push(file.funcOut[e.index - file.obj.numImportedFunctions]);
        else if (e.kind === 0 && file.segOut[e.index] >= 0) g.segments.push(file.segOut[e.index]);
      }
    }
  }
  const ascending = (a: number, b: number) => a - b;
  const utf8 = new TextEncoder();
  const byBytes = ([a]: [string, unknown], [b]: [string, unknown]) => compareBytes(utf8.encode(a), utf8.encode(b));
  return [...groups].sort(byBytes).map(([name, g]) => ({
    name,
    entries: [...g.functions.sort(ascending).map((k): [number, number] => [1, k]), ...g.segments.sort(ascending).map((k): [number, number] => [0, k])],
  }));
}

/** The order of two byte strings, as memcmp and then the length decide it. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
