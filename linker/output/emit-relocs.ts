// --emit-relocs: the linked module keeps a description of every relocated field, as wasm-ld writes
// it, for post-link tools: a `linking` section and `reloc.CODE` / `reloc.DATA` sections whose
// offsets point into the final code and data sections, plus a `reloc.` section for each kept DWARF
// section. Code is copied with padded LEBs then, so each field keeps its 5 bytes; compiler units are
// lowered by Emit in its relocatable mode with final values (UnitEmitTarget with a recorder).
// The linking section is wasm-ld's: a symbol table of the live global symbols that objects use, in
// the order they were first seen, then each file's live local symbols (then any other relocation
// target), with their flags as resolved; functions, globals and tables by their output index; data
// symbols by output segment and offset in it (the data section holds .bss then, see bssWritten), the
// linker's own ones as absolute addresses; the output segments' names and alignments; the live init
// functions.
import { ByteWriter } from '../../formats/byte-writer';
import { readModuleSections } from '../../formats/module-sections';
import { RelocSet } from '../../formats/object-model';
import { RelocList } from '../../formats/reloc-list';
import { relocAddend } from '../../formats/relocations';
import { LinkingSub, Reloc, SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { Plan } from '../core/plan';
import { liveInitFunctions, isShared } from '../core/rules';
import { OutputOffsets, Relocator } from './relocate';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';

/** Relocations Emit reported for unit functions: offsets relative to the body of output function k. */
export class UnitRelocs {
  func: number[] = [];
  type: number[] = [];
  offsetInBody: number[] = [];
  /** A SymId, or a type index for TYPE_INDEX_LEB. */
  target: number[] = [];
  addend: number[] = [];

  add(k: number, type: number, offsetInBody: number, target: number, addend: number): void {
    this.func.push(k);
    this.type.push(type);
    this.offsetInBody.push(offsetInBody);
    this.target.push(target);
    this.addend.push(addend);
  }
}

/** A custom section of the output: its input parts, in order (module.ts's plan of them). */
export interface CustomSectionParts {
  name: string;
  parts: { file: number; index: number }[];
  /** Set when its strings were merged (then it has no relocations). */
  merged: Uint8Array | null;
}

export class RelocEmitter {
  private symOrder: SymId[] = [];
  private outSym = new Map<SymId, number>();
  readonly units = new UnitRelocs();

  constructor(private readonly ctx: LinkContext, private readonly plan: Plan) {}

  private symbol(id: SymId): number {
    let k = this.outSym.get(id);
    if (k === undefined) {
      k = this.symOrder.push(id) - 1;
      this.outSym.set(id, k);
    }
    return k;
  }

  /** Appends `linking`, `reloc.CODE` and `reloc.DATA` to the module in `out`. */
  write(out: ByteWriter, reloc: Relocator, segPayload: Int32Array, customs: readonly CustomSectionParts[]): void {
    this.populateSymbols();
    const { code: codeIndex, data: dataIndex, custom: customIndex } = sectionIndexes(out);
    const code = this.codeEntries(reloc.offsets);
    const data = this.dataEntries(segPayload);
    const custom = customs.map((g) => this.customEntries(g, reloc));
    this.writeLinking(out);
    if (code.length > 0) writeRelocSection(out, 'reloc.CODE', codeIndex, code);
    if (data.length > 0) writeRelocSection(out, 'reloc.DATA', dataIndex, data);
    customs.forEach((g, k) => {
      if (custom[k].length > 0) writeRelocSection(out, `reloc.${g.name}`, customIndex.get(g.name)!, custom[k]);
    });
  }

  /**
   * Relocations of a custom section (DWARF), at their place in the concatenated output section.
   * As in wasm-ld 21, SECTION_OFFSET ones are left out: they point into other custom sections, whose
   * inputs no longer exist as sections of their own. So are those against code or data that GC
   * removed (their fields hold tombstones); wasm-ld writes them with symbol index -1.
   */
  private customEntries(g: CustomSectionParts, reloc: Relocator): RelocList {
    const e = new RelocList();
    if (g.merged) return e; // merged strings carry no relocations
    for (const p of g.parts) {
      const file = this.ctx.files[p.file];
      const cs = file.obj.customSections[p.index];
      const rs = file.customRelocs.get(cs.sectionIndex);
      if (!rs) continue;
      const base = file.customOutOffset.get(cs.sectionIndex)!;
      for (let r = 0; r < rs.type.length; r++) {
        const type = rs.type[r];
        if (type === Reloc.SECTION_OFFSET_I32 || (type !== Reloc.TYPE_INDEX_LEB && !reloc.isLiveTarget(file.symIds[rs.index[r]]))) continue;
        e.add(rs.type[r], base + rs.offset[r], this.target(file, rs.type[r], rs.index[r]), relocAddend(rs, r));
      }
    }
    return e;
  }

  private target(file: ObjFile, type: number, index: number): number {
    return type === Reloc.TYPE_INDEX_LEB ? file.typeMap[index] : this.symbol(file.symIds[index]);
  }

  /**
   * A relocation against a function that has no index in the output (an undefined weak function
   * whose address is taken: the field holds 0 for good) is left out; wasm-ld writes it with
   * symbol index -1, which makes its output unreadable as an object.
   */
  private dropped(file: ObjFile, type: number, index: number): boolean {
    if (type === Reloc.TYPE_INDEX_LEB) return false;
    const id = file.symIds[index];
    return this.ctx.syms.kind[id] === SymKind.Function && this.ctx.syms.state[id] === SymState.Defined && this.plan.functionIndexOf(id) < 0;
  }

  /** Input relocations [from, to) of `file`, moved by `base` and retargeted to output symbols. */
  private copy(file: ObjFile, rs: RelocSet, from: number, to: number, base: number, e: RelocList): void {
    for (let r = from; r < to; r++) {
      if (this.dropped(file, rs.type[r], rs.index[r])) continue;
      e.add(rs.type[r], base + rs.offset[r], this.target(file, rs.type[r], rs.index[r]), relocAddend(rs, r));
    }
  }

  private codeEntries(offsets: OutputOffsets): RelocList {
    const ctx = this.ctx;
    const plan = this.plan;
    const e = new RelocList();
    let u = 0;
    const units = this.units;
    for (let k = 0; k < plan.funcFile.length; k++) {
      const f = plan.funcFile[k];
      if (f === SYNTHETIC_FILE) continue;
      const file = ctx.files[f];
      const i = plan.funcIndex[k];
      if (file.unit) {
        for (; u < units.func.length && units.func[u] === k; u++) {
          const t = units.type[u];
          const index = t === Reloc.TYPE_INDEX_LEB ? units.target[u] : this.symbol(units.target[u]);
          e.add(t, offsets.funcBodyOffset[k] + units.offsetInBody[u], index, units.addend[u]);
        }
        continue;
      }
      const rs = file.codeRelocs;
      if (!rs) continue;
      const base = offsets.funcBodyOffset[k] - (file.obj.codeStart[i] - file.obj.codeSectionStart);
      this.copy(file, rs, file.funcRelocStart[i], file.funcRelocStart[i + 1], base, e);
    }
    return e;
  }

  private dataEntries(segPayload: Int32Array): RelocList {
    const ctx = this.ctx;
    const plan = this.plan;
    const e = new RelocList();
    plan.segments.forEach((seg, s) => {
      if (segPayload[s] < 0) return; // not written (.bss)
      for (let k = 0; k < seg.files.length; k++) {
        if (seg.files[k] < 0) continue; // merged strings: no relocations
        const file = ctx.files[seg.files[k]];
        const i = seg.segs[k];
        const rs = file.dataRelocs;
        if (!rs) continue;
        const base = segPayload[s] + seg.offsets[k] - file.obj.segments[i].sectionOffset;
        this.copy(file, rs, file.segRelocStart[i], file.segRelocStart[i + 1], base, e);
      }
    });
    return e;
  }

  /**
   * wasm-ld's symbol table, before any relocation asks for a symbol: the live global symbols that
   * objects define or refer to, in the order they were first seen, then each file's live local
   * symbols other than section symbols.
   */
  private populateSymbols(): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    for (let id = 0; id < syms.count; id++) {
      // A shared library's symbols are not the module's own (wasm-ld leaves them out too).
      if (!syms.isGlobal[id] || !syms.usedInObj[id] || !this.isLive(id) || isShared(this.ctx, id)) continue;
      if (syms.kind[id] === SymKind.Function && this.plan.functionIndexOf(id) < 0) {
        // Position-independent output reaches an undefined function it never calls through its GOT
        // entry alone: there is no function index to name (wasm-ld 19 crashes there).
        ctx.diag.error(`--emit-relocs: ${syms.nameOf(id)} is an undefined function reached only through its GOT entry, which the symbol table cannot name: not supported yet`);
        continue;
      }
      this.symbol(id);
    }
    for (const file of ctx.files) {
      const t = file.obj.symbols;
      for (let i = 0; i < t.count; i++) {
        const id = file.symIds[i];
        if (!syms.isGlobal[id] && t.kind[i] !== SymKind.Section && this.isLive(id)) this.symbol(id);
      }
    }
  }

  /** Whether the output holds what `id` names (wasm-ld's Symbol::isLive); an undefined symbol: whether live code refers to it. */
  private isLive(id: SymId): boolean {
    const ctx = this.ctx;
    const syms = ctx.syms;
    if (syms.state[id] !== SymState.Defined) return syms.state[id] === SymState.Undefined && syms.live[id] === 1;
    const f = syms.file[id];
    const kind = syms.kind[id];
    if (f === SYNTHETIC_FILE) {
      const local = syms.local[id];
      if (kind === SymKind.Function && local >= 0) return ctx.synthFuncs[local].live;
      if (kind === SymKind.Global && local >= 0) return ctx.synthGlobals[local].live;
      return syms.live[id] === 1;
    }
    const file = ctx.files[f];
    const t = file.obj.symbols;
    const local = syms.local[id];
    const index = t.index[local];
    switch (t.kind[local]) {
      case SymKind.Function: return file.funcLive[index - file.obj.numImportedFunctions] === 1;
      case SymKind.Data: return t.flags[local] & SymFlag.Absolute ? syms.live[id] === 1 : file.segLive[index] === 1 && !file.segDiscarded[index];
      case SymKind.Global: return file.globalLive[index - file.obj.numImportedGlobals] === 1;
      case SymKind.Tag: return file.tagLive[index - file.obj.numImportedTags] === 1;
      case SymKind.Table: return file.tableLive[index - file.obj.numImportedTables] === 1;
      default: return false;
    }
  }

  private writeLinking(out: ByteWriter): void {
    const section = out.beginSection(SectionId.Custom);
    out.name('linking');
    out.u32(2);
    const sub = out.beginSection(LinkingSub.SymbolTable);
    out.u32(this.symOrder.length);
    for (const id of this.symOrder) this.writeSymbol(out, id);
    out.endSection(sub);
    const segments = this.plan.segments;
    if (segments.length > 0) {
      const info = out.beginSection(LinkingSub.SegmentInfo);
      out.u32(segments.length);
      for (const seg of segments) {
        out.name(seg.name);
        out.u32(seg.alignLog2);
        out.u32(0); // flags: wasm-ld 19-21 keep none of the inputs' (STRINGS, RETAIN) here
      }
      out.endSection(info);
    }
    const inits = liveInitFunctions(this.ctx).sort((a, b) => a.priority - b.priority);
    if (inits.length > 0 && this.ctx.callCtors >= 0 && this.ctx.syms.live[this.ctx.callCtors]) {
      const at = out.beginSection(LinkingSub.InitFuncs);
      out.u32(inits.length);
      for (const { id, priority } of inits) { out.u32(priority); out.u32(this.symbol(id)); }
      out.endSection(at);
    }
    out.endSection(section);
  }

  private writeSymbol(out: ByteWriter, id: SymId): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    const kind = syms.kind[id];
    const defined = syms.state[id] === SymState.Defined;
    let flags = syms.flags[id] & ~SymFlag.Undefined;
    if (!defined) flags |= SymFlag.Undefined;
    if (!syms.isGlobal[id]) flags |= SymFlag.BindingLocal;
    const synthetic = syms.file[id] === SYNTHETIC_FILE;
    const name = synthetic && kind === SymKind.Function && defined && syms.local[id] >= 0 ? ctx.synthFuncs[syms.local[id]].name : syms.name[id];
    out.u8(kind);
    if (kind !== SymKind.Data) {
      out.u32(flags);
      out.u32(this.indexOf(id, kind));
      if (defined || flags & SymFlag.ExplicitName) out.name(name);
      return;
    }
    // Data: by output segment and offset in it; the linker's own symbols and absolute ones by address.
    const place = defined && !synthetic ? this.dataPlace(id) : null;
    if (defined && !place) flags |= SymFlag.Absolute;
    out.u32(flags);
    out.name(name);
    if (!defined) return;
    out.u32(place ? place.segment : 0);
    out.u32(place ? place.offset : this.plan.dataAddressOf(id));
    out.u32(this.dataSize(id));
  }

  /** The output segment of a data symbol defined in an input segment, and its offset there (null: absolute). */
  private dataPlace(id: SymId): { segment: number; offset: number } | null {
    const syms = this.ctx.syms;
    const file = this.ctx.files[syms.file[id]];
    const local = syms.local[id];
    const t = file.obj.symbols;
    if (t.flags[local] & SymFlag.Absolute) return null;
    const segment = file.segOut[t.index[local]];
    if (segment < 0) return null;
    return { segment, offset: this.plan.dataVA(id) - this.plan.segments[segment].va };
  }

  private indexOf(id: SymId, kind: number): number {
    switch (kind) {
      case SymKind.Function: return this.plan.functionIndexOf(id);
      case SymKind.Global: return this.plan.globalIndexOf(id);
      case SymKind.Tag: return this.plan.tagIndexOf(id);
      case SymKind.Table: return this.plan.tableIndexOf(id);
      default: return 0;
    }
  }

  private dataSize(id: SymId): number {
    const syms = this.ctx.syms;
    if (syms.file[id] === SYNTHETIC_FILE) return 0;
    return this.ctx.files[syms.file[id]].obj.symbols.size[syms.local[id]];
  }
}

/** Indexes of the code and data sections, and of custom sections by name, among the sections written so far. */
function sectionIndexes(out: ByteWriter): { code: number; data: number; custom: Map<string, number> } {
  const sections = readModuleSections(out.buf, out.pos);
  const custom = new Map<string, number>();
  sections.forEach((s, index) => { if (s.id === SectionId.Custom) custom.set(s.name, index); });
  return { code: sections.findIndex((s) => s.id === SectionId.Code), data: sections.findIndex((s) => s.id === SectionId.Data), custom };
}

function writeRelocSection(out: ByteWriter, name: string, target: number, e: RelocList): void {
  const section = out.beginSection(SectionId.Custom);
  out.name(name);
  e.writePayload(out, target);
  out.endSection(section);
}
