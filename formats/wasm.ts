// WebAssembly binary constants: section ids, value types, external kinds, and the linking
// conventions of tool-conventions Linking.md (symbol kinds and flags, relocation types).

export const WASM_MAGIC = 0x6d736100; // "\0asm" read little-endian

export const enum SectionId {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Elem = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
  Tag = 13,
}

export const enum ExternalKind {
  Function = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  Tag = 4,
}

export const enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
  ExnRef = 0x69,
}

export const VALTYPE_NAMES: Record<number, string> = {
  0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref', 0x69: 'exnref',
};

export const enum Op {
  Unreachable = 0x00,
  Nop = 0x01,
  Block = 0x02,
  Call = 0x10,
  CallIndirect = 0x11,
  Drop = 0x1a,
  LocalGet = 0x20,
  LocalSet = 0x21,
  LocalTee = 0x22,
  GlobalGet = 0x23,
  GlobalSet = 0x24,
  I32Const = 0x41,
  I64Const = 0x42,
  I32Sub = 0x6b,
  I32And = 0x71,
  End = 0x0b,
  RefFunc = 0xd2,
  MiscPrefix = 0xfc,
}

/** Symbol kinds of the linking section's symbol table. */
export const enum SymKind {
  Function = 0,
  Data = 1,
  Global = 2,
  Section = 3,
  Tag = 4,
  Table = 5,
}

/** Symbol flags (WASM_SYM_*). */
export const enum SymFlag {
  BindingWeak = 0x1,
  BindingLocal = 0x2,
  VisibilityHidden = 0x4,
  Undefined = 0x10,
  Exported = 0x20,
  ExplicitName = 0x40,
  NoStrip = 0x80,
  Tls = 0x100,
  Absolute = 0x200,
}

/**
 * Policy prefixes of a target_features entry: `+` used, `-` disallowed, `=` required (wasm-ld 19
 * counts it as used and requires it of every input; LLVM 20 dropped it).
 */
export const enum FeaturePrefix {
  Used = 0x2b,
  Disallowed = 0x2d,
  Required = 0x3d,
}

/** Linking section subsection ids. */
export const enum LinkingSub {
  SegmentInfo = 5,
  InitFuncs = 6,
  ComdatInfo = 7,
  SymbolTable = 8,
}

export const enum SegmentFlag {
  Strings = 1,
  Tls = 2,
  Retain = 4,
}

export const enum Reloc {
  FUNCTION_INDEX_LEB = 0,
  TABLE_INDEX_SLEB = 1,
  TABLE_INDEX_I32 = 2,
  MEMORY_ADDR_LEB = 3,
  MEMORY_ADDR_SLEB = 4,
  MEMORY_ADDR_I32 = 5,
  TYPE_INDEX_LEB = 6,
  GLOBAL_INDEX_LEB = 7,
  FUNCTION_OFFSET_I32 = 8,
  SECTION_OFFSET_I32 = 9,
  TAG_INDEX_LEB = 10,
  MEMORY_ADDR_REL_SLEB = 11,
  TABLE_INDEX_REL_SLEB = 12,
  GLOBAL_INDEX_I32 = 13,
  MEMORY_ADDR_LEB64 = 14,
  MEMORY_ADDR_SLEB64 = 15,
  MEMORY_ADDR_I64 = 16,
  MEMORY_ADDR_REL_SLEB64 = 17,
  TABLE_INDEX_SLEB64 = 18,
  TABLE_INDEX_I64 = 19,
  TABLE_NUMBER_LEB = 20,
  MEMORY_ADDR_TLS_SLEB = 21,
  FUNCTION_OFFSET_I64 = 22,
  MEMORY_ADDR_LOCREL_I32 = 23,
  TABLE_INDEX_REL_SLEB64 = 24,
  MEMORY_ADDR_TLS_SLEB64 = 25,
  FUNCTION_INDEX_I32 = 26,
}

export const RELOC_NAMES = [
  'R_WASM_FUNCTION_INDEX_LEB', 'R_WASM_TABLE_INDEX_SLEB', 'R_WASM_TABLE_INDEX_I32', 'R_WASM_MEMORY_ADDR_LEB',
  'R_WASM_MEMORY_ADDR_SLEB', 'R_WASM_MEMORY_ADDR_I32', 'R_WASM_TYPE_INDEX_LEB', 'R_WASM_GLOBAL_INDEX_LEB',
  'R_WASM_FUNCTION_OFFSET_I32', 'R_WASM_SECTION_OFFSET_I32', 'R_WASM_TAG_INDEX_LEB', 'R_WASM_MEMORY_ADDR_REL_SLEB',
  'R_WASM_TABLE_INDEX_REL_SLEB', 'R_WASM_GLOBAL_INDEX_I32', 'R_WASM_MEMORY_ADDR_LEB64', 'R_WASM_MEMORY_ADDR_SLEB64',
  'R_WASM_MEMORY_ADDR_I64', 'R_WASM_MEMORY_ADDR_REL_SLEB64', 'R_WASM_TABLE_INDEX_SLEB64', 'R_WASM_TABLE_INDEX_I64',
  'R_WASM_TABLE_NUMBER_LEB', 'R_WASM_MEMORY_ADDR_TLS_SLEB', 'R_WASM_FUNCTION_OFFSET_I64',
  'R_WASM_MEMORY_ADDR_LOCREL_I32', 'R_WASM_TABLE_INDEX_REL_SLEB64', 'R_WASM_MEMORY_ADDR_TLS_SLEB64',
  'R_WASM_FUNCTION_INDEX_I32',
];

/** Relocation types that carry an addend field. */
export function relocHasAddend(type: number): boolean {
  switch (type) {
    case Reloc.MEMORY_ADDR_LEB: case Reloc.MEMORY_ADDR_SLEB: case Reloc.MEMORY_ADDR_I32:
    case Reloc.FUNCTION_OFFSET_I32: case Reloc.SECTION_OFFSET_I32: case Reloc.MEMORY_ADDR_REL_SLEB:
    case Reloc.MEMORY_ADDR_LEB64: case Reloc.MEMORY_ADDR_SLEB64: case Reloc.MEMORY_ADDR_I64:
    case Reloc.MEMORY_ADDR_REL_SLEB64: case Reloc.MEMORY_ADDR_TLS_SLEB: case Reloc.FUNCTION_OFFSET_I64:
    case Reloc.MEMORY_ADDR_LOCREL_I32: case Reloc.MEMORY_ADDR_TLS_SLEB64:
      return true;
    default:
      return false;
  }
}

export const MAX_RELOC_TYPE = 26;

/** A relocation whose value is a function's table slot (its address as a function pointer). */
export function isTableIndexReloc(type: number): boolean {
  return type === Reloc.TABLE_INDEX_SLEB || type === Reloc.TABLE_INDEX_I32 || type === Reloc.TABLE_INDEX_SLEB64
    || type === Reloc.TABLE_INDEX_I64 || type === Reloc.TABLE_INDEX_REL_SLEB || type === Reloc.TABLE_INDEX_REL_SLEB64;
}
