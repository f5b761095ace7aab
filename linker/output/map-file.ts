// --Map=FILE / -M (--print-map): wasm-ld's link map. One line per output section (file offset and
// size), then under CODE each function (`FILE:(NAME)`) with the symbols defined in it, under DATA
// each output segment with its input segments and their symbols (address, offset, size), and under
// GLOBAL each defined global with its index. As in wasm-ld, the offsets of functions and segments
// are the section's start plus their place in its payload (the section header is not counted).
import { symbolName } from '../../formats/object';
import { SymbolTable } from '../../formats/object-model';
import { readU32, skipLeb } from '../../formats/leb128';
import { ModuleSection, readModuleSections } from '../../formats/module-sections';
import { SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { displayName } from '../../demangle/demangle';
import { Plan } from '../core/plan';
import { segmentWritten } from '../core/rules';
import { SYNTHETIC_FILE } from '../core/symbols';

const SECTION_NAMES: Record<number, string> = {
  [SectionId.Type]: 'TYPE', [SectionId.Import]: 'IMPORT', [SectionId.Function]: 'FUNCTION', [SectionId.Table]: 'TABLE',
  [SectionId.Memory]: 'MEMORY', [SectionId.Global]: 'GLOBAL', [SectionId.Export]: 'EXPORT', [SectionId.Start]: 'START',
  [SectionId.Elem]: 'ELEM', [SectionId.Code]: 'CODE', [SectionId.Data]: 'DATA', [SectionId.DataCount]: 'DATACOUNT',
  [SectionId.Tag]: 'TAG',
};

const hex = (v: number, width = 8) => v.toString(16).padStart(width);
/** `Addr Off Size` columns; addr -1: none (`-`). */
const columns = (addr: number, off: number, size: number) => `${addr < 0 ? '       -' : hex(addr)} ${hex(off)} ${hex(size)} `;

export function mapFileText(ctx: LinkContext, plan: Plan, module: Uint8Array): string {
  const lines = [`${'Addr'.padStart(8)} ${'Off'.padStart(8)} ${'Size'.padStart(8)} Out     In      Symbol`];
  const symbols = symbolsByChunk(ctx);
  for (const s of readModuleSections(module)) {
    lines.push(columns(-1, s.start, s.end - s.start) + (s.id === SectionId.Custom ? `CUSTOM(${s.name})` : SECTION_NAMES[s.id] ?? `section ${s.id}`));
    if (s.id === SectionId.Code) codeLines(ctx, plan, module, s, symbols, lines);
    else if (s.id === SectionId.Data) dataLines(ctx, plan, module, s, symbols, lines);
    else if (s.id === SectionId.Global) globalLines(ctx, plan, lines);
  }
  return lines.join('\n') + '\n';
}

/** LEB at `pos`: [value, position after it]. */
function leb(module: Uint8Array, pos: number): [number, number] {
  return [readU32(module, pos), skipLeb(module, pos)];
}

/**
 * The symbols wasm-ld lists under a chunk: each object's own live defined symbols (locals too, not
 * section symbols), in file and symbol-table order. Keys: `f:FILE:INDEX` for functions, `d:FILE:SEGMENT`.
 */
function symbolsByChunk(ctx: LinkContext): Map<string, { file: ObjFile; i: number }[]> {
  const syms = ctx.syms;
  const byChunk = new Map<string, { file: ObjFile; i: number }[]>();
  for (const file of ctx.files) {
    const t = file.obj.symbols;
    for (let i = 0; i < t.count; i++) {
      const kind = t.kind[i];
      if (t.flags[i] & SymFlag.Undefined || (kind !== SymKind.Function && kind !== SymKind.Data)) continue;
      const id = file.symIds[i];
      if (syms.file[id] !== file.id || syms.local[id] !== i) continue; // another file's definition won
      let key: string;
      if (kind === SymKind.Function) {
        const f = t.index[i] - file.obj.numImportedFunctions;
        if (f < 0 || !file.funcLive[f] || file.funcDiscarded[f]) continue;
        key = `f:${file.id}:${f}`;
      } else {
        if (t.flags[i] & SymFlag.Absolute || !file.segLive[t.index[i]] || file.segDiscarded[t.index[i]]) continue;
        key = `d:${file.id}:${t.index[i]}`;
      }
      let list = byChunk.get(key);
      if (!list) byChunk.set(key, (list = []));
      list.push({ file, i });
    }
  }
  return byChunk;
}

function shown(ctx: LinkContext, t: SymbolTable, i: number): string {
  return displayName(symbolName(t, i), ctx.options.demangle);
}

function codeLines(ctx: LinkContext, plan: Plan, module: Uint8Array, s: ModuleSection, symbols: Map<string, { file: ObjFile; i: number }[]>, lines: string[]): void {
  let [count, pos] = leb(module, s.payload);
  for (let k = 0; k < count; k++) {
    const [size, body] = leb(module, pos);
    const off = s.start + (pos - s.payload);
    const chunk = body + size - pos;
    const f = plan.funcFile[k];
    let name: string;
    let list: { file: ObjFile; i: number }[] = [];
    if (f === SYNTHETIC_FILE) {
      // A stub's function is named after its symbol (its debug name, e.g. undefined_weak:f, is the name section's).
      const sf = ctx.synthFuncs[plan.funcIndex[k]];
      name = `<internal>:(${ctx.syms.isStub[sf.sym] ? ctx.syms.nameOf(sf.sym) : sf.name})`;
    } else {
      const file = ctx.files[f];
      const fn = file.funcName[plan.funcIndex[k]];
      name = `${file.name}:(${fn >= 0 ? symbolName(file.obj.symbols, fn) : ''})`;
      list = symbols.get(`f:${f}:${plan.funcIndex[k]}`) ?? [];
    }
    lines.push(columns(-1, off, chunk) + ' '.repeat(8) + name);
    for (const { file, i } of list) lines.push(columns(-1, off, chunk) + ' '.repeat(16) + shown(ctx, file.obj.symbols, i));
    pos = body + size;
  }
}

function dataLines(ctx: LinkContext, plan: Plan, module: Uint8Array, s: ModuleSection, symbols: Map<string, { file: ObjFile; i: number }[]>, lines: string[]): void {
  // Where each written segment's header and contents are (segments in output order, .bss not written).
  let [count, pos] = leb(module, s.payload);
  const written: { header: number; contents: number }[] = [];
  for (let n = 0; n < count; n++) {
    const header = pos;
    let [flags, p] = leb(module, pos);
    if (flags === 2) p = leb(module, p)[1]; // memory index
    if (flags !== 1) {
      while (module[p] !== 0x0b) p++; // init expression (an i32.const)
      p++;
    }
    const [size, contents] = leb(module, p);
    written.push({ header, contents });
    pos = contents + size;
  }
  // The segments writeData wrote: all but .bss, unless bssWritten.
  const isWritten = (isBss: boolean) => segmentWritten(ctx, { isBss });
  let w = 0;
  for (const seg of plan.segments) {
    const placed = isWritten(seg.isBss) ? written[w++] : null;
    lines.push(columns(seg.va, s.start + (placed ? placed.header - s.payload : 0), seg.size) + seg.name);
    for (let k = 0; k < seg.files.length; k++) {
      const off = placed ? s.start + (placed.contents - s.payload) + seg.offsets[k] : 0;
      const f = seg.files[k];
      if (f < 0) {
        const merged = plan.mergedChunks[seg.segs[k]];
        lines.push(columns(merged.va, off, merged.bytes.length) + ' '.repeat(8) + `<internal>:(${seg.name})`);
        continue;
      }
      const file = ctx.files[f];
      const input = file.obj.segments[seg.segs[k]];
      lines.push(columns(file.segVA[seg.segs[k]], off, input.size) + ' '.repeat(8) + `${file.name}:(${input.name})`);
      for (const { file: owner, i } of symbols.get(`d:${f}:${seg.segs[k]}`) ?? []) {
        const t = owner.obj.symbols;
        // Its place in the input segment added, as wasm-ld shows it (to 0 when the segment is not written).
        lines.push(columns(plan.dataAddressOf(owner.symIds[i]), off + t.offset[i], t.size[i]) + ' '.repeat(16) + shown(ctx, t, i));
      }
    }
  }
}

function globalLines(ctx: LinkContext, plan: Plan, lines: string[]): void {
  for (let k = 0; k < plan.globalFile.length; k++) {
    const f = plan.globalFile[k];
    const index = plan.numImportedGlobals + k;
    let name: string;
    if (f === SYNTHETIC_FILE) {
      name = ctx.synthGlobals[plan.globalIndex[k]].name;
    } else {
      const file = ctx.files[f];
      const t = file.obj.symbols;
      let at = -1;
      for (let i = 0; i < t.count && at < 0; i++) {
        if (t.kind[i] === SymKind.Global && !(t.flags[i] & SymFlag.Undefined) && t.index[i] - file.obj.numImportedGlobals === plan.globalIndex[k]) at = i;
      }
      name = at >= 0 ? symbolName(t, at) : '';
    }
    lines.push(columns(index, 0, 0) + ' '.repeat(8) + name);
  }
}
