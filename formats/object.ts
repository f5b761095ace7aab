// The relocatable-object view (tool-conventions Linking.md): parses a wasm object's sections,
// `linking` v2 metadata and `reloc.*` sections into flat arrays. Function bodies, data segment
// contents and custom sections are never copied: they are (offset, size) views into `bytes`.
// Every malformed input becomes a FormatError with the byte offset.
import { FormatError } from './leb128';
import { Reader } from './reader';
import {
  ExternalKind, LinkingSub, MAX_RELOC_TYPE, Reloc, RELOC_NAMES, SectionId, SymFlag, SymKind, WASM_MAGIC, relocHasAddend,
} from './wasm';

/** A function type: encoded bytes (0x60 params results), used as the dedup key. */
export interface FuncType {
  params: number[];
  results: number[];
  key: string;
}

export interface Import {
  module: string;
  field: string;
  kind: ExternalKind;
  /** Function: type index. Global: value type. Table: element type. Tag: type index. */
  type: number;
  mutable: boolean; // globals
  limits: Limits | null; // tables, memories
}

export interface Limits {
  flags: number;
  min: number;
  max: number | null;
}

export interface GlobalDef {
  valType: number;
  mutable: boolean;
  initStart: number; // absolute offset of the init expression (including its `end`)
  initEnd: number;
}

export interface TableDef {
  elemType: number;
  limits: Limits;
}

export interface DataSegment {
  flags: number; // 0 active mem 0, 1 passive, 2 active with memory index
  offsetExprStart: number;
  offsetExprEnd: number;
  dataStart: number; // absolute offset of the bytes
  size: number;
  /** Offset of the bytes relative to the DATA section payload (relocation offsets use it). */
  sectionOffset: number;
  // From WASM_SEGMENT_INFO:
  name: string;
  alignLog2: number;
  segFlags: number;
}

export interface CustomSection {
  name: string;
  sectionIndex: number;
  start: number; // absolute offset of the payload after the name
  size: number;
}

export interface Comdat {
  name: string;
  entries: { kind: number; index: number }[];
}

export interface InitFunc {
  priority: number;
  symbol: number;
}

/** Relocations of one target section, as parallel arrays sorted by offset. */
export interface RelocSet {
  targetSection: number;
  type: Uint8Array;
  offset: Uint32Array;
  index: Uint32Array;
  addend: Int32Array;
  /** 64-bit addends when any does not fit in 32 bits (wasm64); null otherwise. */
  addend64: BigInt64Array | null;
}

export interface ProducerField {
  name: string;
  values: { name: string; version: string }[];
}

/** Symbols as parallel arrays indexed by the object's symbol index. */
export interface SymbolTable {
  count: number;
  kind: Uint8Array;
  flags: Uint32Array;
  /** Function/global/tag/table index (imports first), data segment index, or section index. */
  index: Uint32Array;
  /** Data symbols: offset and size within the segment. */
  offset: Uint32Array;
  size: Uint32Array;
  names: string[];
}

export interface ObjectFile {
  bytes: Uint8Array;
  types: FuncType[];
  imports: Import[];
  /** Imports of each ExternalKind, in order: importsByKind[kind][i] is the i-th import of that kind. */
  importsByKind: Import[][];
  numImportedFunctions: number;
  numImportedGlobals: number;
  numImportedTables: number;
  numImportedTags: number;
  /** Type index of each defined function. */
  functionTypes: Uint32Array;
  tables: TableDef[];
  memories: Limits[];
  globals: GlobalDef[];
  tagTypes: Uint32Array;
  exports: { name: string; kind: number; index: number }[];
  hasElemSection: boolean;
  /** Defined function bodies: absolute offset of the body (after its size LEB) and size. */
  codeStart: Uint32Array;
  codeSize: Uint32Array;
  /** Absolute offset of the CODE section payload; relocation offsets are relative to it. */
  codeSectionStart: number;
  codeSectionIndex: number;
  dataSectionStart: number;
  dataSectionIndex: number;
  segments: DataSegment[];
  customSections: CustomSection[];
  symbols: SymbolTable;
  initFuncs: InitFunc[];
  comdats: Comdat[];
  relocs: RelocSet[];
  targetFeatures: { prefix: number; name: string }[];
  producers: ProducerField[];
  /** Names from an input `name` section (function index → name), rarely present in objects. */
  functionDebugNames: Map<number, string> | null;
  is64: boolean;
}

const EMPTY_SYMBOLS: SymbolTable = {
  count: 0, kind: new Uint8Array(0), flags: new Uint32Array(0), index: new Uint32Array(0),
  offset: new Uint32Array(0), size: new Uint32Array(0), names: [],
};

export function isWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

export function parseObject(bytes: Uint8Array): ObjectFile {
  const r = new Reader(bytes);
  if (bytes.length < 8) r.fail('file too small to be a wasm object', 0);
  if (r.u32le() !== WASM_MAGIC) r.fail('not a wasm object file (bad magic)', 0);
  const version = r.u32le();
  if (version !== 1) r.fail(`unsupported wasm version ${version}`, 4);

  const obj: ObjectFile = {
    bytes, types: [], imports: [], importsByKind: [[], [], [], [], []], numImportedFunctions: 0, numImportedGlobals: 0, numImportedTables: 0,
    numImportedTags: 0, functionTypes: new Uint32Array(0), tables: [], memories: [], globals: [],
    tagTypes: new Uint32Array(0), exports: [], hasElemSection: false, codeStart: new Uint32Array(0),
    codeSize: new Uint32Array(0), codeSectionStart: -1, codeSectionIndex: -1, dataSectionStart: -1,
    dataSectionIndex: -1, segments: [], customSections: [], symbols: EMPTY_SYMBOLS, initFuncs: [], comdats: [],
    relocs: [], targetFeatures: [], producers: [], functionDebugNames: null, is64: false,
  };
  let linking: { start: number; end: number } | null = null;
  const relocSections: { start: number; end: number }[] = [];
  let sectionIndex = 0;
  let sawLinking = false;

  while (!r.atEnd) {
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (end > bytes.length) r.fail(`section ${id} extends past end of file (size ${size})`, start);
    const s = new Reader(bytes, start, end);
    switch (id) {
      case SectionId.Custom: {
        const name = s.name();
        if (name === 'linking') {
          linking = { start: s.pos, end };
          sawLinking = true;
        } else if (name.startsWith('reloc.')) {
          relocSections.push({ start: s.pos, end });
        } else if (name === 'target_features') {
          parseTargetFeatures(s, obj);
        } else if (name === 'producers') {
          parseProducers(s, obj);
        } else if (name === 'name') {
          parseNames(s, obj);
        } else {
          obj.customSections.push({ name, sectionIndex, start: s.pos, size: end - s.pos });
        }
        break;
      }
      case SectionId.Type: parseTypes(s, obj); break;
      case SectionId.Import: parseImports(s, obj); break;
      case SectionId.Function: {
        const n = s.u32();
        if (n > end - s.pos) s.fail(`function count ${n} exceeds section size`);
        const types = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          types[i] = s.u32();
          if (types[i] >= obj.types.length) s.fail(`function ${i}: type index ${types[i]} out of range`, s.pos - 1);
        }
        obj.functionTypes = types;
        break;
      }
      case SectionId.Table: {
        const n = s.u32();
        for (let i = 0; i < n; i++) obj.tables.push({ elemType: s.u8(), limits: readLimits(s) });
        break;
      }
      case SectionId.Memory: {
        const n = s.u32();
        for (let i = 0; i < n; i++) obj.memories.push(readLimits(s));
        break;
      }
      case SectionId.Global: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const valType = s.u8();
          const mutable = s.u8() === 1;
          const initStart = s.pos;
          skipInitExpr(s);
          obj.globals.push({ valType, mutable, initStart, initEnd: s.pos });
        }
        break;
      }
      case SectionId.Export: {
        const n = s.u32();
        for (let i = 0; i < n; i++) obj.exports.push({ name: s.name(), kind: s.u8(), index: s.u32() });
        break;
      }
      case SectionId.Start: s.u32(); break;
      case SectionId.Elem: obj.hasElemSection = true; s.pos = end; break;
      case SectionId.DataCount: s.u32(); break;
      case SectionId.Code: parseCode(s, obj, sectionIndex); break;
      case SectionId.Data: parseData(s, obj, sectionIndex); break;
      case SectionId.Tag: {
        const n = s.u32();
        const tags = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          if (s.u8() !== 0) s.fail('unsupported tag attribute');
          tags[i] = s.u32();
          if (tags[i] >= obj.types.length) s.fail(`tag ${i}: type index ${tags[i]} out of range`, s.pos - 1);
        }
        obj.tagTypes = tags;
        break;
      }
      default:
        r.fail(`unknown section id ${id}`, start - 1);
    }
    if (id !== SectionId.Custom && s.pos !== end) s.fail(`section ${id} has ${end - s.pos} trailing bytes`);
    r.pos = end;
    sectionIndex++;
  }
  if (obj.functionTypes.length !== obj.codeStart.length) {
    r.fail(`function and code section have inconsistent lengths (${obj.functionTypes.length} vs ${obj.codeStart.length})`, 8);
  }
  if (!sawLinking) r.fail('not a relocatable wasm object: no linking section', 8);
  if (linking) parseLinking(new Reader(bytes, linking.start, linking.end), obj);
  for (const rs of relocSections) parseRelocs(new Reader(bytes, rs.start, rs.end), obj, sectionIndex);
  return obj;
}

function readLimits(s: Reader): Limits {
  const flags = s.u8();
  if (flags & ~0x7) s.fail(`invalid limits flags 0x${flags.toString(16)}`, s.pos - 1);
  const is64 = (flags & 4) !== 0;
  const min = is64 ? Number(s.u64()) : s.u32();
  const max = flags & 1 ? (is64 ? Number(s.u64()) : s.u32()) : null;
  return { flags, min, max };
}

function skipInitExpr(s: Reader): void {
  // Constant expressions are short; walk them opcode by opcode until `end`.
  for (;;) {
    const op = s.u8();
    switch (op) {
      case 0x0b: return;
      case 0x41: s.s32(); break;
      case 0x42: s.s64(); break;
      case 0x43: s.skip(4); break;
      case 0x44: s.skip(8); break;
      case 0x23: s.u32(); break;
      case 0xd0: s.u8(); break;
      case 0xd2: s.u32(); break;
      case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: break; // extended-const
      case 0xfd: { const sub = s.u32(); if (sub !== 12) s.fail('unsupported SIMD opcode in constant expression'); s.skip(16); break; }
      default: s.fail(`unsupported opcode 0x${op.toString(16)} in constant expression`, s.pos - 1);
    }
  }
}

function parseTypes(s: Reader, obj: ObjectFile): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const start = s.pos;
    const form = s.u8();
    if (form !== 0x60) s.fail(`unsupported type form 0x${form.toString(16)}`, start);
    const params: number[] = [];
    const np = s.u32();
    for (let j = 0; j < np; j++) params.push(s.u8());
    const results: number[] = [];
    const nr = s.u32();
    for (let j = 0; j < nr; j++) results.push(s.u8());
    obj.types.push({ params, results, key: params.join(',') + '>' + results.join(',') });
  }
}

function parseImports(s: Reader, obj: ObjectFile): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const module = s.name();
    const field = s.name();
    const kind = s.u8();
    const imp: Import = { module, field, kind, type: 0, mutable: false, limits: null };
    switch (kind) {
      case ExternalKind.Function:
        imp.type = s.u32();
        if (imp.type >= obj.types.length) s.fail(`import ${module}.${field}: type index ${imp.type} out of range`);
        obj.numImportedFunctions++;
        break;
      case ExternalKind.Table: imp.type = s.u8(); imp.limits = readLimits(s); obj.numImportedTables++; break;
      case ExternalKind.Memory:
        imp.limits = readLimits(s);
        if (imp.limits.flags & 4) obj.is64 = true;
        break;
      case ExternalKind.Global: imp.type = s.u8(); imp.mutable = s.u8() === 1; obj.numImportedGlobals++; break;
      case ExternalKind.Tag:
        if (s.u8() !== 0) s.fail('unsupported tag attribute');
        imp.type = s.u32();
        if (imp.type >= obj.types.length) s.fail(`import ${module}.${field}: type index ${imp.type} out of range`);
        obj.numImportedTags++;
        break;
      default: s.fail(`unknown import kind ${kind}`, s.pos - 1);
    }
    obj.imports.push(imp);
    obj.importsByKind[kind].push(imp);
  }
}

function parseCode(s: Reader, obj: ObjectFile, sectionIndex: number): void {
  obj.codeSectionStart = s.pos;
  obj.codeSectionIndex = sectionIndex;
  const n = s.u32();
  const starts = new Uint32Array(n);
  const sizes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const size = s.u32();
    starts[i] = s.pos;
    sizes[i] = size;
    s.skip(size);
  }
  obj.codeStart = starts;
  obj.codeSize = sizes;
}

function parseData(s: Reader, obj: ObjectFile, sectionIndex: number): void {
  obj.dataSectionStart = s.pos;
  obj.dataSectionIndex = sectionIndex;
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const flags = s.u32();
    let offsetExprStart = 0;
    let offsetExprEnd = 0;
    if (flags === 2) s.u32();
    if (flags === 0 || flags === 2) {
      offsetExprStart = s.pos;
      skipInitExpr(s);
      offsetExprEnd = s.pos;
    } else if (flags !== 1) {
      s.fail(`invalid data segment flags ${flags}`);
    }
    const size = s.u32();
    const dataStart = s.pos;
    s.skip(size);
    obj.segments.push({
      flags, offsetExprStart, offsetExprEnd, dataStart, size, sectionOffset: dataStart - obj.dataSectionStart,
      name: `.data.${i}`, alignLog2: 0, segFlags: 0,
    });
  }
}

function parseTargetFeatures(s: Reader, obj: ObjectFile): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const prefix = s.u8();
    obj.targetFeatures.push({ prefix, name: s.name() });
  }
}

function parseProducers(s: Reader, obj: ObjectFile): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const name = s.name();
    const count = s.u32();
    const values: { name: string; version: string }[] = [];
    for (let j = 0; j < count; j++) values.push({ name: s.name(), version: s.name() });
    obj.producers.push({ name, values });
  }
}

function parseNames(s: Reader, obj: ObjectFile): void {
  // Only the function-names subsection matters to the linker (wasm-ld prefers these debug names).
  while (!s.atEnd) {
    const id = s.u8();
    const size = s.u32();
    const end = s.pos + size;
    if (end > s.end) s.fail('name subsection extends past end of section');
    if (id === 1) {
      const names = new Map<number, string>();
      const sub = new Reader(s.bytes, s.pos, end);
      const n = sub.u32();
      for (let i = 0; i < n; i++) {
        const idx = sub.u32();
        names.set(idx, sub.name());
      }
      obj.functionDebugNames = names;
    }
    s.pos = end;
  }
}

function parseLinking(s: Reader, obj: ObjectFile): void {
  const version = s.u32();
  if (version !== 2) s.fail(`unsupported linking section version ${version} (expected 2)`, s.pos - 1);
  while (!s.atEnd) {
    const type = s.u8();
    const size = s.u32();
    const end = s.pos + size;
    if (end > s.end) s.fail(`linking subsection ${type} extends past end of section`);
    const sub = new Reader(s.bytes, s.pos, end);
    switch (type) {
      case LinkingSub.SegmentInfo: {
        const n = sub.u32();
        if (n > obj.segments.length) sub.fail(`segment info for ${n} segments, but the data section has ${obj.segments.length}`);
        for (let i = 0; i < n; i++) {
          const seg = obj.segments[i];
          seg.name = sub.name();
          seg.alignLog2 = sub.u32();
          seg.segFlags = sub.u32();
          if (seg.alignLog2 > 31) sub.fail(`segment ${seg.name}: alignment 2^${seg.alignLog2} too large`);
        }
        break;
      }
      case LinkingSub.InitFuncs: {
        const n = sub.u32();
        for (let i = 0; i < n; i++) {
          const priority = sub.u32();
          const at = sub.pos;
          const symbol = sub.u32();
          if (symbol >= obj.symbols.count) sub.fail(`init function symbol index ${symbol} out of range`, at);
          if (obj.symbols.kind[symbol] !== SymKind.Function) sub.fail(`init function symbol ${symbol} is not a function`, at);
          obj.initFuncs.push({ priority, symbol });
        }
        break;
      }
      case LinkingSub.ComdatInfo: {
        const n = sub.u32();
        for (let i = 0; i < n; i++) {
          const name = sub.name();
          if (sub.u32() !== 0) sub.fail(`comdat ${name}: unsupported flags`);
          const count = sub.u32();
          const entries: { kind: number; index: number }[] = [];
          for (let j = 0; j < count; j++) entries.push({ kind: sub.u8(), index: sub.u32() });
          obj.comdats.push({ name, entries });
        }
        break;
      }
      case LinkingSub.SymbolTable: parseSymbolTable(sub, obj); break;
      default: break; // unknown subsections are skipped, as LLVM does
    }
    if (type === LinkingSub.SegmentInfo || type === LinkingSub.InitFuncs || type === LinkingSub.ComdatInfo || type === LinkingSub.SymbolTable) {
      if (sub.pos !== end) sub.fail(`linking subsection ${type} has ${end - sub.pos} trailing bytes`);
    }
    s.pos = end;
  }
}

function parseSymbolTable(s: Reader, obj: ObjectFile): void {
  const n = s.u32();
  if (n > s.end - s.pos) s.fail(`symbol count ${n} exceeds section size`);
  const t: SymbolTable = {
    count: n, kind: new Uint8Array(n), flags: new Uint32Array(n), index: new Uint32Array(n),
    offset: new Uint32Array(n), size: new Uint32Array(n), names: new Array<string>(n),
  };
  const numFuncs = obj.numImportedFunctions + obj.functionTypes.length;
  const numGlobals = obj.numImportedGlobals + obj.globals.length;
  const numTags = obj.numImportedTags + obj.tagTypes.length;
  const numTables = obj.numImportedTables + obj.tables.length;
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const kind = s.u8();
    const flags = s.u32();
    t.kind[i] = kind;
    t.flags[i] = flags;
    const undefined = (flags & SymFlag.Undefined) !== 0;
    switch (kind) {
      case SymKind.Function: case SymKind.Global: case SymKind.Tag: case SymKind.Table: {
        const index = s.u32();
        const [limit, numImported, extKind] =
          kind === SymKind.Function ? [numFuncs, obj.numImportedFunctions, ExternalKind.Function]
          : kind === SymKind.Global ? [numGlobals, obj.numImportedGlobals, ExternalKind.Global]
          : kind === SymKind.Tag ? [numTags, obj.numImportedTags, ExternalKind.Tag]
          : [numTables, obj.numImportedTables, ExternalKind.Table];
        if (index >= limit) s.fail(`symbol ${i}: ${symKindName(kind)} index ${index} out of range`, at);
        if (undefined !== index < numImported) s.fail(`symbol ${i}: ${undefined ? 'undefined symbol refers to a definition' : 'defined symbol refers to an import'}`, at);
        t.index[i] = index;
        if (!undefined || (flags & SymFlag.ExplicitName) !== 0) t.names[i] = s.name();
        else t.names[i] = obj.importsByKind[extKind][index].field;
        break;
      }
      case SymKind.Data: {
        t.names[i] = s.name();
        if (!undefined) {
          const seg = s.u32();
          const offset = s.u32();
          const size = s.u32();
          if ((flags & SymFlag.Absolute) === 0) {
            if (seg >= obj.segments.length) s.fail(`symbol ${t.names[i]}: data segment index ${seg} out of range`, at);
            if (offset + size > obj.segments[seg].size) s.fail(`symbol ${t.names[i]}: data offset ${offset}+${size} past the end of segment ${seg}`, at);
          }
          t.index[i] = seg;
          t.offset[i] = offset;
          t.size[i] = size;
        }
        break;
      }
      case SymKind.Section: {
        const index = s.u32();
        t.index[i] = index;
        const cs = obj.customSections.find((c) => c.sectionIndex === index);
        t.names[i] = cs ? cs.name : `section${index}`;
        break;
      }
      default:
        s.fail(`symbol ${i}: unknown symbol kind ${kind}`, at);
    }
  }
  obj.symbols = t;
}

export function symKindName(kind: number): string {
  return ['function', 'data', 'global', 'section', 'tag', 'table'][kind] ?? `kind${kind}`;
}

function parseRelocs(s: Reader, obj: ObjectFile, numSections: number): void {
  const target = s.u32();
  if (target >= numSections) s.fail(`relocation section targets section ${target}, which does not exist`);
  const n = s.u32();
  if (n > s.end - s.pos) s.fail(`relocation count ${n} exceeds section size`);
  const set: RelocSet = {
    targetSection: target, type: new Uint8Array(n), offset: new Uint32Array(n), index: new Uint32Array(n),
    addend: new Int32Array(n), addend64: null,
  };
  const numSymbols = obj.symbols.count;
  const targetSize = targetSectionSize(obj, target);
  let lastOffset = 0;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const type = s.u8();
    if (type > MAX_RELOC_TYPE) s.fail(`unknown relocation type ${type}`, at);
    const offset = s.u32();
    const index = s.u32();
    if (type === Reloc.TYPE_INDEX_LEB) {
      if (index >= obj.types.length) s.fail(`relocation ${i}: type index ${index} out of range`, at);
    } else if (index >= numSymbols) {
      s.fail(`relocation ${i}: symbol index ${index} out of range (${numSymbols} symbols)`, at);
    } else if (!relocFitsSymbol(type, obj.symbols.kind[index])) {
      s.fail(`relocation ${i}: ${RELOC_NAMES[type]} cannot refer to ${symKindName(obj.symbols.kind[index])} symbol ${obj.symbols.names[index]}`, at);
    }
    if (offset + relocWidth(type) > targetSize) s.fail(`relocation ${i}: offset ${offset} out of range for its section`, at);
    set.type[i] = type;
    set.offset[i] = offset;
    set.index[i] = index;
    if (relocHasAddend(type)) {
      if (is64Reloc(type)) {
        const a = s.s64();
        const a32 = Number(BigInt.asIntN(32, a));
        if (BigInt(a32) !== a) {
          set.addend64 ??= new BigInt64Array(n);
          set.addend64[i] = a;
        }
        set.addend[i] = a32;
      } else {
        set.addend[i] = s.s32();
      }
    }
    if (offset < lastOffset) sorted = false;
    lastOffset = offset;
  }
  if (!sorted) sortRelocs(set);
  obj.relocs.push(set);
}

/** The symbol kinds each relocation type may refer to (as LLVM's object reader checks). */
function relocFitsSymbol(type: number, kind: number): boolean {
  switch (type) {
    case Reloc.FUNCTION_INDEX_LEB: case Reloc.FUNCTION_INDEX_I32: case Reloc.TABLE_INDEX_SLEB: case Reloc.TABLE_INDEX_I32:
    case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_I64: case Reloc.TABLE_INDEX_REL_SLEB: case Reloc.TABLE_INDEX_REL_SLEB64:
    case Reloc.FUNCTION_OFFSET_I32: case Reloc.FUNCTION_OFFSET_I64:
      return kind === SymKind.Function;
    case Reloc.GLOBAL_INDEX_LEB: // also used against data and functions (read through a GOT global)
      return kind === SymKind.Global || kind === SymKind.Data || kind === SymKind.Function;
    case Reloc.GLOBAL_INDEX_I32: return kind === SymKind.Global;
    case Reloc.TAG_INDEX_LEB: return kind === SymKind.Tag;
    case Reloc.TABLE_NUMBER_LEB: return kind === SymKind.Table;
    case Reloc.SECTION_OFFSET_I32: return kind === SymKind.Section;
    default: return kind === SymKind.Data; // the MEMORY_ADDR_* family
  }
}

function sortRelocs(set: RelocSet): void {
  const n = set.type.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => set.offset[a] - set.offset[b]);
  const type = set.type.slice(), offset = set.offset.slice(), index = set.index.slice(), addend = set.addend.slice();
  const addend64 = set.addend64 ? set.addend64.slice() : null;
  for (let i = 0; i < n; i++) {
    const j = order[i];
    set.type[i] = type[j]; set.offset[i] = offset[j]; set.index[i] = index[j]; set.addend[i] = addend[j];
    if (addend64 && set.addend64) set.addend64[i] = addend64[j];
  }
}

function targetSectionSize(obj: ObjectFile, target: number): number {
  if (target === obj.codeSectionIndex) {
    const n = obj.codeStart.length;
    return n === 0 ? 0 : obj.codeStart[n - 1] + obj.codeSize[n - 1] - obj.codeSectionStart;
  }
  if (target === obj.dataSectionIndex) {
    const n = obj.segments.length;
    return n === 0 ? 0 : obj.segments[n - 1].dataStart + obj.segments[n - 1].size - obj.dataSectionStart;
  }
  const cs = obj.customSections.find((c) => c.sectionIndex === target);
  if (cs) return cs.size;
  throw new FormatError(0, `relocations for section ${target}, which cannot be relocated`);
}

export function is64Reloc(type: number): boolean {
  switch (type) {
    case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_I64:
    case Reloc.MEMORY_ADDR_REL_SLEB64: case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_I64:
    case Reloc.FUNCTION_OFFSET_I64: case Reloc.TABLE_INDEX_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB64:
      return true;
    default:
      return false;
  }
}

/** Bytes a relocation site occupies in its padded form. */
export function relocWidth(type: number): number {
  switch (type) {
    case Reloc.TABLE_INDEX_I32: case Reloc.MEMORY_ADDR_I32: case Reloc.FUNCTION_OFFSET_I32:
    case Reloc.SECTION_OFFSET_I32: case Reloc.GLOBAL_INDEX_I32: case Reloc.MEMORY_ADDR_LOCREL_I32:
    case Reloc.FUNCTION_INDEX_I32:
      return 4;
    case Reloc.MEMORY_ADDR_I64: case Reloc.TABLE_INDEX_I64: case Reloc.FUNCTION_OFFSET_I64:
      return 8;
    case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_REL_SLEB64:
    case Reloc.TABLE_INDEX_SLEB64: case Reloc.TABLE_INDEX_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB64:
      return 10;
    default:
      return 5;
  }
}
