// Test helpers for codegen: a fake EmitTarget with a trivial layout, a tiny module assembler that
// wraps emitted bodies into a complete module (types, imports, functions, table, memory, globals,
// exports, elem, code, data), validation with wabt (all features on), and instantiation.
import wabtInit from 'wabt';
import { ByteWriter } from '../../formats/byte-writer';
import { readS32, readS64, readU32 } from '../../formats/leb128';
import { Reloc, SymKind, ValType } from '../../formats/wasm';
import {
  ConstId, DataSym, emitData, emitFunction, EmitTarget, emitGlobalInit, FuncSym, GlobalSym, Mir, RefKind, SigId,
  SymIndex, TableSym, Unit,
} from '../../codegen/codegen';

export const ALL_FEATURES = {
  exceptions: true, mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true, threads: true,
  multi_value: true, tail_call: true, bulk_memory: true, reference_types: true, annotations: true,
  code_metadata: true, gc: true, memory64: true, extended_const: true, relaxed_simd: true, function_references: true,
};

let wabtPromise: ReturnType<typeof wabtInit> | undefined;

/** Throws wabt's message when `bytes` does not parse or validate. */
export async function validate(bytes: Uint8Array): Promise<void> {
  const wabt = await (wabtPromise ??= wabtInit());
  const m = wabt.readWasm(bytes, ALL_FEATURES);
  try {
    m.validate();
  } finally {
    m.destroy();
  }
}

export interface RelocRecord {
  func: FuncSym | -1;
  type: Reloc;
  offset: number;
  index: number;
  addend: number;
  ref: RefKind;
}

const DATA_BASE = 1024;

/** An EmitTarget with a layout computed the simple way: imports first, symbols in order. */
export class FakeTarget implements EmitTarget {
  relocatable: boolean;
  relocs: RelocRecord[] = [];
  current: FuncSym | -1 = -1;
  funcIndex = new Map<number, number>();
  importedFuncs: SymIndex[] = [];
  definedFuncs: SymIndex[] = [];
  globalIdx = new Map<number, number>();
  importedGlobals: SymIndex[] = [];
  definedGlobals: SymIndex[] = [];
  tables: SymIndex[] = [];
  dataAddr = new Map<number, number>();
  constAddr: number[] = [];
  dataEnd = DATA_BASE;
  sp: number;

  constructor(readonly unit: Unit, relocatable = false) {
    this.relocatable = relocatable;
    const u = unit;
    for (let s = 0; s < u.symCount; s++) {
      const sym = s as SymIndex;
      const defined = u.isDefined(sym);
      switch (u.symKind[s]) {
        case SymKind.Function: (defined ? this.definedFuncs : this.importedFuncs).push(sym); break;
        case SymKind.Global:
          if (u.symName[s] !== '__stack_pointer') (defined ? this.definedGlobals : this.importedGlobals).push(sym);
          break;
        case SymKind.Table: this.tables.push(sym); break;
        default: break;
      }
    }
    [...this.importedFuncs, ...this.definedFuncs].forEach((s, i) => this.funcIndex.set(s, i));
    // Imported globals, then the stack pointer (defined here), then the unit's globals.
    this.importedGlobals.forEach((s, i) => this.globalIdx.set(s, i));
    this.sp = this.importedGlobals.length;
    this.definedGlobals.forEach((s, i) => this.globalIdx.set(s, this.sp + 1 + i));
    if (this.tables.length === 0) this.tables.push(u.table());
    let addr = DATA_BASE;
    for (let d = 0; d < u.dataCount; d++) {
      addr = alignUp(addr, u.dataAlign[d]);
      this.dataAddr.set(u.dataSym[d], addr);
      addr += u.dataSize[d];
    }
    const mir = u.mir;
    for (let c = 0; c < mir.constCount; c++) {
      addr = alignUp(addr, mir.constAlign[c]);
      this.constAddr.push(addr);
      addr += mir.constLen[c];
    }
    this.dataEnd = addr;
  }

  functionIndex(sym: FuncSym): number { return this.must(this.funcIndex.get(sym), 'function', sym); }
  tableSlot(sym: FuncSym): number { return this.functionIndex(sym) + 1; }
  dataAddress(sym: DataSym): number { return this.must(this.dataAddr.get(sym), 'data', sym); }
  constAddress(c: ConstId): number { return this.must(this.constAddr[c], 'constant', c); }
  globalIndex(sym: GlobalSym): number {
    if (this.unit.symName[sym] === '__stack_pointer') return this.sp;
    return this.must(this.globalIdx.get(sym), 'global', sym);
  }
  stackPointerGlobal(): number { return this.sp; }
  typeIndex(sig: SigId): number { return sig; }
  tableNumber(sym: TableSym): number { return this.must(this.tables.indexOf(sym), 'table', sym); }

  addReloc(type: Reloc, offset: number, index: number, addend: number, ref: RefKind): void {
    this.relocs.push({ func: this.current, type, offset, index, addend, ref });
  }

  /** The value a relocation's placeholder must hold. */
  expected(r: RelocRecord): number {
    switch (r.type) {
      case Reloc.FUNCTION_INDEX_LEB: return this.functionIndex(r.index as FuncSym);
      case Reloc.TABLE_INDEX_SLEB: case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_I32: case Reloc.TABLE_INDEX_I64:
        return this.tableSlot(r.index as FuncSym);
      case Reloc.MEMORY_ADDR_SLEB: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_I32: case Reloc.MEMORY_ADDR_I64:
        return (r.ref === RefKind.Const ? this.constAddress(r.index as ConstId) : this.dataAddress(r.index as DataSym)) + r.addend;
      case Reloc.TYPE_INDEX_LEB: return this.typeIndex(r.index as SigId);
      case Reloc.GLOBAL_INDEX_LEB: return this.globalIndex(r.index as GlobalSym);
      case Reloc.TABLE_NUMBER_LEB: return this.tableNumber(r.index as TableSym);
      default: throw new Error(`unexpected relocation type ${r.type}`);
    }
  }

  private must(v: number | undefined, what: string, sym: number): number {
    if (v === undefined || v < 0) throw new Error(`fake target: no ${what} ${sym}`);
    return v;
  }
}

export function alignUp(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

export interface Linked {
  bytes: Uint8Array;
  target: FakeTarget;
  /** Emitted body of each defined function (without the size LEB). */
  bodies: Map<number, Uint8Array>;
}

export interface LinkOptions {
  relocatable?: boolean;
  /** Initial stack pointer (default: end of the first page). */
  spInit?: number;
  pages?: number;
  /** Element type per table symbol name (default funcref). */
  tableTypes?: Record<string, ValType>;
}

/** Lays out `unit` with a FakeTarget, emits every function and data item, and assembles a module. */
export function assemble(unit: Unit, o: LinkOptions = {}): Linked {
  unit.finish();
  const mir = unit.mir;
  const t = new FakeTarget(unit, o.relocatable);
  const mem64 = unit.memory64;
  const nfuncs = t.importedFuncs.length + t.definedFuncs.length;
  const m = new ByteWriter();
  m.u32le(0x6d736100);
  m.u32le(1);

  const types = new ByteWriter();
  types.u32(mir.sigCount);
  for (let s = 0; s < mir.sigCount; s++) {
    types.u8(0x60);
    const p = mir.sigParamTypes(s as SigId);
    const r = mir.sigResultTypes(s as SigId);
    types.u32(p.length);
    types.bytes(p);
    types.u32(r.length);
    types.bytes(r);
  }
  m.section(1, types);

  const imports = new ByteWriter();
  imports.u32(t.importedFuncs.length + t.importedGlobals.length);
  for (const s of t.importedFuncs) {
    imports.name(unit.importModule[s] ?? 'env');
    imports.name(unit.importName[s] ?? unit.symName[s]);
    imports.u8(0);
    imports.u32(unit.symSig[s]);
  }
  for (const s of t.importedGlobals) {
    imports.name('env');
    imports.name(unit.symName[s]);
    imports.u8(3);
    const g = unit.symDef[s];
    imports.u8(unit.globalType[g]);
    imports.u8(unit.globalMutable[g]);
  }
  m.section(2, imports);

  const funcs = new ByteWriter();
  funcs.u32(t.definedFuncs.length);
  for (const s of t.definedFuncs) funcs.u32(unit.symSig[s]);
  m.section(3, funcs);

  const tables = new ByteWriter();
  tables.u32(t.tables.length);
  for (const s of t.tables) {
    tables.u8(o.tableTypes?.[unit.symName[s]] ?? ValType.FuncRef);
    tables.u8(0);
    tables.u32(nfuncs + 1);
  }
  m.section(4, tables);

  const memory = new ByteWriter();
  memory.u32(1);
  const pages = o.pages ?? 1;
  // Unshared even for atomics: they are valid on unshared memory, and wabt.js rejects `shared`.
  memory.u8(mem64 ? 0x04 : 0x00);
  memory.u32(pages);
  m.section(5, memory);

  const globals = new ByteWriter();
  globals.u32(1 + t.definedGlobals.length);
  globals.u8(mem64 ? ValType.I64 : ValType.I32);
  globals.u8(1);
  globals.u8(mem64 ? 0x42 : 0x41);
  globals.s32(o.spInit ?? pages * 65536);
  globals.u8(0x0b);
  for (const s of t.definedGlobals) {
    const g = unit.symDef[s];
    globals.u8(unit.globalType[g]);
    globals.u8(unit.globalMutable[g]);
    emitGlobalInit(unit, s as GlobalSym, globals);
  }
  m.section(6, globals);

  const exports = new ByteWriter();
  exports.u32(t.definedFuncs.length + 2);
  for (const s of t.definedFuncs) {
    exports.name(unit.exportName[s] ?? unit.symName[s]);
    exports.u8(0);
    exports.u32(t.functionIndex(s as FuncSym));
  }
  exports.name('memory');
  exports.u8(2);
  exports.u32(0);
  exports.name('table');
  exports.u8(1);
  exports.u32(0);
  m.section(7, exports);

  // Every function sits in table 0 at index + 1, which is what tableSlot() promises.
  if ((o.tableTypes?.[unit.symName[t.tables[0]]] ?? ValType.FuncRef) === ValType.FuncRef) {
    const elems = new ByteWriter();
    elems.u32(1);
    elems.u8(0);
    elems.u8(0x41);
    elems.s32(1);
    elems.u8(0x0b);
    elems.u32(nfuncs);
    for (let i = 0; i < nfuncs; i++) elems.u32(i);
    m.section(9, elems);
  }

  const code = new ByteWriter();
  const bodies = new Map<number, Uint8Array>();
  code.u32(t.definedFuncs.length);
  const scratch = new ByteWriter(64);
  for (const s of t.definedFuncs) {
    scratch.pos = 0;
    t.current = s as FuncSym;
    const len = emitFunction(mir, unit.funcOf(s as FuncSym), t, scratch);
    expect(len).toBe(scratch.pos);
    const body = scratch.finish().slice();
    bodies.set(s, body);
    code.u32(body.length);
    code.bytes(body);
  }
  t.current = -1;
  m.section(10, code);

  const data = new ByteWriter();
  data.u32(unit.dataCount + mir.constCount);
  const segment = (addr: number, bytes: Uint8Array) => {
    data.u8(0);
    data.u8(mem64 ? 0x42 : 0x41);
    data.s32(addr);
    data.u8(0x0b);
    data.u32(bytes.length);
    data.bytes(bytes);
  };
  for (let d = 0; d < unit.dataCount; d++) {
    const bytes = new Uint8Array(unit.dataSize[d]);
    emitData(unit, unit.dataSym[d] as DataSym, t, bytes, 0);
    segment(t.dataAddress(unit.dataSym[d] as DataSym), bytes);
  }
  for (let c = 0; c < mir.constCount; c++) segment(t.constAddr[c], mir.constContents(c as ConstId));
  m.section(11, data);
  return { bytes: m.finish().slice(), target: t, bodies };
}

/** Assembles, validates with wabt and instantiates; returns the exports. */
export async function run(unit: Unit, imports: Record<string, unknown> = {}, o: LinkOptions = {}): Promise<Record<string, any>> {
  const { bytes } = assemble(unit, o);
  await validate(bytes);
  const { instance } = await WebAssembly.instantiate(bytes, { env: imports as WebAssembly.ModuleImports });
  return instance.exports as Record<string, any>;
}

/** Decodes the padded LEB at `offset`: its value and whether it has exactly `width` bytes. */
export function readPadded(body: Uint8Array, offset: number, width: 5 | 10, signed: boolean): { value: number; padded: boolean } {
  let padded = true;
  for (let i = 0; i < width - 1; i++) if ((body[offset + i] & 0x80) === 0) padded = false;
  if (body[offset + width - 1] & 0x80) padded = false;
  if (width === 10) return { value: Number(signed ? readS64(body, offset) : BigInt(readU32(body, offset))), padded };
  return { value: signed ? readS32(body, offset) : readU32(body, offset), padded };
}

/** A fresh session: one Mir and one unit named unit.wat. */
export function session(memory64 = false): { mir: Mir; unit: Unit } {
  const mir = new Mir();
  return { mir, unit: new Unit(mir, 'unit.wat', { memory64 }) };
}

export const i32 = ValType.I32;
export const i64 = ValType.I64;
export const f32 = ValType.F32;
export const f64 = ValType.F64;
export const v128 = ValType.V128;
