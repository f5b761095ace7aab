// The relocatable-object model: what formats/object.ts makes of an object file (and what a compiler
// unit's view presents to the linker): types, imports, globals, tables, data segments, custom
// sections, comdats, init functions, relocations as parallel columns, the symbol table, and the
// ObjectFile that holds them. Types only (and NO_NAME), so that the parsers can share them.
import type { ExternalKind } from './wasm';

/** A function type; `key` (`params>results`, value types joined by commas) is the dedup key. */
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
  /** Absolute offset of the name's bytes (its length is that of `name` in UTF-8). */
  nameStart: number;
  nameLength: number;
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
  /**
   * Of a parsed object's code or data relocations, the first relocation of each function body or
   * data segment, then the count (one entry more than there are chunks): the parser checks that
   * each site lies within one. Undefined or null for others.
   */
  chunkStart?: Uint32Array | null;
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
  /** Names as strings. A parsed object decodes them on first use: read single names with symbolName(). */
  names: string[];
  /**
   * Where each name's UTF-8 bytes lie in `nameBytes` (a parsed object: its own bytes), so that
   * the linker can resolve names without making strings. NO_NAME: the name is not in the bytes.
   * Absent in tables built in memory, whose names are only `names` (see symbolNameBytes).
   */
  nameBytes?: Uint8Array;
  nameStart?: Uint32Array;
  nameLength?: Uint32Array;
}

/** nameStart of a section symbol whose section has no name in the file (it is named `sectionN`). */
export const NO_NAME = 0xffffffff;

/**
 * Imports of a parsed object as parallel arrays, with module and field names left in the bytes.
 * (ObjectFile.imports, the same as objects, is made from it only when something asks for it.)
 */
export interface ImportTable {
  count: number;
  kind: Uint8Array;
  /** Function and tag: type index. Global: value type. Table: element type. */
  type: Uint32Array;
  mutable: Uint8Array;
  /** Absolute offsets and lengths of the module and field names in `nameBytes`. */
  nameBytes: Uint8Array;
  moduleStart: Uint32Array;
  moduleLength: Uint32Array;
  fieldStart: Uint32Array;
  fieldLength: Uint32Array;
  /** Limits of table and memory imports, by import index. */
  limits: Map<number, Limits>;
  /** byKind[kind][i]: the import index of the i-th import of that ExternalKind. */
  byKind: number[][];
}

export interface ObjectFile {
  bytes: Uint8Array;
  types: FuncType[];
  /** Parsed objects: the imports as arrays. Absent in objects built in memory (see importTableOf). */
  importTable?: ImportTable;
  /** The imports as objects (a parsed object makes them on first use from importTable). */
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
