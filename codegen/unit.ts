// A compiler unit in memory: the in-memory counterpart of one object file. It owns a symbol table
// (functions, data, globals, tables; defined or undefined, with wasm object-file flags), the data
// items with their relocations, and the globals. Function bodies go to the link-wide Mir store
// through FunctionBuilder; anonymous constants and signatures are interned there too.
//
// The linker reads a unit like an object file: iterate symbols 0..symCount-1 (name, kind, flags,
// import/export names), map each to a global symbol, and follow `symDef` to the MirFunc, data item
// or global item that defines it. Symbol ids are local to the unit.
import { SymFlag, SymKind, ValType, VALTYPE_NAMES } from '../formats/wasm';
import { CodegenError } from './errors';
import { FunctionBuilder } from './function-builder';
import { ConstId, DataSym, FuncSym, GlobalSym, MirFunc, NO_SYM, SigId, SymIndex, TableSym } from './ids';
import { Mir, RefCallback, RefKind } from './mir';

export type Binding = 'global' | 'weak' | 'local';

export interface SymbolOptions {
  binding?: Binding;
  hidden?: boolean;
  /** Export under this name (true: the symbol name). */
  exportName?: string | true;
  /** Keep even when unreferenced (WASM_SYM_NO_STRIP). */
  noStrip?: boolean;
}

export interface UndefinedOptions {
  weak?: boolean;
  hidden?: boolean;
  /** Import module and name when the linker imports the symbol (WASM_SYM_EXPLICIT_NAME). */
  importModule?: string;
  importName?: string;
}

/** A pointer stored inside a data item, resolved by the linker (see emit-data.ts). */
export type DataReloc =
  | { offset: number; func: FuncSym }
  | { offset: number; data: DataSym; addend?: number }
  | { offset: number; constant: ConstId; addend?: number };

export interface DataOptions extends SymbolOptions {
  /** Initial contents; omit for zero-fill (bss) of `size` bytes. */
  bytes?: Uint8Array;
  size?: number;
  /** Alignment in bytes (power of two). */
  align?: number;
  /** Output segment name; default `.rodata.<name>`, `.data.<name>` or `.bss.<name>`. */
  section?: string;
  readonly?: boolean;
  relocs?: DataReloc[];
}

export interface GlobalOptions extends SymbolOptions {
  type: ValType;
  mutable?: boolean;
  /** Initial value (bigint for i64; f32/f64 as numbers); default 0. */
  init?: number | bigint;
}

export interface UnitOptions {
  /** wasm64: addresses and the stack pointer are i64, data pointers take 8 bytes. */
  memory64?: boolean;
}

/** symDef of a defined function whose body is not finished yet. */
const BUILDING = -2;

const KIND_NAMES = ['function', 'data', 'global', 'section', 'tag', 'table'];

function grow<T extends Uint8Array | Uint32Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as { new (n: number): T })(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

export class Unit {
  readonly id: number;
  readonly memory64: boolean;

  // Symbol table (struct of arrays).
  symCount = 0;
  symName: string[] = [];
  symKind = new Uint8Array(16);
  /** WASM_SYM_* flags, as they would appear in an object's symbol table. */
  symFlags = new Uint32Array(16);
  /**
   * Function: MirFunc; data: data item; -1 when undefined. Global: its global item, also when
   * undefined (the item records the type and mutability an import needs).
   */
  symDef = new Int32Array(16);
  /** Function signature (defined and undefined functions). */
  symSig = new Int32Array(16);
  importModule: (string | undefined)[] = [];
  importName: (string | undefined)[] = [];
  exportName: (string | undefined)[] = [];
  readonly byName = new Map<string, SymIndex>();

  // Data items.
  dataCount = 0;
  dataSym = new Int32Array(8);
  dataBytes: (Uint8Array | null)[] = [];
  dataSize = new Uint32Array(8);
  dataAlign = new Uint32Array(8);
  dataSection: string[] = [];
  dataRelocStart = new Uint32Array(8);
  dataRelocEnd = new Uint32Array(8);
  // Data relocations, contiguous per data item.
  relocCount = 0;
  relocOffset = new Uint32Array(8);
  relocKind = new Uint8Array(8);
  relocTarget = new Uint32Array(8);
  relocAddend = new Int32Array(8);

  // Globals (defined and undefined symbols both record type and mutability).
  globalCount = 0;
  globalSym = new Int32Array(8);
  globalType = new Uint8Array(8);
  globalMutable = new Uint8Array(8);
  globalInit: (number | bigint)[] = [];

  private spSym = NO_SYM as GlobalSym;
  private defaultTable = NO_SYM as TableSym;

  constructor(readonly mir: Mir, readonly name: string, options: UnitOptions = {}) {
    this.id = mir.registerUnit(name);
    this.memory64 = options.memory64 ?? false;
  }

  error(detail: string, func?: string): CodegenError {
    return new CodegenError(this.name, func, detail);
  }

  symbol(name: string): SymIndex {
    return this.byName.get(name) ?? NO_SYM;
  }

  isDefined(sym: SymIndex): boolean {
    return (this.symFlags[sym] & SymFlag.Undefined) === 0;
  }

  /** True when `sym` is a symbol of this unit of the given kind. */
  isKind(sym: number, kind: SymKind): boolean {
    return Number.isInteger(sym) && sym >= 0 && sym < this.symCount && this.symKind[sym] === kind;
  }

  /** Starts the body of a function defined by this unit. */
  function(name: string, sig: SigId, options: SymbolOptions = {}): FunctionBuilder<Unit> {
    this.checkSig(sig, name);
    const sym = this.define(name, SymKind.Function, options) as FuncSym;
    this.setSig(sym, sig);
    this.symDef[sym] = BUILDING;
    return new FunctionBuilder(this, sym);
  }

  /** Rebuilds the body of an already finished function (incremental recompile). */
  redefine(sym: FuncSym): FunctionBuilder<Unit> {
    if (!this.isKind(sym, SymKind.Function) || this.symDef[sym] < 0) {
      throw this.error(`redefine: ${sym} is not a finished function`);
    }
    return new FunctionBuilder(this, sym, this.symDef[sym] as MirFunc);
  }

  /**
   * Removes the body of a defined function (incremental editing): the symbol becomes an undefined
   * reference again, which another input may define; its MIR is left as garbage in the store.
   */
  removeFunction(sym: FuncSym): void {
    if (!this.isKind(sym, SymKind.Function) || this.symDef[sym] < 0) {
      throw this.error(`removeFunction: ${sym} is not a finished function`);
    }
    this.symDef[sym] = -1;
    this.symFlags[sym] = SymFlag.Undefined;
    this.exportName[sym] = undefined;
  }

  /** A function referenced here; undefined until a later `function()` of the same name defines it. */
  declareFunction(name: string, sig: SigId, options: UndefinedOptions = {}): FuncSym {
    this.checkSig(sig, name);
    const sym = this.reference(name, SymKind.Function, options) as FuncSym;
    this.setSig(sym, sig);
    return sym;
  }

  data(name: string, o: DataOptions): DataSym {
    const size = o.bytes ? o.bytes.length : (o.size ?? 0);
    if (o.bytes && o.size !== undefined && o.size !== o.bytes.length) {
      throw this.error(`data ${name}: size ${o.size} differs from the ${o.bytes.length} bytes given`);
    }
    const align = o.align ?? 1;
    if (!(align > 0 && (align & (align - 1)) === 0)) throw this.error(`data ${name}: alignment ${align} is not a power of two`);
    const sym = this.define(name, SymKind.Data, o) as DataSym;
    const d = this.dataCount++;
    this.dataSym = grow(this.dataSym, d + 1);
    this.dataSize = grow(this.dataSize, d + 1);
    this.dataAlign = grow(this.dataAlign, d + 1);
    this.dataRelocStart = grow(this.dataRelocStart, d + 1);
    this.dataRelocEnd = grow(this.dataRelocEnd, d + 1);
    this.dataSym[d] = sym;
    this.dataBytes.push(o.bytes ?? null);
    this.dataSize[d] = size;
    this.dataAlign[d] = align;
    this.dataSection.push(o.section ?? `${o.readonly ? '.rodata' : o.bytes ? '.data' : '.bss'}.${name}`);
    this.symDef[sym] = d;
    this.dataRelocStart[d] = this.relocCount;
    const width = this.memory64 ? 8 : 4;
    for (const r of o.relocs ?? []) {
      if (!o.bytes) throw this.error(`data ${name}: relocation in zero-filled data`);
      if (!(Number.isInteger(r.offset) && r.offset >= 0 && r.offset + width <= size)) {
        throw this.error(`data ${name}: relocation offset ${r.offset} out of range`);
      }
      let kind: RefKind;
      let target: number;
      let addend = 0;
      if ('func' in r) {
        if (!this.isKind(r.func, SymKind.Function)) throw this.error(`data ${name}: unknown function symbol ${r.func}`);
        kind = RefKind.FuncAddr;
        target = r.func;
      } else if ('data' in r) {
        if (!this.isKind(r.data, SymKind.Data)) throw this.error(`data ${name}: unknown data symbol ${r.data}`);
        kind = RefKind.Data;
        target = r.data;
        addend = r.addend ?? 0;
      } else {
        if (!(r.constant >= 0 && r.constant < this.mir.constCount)) throw this.error(`data ${name}: unknown constant ${r.constant}`);
        kind = RefKind.Const;
        target = r.constant;
        addend = r.addend ?? 0;
      }
      if (!(Number.isInteger(addend) && addend >= -0x80000000 && addend <= 0x7fffffff)) {
        throw this.error(`data ${name}: addend ${addend} out of range`);
      }
      const i = this.relocCount++;
      this.relocOffset = grow(this.relocOffset, i + 1);
      this.relocKind = grow(this.relocKind, i + 1);
      this.relocTarget = grow(this.relocTarget, i + 1);
      this.relocAddend = grow(this.relocAddend, i + 1);
      this.relocOffset[i] = r.offset;
      this.relocKind[i] = kind;
      this.relocTarget[i] = target;
      this.relocAddend[i] = addend;
    }
    this.dataRelocEnd[d] = this.relocCount;
    return sym;
  }

  declareData(name: string, options: UndefinedOptions = {}): DataSym {
    return this.reference(name, SymKind.Data, options) as DataSym;
  }

  global(name: string, o: GlobalOptions): GlobalSym {
    this.checkValType(o.type, `global ${name}`);
    const sym = this.define(name, SymKind.Global, o) as GlobalSym;
    const mutable = o.mutable ?? false;
    const g = this.symDef[sym];
    if (g < 0) {
      this.symDef[sym] = this.addGlobal(sym, o.type, mutable, o.init ?? 0);
    } else {
      // Defines an earlier declaration: its type must agree.
      if (this.globalType[g] !== o.type || this.globalMutable[g] !== (mutable ? 1 : 0)) {
        throw this.error(`global ${name}: type differs from its declaration`);
      }
      this.globalInit[g] = o.init ?? 0;
    }
    return sym;
  }

  declareGlobal(name: string, type: ValType, mutable: boolean, options: UndefinedOptions = {}): GlobalSym {
    this.checkValType(type, `global ${name}`);
    const sym = this.reference(name, SymKind.Global, options) as GlobalSym;
    if (this.symDef[sym] < 0) this.symDef[sym] = this.addGlobal(sym, type, mutable, 0);
    return sym;
  }

  /** The undefined `__stack_pointer` global that frames and stackPointerGet/Set refer to. */
  stackPointer(): GlobalSym {
    if (this.spSym === NO_SYM) {
      this.spSym = this.declareGlobal('__stack_pointer', this.memory64 ? ValType.I64 : ValType.I32, true);
    }
    return this.spSym;
  }

  /** An undefined table symbol; by default the indirect function table. */
  table(name = '__indirect_function_table'): TableSym {
    if (name === '__indirect_function_table') {
      if (this.defaultTable === NO_SYM) this.defaultTable = this.reference(name, SymKind.Table, {}) as TableSym;
      return this.defaultTable;
    }
    return this.reference(name, SymKind.Table, {}) as TableSym;
  }

  signature(params: ArrayLike<ValType>, results: ArrayLike<ValType>): SigId {
    for (let i = 0; i < params.length; i++) this.checkValType(params[i], 'signature');
    for (let i = 0; i < results.length; i++) this.checkValType(results[i], 'signature');
    return this.mir.signature(params, results);
  }

  /** An anonymous read-only constant, shared with every equal constant of the link. */
  constant(bytes: Uint8Array, align = 1): ConstId {
    if (!(align > 0 && (align & (align - 1)) === 0)) throw this.error(`constant: alignment ${align} is not a power of two`);
    return this.mir.constant(bytes, align);
  }

  /** The MirFunc of a defined, finished function. */
  funcOf(sym: FuncSym): MirFunc {
    return this.symDef[sym] as MirFunc;
  }

  /** Checks that every function defined here has a finished body. */
  finish(): void {
    for (let s = 0; s < this.symCount; s++) {
      if (this.symKind[s] === SymKind.Function && this.isDefined(s as SymIndex) && this.symDef[s] < 0) {
        throw this.error('body not finished', this.symName[s]);
      }
    }
  }

  /** Outgoing references of a data item's relocations (RefKind.FuncAddr, Data or Const). */
  forEachDataReference(sym: DataSym, cb: RefCallback): void {
    const d = this.symDef[sym];
    if (d < 0) return;
    for (let i = this.dataRelocStart[d], end = this.dataRelocEnd[d]; i < end; i++) cb(this.relocKind[i], this.relocTarget[i]);
  }

  /** Called by FunctionBuilder.finish. */
  attachFunction(sym: FuncSym, f: MirFunc): void {
    this.symDef[sym] = f;
  }

  private checkValType(t: number, what: string): void {
    if (VALTYPE_NAMES[t] === undefined) throw this.error(`${what}: invalid value type 0x${t.toString(16)}`);
  }

  private checkSig(sig: SigId, func: string): void {
    if (!(Number.isInteger(sig) && sig >= 0 && sig < this.mir.sigCount)) throw this.error(`unknown signature ${sig}`, func);
  }

  private setSig(sym: FuncSym, sig: SigId): void {
    if (this.symSig[sym] >= 0 && this.symSig[sym] !== sig) throw this.error('signature differs from its declaration', this.symName[sym]);
    this.symSig[sym] = sig;
  }

  private addGlobal(sym: SymIndex, type: ValType, mutable: boolean, init: number | bigint): number {
    const g = this.globalCount++;
    this.globalSym = grow(this.globalSym, g + 1);
    this.globalType = grow(this.globalType, g + 1);
    this.globalMutable = grow(this.globalMutable, g + 1);
    this.globalSym[g] = sym;
    this.globalType[g] = type;
    this.globalMutable[g] = mutable ? 1 : 0;
    this.globalInit.push(init);
    return g;
  }

  private newSymbol(name: string, kind: SymKind): SymIndex {
    const s = this.symCount++ as SymIndex;
    this.symKind = grow(this.symKind, s + 1);
    this.symFlags = grow(this.symFlags, s + 1);
    this.symDef = grow(this.symDef, s + 1);
    this.symSig = grow(this.symSig, s + 1);
    this.symName.push(name);
    this.symKind[s] = kind;
    this.symFlags[s] = SymFlag.Undefined;
    this.symDef[s] = -1;
    this.symSig[s] = -1;
    this.importModule.push(undefined);
    this.importName.push(undefined);
    this.exportName.push(undefined);
    this.byName.set(name, s);
    return s;
  }

  private lookup(name: string, kind: SymKind): SymIndex {
    const s = this.byName.get(name);
    if (s === undefined) return this.newSymbol(name, kind);
    if (this.symKind[s] !== kind) {
      throw this.error(`symbol ${name} used as ${KIND_NAMES[kind]} but declared as ${KIND_NAMES[this.symKind[s]]}`);
    }
    return s;
  }

  /** Declares an undefined reference, or returns the existing symbol of that name. */
  private reference(name: string, kind: SymKind, o: UndefinedOptions): SymIndex {
    const known = this.byName.has(name);
    const s = this.lookup(name, kind);
    if (known) return s;
    let flags = SymFlag.Undefined as number;
    if (o.weak) flags |= SymFlag.BindingWeak;
    if (o.hidden) flags |= SymFlag.VisibilityHidden;
    if (o.importModule !== undefined || o.importName !== undefined) {
      flags |= SymFlag.ExplicitName;
      this.importModule[s] = o.importModule;
      this.importName[s] = o.importName;
    }
    this.symFlags[s] = flags;
    return s;
  }

  /** Defines a symbol (turning an earlier undefined reference of the same name into a definition). */
  private define(name: string, kind: SymKind, o: SymbolOptions): SymIndex {
    const s = this.lookup(name, kind);
    if (this.isDefined(s)) throw this.error(`duplicate symbol: ${name}`);
    let flags = 0;
    if (o.binding === 'weak') flags |= SymFlag.BindingWeak;
    else if (o.binding === 'local') flags |= SymFlag.BindingLocal;
    if (o.hidden) flags |= SymFlag.VisibilityHidden;
    if (o.noStrip) flags |= SymFlag.NoStrip;
    if (o.exportName !== undefined) {
      flags |= SymFlag.Exported;
      this.exportName[s] = o.exportName === true ? name : o.exportName;
    }
    this.symFlags[s] = flags;
    this.importModule[s] = undefined;
    this.importName[s] = undefined;
    return s;
  }
}
