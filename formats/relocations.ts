// Relocation sections of a relocatable object (tool-conventions Linking.md, `reloc.*`): parsed into
// a RelocSet of parallel columns, with LLVM's checks in wasm-ld's words (offset order, relocation
// types against symbol kinds, sites within their section) and one more: each code or data site lies
// within one function body or data segment, whose first relocations the set records (chunkStart).
// Called by parseObject (object.ts) once every other section is read.
import { FormatError } from './leb128';
import { Carver } from './columns';
import { ObjectFile, RelocSet, SymbolTable } from './object-model';
import { Reader } from './reader';
import { MAX_RELOC_TYPE, Reloc, RELOC_NAMES, SymKind, relocHasAddend } from './wasm';

export function symKindName(kind: number): string {
  return ['function', 'data', 'global', 'section', 'tag', 'table'][kind] ?? `kind${kind}`;
}

/** Relocation r's addend: its 64-bit value (wasm64) when that does not fit in 32 bits. */
export function relocAddend(rs: RelocSet, r: number): number {
  const a64 = rs.addend64;
  return a64 !== null && a64[r] !== 0n ? Number(a64[r]) : rs.addend[r];
}

/**
 * Parses a `reloc.*` section into a RelocSet of the object. `nameOf` names symbols in errors (it
 * is object.ts's symbolName: this module is below object.ts).
 */
export function parseRelocs(s: Reader, obj: ObjectFile, numSections: number, nameOf: (t: SymbolTable, i: number) => string): void {
  const targetAt = s.pos;
  const target = s.u32();
  if (target >= numSections) s.fail(`invalid section index: relocations for section ${target} of ${numSections}`, targetAt);
  const targetSize = targetSectionSize(obj, target, targetAt);
  const n = s.count('relocation');
  const chunks = target === obj.codeSectionIndex ? Chunks.Code : target === obj.dataSectionIndex ? Chunks.Data : Chunks.None;
  const numChunks = chunks === Chunks.Code ? obj.codeStart.length : chunks === Chunks.Data ? obj.segments.length : -1;
  const c = new Carver(0, 3 * n + numChunks + 1, n);
  const set: RelocSet = {
    targetSection: target, offset: c.u32(n), index: c.u32(n), addend: c.i32(n), chunkStart: numChunks < 0 ? null : c.u32(numChunks + 1),
    type: c.u8(n), addend64: null,
  };
  const symbols = obj.symbols;
  const numSymbols = symbols.count;
  const numTypes = obj.types.length;
  const start = s.pos;
  let lastOffset = 0;
  // The ~1M entries of a large link are decoded by u32At and s32At, which read the short LEBs in
  // place and leave the position after them in s.pos; the Reader does the rare long values and
  // reports every error, as before.
  const b = s.bytes;
  const end = s.end;
  let pos = s.pos;
  for (let i = 0; i < n; i++) {
    const at = pos;
    if (pos >= end) {
      s.pos = pos;
      s.u8(); // fails: the entry is cut short
    }
    const type = b[pos++];
    if (type > MAX_RELOC_TYPE) relocError(s, at, Bad.Type, type, 0, 0);
    if (chunks === Chunks.Code && isDebugOnlyReloc(type)) s.fail(`relocation ${RELOC_NAMES[type]} in the code section: it is for debug sections`, at);
    const offset = u32At(s, b, pos, end);
    const index = u32At(s, b, s.pos, end);
    pos = s.pos;
    if (offset < lastOffset) relocError(s, at, Bad.Order, type, offset, lastOffset);
    lastOffset = offset;
    if (type === Reloc.TYPE_INDEX_LEB) {
      if (index >= numTypes) relocError(s, at, Bad.TypeIndex, type, index, numTypes);
    } else if (index >= numSymbols || (RELOC_SYMBOL_KINDS[type] & (1 << symbols.kind[index])) === 0) {
      relocError(s, at, Bad.Symbol, type, index, 0, symbols, nameOf);
    }
    if (offset + RELOC_WIDTH[type] > targetSize) relocError(s, at, Bad.PastSection, type, offset, targetSize);
    set.type[i] = type;
    set.offset[i] = offset;
    set.index[i] = index;
    const addend = RELOC_ADDEND[type];
    if (addend !== Addend.None) {
      if (addend === Addend.S64) {
        s.pos = pos;
        const a = s.s64();
        pos = s.pos;
        const a32 = Number(BigInt.asIntN(32, a));
        if (BigInt(a32) !== a) {
          set.addend64 ??= new BigInt64Array(n);
          set.addend64[i] = a;
        }
        set.addend[i] = a32;
      } else {
        set.addend[i] = s32At(s, b, pos, end);
        pos = s.pos;
      }
    }
  }
  if (set.chunkStart) splitChunks(s, start, obj, set, chunks === Chunks.Code);
  if (pos !== end) s.fail(`reloc section ended prematurely: ${end - pos} byte${end - pos === 1 ? '' : 's'} after the last relocation`, pos);
  s.pos = pos;
  obj.relocs.push(set);
}

const enum Bad { Type, Order, TypeIndex, Symbol, PastSection }

/**
 * Fails on relocation entry `at`: the errors of LLVM's object reader, in wasm-ld's words, and
 * what was wrong. Out of parseRelocs' loop, which stays small enough for V8 to inline its reads.
 */
function relocError(s: Reader, at: number, bad: Bad, type: number, a: number, b: number, c: SymbolTable | number = 0,
  nameOf?: (t: SymbolTable, i: number) => string): never {
  const name = RELOC_NAMES[type];
  switch (bad) {
    case Bad.Type: return s.fail(`invalid relocation type: ${type}`, at);
    case Bad.Order: return s.fail(`relocations not in offset order: ${a} after ${b}`, at);
    case Bad.TypeIndex: return s.fail(`invalid relocation type index: ${a} (${b} types)`, at);
    case Bad.Symbol: {
      const t = c as SymbolTable;
      if (a >= t.count) return s.fail(`invalid ${RELOC_TARGET_WORD[type]} relocation: symbol index ${a} out of range (${t.count} symbols)`, at);
      return s.fail(`invalid ${RELOC_TARGET_WORD[type]} relocation: ${nameOf!(t, a)} (${name} against a ${symKindName(t.kind[a])} symbol)`, at);
    }
    case Bad.PastSection: return siteError(s, at, `${name} at ${a} (${RELOC_WIDTH[type]} bytes) past the end of its section (${b} bytes)`);
  }
}

/** What a relocation section's sites must lie within: function bodies, segments' contents, or the whole section. */
const enum Chunks { None, Code, Data }

/** The widest relocation site (a 64-bit LEB): only sites that close to a chunk's end need their width looked up. */
const MAX_SITE_WIDTH = 10;

/** Fails on a relocation whose site is not where it must be (wasm-ld: invalid relocation offset). */
function siteError(s: Reader, at: number, what: string): never {
  return s.fail(`invalid relocation offset: ${what}`, at);
}

/**
 * Fills set.chunkStart: the first relocation of each function body (code) or data segment, then
 * the count. Each site must lie within one of them, as the writers copy them one by one (LLVM does
 * not check this: wasm-ld would write over a function's size or the next function). Relocations are
 * in offset order, so a chunk's are those before its end, and only the first can start before it.
 * A pass of its own (the walk resolve did before): in parseRelocs' loop it made V8's code for the
 * loop slower.
 */
function splitChunks(s: Reader, start: number, obj: ObjectFile, set: RelocSet, code: boolean): void {
  const offset = set.offset, type = set.type, chunkStart = set.chunkStart!;
  const n = offset.length;
  const numChunks = chunkStart.length - 1;
  const codeStart = obj.codeStart, codeSize = obj.codeSize, base = obj.codeSectionStart, segments = obj.segments;
  let r = 0;
  for (let c = 0; c < numChunks; c++) {
    chunkStart[c] = r;
    if (r === n) continue;
    const from = code ? codeStart[c] - base : segments[c].sectionOffset;
    const end = from + (code ? codeSize[c] : segments[c].size);
    if (offset[r] < from) {
      siteError(s, entryAt(s, start, r), `${RELOC_NAMES[type[r]]} at ${offset[r]} is not within ${code ? 'a function body' : 'the contents of a data segment'}`);
    }
    for (; r < n && offset[r] < end; r++) {
      if (offset[r] + MAX_SITE_WIDTH > end && offset[r] + RELOC_WIDTH[type[r]] > end) {
        const chunk = code ? `function ${obj.numImportedFunctions + c}` : `data segment ${c}`;
        siteError(s, entryAt(s, start, r), `${RELOC_NAMES[type[r]]} at ${offset[r]} (${RELOC_WIDTH[type[r]]} bytes) crosses the end of ${chunk} at ${end}`);
      }
    }
  }
  chunkStart[numChunks] = r; // = n: a site past the last chunk is past the end of the section
}

/** Where relocation entry `r` of the section whose entries start at `start` lies (for errors). */
function entryAt(s: Reader, start: number, r: number): number {
  const e = new Reader(s.bytes, start, s.end);
  for (let i = 0; i < r; i++) {
    const type = e.u8();
    e.u32();
    e.u32();
    if (RELOC_ADDEND[type] !== Addend.None) e.s64();
  }
  return e.pos;
}

/**
 * What s.u32() reads at `pos` (not s.pos), leaving s.pos after the LEB: 1-3 byte values decoded
 * here, others by the Reader.
 */
function u32At(s: Reader, b: Uint8Array, pos: number, end: number): number {
  if (pos + 3 <= end) {
    const b0 = b[pos];
    if (b0 < 0x80) {
      s.pos = pos + 1;
      return b0;
    }
    const b1 = b[pos + 1];
    if (b1 < 0x80) {
      s.pos = pos + 2;
      return (b0 & 0x7f) | (b1 << 7);
    }
    const b2 = b[pos + 2];
    if (b2 < 0x80) {
      s.pos = pos + 3;
      return (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
    }
  }
  s.pos = pos;
  return s.u32();
}

/** What s.s32() reads at `pos`, leaving s.pos after it: one-byte values decoded here, others by the Reader. */
function s32At(s: Reader, b: Uint8Array, pos: number, end: number): number {
  if (pos < end && b[pos] < 0x80) {
    s.pos = pos + 1;
    return (b[pos] << 25) >> 25;
  }
  s.pos = pos;
  return s.s32();
}

const enum Addend { None, S32, S64 }

// Per relocation type, tables made once from relocFitsSymbol, relocWidth and relocHasAddend: the
// parse loop runs for each of the ~1M relocations of a large link, where calling the switches
// was ~half of its time.
const RELOC_TYPES = Array.from({ length: MAX_RELOC_TYPE + 1 }, (_, type) => type);
/** Bit k set: the type may refer to a symbol of kind k. */
const RELOC_SYMBOL_KINDS = Uint8Array.from(RELOC_TYPES, (type) => [0, 1, 2, 3, 4, 5].reduce((m, k) => (relocFitsSymbol(type, k) ? m | (1 << k) : m), 0));
const RELOC_WIDTH = Uint8Array.from(RELOC_TYPES, (type) => relocWidth(type));
const RELOC_ADDEND = Uint8Array.from(RELOC_TYPES, (type) => (!relocHasAddend(type) ? Addend.None : is64Reloc(type) ? Addend.S64 : Addend.S32));
/** What wasm-ld calls the target of each type in `invalid WORD relocation: NAME`. */
const RELOC_TARGET_WORD = RELOC_TYPES.map((type) => ['function', 'data', 'global', 'section', 'tag', 'table'][
  [0, 1, 2, 3, 4, 5].find((k) => relocFitsSymbol(type, k) && (type !== Reloc.GLOBAL_INDEX_LEB || k === SymKind.Global))!]);

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

function targetSectionSize(obj: ObjectFile, target: number, at: number): number {
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
  throw new FormatError(at, `relocations for section ${target}, which cannot be relocated`);
}

/** Offsets of functions and sections: DWARF's relocations, which an instruction never holds. */
function isDebugOnlyReloc(type: number): boolean {
  return type === Reloc.FUNCTION_OFFSET_I32 || type === Reloc.FUNCTION_OFFSET_I64 || type === Reloc.SECTION_OFFSET_I32;
}

function is64Reloc(type: number): boolean {
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
function relocWidth(type: number): number {
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
