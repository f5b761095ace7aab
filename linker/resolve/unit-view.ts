// Compiler units as link inputs. A Unit is presented to resolution, GC and layout as the same
// ObjectFile view an object file gives (symbol table, imports, types, globals, data segments,
// relocations), so every rule of those stages applies to it unchanged. The differences:
//   - code: a defined function has no bytes; its "code relocations" are the MIR references that
//     GC and layout need (calls, addresses taken, data, constants, globals, tables, signatures),
//     read once from the MIR with forEachReference and never lowered until output;
//   - output lowers each live function with Emit, asking final indexes through UnitEmitTarget
//     (output/unit-emit.ts);
//   - constants are link-wide (the Mir interns them): one constant-pool input holds them as
//     `.rodata.cst.N` segments with local symbols, and every unit refers to constant C through its
//     own symbol index `symCount + C`.
// Data item bytes are gathered into one buffer per unit (the view's "data section"); relocations in
// data are ordinary MEMORY_ADDR_I32 / TABLE_INDEX_I32 entries (I64 in a wasm64 unit), patched like an
// object's. A wasm64 unit (Unit.memory64) is a wasm64 object: its addresses and table slots are the
// 64-bit relocation types.
import { GlobalSym, Mir, MirFunc, RefKind, SigId, Unit } from '../../codegen/codegen';
import { emitGlobalInit } from '../../codegen/emit-data';
import { ByteWriter } from '../../formats/byte-writer';
import { DataSegment, FuncType, GlobalDef, Import, ObjectFile, RelocSet, SymbolTable } from '../../formats/object-model';
import { ExternalKind, Reloc, SymFlag, SymKind, ValType } from '../../formats/wasm';
import type { UnitInput } from '../core/context';

/** The view's data section: one pseudo section holding every item's bytes back to back. */
const DATA_SECTION = 1;
const CODE_SECTION = 0;

const REF_RELOC: Reloc[] = [];
REF_RELOC[RefKind.Call] = Reloc.FUNCTION_INDEX_LEB;
REF_RELOC[RefKind.FuncAddr] = Reloc.TABLE_INDEX_SLEB;
// ref.func needs the function declared in an element segment: a table slot does that.
REF_RELOC[RefKind.RefFunc] = Reloc.TABLE_INDEX_SLEB;
REF_RELOC[RefKind.Data] = Reloc.MEMORY_ADDR_SLEB;
REF_RELOC[RefKind.Const] = Reloc.MEMORY_ADDR_SLEB;
REF_RELOC[RefKind.StackPointer] = Reloc.GLOBAL_INDEX_LEB;
REF_RELOC[RefKind.Global] = Reloc.GLOBAL_INDEX_LEB;
REF_RELOC[RefKind.Signature] = Reloc.TYPE_INDEX_LEB;
REF_RELOC[RefKind.Table] = Reloc.TABLE_NUMBER_LEB;
/** The same in a wasm64 unit: i64.const of addresses and table slots. */
const REF_RELOC_64: Reloc[] = REF_RELOC.slice();
REF_RELOC_64[RefKind.FuncAddr] = Reloc.TABLE_INDEX_SLEB64;
REF_RELOC_64[RefKind.RefFunc] = Reloc.TABLE_INDEX_SLEB64;
REF_RELOC_64[RefKind.Data] = Reloc.MEMORY_ADDR_SLEB64;
REF_RELOC_64[RefKind.Const] = Reloc.MEMORY_ADDR_SLEB64;

/** The relocation type a MIR reference of `kind` stands for in a unit's view (`memory64`: a wasm64 unit's). */
export function refRelocType(kind: RefKind, memory64: boolean): Reloc {
  return (memory64 ? REF_RELOC_64 : REF_RELOC)[kind];
}

/** Every signature of the Mir store as object-file types: a unit's type index is its SigId. */
function mirTypes(mir: Mir): FuncType[] {
  const types: FuncType[] = [];
  for (let s = 0; s < mir.sigCount; s++) {
    const params = Array.from(mir.sigParamTypes(s as SigId));
    const results = Array.from(mir.sigResultTypes(s as SigId));
    types.push({ params, results, key: params.join(',') + '>' + results.join(',') });
  }
  return types;
}

function emptyObject(bytes: Uint8Array, types: FuncType[]): ObjectFile {
  return {
    bytes, types, imports: [], importsByKind: [[], [], [], [], []], numImportedFunctions: 0, numImportedGlobals: 0,
    numImportedTables: 0, numImportedTags: 0, functionTypes: new Uint32Array(0), tables: [], memories: [], globals: [],
    tagTypes: new Uint32Array(0), exports: [], hasElemSection: false, codeStart: new Uint32Array(0),
    codeSize: new Uint32Array(0), codeSectionStart: 0, codeSectionIndex: CODE_SECTION, dataSectionStart: 0,
    dataSectionIndex: DATA_SECTION, segments: [], customSections: [], symbols: newSymbolTable(0), initFuncs: [],
    comdats: [], relocs: [], targetFeatures: [], producers: [], functionDebugNames: null, is64: false,
  };
}

function newSymbolTable(count: number): SymbolTable {
  return {
    count, kind: new Uint8Array(count), flags: new Uint32Array(count), index: new Uint32Array(count),
    offset: new Uint32Array(count), size: new Uint32Array(count), names: [],
  };
}

function segment(name: string, align: number, dataStart: number, size: number): DataSegment {
  return {
    flags: 0, offsetExprStart: 0, offsetExprEnd: 0, dataStart, size, sectionOffset: dataStart, name,
    alignLog2: 31 - Math.clz32(align), segFlags: 0,
  };
}

/** Growable parallel relocation arrays, finished into a RelocSet. */
class RelocBuilder {
  count = 0;
  type = new Uint8Array(64);
  offset = new Uint32Array(64);
  index = new Uint32Array(64);
  addend = new Int32Array(64);

  add(type: Reloc, offset: number, index: number, addend: number): void {
    if (this.count === this.type.length) {
      const n = this.count * 2;
      const t = new Uint8Array(n); t.set(this.type); this.type = t;
      const o = new Uint32Array(n); o.set(this.offset); this.offset = o;
      const i = new Uint32Array(n); i.set(this.index); this.index = i;
      const a = new Int32Array(n); a.set(this.addend); this.addend = a;
    }
    const k = this.count++;
    this.type[k] = type;
    this.offset[k] = offset;
    this.index[k] = index;
    this.addend[k] = addend;
  }

  finish(targetSection: number): RelocSet {
    const n = this.count;
    return {
      targetSection, type: this.type.subarray(0, n), offset: this.offset.subarray(0, n), index: this.index.subarray(0, n),
      addend: this.addend.subarray(0, n), addend64: null,
    };
  }
}

/**
 * The ObjectFile view of a finished unit, and the per-function reference ranges GC and layout
 * read as code relocations (funcRelocStart, like splitRelocs computes for objects).
 */
export function unitObjectView(unit: Unit): { obj: ObjectFile; input: UnitInput; funcRelocStart: Uint32Array } {
  const mir = unit.mir;
  const n = unit.symCount;

  // Imports first (undefined functions, globals and tables, in symbol order), then definitions.
  let nFuncImports = 0, nGlobalImports = 0, nTableImports = 0, nFuncs = 0, nGlobals = 0;
  for (let s = 0; s < n; s++) {
    const undef = (unit.symFlags[s] & SymFlag.Undefined) !== 0;
    switch (unit.symKind[s]) {
      case SymKind.Function: if (undef) nFuncImports++; else nFuncs++; break;
      case SymKind.Global: if (undef) nGlobalImports++; else nGlobals++; break;
      case SymKind.Table: if (undef) nTableImports++; break;
      default: break;
    }
  }

  // Data bytes, then global initializers, in one buffer.
  let dataBytes = 0;
  for (let d = 0; d < unit.dataCount; d++) dataBytes += unit.dataSize[d];
  const inits = new ByteWriter(16 + nGlobals * 12);
  const globalInitAt: number[] = [];
  for (let s = 0; s < n; s++) {
    if (unit.symKind[s] !== SymKind.Global || unit.symFlags[s] & SymFlag.Undefined) continue;
    globalInitAt.push(inits.pos);
    emitGlobalInit(unit, s as GlobalSym, inits);
  }
  globalInitAt.push(inits.pos);
  const bytes = new Uint8Array(dataBytes + inits.pos);
  bytes.set(inits.buf.subarray(0, inits.pos), dataBytes);

  const obj = emptyObject(bytes, mirTypes(mir));
  obj.is64 = unit.memory64;
  obj.numImportedFunctions = nFuncImports;
  obj.numImportedGlobals = nGlobalImports;
  obj.numImportedTables = nTableImports;
  obj.functionTypes = new Uint32Array(nFuncs);
  const t = newSymbolTable(n);
  obj.symbols = t;
  const funcMir = new Int32Array(nFuncs);
  const funcSym = new Int32Array(nFuncs);
  const itemStart = new Uint32Array(unit.dataCount);

  let fi = 0, gi = 0, fImp = 0, gImp = 0, tImp = 0, dataAt = 0;
  for (let d = 0; d < unit.dataCount; d++) {
    itemStart[d] = dataAt;
    const contents = unit.dataBytes[d];
    if (contents) bytes.set(contents, dataAt);
    obj.segments.push(segment(unit.dataSection[d], unit.dataAlign[d], dataAt, unit.dataSize[d]));
    dataAt += unit.dataSize[d];
  }
  for (let s = 0; s < n; s++) {
    const flags = unit.symFlags[s];
    const undef = (flags & SymFlag.Undefined) !== 0;
    const kind = unit.symKind[s];
    t.kind[s] = kind;
    t.flags[s] = flags;
    t.names.push(unit.symName[s]);
    if (undef && kind !== SymKind.Data) {
      // Undefined data has no import: another input defines it (or it is weak).
      const imp = importOf(unit, s);
      obj.imports.push(imp);
      obj.importsByKind[imp.kind].push(imp);
    }
    switch (kind) {
      case SymKind.Function:
        if (undef) {
          t.index[s] = fImp++;
        } else {
          obj.functionTypes[fi] = unit.symSig[s];
          funcMir[fi] = unit.symDef[s];
          funcSym[fi] = s;
          t.index[s] = nFuncImports + fi++;
        }
        break;
      case SymKind.Global:
        if (undef) {
          t.index[s] = gImp++;
        } else {
          const g = unit.symDef[s];
          obj.globals.push(globalDef(unit.globalType[g], unit.globalMutable[g] === 1, dataBytes, globalInitAt, gi));
          t.index[s] = nGlobalImports + gi++;
        }
        break;
      case SymKind.Table:
        if (!undef) throw unit.error(`table ${unit.symName[s]}: units cannot define tables`);
        t.index[s] = tImp++;
        break;
      case SymKind.Data:
        if (!undef) {
          const d = unit.symDef[s];
          t.index[s] = d;
          t.size[s] = unit.dataSize[d];
        }
        break;
      default:
        throw unit.error(`symbol ${unit.symName[s]}: unsupported symbol kind ${kind}`);
    }
    const exportName = unit.exportName[s];
    if (exportName !== undefined && exportName !== unit.symName[s] && kind === SymKind.Function) {
      obj.exports.push({ name: exportName, kind: ExternalKind.Function, index: t.index[s] });
    }
  }

  // Code "relocations": each function's MIR references, in instruction order.
  const code = new RelocBuilder();
  const refTypes = unit.memory64 ? REF_RELOC_64 : REF_RELOC;
  const funcRelocStart = new Uint32Array(nFuncs + 1);
  let current = 0;
  const record = (kind: RefKind, id: number): void => {
    code.add(refTypes[kind], current, kind === RefKind.Const ? n + id : id, 0);
  };
  for (let i = 0; i < nFuncs; i++) {
    funcRelocStart[i] = code.count;
    current = i;
    mir.forEachReference(funcMir[i] as MirFunc, record);
  }
  funcRelocStart[nFuncs] = code.count;

  // Data relocations, at their offsets in the view's data section.
  const data = new RelocBuilder();
  for (let d = 0; d < unit.dataCount; d++) {
    for (let r = unit.dataRelocStart[d]; r < unit.dataRelocEnd[d]; r++) {
      const kind = unit.relocKind[r] as RefKind;
      const type = kind === RefKind.FuncAddr ? (unit.memory64 ? Reloc.TABLE_INDEX_I64 : Reloc.TABLE_INDEX_I32)
        : unit.memory64 ? Reloc.MEMORY_ADDR_I64 : Reloc.MEMORY_ADDR_I32;
      const index = kind === RefKind.Const ? n + unit.relocTarget[r] : unit.relocTarget[r];
      data.add(type, itemStart[d] + unit.relocOffset[r], index, unit.relocAddend[r]);
    }
  }
  obj.relocs.push(code.finish(CODE_SECTION), data.finish(DATA_SECTION));
  if (needsMutableGlobals(unit)) obj.targetFeatures.push({ prefix: 0x2b, name: 'mutable-globals' });
  return { obj, input: { unit, mir, funcMir }, funcRelocStart };
}

/**
 * A unit declares no target features: it is taken to use those its imports and exports need. An
 * imported mutable global, or any exported global, needs mutable-globals (wasm-ld refuses an
 * exported global of either kind without it).
 */
function needsMutableGlobals(unit: Unit): boolean {
  for (let s = 0; s < unit.symCount; s++) {
    if (unit.symKind[s] !== SymKind.Global) continue;
    if (unit.symFlags[s] & SymFlag.Exported) return true;
    if (unit.symFlags[s] & SymFlag.Undefined && unit.globalMutable[unit.symDef[s]] === 1) return true;
  }
  return false;
}

function importOf(unit: Unit, s: number): Import {
  const kind = unit.symKind[s];
  const name = unit.symName[s];
  const module = unit.importModule[s] ?? 'env';
  const field = unit.importName[s] ?? name;
  if (kind === SymKind.Function) {
    return { module, field, kind: ExternalKind.Function, type: unit.symSig[s], mutable: false, limits: null };
  }
  if (kind === SymKind.Global) {
    const g = unit.symDef[s];
    return { module, field, kind: ExternalKind.Global, type: unit.globalType[g], mutable: unit.globalMutable[g] === 1, limits: null };
  }
  return { module, field, kind: ExternalKind.Table, type: ValType.FuncRef, mutable: false, limits: { flags: 0, min: 0, max: null } };
}

function globalDef(valType: number, mutable: boolean, base: number, at: number[], g: number): GlobalDef {
  return { valType, mutable, initStart: base + at[g], initEnd: base + at[g + 1] };
}

/**
 * The link-wide constant pool: constant C is segment C (`.rodata.cst.C`, the constant's bytes and
 * alignment) with one local data symbol `.L.const.C`.
 */
export function constantPoolView(mir: Mir): ObjectFile {
  const count = mir.constCount;
  const bytes = mir.constBytes.subarray(0, mir.constBytesLen);
  const obj = emptyObject(bytes, []);
  const t = newSymbolTable(count);
  obj.symbols = t;
  for (let c = 0; c < count; c++) {
    obj.segments.push(segment(`.rodata.cst.${c}`, mir.constAlign[c], mir.constStart[c], mir.constLen[c]));
    t.kind[c] = SymKind.Data;
    t.flags[c] = SymFlag.BindingLocal | SymFlag.VisibilityHidden;
    t.index[c] = c;
    t.size[c] = mir.constLen[c];
    t.names.push(`.L.const.${c}`);
  }
  return obj;
}

