// The relocatable-object view (tool-conventions Linking.md): parses a wasm object's sections,
// `linking` v2 metadata and `reloc.*` sections into flat arrays. Function bodies, data segment
// contents and custom sections are never copied: they are (offset, size) views into `bytes`.
// Every malformed input becomes a FormatError with the byte offset. The import table: imports.ts;
// relocations: relocations.ts; the types of the model: object-model.ts.
import { FormatError } from './leb128';
import { Columns } from './columns';
import { makeImportObjects, newImportTable, parseImports, readLimits } from './imports';
import { Comdat, CustomSection, DataSegment, FuncType, GlobalDef, Import, ImportTable, InitFunc, Limits, NO_NAME, ObjectFile, ProducerField, RelocSet, SymbolTable, TableDef } from './object-model';
import { decodeUtf8, Reader } from './reader';
import { parseRelocs, symKindName } from './relocations';
import { ExternalKind, LinkingSub, SectionId, SymFlag, SymKind, WASM_MAGIC } from './wasm';

const EMPTY_SYMBOLS: SymbolTable = {
  count: 0, kind: new Uint8Array(0), flags: new Uint32Array(0), index: new Uint32Array(0),
  offset: new Uint32Array(0), size: new Uint32Array(0), names: [],
  nameBytes: new Uint8Array(0), nameStart: new Uint32Array(0), nameLength: new Uint32Array(0),
};

export function isWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

const NO_U32 = new Uint32Array(0);

/**
 * A parsed object. A class, not an object literal with getters: V8 keeps such literals in
 * dictionary mode, which made every field read of the hot loops a hash lookup.
 */
class ParsedObject implements ObjectFile {
  types: FuncType[] = [];
  importTable: ImportTable;
  numImportedFunctions = 0;
  numImportedGlobals = 0;
  numImportedTables = 0;
  numImportedTags = 0;
  // Empty until their sections are parsed (shared: an empty array cannot be written to).
  functionTypes = NO_U32;
  tables: TableDef[] = [];
  memories: Limits[] = [];
  globals: GlobalDef[] = [];
  tagTypes = NO_U32;
  exports: { name: string; kind: number; index: number }[] = [];
  hasElemSection = false;
  codeStart = NO_U32;
  codeSize = NO_U32;
  codeSectionStart = -1;
  codeSectionIndex = -1;
  dataSectionStart = -1;
  dataSectionIndex = -1;
  segments: DataSegment[] = [];
  customSections: CustomSection[] = [];
  symbols: SymbolTable = EMPTY_SYMBOLS;
  initFuncs: InitFunc[] = [];
  comdats: Comdat[] = [];
  relocs: RelocSet[] = [];
  targetFeatures: { prefix: number; name: string }[] = [];
  producers: ProducerField[] = [];
  functionDebugNames: Map<number, string> | null = null;
  is64 = false;
  private importObjects: { all: Import[]; byKind: Import[][] } | null = null;

  constructor(readonly bytes: Uint8Array) {
    this.importTable = newImportTable(bytes, 0);
  }

  /** Made from importTable on first use: the linker itself reads the table. */
  get imports(): Import[] {
    return (this.importObjects ??= makeImportObjects(this.importTable)).all;
  }

  get importsByKind(): Import[][] {
    return (this.importObjects ??= makeImportObjects(this.importTable)).byKind;
  }
}

export function parseObject(bytes: Uint8Array): ObjectFile {
  const r = new Reader(bytes);
  if (bytes.length < 8) r.fail('file too small to be a wasm object', 0);
  if (r.u32le() !== WASM_MAGIC) r.fail('not a wasm object file (bad magic)', 0);
  const version = r.u32le();
  if (version !== 1) r.fail(`invalid version number: ${version}`, 4);

  const obj = new ParsedObject(bytes);
  let linking: { start: number; end: number } | null = null;
  const relocSections: { start: number; end: number }[] = [];
  let sectionIndex = 0;
  let sawLinking = false;
  let seen = 0; // the section orders met so far (bits), for checkOrder
  let dataCount = -1;

  while (!r.atEnd) {
    const headerStart = r.pos;
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (size === 0) r.fail(`zero length section (id ${id})`, headerStart);
    if (end > bytes.length) r.fail(`section too large: section ${id} of ${size} bytes extends past the end of the file`, start);
    const s = new Reader(bytes, start, end);
    if (id !== SectionId.Custom) seen = checkOrder(seen, sectionOrder(id, ''), id, headerStart);
    switch (id) {
      case SectionId.Custom: {
        const nameLength = s.skipName();
        const nameStart = s.pos - nameLength;
        const name = decodeUtf8(bytes.subarray(nameStart, s.pos));
        seen = checkOrder(seen, sectionOrder(id, name), id, headerStart);
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
          obj.customSections.push({ name, nameStart, nameLength, sectionIndex, start: s.pos, size: end - s.pos });
        }
        break;
      }
      case SectionId.Type: parseTypes(s, obj); break;
      case SectionId.Import: parseImports(s, obj); break;
      case SectionId.Function: {
        const n = s.count('function');
        const types = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          types[i] = s.u32();
          if (types[i] >= obj.types.length) s.fail(`function ${i}: type index ${types[i]} out of range`, s.pos - 1);
        }
        obj.functionTypes = types;
        break;
      }
      case SectionId.Table: {
        const n = s.count('table');
        for (let i = 0; i < n; i++) obj.tables.push({ elemType: s.u8(), limits: readLimits(s) });
        break;
      }
      case SectionId.Memory: {
        const n = s.count('memory');
        for (let i = 0; i < n; i++) obj.memories.push(readLimits(s));
        break;
      }
      case SectionId.Global: {
        const n = s.count('global');
        for (let i = 0; i < n; i++) {
          const valType = s.u8();
          const mutable = s.u8() === 1;
          const initStart = s.pos;
          skipInitExpr(s);
          obj.globals.push({ valType, mutable, initStart, initEnd: s.pos });
        }
        break;
      }
      case SectionId.Export: parseExports(s, obj); break;
      case SectionId.Start: s.u32(); break;
      case SectionId.Elem: obj.hasElemSection = true; s.pos = end; break;
      case SectionId.DataCount: dataCount = s.u32(); break;
      case SectionId.Code: parseCode(s, obj, sectionIndex); break;
      case SectionId.Data: parseData(s, obj, sectionIndex, dataCount); break;
      case SectionId.Tag: {
        const n = s.count('tag');
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
        r.fail(`invalid section type: ${id}`, headerStart);
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
  for (const rs of relocSections) parseRelocs(new Reader(bytes, rs.start, rs.end), obj, sectionIndex, symbolName);
  // One reloc section per target (wlink keeps one set per section; LLVM would append them).
  for (let i = 1; i < obj.relocs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (obj.relocs[i].targetSection === obj.relocs[j].targetSection) r.fail(`a second reloc section for section ${obj.relocs[i].targetSection}`, relocSections[i].start);
    }
  }
  return obj;
}

// The section order LLVM's object reader enforces (WasmSectionOrderChecker), as wasm-ld reports
// it: `out of order section type: ID`. Known sections come once each in this order; `reloc.*`
// sections may repeat and come anywhere, but `linking` never after one; other custom sections
// anywhere.
const enum Order {
  None, Type, Import, Function, Table, Memory, Tag, Global, Export, Start, Elem, DataCount, Code, Data,
  Dylink, Linking, Reloc, Name, Producers, TargetFeatures, Count,
}

function sectionOrder(id: number, customName: string): Order {
  switch (id) {
    case SectionId.Custom:
      if (customName === 'dylink' || customName === 'dylink.0') return Order.Dylink;
      if (customName === 'linking') return Order.Linking;
      if (customName.startsWith('reloc.')) return Order.Reloc;
      if (customName === 'name') return Order.Name;
      if (customName === 'producers') return Order.Producers;
      return customName === 'target_features' ? Order.TargetFeatures : Order.None;
    case SectionId.Type: return Order.Type;
    case SectionId.Import: return Order.Import;
    case SectionId.Function: return Order.Function;
    case SectionId.Table: return Order.Table;
    case SectionId.Memory: return Order.Memory;
    case SectionId.Tag: return Order.Tag;
    case SectionId.Global: return Order.Global;
    case SectionId.Export: return Order.Export;
    case SectionId.Start: return Order.Start;
    case SectionId.Elem: return Order.Elem;
    case SectionId.DataCount: return Order.DataCount;
    case SectionId.Code: return Order.Code;
    case SectionId.Data: return Order.Data;
    default: return Order.None;
  }
}

/**
 * Per order, the orders that must not have been seen before a section of that order (bits): those
 * reachable in LLVM's graph of disallowed predecessors, in which each known section forbids itself
 * and the next one.
 */
const DISALLOWED_BEFORE: Uint32Array = (() => {
  const next: Order[][] = [];
  for (let o = Order.Type; o < Order.Data; o++) next[o] = [o, o + 1];
  next[Order.None] = [];
  next[Order.Data] = [Order.Data, Order.Linking];
  next[Order.Dylink] = [Order.Dylink, Order.Type];
  next[Order.Linking] = [Order.Linking, Order.Reloc, Order.Name];
  next[Order.Reloc] = [];
  next[Order.Name] = [Order.Name, Order.Producers];
  next[Order.Producers] = [Order.Producers, Order.TargetFeatures];
  next[Order.TargetFeatures] = [Order.TargetFeatures];
  const table = new Uint32Array(Order.Count);
  for (let o = 0; o < Order.Count; o++) {
    const work = [...next[o]];
    while (work.length > 0) {
      const n = work.pop()!;
      if ((table[o] & (1 << n)) !== 0) continue;
      table[o] |= 1 << n;
      work.push(...next[n]);
    }
  }
  return table;
})();

/** `seen` with `order` added, or the error wasm-ld reports when a section comes out of order. */
function checkOrder(seen: number, order: Order, id: number, at: number): number {
  if (order === Order.None) return seen;
  if ((seen & DISALLOWED_BEFORE[order]) !== 0) throw new FormatError(at, `out of order section type: ${id}`);
  return seen | (1 << order);
}

function parseExports(s: Reader, obj: ObjectFile): void {
  const n = s.count('export');
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const e = { name: s.name(), kind: s.u8(), index: s.u32() };
    // LLVM's checks, in its words: rules.ts and the -r writer look exported functions up by index.
    switch (e.kind) {
      case ExternalKind.Function:
        if (e.index < obj.numImportedFunctions || e.index >= obj.numImportedFunctions + obj.functionTypes.length) s.fail('invalid function export', at);
        break;
      case ExternalKind.Global:
        if (e.index >= obj.numImportedGlobals + obj.globals.length) s.fail('invalid global export', at);
        break;
      case ExternalKind.Tag:
        if (e.index >= obj.numImportedTags + obj.tagTypes.length) s.fail('invalid tag export', at);
        break;
      case ExternalKind.Memory: case ExternalKind.Table: break;
      default: s.fail('unexpected export kind', at);
    }
    obj.exports.push(e);
  }
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
  for (const t of readTypeSection(s)) obj.types.push(t);
}

/** The function types of a type section's payload (only `func` types: 0x60, params, results). */
export function readTypeSection(s: Reader): FuncType[] {
  const types: FuncType[] = [];
  const n = s.count('type');
  for (let i = 0; i < n; i++) {
    const start = s.pos;
    const form = s.u8();
    if (form !== 0x60) s.fail(`unsupported type form 0x${form.toString(16)}`, start);
    const params: number[] = [];
    const np = s.count('parameter');
    for (let j = 0; j < np; j++) params.push(s.u8());
    const results: number[] = [];
    const nr = s.count('result');
    for (let j = 0; j < nr; j++) results.push(s.u8());
    types.push({ params, results, key: params.join(',') + '>' + results.join(',') });
  }
  return types;
}

function parseCode(s: Reader, obj: ObjectFile, sectionIndex: number): void {
  obj.codeSectionStart = s.pos;
  obj.codeSectionIndex = sectionIndex;
  const at = s.pos;
  const n = s.u32();
  // As LLVM: one body per function of the function section, which bounds what is allocated here.
  if (n !== obj.functionTypes.length) s.fail(`invalid function count: ${n} bodies for ${obj.functionTypes.length} functions`, at);
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

function parseData(s: Reader, obj: ObjectFile, sectionIndex: number, dataCount: number): void {
  obj.dataSectionStart = s.pos;
  obj.dataSectionIndex = sectionIndex;
  const at = s.pos;
  const n = s.count('data segment');
  if (dataCount >= 0 && n !== dataCount) s.fail(`number of data segments does not match DataCount section (${n} vs ${dataCount})`, at);
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
    obj.segments.push(new ParsedSegment(obj.bytes, i, flags, offsetExprStart, offsetExprEnd, dataStart, size, dataStart - obj.dataSectionStart));
  }
}

/**
 * A parsed data segment. Its name stays in the object's bytes until something reads `name`:
 * layout only asks whether it starts with a prefix (segmentNameStartsWith), and a large link has
 * ~20k segments.
 */
class ParsedSegment implements DataSegment {
  alignLog2 = 0;
  segFlags = 0;
  /** Where WASM_SEGMENT_INFO names it, or NO_NAME: then it is `.data.N`. */
  nameStart = NO_NAME;
  nameLength = 0;
  private decoded: string | null = null;

  constructor(readonly nameBytes: Uint8Array, private readonly index: number, public flags: number, public offsetExprStart: number,
    public offsetExprEnd: number, public dataStart: number, public size: number, public sectionOffset: number) {}

  get name(): string {
    if (this.decoded === null) {
      this.decoded = this.nameStart === NO_NAME ? `.data.${this.index}`
        : decodeUtf8(this.nameBytes.subarray(this.nameStart, this.nameStart + this.nameLength));
    }
    return this.decoded;
  }

  set name(name: string) {
    this.decoded = name;
    this.nameStart = NO_NAME;
  }
}

/** Whether a segment's name starts with `prefix` (ASCII), without decoding a parsed segment's name. */
export function segmentNameStartsWith(seg: DataSegment, prefix: string): boolean {
  if (!(seg instanceof ParsedSegment) || seg.nameStart === NO_NAME) return seg.name.startsWith(prefix);
  if (seg.nameLength < prefix.length) return false;
  const b = seg.nameBytes;
  for (let i = 0; i < prefix.length; i++) if (b[seg.nameStart + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function parseTargetFeatures(s: Reader, obj: ObjectFile): void {
  const n = s.count('target feature');
  for (let i = 0; i < n; i++) {
    const prefix = s.u8();
    obj.targetFeatures.push({ prefix, name: s.name() });
  }
}

function parseProducers(s: Reader, obj: ObjectFile): void {
  const n = s.count('producers field');
  for (let i = 0; i < n; i++) {
    const name = s.name();
    const count = s.count('producer');
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
      const n = sub.count('function name');
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
          const seg = obj.segments[i] as ParsedSegment;
          seg.nameLength = sub.skipName();
          seg.nameStart = sub.pos - seg.nameLength;
          seg.alignLog2 = sub.u32();
          seg.segFlags = sub.u32();
          if (seg.alignLog2 > 31) sub.fail(`segment ${seg.name}: alignment 2^${seg.alignLog2} too large`);
        }
        break;
      }
      case LinkingSub.InitFuncs: {
        const n = sub.count('init function');
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
        const n = sub.count('comdat');
        for (let i = 0; i < n; i++) {
          const name = sub.name();
          if (sub.u32() !== 0) sub.fail(`comdat ${name}: unsupported flags`);
          const count = sub.count('comdat entry');
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

/** A parsed symbol table: names stay in the object's bytes and become strings on first use. */
class ParsedSymbolTable implements SymbolTable {
  kind: Uint8Array;
  flags: Uint32Array;
  index: Uint32Array;
  offset: Uint32Array;
  size: Uint32Array;
  nameStart: Uint32Array;
  nameLength: Uint32Array;
  private decoded: string[] | null = null;

  constructor(readonly count: number, readonly nameBytes: Uint8Array) {
    const c = new Columns(count, 6, 1);
    this.flags = c.u32();
    this.index = c.u32();
    this.offset = c.u32();
    this.size = c.u32();
    this.nameStart = c.u32();
    this.nameLength = c.u32();
    this.kind = c.u8();
  }

  get names(): string[] {
    if (this.decoded === null) {
      const names = new Array<string>(this.count);
      for (let i = 0; i < this.count; i++) names[i] = symbolName(this, i);
      this.decoded = names;
    }
    return this.decoded;
  }
}

/** Name of symbol `i` (decoded from the object's bytes, or from `names` for in-memory tables). */
export function symbolName(t: SymbolTable, i: number): string {
  const start = t.nameStart;
  if (start === undefined) return t.names[i];
  if (start[i] === NO_NAME) return `section${t.index[i]}`;
  return decodeUtf8(t.nameBytes!.subarray(start[i], start[i] + t.nameLength![i]));
}

/**
 * Where the names of a symbol table lie as bytes. Tables built in memory (compiler units) have
 * only strings: those are encoded once into a buffer of their own.
 */
export function symbolNameBytes(t: SymbolTable): { bytes: Uint8Array; start: Uint32Array; length: Uint32Array } {
  if (t.nameStart === undefined || t.nameLength === undefined || t.nameBytes === undefined) {
    const enc = new TextEncoder();
    const encoded = t.names.map((n) => enc.encode(n));
    const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
    const start = new Uint32Array(t.count), length = new Uint32Array(t.count);
    let at = 0;
    encoded.forEach((e, i) => { bytes.set(e, at); start[i] = at; length[i] = e.length; at += e.length; });
    t.nameBytes = bytes;
    t.nameStart = start;
    t.nameLength = length;
  }
  return { bytes: t.nameBytes, start: t.nameStart, length: t.nameLength };
}

const BINDING_MASK = SymFlag.BindingWeak | SymFlag.BindingLocal;

function parseSymbolTable(s: Reader, obj: ObjectFile): void {
  const n = s.count('symbol');
  const t = new ParsedSymbolTable(n, obj.bytes);
  const imports = obj.importTable!;
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const kind = s.u8();
    let flags = s.u32();
    // Binding 3 (local and weak bits both set) is none of LLVM's bindings: its reader and wasm-ld
    // then treat the symbol as neither local nor weak, that is as global.
    if ((flags & BINDING_MASK) === BINDING_MASK) flags &= ~BINDING_MASK;
    t.kind[i] = kind;
    t.flags[i] = flags;
    const undefined = (flags & SymFlag.Undefined) !== 0;
    switch (kind) {
      case SymKind.Function: case SymKind.Global: case SymKind.Tag: case SymKind.Table: {
        const index = s.u32();
        const extKind = EXTERNAL_KIND_OF_SYMBOL[kind];
        const numImported = imports.byKind[extKind].length;
        if (index >= numImported + definedCount(obj, kind)) s.fail(`symbol ${i}: ${symKindName(kind)} index ${index} out of range`, at);
        if (undefined !== index < numImported) s.fail(`symbol ${i}: ${undefined ? 'undefined symbol refers to a definition' : 'defined symbol refers to an import'}`, at);
        t.index[i] = index;
        if (!undefined || (flags & SymFlag.ExplicitName) !== 0) {
          t.nameLength[i] = s.skipName();
          t.nameStart[i] = s.pos - t.nameLength[i];
        } else {
          const imp = imports.byKind[extKind][index];
          t.nameStart[i] = imports.fieldStart[imp];
          t.nameLength[i] = imports.fieldLength[imp];
        }
        break;
      }
      case SymKind.Data: {
        t.nameLength[i] = s.skipName();
        t.nameStart[i] = s.pos - t.nameLength[i];
        if (!undefined) {
          const seg = s.u32();
          const offset = s.u32();
          const size = s.u32();
          if ((flags & SymFlag.Absolute) === 0) {
            if (seg >= obj.segments.length) s.fail(`symbol ${symbolName(t, i)}: data segment index ${seg} out of range`, at);
            // As LLVM's reader: the symbol must start within its segment (or at its end); its size
            // may reach past it (an empty label given a size, `.size x, 4` after the last byte).
            const segSize = obj.segments[seg].size;
            if (offset > segSize) s.fail(`invalid data symbol offset: \`${symbolName(t, i)}\` (offset: ${offset} segment size: ${segSize})`, at);
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
        t.nameStart[i] = cs ? cs.nameStart : NO_NAME;
        t.nameLength[i] = cs ? cs.nameLength : 0;
        break;
      }
      default:
        s.fail(`symbol ${i}: unknown symbol kind ${kind}`, at);
    }
  }
  obj.symbols = t;
}

/** The import kind of function, global, tag and table symbols (indexed by SymKind). */
const EXTERNAL_KIND_OF_SYMBOL = [ExternalKind.Function, -1, ExternalKind.Global, -1, ExternalKind.Tag, ExternalKind.Table];

/** Defined functions, globals, tags or tables of an object (by symbol kind). */
function definedCount(obj: ObjectFile, kind: number): number {
  switch (kind) {
    case SymKind.Function: return obj.functionTypes.length;
    case SymKind.Global: return obj.globals.length;
    case SymKind.Tag: return obj.tagTypes.length;
    default: return obj.tables.length;
  }
}
