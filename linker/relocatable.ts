// `-r` / `--relocatable` output for compiler units: one relocatable object (tool-conventions
// Linking.md: `linking` v2 with segment info and a symbol table, `reloc.CODE`, `reloc.DATA`) that
// wasm-ld (or wlink) links later. Nothing is garbage-collected and nothing is placed for good:
// Emit runs in its relocatable mode, writing 5-byte padded LEBs and reporting a relocation for
// every index and address, whose symbol index is known at that moment.
//
// Shape, as wasm-ld -r writes it: undefined functions, globals and tables are imports; the memory
// is defined (initial pages cover the data); every data item and constant is its own segment,
// placed one after the other; each symbol of the inputs appears once in the symbol table.
// Object files in a -r link are not supported yet (only compiler units): that is a clear error.
import { emitFunction, EmitTarget } from '../codegen/emit';
import { emitData } from '../codegen/emit-data';
import { ConstId, DataSym, FuncSym, GlobalSym, MirFunc, SigId, TableSym } from '../codegen/ids';
import { RefKind } from '../codegen/mir';
import { ByteWriter } from '../formats/byte-writer';
import { FuncType } from '../formats/object';
import { ExternalKind, LinkingSub, Reloc, relocHasAddend, SectionId, SymFlag, SymKind } from '../formats/wasm';
import { LinkContext, ObjFile } from './context';
import { writeFuncType } from './output';
import { SymId, SymState } from './symbols';
import { functionType } from './synthetic';

const PAGE = 65536;

/** Output relocations of one section, as parallel arrays. */
class RelocList {
  type: number[] = [];
  offset: number[] = [];
  index: number[] = [];
  addend: number[] = [];

  add(type: number, offset: number, index: number, addend: number): void {
    this.type.push(type);
    this.offset.push(offset);
    this.index.push(index);
    this.addend.push(addend);
  }
}

interface Segment {
  name: string;
  alignLog2: number;
  va: number;
  size: number;
  /** A unit data item (file, item) or a constant (file -1, constant id). */
  file: number;
  item: number;
}

export function writeRelocatable(ctx: LinkContext): Uint8Array {
  for (const file of ctx.files) {
    if (!file.unit && file.id !== ctx.constPool) {
      ctx.diag.fatal(`${file.name}: -r / --relocatable with object files is not supported yet (only compiler units)`);
    }
  }
  return new RelocatableWriter(ctx).write();
}

class RelocatableWriter {
  private readonly syms;
  private types: FuncType[] = [];
  private typeIndex = new Map<string, number>();
  /** Output symbol table: SymIds in order; outSym maps a SymId to its entry. */
  private symOrder: SymId[] = [];
  private outSym = new Map<SymId, number>();
  private funcImports: SymId[] = [];
  private globalImports: SymId[] = [];
  private tableImports: SymId[] = [];
  private index = new Map<SymId, number>(); // function / global / table index of a symbol
  private segments: Segment[] = [];
  private segmentOf = new Map<SymId, number>();
  private constSegment: number[] = [];
  private codeRelocs = new RelocList();
  private dataRelocs = new RelocList();
  private numFuncs = 0;
  private numGlobals = 0;

  constructor(private readonly ctx: LinkContext) {
    this.syms = ctx.syms;
  }

  write(): Uint8Array {
    this.collectSymbols();
    this.assignIndexes();
    this.placeData();
    const code = this.emitCode();
    const data = this.emitDataSection();
    return this.assemble(code, data);
  }

  private units(): ObjFile[] {
    return this.ctx.files.filter((f) => f.unit);
  }

  /** Every symbol of every unit once, in input order; then the constants. */
  private collectSymbols(): void {
    const add = (id: SymId) => {
      if (this.outSym.has(id)) return;
      this.outSym.set(id, this.symOrder.length);
      this.symOrder.push(id);
    };
    for (const file of this.units()) for (let i = 0; i < file.unit!.unit.symCount; i++) add(file.symIds[i]);
    if (this.ctx.constPool >= 0) for (const id of this.ctx.files[this.ctx.constPool].symIds) add(id);
  }

  private assignIndexes(): void {
    const syms = this.syms;
    for (const id of this.symOrder) {
      if (syms.state[id] === SymState.Defined) continue;
      switch (syms.kind[id]) {
        case SymKind.Function: this.index.set(id, this.funcImports.push(id) - 1); break;
        case SymKind.Global: this.index.set(id, this.globalImports.push(id) - 1); break;
        case SymKind.Table: this.index.set(id, this.tableImports.push(id) - 1); break;
        default: break;
      }
    }
    this.numFuncs = this.funcImports.length;
    this.numGlobals = this.globalImports.length;
    for (const file of this.units()) {
      const obj = file.obj;
      for (let i = 0; i < obj.functionTypes.length; i++) file.funcOut[i] = this.numFuncs++;
      for (let i = 0; i < obj.globals.length; i++) file.globalOut[i] = this.numGlobals++;
    }
    // A defined symbol's index is that of the definition it resolved to.
    for (const id of this.symOrder) {
      if (syms.state[id] !== SymState.Defined) continue;
      const file = this.ctx.files[syms.file[id]];
      const local = syms.local[id];
      const t = file.obj.symbols;
      if (syms.kind[id] === SymKind.Function) this.index.set(id, file.funcOut[t.index[local] - file.obj.numImportedFunctions]);
      else if (syms.kind[id] === SymKind.Global) this.index.set(id, file.globalOut[t.index[local] - file.obj.numImportedGlobals]);
    }
  }

  private placeData(): void {
    let va = 0;
    const place = (name: string, alignLog2: number, size: number, file: number, item: number): number => {
      const align = 2 ** alignLog2;
      va = Math.ceil(va / align) * align;
      this.segments.push({ name, alignLog2, va, size, file, item });
      va += size;
      return this.segments.length - 1;
    };
    for (const file of this.units()) {
      const u = file.unit!.unit;
      file.obj.segments.forEach((seg, d) => {
        const k = place(seg.name, seg.alignLog2, seg.size, file.id, d);
        this.segmentOf.set(file.symIds[u.dataSym[d]], k);
      });
    }
    const mir = this.ctx.mir;
    if (mir && this.ctx.constPool >= 0) {
      const pool = this.ctx.files[this.ctx.constPool];
      pool.obj.segments.forEach((seg, c) => {
        this.constSegment[c] = place(seg.name, seg.alignLog2, seg.size, -1, c);
        this.segmentOf.set(pool.symIds[c], this.constSegment[c]);
      });
    }
  }

  private type(t: FuncType): number {
    let k = this.typeIndex.get(t.key);
    if (k === undefined) {
      k = this.types.push(t) - 1;
      this.typeIndex.set(t.key, k);
    }
    return k;
  }

  private address(id: SymId): number {
    const k = this.segmentOf.get(id);
    return k === undefined ? 0 : this.segments[k].va;
  }

  private emitCode(): ByteWriter {
    const w = new ByteWriter(1024);
    w.u32(this.numFuncs - this.funcImports.length);
    for (const file of this.units()) {
      const { mir, funcMir } = file.unit!;
      const target = new UnitTarget(this, file, this.codeRelocs);
      for (let i = 0; i < funcMir.length; i++) {
        const f = funcMir[i] as MirFunc;
        this.type(file.obj.types[file.obj.functionTypes[i]]);
        const sizeAt = w.pos;
        w.pos += 5;
        target.base = w.pos;
        const size = emitFunction(mir, f, target, w);
        // Padded size LEB, so relocation offsets need no second pass.
        const end = w.pos;
        w.pos = sizeAt;
        w.reserve(5);
        for (let b = 0; b < 4; b++) w.buf[w.pos++] = ((size >>> (7 * b)) & 0x7f) | 0x80;
        w.buf[w.pos++] = (size >>> 28) & 0x7f;
        w.pos = end;
      }
    }
    return w;
  }

  private emitDataSection(): ByteWriter {
    const w = new ByteWriter(1024);
    w.u32(this.segments.length);
    const mir = this.ctx.mir;
    for (const seg of this.segments) {
      w.u8(0); // active, memory 0
      w.u8(0x41); // i32.const va
      w.s32(seg.va);
      w.u8(0x0b);
      w.u32(seg.size);
      w.reserve(seg.size);
      if (seg.file < 0) {
        w.bytes(mir!.constContents(seg.item as ConstId));
        continue;
      }
      const file = this.ctx.files[seg.file];
      const u = file.unit!.unit;
      const target = new UnitTarget(this, file, this.dataRelocs);
      target.base = w.pos;
      emitData(u, u.dataSym[seg.item] as DataSym, target, w.buf, w.pos);
      w.pos += seg.size;
    }
    return w;
  }

  private assemble(code: ByteWriter, data: ByteWriter): Uint8Array {
    const ctx = this.ctx;
    const syms = this.syms;
    const out = new ByteWriter(code.pos + data.pos + 1024);
    out.bytes(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    let sectionCount = 0;
    const section = (id: number, w: ByteWriter) => { out.section(id, w); sectionCount++; };

    // Function types of imports first registered, so the type section is complete.
    const importTypes = this.funcImports.map((id) => this.type(functionType(ctx, id)));
    const types = new ByteWriter();
    types.u32(this.types.length);
    for (const t of this.types) writeFuncType(types, t);
    section(SectionId.Type, types);

    const imports = new ByteWriter();
    imports.u32(this.funcImports.length + this.globalImports.length + this.tableImports.length);
    const importName = (id: SymId) => {
      imports.name(syms.importModule[id] ?? 'env');
      imports.name(syms.importName[id] ?? syms.name[id]);
    };
    this.funcImports.forEach((id, k) => { importName(id); imports.u8(ExternalKind.Function); imports.u32(importTypes[k]); });
    for (const id of this.globalImports) {
      const g = this.globalImportType(id);
      importName(id);
      imports.u8(ExternalKind.Global);
      imports.u8(g.type);
      imports.u8(g.mutable ? 1 : 0);
    }
    for (const id of this.tableImports) {
      importName(id);
      imports.u8(ExternalKind.Table);
      imports.u8(0x70);
      imports.u8(0);
      imports.u32(0);
    }
    section(SectionId.Import, imports);

    const funcs = new ByteWriter();
    funcs.u32(this.numFuncs - this.funcImports.length);
    for (const file of this.units()) {
      for (let i = 0; i < file.obj.functionTypes.length; i++) funcs.u32(this.type(file.obj.types[file.obj.functionTypes[i]]));
    }
    section(SectionId.Function, funcs);

    const memory = new ByteWriter();
    const end = this.segments.reduce((m, s) => Math.max(m, s.va + s.size), 0);
    memory.u32(1);
    memory.u8(0);
    memory.u32(Math.ceil(end / PAGE));
    section(SectionId.Memory, memory);

    if (this.numGlobals > this.globalImports.length) {
      const globals = new ByteWriter();
      globals.u32(this.numGlobals - this.globalImports.length);
      for (const file of this.units()) {
        for (const g of file.obj.globals) {
          globals.u8(g.valType);
          globals.u8(g.mutable ? 1 : 0);
          globals.bytes(file.obj.bytes.subarray(g.initStart, g.initEnd));
        }
      }
      section(SectionId.Global, globals);
    }

    const codeIndex = sectionCount;
    if (this.numFuncs > this.funcImports.length) section(SectionId.Code, code);
    const dataIndex = sectionCount;
    if (this.segments.length > 0) section(SectionId.Data, data);

    out.section(SectionId.Custom, this.linkingSection());
    if (this.codeRelocs.type.length > 0) out.section(SectionId.Custom, relocSection('reloc.CODE', codeIndex, this.codeRelocs));
    if (this.dataRelocs.type.length > 0) out.section(SectionId.Custom, relocSection('reloc.DATA', dataIndex, this.dataRelocs));
    return out.finish();
  }

  private globalImportType(id: SymId): { type: number; mutable: boolean } {
    const file = this.ctx.files[this.syms.file[id]];
    const imp = file.obj.importsByKind[ExternalKind.Global][file.obj.symbols.index[this.syms.local[id]]];
    return { type: imp.type, mutable: imp.mutable };
  }

  private linkingSection(): ByteWriter {
    const syms = this.syms;
    const w = new ByteWriter();
    w.name('linking');
    w.u32(2);

    const info = new ByteWriter();
    info.u32(this.segments.length);
    for (const s of this.segments) {
      info.name(s.name);
      info.u32(s.alignLog2);
      info.u32(0);
    }
    w.u8(LinkingSub.SegmentInfo);
    w.u32(info.pos);
    w.bytes(info.finish());

    const table = new ByteWriter();
    table.u32(this.symOrder.length);
    for (const id of this.symOrder) {
      const kind = syms.kind[id];
      const defined = syms.state[id] === SymState.Defined;
      let flags = syms.flags[id] & ~SymFlag.Undefined;
      if (!defined) flags |= SymFlag.Undefined;
      if (!syms.isGlobal[id]) flags |= SymFlag.BindingLocal;
      table.u8(kind);
      table.u32(flags);
      if (kind === SymKind.Data) {
        table.name(syms.name[id]);
        if (defined) {
          table.u32(this.segmentOf.get(id) ?? 0);
          table.u32(0);
          table.u32(this.segments[this.segmentOf.get(id) ?? 0]?.size ?? 0);
        }
        continue;
      }
      table.u32(this.index.get(id) ?? 0);
      if (defined || flags & SymFlag.ExplicitName) table.name(syms.name[id]);
    }
    w.u8(LinkingSub.SymbolTable);
    w.u32(table.pos);
    w.bytes(table.finish());
    return w;
  }

  // ---- answers for Emit -------------------------------------------------------------------

  symbolIndex(id: SymId): number {
    return this.outSym.get(id)!;
  }

  indexOf(id: SymId): number {
    return this.index.get(id) ?? 0;
  }

  addressOf(id: SymId): number {
    return this.address(id);
  }

  typeOf(t: FuncType): number {
    return this.type(t);
  }

  constSymbol(c: number): SymId {
    return this.ctx.files[this.ctx.constPool].symIds[c];
  }
}

/** Emit's questions for one unit, answered with the -r output's indexes; relocations recorded. */
class UnitTarget implements EmitTarget {
  readonly relocatable = true;
  /** Section offset of the body (or data item) being emitted. */
  base = 0;

  constructor(private readonly w: RelocatableWriter, private readonly file: ObjFile, private readonly relocs: RelocList) {}

  private id(sym: number): SymId {
    return this.file.symIds[sym];
  }

  functionIndex(sym: FuncSym): number { return this.w.indexOf(this.id(sym)); }
  tableSlot(_sym: FuncSym): number { return 0; }
  dataAddress(sym: DataSym): number { return this.w.addressOf(this.id(sym)); }
  constAddress(c: ConstId): number { return this.w.addressOf(this.w.constSymbol(c)); }
  globalIndex(sym: GlobalSym): number { return this.w.indexOf(this.id(sym)); }
  stackPointerGlobal(): number { return this.w.indexOf(this.id(this.file.unit!.unit.symbol('__stack_pointer'))); }
  typeIndex(sig: SigId): number { return this.w.typeOf(this.file.obj.types[sig]); }
  tableNumber(sym: TableSym): number { return this.w.indexOf(this.id(sym)); }

  addReloc(type: Reloc, offsetInBody: number, index: number, addend: number, ref: RefKind): void {
    let out: number;
    if (ref === RefKind.Signature) out = this.typeIndex(index as SigId);
    else if (ref === RefKind.Const) out = this.w.symbolIndex(this.w.constSymbol(index));
    else out = this.w.symbolIndex(this.id(index));
    this.relocs.add(type, this.base + offsetInBody, out, addend);
  }
}

function relocSection(name: string, target: number, r: RelocList): ByteWriter {
  const w = new ByteWriter();
  w.name(name);
  w.u32(target);
  w.u32(r.type.length);
  for (let i = 0; i < r.type.length; i++) {
    w.u8(r.type[i]);
    w.u32(r.offset[i]);
    w.u32(r.index[i]);
    if (relocHasAddend(r.type[i])) w.s32(r.addend[i]);
  }
  return w;
}
