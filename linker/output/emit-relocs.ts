// --emit-relocs: the linked module keeps a description of every relocated field, as wasm-ld writes
// it, for post-link tools: a `linking` section with a symbol table of the relocation targets and
// `reloc.CODE` / `reloc.DATA` sections whose offsets point into the final code and data sections,
// plus a `reloc.` section for each kept DWARF section. Code is copied with padded LEBs then, so each
// field keeps its 5 bytes; compiler units are lowered by Emit in its relocatable mode with final
// values (UnitEmitTarget with a recorder). Symbols are final: functions, globals and tables by their
// output index; defined data symbols as absolute addresses (WASM_SYM_ABSOLUTE), which holds for .bss
// and merged strings too.
import { ByteWriter } from '../../formats/byte-writer';
import { readModuleSections } from '../../formats/module-sections';
import { RelocSet } from '../../formats/object-model';
import { RelocList } from '../../formats/reloc-list';
import { LinkingSub, Reloc, SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { Plan } from '../core/plan';
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
        e.add(rs.type[r], base + rs.offset[r], this.target(file, rs.type[r], rs.index[r]), rs.addend[r]);
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
      e.add(rs.type[r], base + rs.offset[r], this.target(file, rs.type[r], rs.index[r]), rs.addend[r]);
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

  private writeLinking(out: ByteWriter): void {
    const ctx = this.ctx;
    const syms = ctx.syms;
    const section = out.beginSection(SectionId.Custom);
    out.name('linking');
    out.u32(2);
    const sub = out.beginSection(LinkingSub.SymbolTable);
    out.u32(this.symOrder.length);
    for (const id of this.symOrder) {
      const kind = syms.kind[id];
      const defined = syms.state[id] === SymState.Defined;
      let flags = syms.flags[id] & ~(SymFlag.Undefined | SymFlag.Absolute);
      if (!defined) flags |= SymFlag.Undefined;
      if (!syms.isGlobal[id]) flags |= SymFlag.BindingLocal;
      const name = syms.file[id] === SYNTHETIC_FILE && kind === SymKind.Function && defined && syms.local[id] >= 0
        ? ctx.synthFuncs[syms.local[id]].name : syms.name[id];
      if (kind === SymKind.Data) {
        if (defined) flags |= SymFlag.Absolute;
        out.u8(kind);
        out.u32(flags);
        out.name(name);
        if (defined) {
          out.u32(0);
          out.u32(this.plan.dataAddressOf(id));
          out.u32(this.dataSize(id));
        }
        continue;
      }
      out.u8(kind);
      out.u32(flags);
      out.u32(this.indexOf(id, kind));
      if (defined || flags & SymFlag.ExplicitName) out.name(name);
    }
    out.endSection(sub);
    out.endSection(section);
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
