// Pass 1 of driver.ts: read inputs and resolve symbols. Objects are parsed as they are added; archive
// members only when a strong undefined reference needs them (lazy symbols). Rules follow
// wasm-ld: strong beats weak, the first of two weak definitions wins, two strong definitions
// are a duplicate-symbol error; COMDAT groups: the first file to define a group keeps it.
import { isArchive, parseArchive, singleMemberArchive } from '../../formats/archive';
import { FormatError } from '../../formats/leb128';
import { hasImport, importFieldName, importModuleName, importOfKind, importTableOf } from '../../formats/imports';
import { isWasm, parseObject, symbolName, symbolNameBytes } from '../../formats/object';
import { ImportTable, ObjectFile } from '../../formats/object-model';
import { Carver } from '../../formats/columns';
import { ExternalKind, SymFlag, SymKind, ValType } from '../../formats/wasm';
import { FileStamp, InternalDefinition, LinkContext, ObjFile, UnitInput } from '../core/context';
import { displayName } from '../../demangle/demangle';
import { LinkError } from '../core/diagnostics';
import { InputReadError } from '../core/host';
import { InputSpec, symbolLines } from '../core/options';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { isDiscardedItem } from '../core/rules';
import { archiveImportsFile } from './read-input';
import type * as UnitView from './unit-view';
import { CodegenError } from '../../codegen/errors';
import type * as MirModule from '../../codegen/mir';
import type { Unit } from '../../codegen/unit';
import type * as Wat from '../../frontends/wat';
import { addSharedLibrary } from './shared-library';
import { isSharedLibrary } from '../../formats/shared-library';
import { isStubLibrary, parseStubLibrary } from '../../formats/stub-library';
import { denseMapOrder } from './string-map-order';
import { isPic } from '../core/options';

// Compiler units and the .wat front end are loaded by the links that have them: loaded with every
// link, they cost hello world ~1 ms (docs/architecture.md, "Lazy loading").
const unitView = () => require('./unit-view') as typeof UnitView;

/** `bytes` as UTF-8 text, invalid sequences as U+FFFD and a byte-order mark kept (as node's Buffer decodes). */
function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

export function loadInputs(ctx: LinkContext): void {
  ctx.cache?.watched.clear(); // filled again by this link's reads
  // .wat inputs are parsed into the Mir store of the in-memory units, so that all share one.
  for (const spec of ctx.options.inputs) if (spec.kind === 'unit') { ctx.mir ??= spec.unit.mir; break; }
  let objects = 0; // objects and archive members that are wasm: none is wasm-ld's "no input files"
  const trace = ctx.trace;
  for (const spec of ctx.options.inputs) {
    if (trace === null) {
      objects += loadInput(ctx, spec);
    } else {
      const start = trace.now();
      objects += loadInput(ctx, spec);
      trace.end('Read input file', spec.kind === 'file' ? spec.path : spec.kind === 'unit' ? spec.unit.name : spec.name, start);
    }
  }
  if (objects === 0) ctx.diag.fatal('no input files');
}

/** A `.wat` file (by name, or text that opens with `(` or a comment): lowered in-process into a unit. */
function isWatText(name: string, bytes: Uint8Array): boolean {
  if (name.endsWith('.wat')) return true;
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x28 /* ( */ || (bytes[i] === 0x3b && bytes[i + 1] === 0x3b) /* ;; */;
}

function addWat(ctx: LinkContext, name: string, bytes: Uint8Array): void {
  let unit = ctx.cache?.units.get(bytes);
  if (!unit) {
    const { parseWat } = require('../../frontends/wat') as typeof Wat;
    ctx.mir ??= new (require('../../codegen/mir') as typeof MirModule).Mir();
    try {
      unit = parseWat(ctx.mir, name, utf8Text(bytes));
    } catch (e) {
      if (e instanceof CodegenError) ctx.diag.fatal(e.message);
      throw e;
    }
    ctx.cache?.units.set(bytes, unit);
  }
  addUnit(ctx, unit);
}

function readInput(ctx: LinkContext, spec: Exclude<InputSpec, { kind: 'unit' }>): { name: string; bytes: Uint8Array } {
  if (spec.kind === 'bytes') return { name: spec.name, bytes: spec.bytes };
  const bytes = readInputBytes(ctx, spec.path);
  ctx.options.inputLog?.read(spec.path, bytes); // --reproduce keeps a copy
  return { name: spec.path, bytes };
}

function readInputBytes(ctx: LinkContext, path: string): Uint8Array {
  const host = ctx.host;
  try {
    const cache = ctx.cache;
    if (cache) {
      // A link session reads a file again only when it changed.
      const st = host.stat(path);
      if (st === null) throw new InputReadError(`cannot open ${path}: No such file or directory`);
      const known = cache.files.get(path);
      if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.bytes;
      const bytes = host.readFile(path);
      cache.files.set(path, { mtimeMs: st.mtimeMs, size: st.size, bytes });
      return bytes;
    }
    return host.readFile(path);
  } catch (e) {
    if (e instanceof InputReadError) ctx.diag.fatal(e.message);
    ctx.diag.fatal(`cannot open ${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads a file that is not a command-line input (a thin archive member, a `.imports` file). In a
 * session its stamp is kept (in `members` too, when given), so that the next link notices a change.
 */
function readWatched(ctx: LinkContext, file: string, members: Map<string, FileStamp> | null): Uint8Array {
  if (!ctx.cache) return ctx.host.readFile(file);
  const st = ctx.host.stat(file);
  const bytes = ctx.host.readFile(file);
  if (st !== null) {
    const stamp = { mtimeMs: st.mtimeMs, size: st.size };
    ctx.cache.watched.set(file, stamp);
    members?.set(file, stamp);
  }
  return bytes;
}

/** Whether `file` still has the stamp a session saw. */
function unchanged(ctx: LinkContext, file: string, stamp: FileStamp): boolean {
  const st = ctx.host.stat(file);
  return st !== null && st.mtimeMs === stamp.mtimeMs && st.size === stamp.size;
}

/** Loads one input; returns how many objects it brought (an archive: its wasm members). */
function loadInput(ctx: LinkContext, spec: InputSpec): number {
  if (spec.kind === 'unit') {
    addUnit(ctx, spec.unit);
    return 1;
  }
  const { name, bytes } = readInput(ctx, spec);
  if (isArchive(bytes)) {
    return addArchive(ctx, name, bytes, spec.wholeArchive);
  } else if (isWasm(bytes)) {
    if (isSharedLibrary(bytes)) {
      // wasm-ld 21's refusal (19 reads it, and under -r writes a broken object).
      if (!isPic(ctx.options)) ctx.diag.fatal(`attempted static link of dynamic object ${name}`);
      addSharedLibrary(ctx, name, bytes);
      return 1;
    }
    if (spec.lib && !spec.wholeArchive) addLazyObject(ctx, name, bytes);
    else addObject(ctx, name, bytes, false);
  } else if (isWatText(name, bytes)) {
    addWat(ctx, name, bytes);
  } else if (isStubLibrary(bytes)) {
    addStubLibrary(ctx, name, bytes); // an input file: not "no input files"
  } else if (isBitcode(bytes)) {
    ctx.diag.fatal(`${name}: LLVM bitcode (an -flto object) is not supported yet: compile without -flto`);
  } else {
    ctx.diag.fatal(`${name}: unknown file type`);
  }
  return 1;
}

/**
 * A stub library (formats/stub-library.ts): kept with its symbols in wasm-ld 19's order until
 * processStubLibraries (stub-library.ts) applies them once every input is in. Not traced, as in wasm-ld.
 */
function addStubLibrary(ctx: LinkContext, name: string, bytes: Uint8Array): void {
  const entries = parseStubLibrary(utf8Text(bytes));
  const order = denseMapOrder(entries.map((e) => e.name));
  ctx.stubLibraries.push({ name, entries: order.map((i) => entries[i]), byName: new Map(entries.map((e) => [e.name, e])) });
}

/** A wasm64 input needs -m wasm64 and a wasm32 one its absence: wasm-ld's words (the second also for a wasm64 input under -m wasm32). */
function checkArch(ctx: LinkContext, name: string, is64: boolean): void {
  if (is64 && ctx.options.target === null) ctx.diag.fatal(`${name}: must specify -mwasm64 to process wasm64 object files`);
  if (is64 !== ctx.options.wasm64) ctx.diag.fatal(`${name}: wasm32 object file can't be linked in wasm64 mode`);
}

/** Parses an object, turning format errors into `FILE: message (at offset N)`. */
function parseOrFail(ctx: LinkContext, name: string, bytes: Uint8Array): ObjectFile {
  try {
    const cached = ctx.cache?.objects.get(bytes);
    const obj = cached ?? parseObject(bytes);
    if (!cached) ctx.cache?.objects.set(bytes, obj);
    checkArch(ctx, name, obj.is64);
    return obj;
  } catch (e) {
    if (e instanceof FormatError) ctx.diag.fatal(`${name}: ${e.message} (at offset ${e.offset})`);
    throw e;
  }
}

/**
 * Reads archive `path`: its members become lazy (or, under --whole-archive, objects). Returns the
 * number of wasm members. As in wasm-ld, a member that is neither wasm nor bitcode is skipped with a
 * warning (the symbol index is not trusted for it), and the symbols listed in a file beside the
 * archive with the extension `.imports` may stay undefined.
 */
function addArchive(ctx: LinkContext, path: string, bytes: Uint8Array, whole: boolean): number {
  readArchiveImports(ctx, path);
  let archive;
  try {
    const cached = ctx.cache?.archives.get(bytes);
    if (cached && [...cached.members].every(([file, stamp]) => unchanged(ctx, file, stamp))) {
      for (const [file, stamp] of cached.members) ctx.cache!.watched.set(file, stamp);
      archive = cached.archive;
    } else {
      const members = new Map<string, FileStamp>();
      archive = parseArchive(bytes, (member) => {
        const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
        const file = member.startsWith('/') ? member : dir + member;
        return readWatched(ctx, file, members);
      });
      ctx.cache?.archives.set(bytes, { archive, members });
    }
  } catch (e) {
    if (e instanceof FormatError) ctx.diag.fatal(`${path}: ${e.message} (at offset ${e.offset})`);
    if (e instanceof LinkError) throw e;
    if (e instanceof InputReadError) ctx.diag.fatal(`${path}: ${e.message}`);
    ctx.diag.fatal(`${path}: ${(e as Error).message}`);
  }
  const index = ctx.archives.length;
  const count = archive.memberCount;
  ctx.archives.push({ path, archive, extracted: new Uint8Array(count) });
  if (whole) {
    for (let m = 0; m < count; m++) extractMember(ctx, index, m, true);
    return count;
  }
  let skipped: Uint8Array | null = null;
  for (let m = 0; m < count; m++) {
    const data = archive.memberData(m);
    if (isWasm(data) || isBitcode(data)) continue;
    ctx.diag.warn(`${path}: archive member '${archive.memberName(m)}' is neither Wasm object file nor LLVM bitcode`);
    (skipped ??= new Uint8Array(count))[m] = 1;
  }
  const symbols = archive.index;
  if (symbols) {
    const src = ctx.syms.source(symbols.nameBytes);
    for (let i = 0; i < symbols.count; i++) {
      if (skipped !== null && skipped[symbols.member[i]]) continue;
      addLazy(ctx, src, symbols.nameStart[i], symbols.nameLength[i], index, symbols.member[i]);
    }
  } else {
    // No symbol index (`ar rcS`): learn the defined globals from each member, as wasm-ld does.
    for (let m = 0; m < count; m++) {
      const data = archive.memberData(m);
      if (!isWasm(data)) continue;
      addDefinedGlobalsLazy(ctx, parseOrFail(ctx, `${path}(${archive.memberName(m)})`, data), index, m);
    }
  }
  let wasm = count;
  if (skipped !== null) for (let m = 0; m < count; m++) wasm -= skipped[m];
  return wasm;
}

/** The `.imports` file beside archive `path`, if any: its names may stay undefined. */
function readArchiveImports(ctx: LinkContext, path: string): void {
  const file = archiveImportsFile(path);
  if (!ctx.host.exists(file)) return;
  let text: string;
  let bytes: Uint8Array;
  try {
    bytes = readWatched(ctx, file, null);
    text = utf8Text(bytes);
  } catch (e) {
    ctx.diag.fatal(`cannot open ${file}: ${(e as Error).message}`);
  }
  ctx.options.inputLog?.read(file, bytes); // --reproduce keeps a copy
  const names = (ctx.archiveImports ??= new Set());
  for (const name of symbolLines(text)) names.add(name);
}

/** The defined global symbols of an object become lazy symbols of archive member (archive, member). */
function addDefinedGlobalsLazy(ctx: LinkContext, obj: ObjectFile, archive: number, member: number): void {
  const t = obj.symbols;
  const names = symbolNameBytes(t);
  const src = ctx.syms.source(names.bytes);
  for (let i = 0; i < t.count; i++) {
    if ((t.flags[i] & (SymFlag.Undefined | SymFlag.BindingLocal)) === 0 && t.kind[i] !== SymKind.Section) {
      addLazy(ctx, src, names.start[i], names.length[i], archive, member);
    }
  }
}

/** An object between --start-lib and --end-lib: its symbols are lazy, like an archive member. */
function addLazyObject(ctx: LinkContext, name: string, bytes: Uint8Array): void {
  const obj = parseOrFail(ctx, name, bytes);
  const index = ctx.archives.length;
  ctx.archives.push({
    path: name,
    archive: singleMemberArchive(name, bytes),
    extracted: new Uint8Array(1),
  });
  addDefinedGlobalsLazy(ctx, obj, index, 0);
}

/** LLVM bitcode: raw (`BC` 0xC0DE) or in its wrapper (0x0B17C0DE). */
function isBitcode(b: Uint8Array): boolean {
  return b.length >= 4 && ((b[0] === 0x42 && b[1] === 0x43 && b[2] === 0xc0 && b[3] === 0xde)
    || (b[0] === 0xde && b[1] === 0xc0 && b[2] === 0x17 && b[3] === 0x0b));
}

/** `lib.a(member.o)`, or the path of a --start-lib object. */
function memberName(ctx: LinkContext, archive: number, member: number): string {
  const a = ctx.archives[archive];
  const name = a.archive.memberName(member);
  return a.archive.memberCount === 1 && name === a.path ? a.path : `${a.path}(${name})`;
}

/**
 * Reads archive member (archive, member) into the link. A member pulled in by a reference is lazy
 * (live once something it defines is); one of a --whole-archive archive is an object like any
 * other (`whole`): live from the start, so its constructors run, as in wasm-ld.
 */
function extractMember(ctx: LinkContext, archive: number, member: number, whole = false): void {
  const a = ctx.archives[archive];
  if (a.extracted[member]) return;
  a.extracted[member] = 1;
  const data = a.archive.memberData(member);
  const name = memberName(ctx, archive, member);
  if (!isWasm(data)) {
    // wasm-ld ignores non-wasm members only when they are not needed; a needed one is an error.
    if (isBitcode(data)) ctx.diag.fatal(`${name}: LLVM bitcode (an -flto object) is not supported yet: compile without -flto`);
    ctx.diag.fatal(`${name}: not a wasm object file`);
  }
  addObject(ctx, name, data, !whole);
}

/** Archive member (archive, member) defines the symbol named by bytes [start, start+length) of name source `src`. */
function addLazy(ctx: LinkContext, src: number, start: number, length: number, archive: number, member: number): void {
  const syms = ctx.syms;
  let id = syms.findRef(src, start, length);
  if (id < 0) {
    id = syms.addRef(src, start, length, SymKind.Function, true);
    syms.state[id] = SymState.Lazy;
    syms.lazyArchive[id] = archive;
    syms.lazyMember[id] = member;
    if (ctx.traced !== null) traceSymbol(ctx, id, memberName(ctx, archive, member), 'lazy definition of');
    return;
  }
  // A shared library or the linker itself defines it.
  if (syms.state[id] !== SymState.Undefined || ctx.sharedSymbols.has(id) || ctx.internalDefinitions.has(id)) return;
  if (syms.isWeak(id)) {
    // A weak reference does not pull a member in; remember where a definition could come from.
    syms.state[id] = SymState.Lazy;
    syms.lazyArchive[id] = archive;
    syms.lazyMember[id] = member;
    if (ctx.traced !== null) traceSymbol(ctx, id, memberName(ctx, archive, member), 'lazy definition of');
    return;
  }
  // Pulled in for the file that referred to the symbol first.
  const reference = ctx.fileName(syms.file[id]);
  extractMember(ctx, archive, member);
  noteExtraction(ctx, id, reference, archive, member);
}

/**
 * Pulls the member that defines lazy symbol `id` because of `reference` (a file name, or the option
 * that asked: --why-extract prints both, once the member is in, as wasm-ld records it).
 */
function extractFor(ctx: LinkContext, id: SymId, reference: string): void {
  const archive = ctx.syms.lazyArchive[id], member = ctx.syms.lazyMember[id];
  extractMember(ctx, archive, member);
  noteExtraction(ctx, id, reference, archive, member);
}

/**
 * Records a --why-extract line for member (archive, member), pulled in for symbol `id`: the file
 * that now defines the symbol, or the member itself while it is still being read (a member whose
 * own references pull in another member that refers back to it).
 */
function noteExtraction(ctx: LinkContext, id: SymId, reference: string, archive: number, member: number): void {
  if (!ctx.whyExtract) return;
  const syms = ctx.syms;
  const extracted = syms.state[id] === SymState.Defined ? ctx.fileName(syms.file[id]) : memberName(ctx, archive, member);
  ctx.whyExtract.push([reference, extracted, displayName(syms.nameOf(id), ctx.options.demangle)]);
}

/** Pulls in the archive member that lazy symbol `id` stands for (its caller records why). */
export function extractLazy(ctx: LinkContext, id: SymId): void {
  extractMember(ctx, ctx.syms.lazyArchive[id], ctx.syms.lazyMember[id]);
}

/** --export-if-defined: pulls the archive member that defines `name`, if one does; never adds a symbol. */
export function extractIfLazy(ctx: LinkContext, name: string): void {
  const syms = ctx.syms;
  const id = syms.find(name);
  if (id >= 0 && syms.state[id] === SymState.Lazy) extractFor(ctx, id, '--export');
}

/**
 * References to a symbol that must be defined (-u, --export, the entry, --wrap's target): extracts
 * lazy members. `reason` is what --why-extract names as the reference. A name no input mentions
 * is not entered into the symbol table (-1), as in wasm-ld, so that a linker-made symbol of that
 * name keeps its own place in the table (and in the exports) — unless `add` (--wrap's target,
 * which wasm-ld enters as an undefined function).
 */
export function requireSymbol(ctx: LinkContext, name: string, reason = '<internal>', add = false): SymId {
  const syms = ctx.syms;
  let id = syms.find(name);
  if (id < 0) {
    if (!add) return -1;
    id = syms.add(name, SymKind.Function, true);
    syms.state[id] = SymState.Undefined;
    return id;
  }
  if (syms.state[id] === SymState.Lazy) {
    syms.flags[id] &= ~SymFlag.BindingWeak;
    extractFor(ctx, id, reason);
  }
  return id;
}

/** Adds an object; `lazy` for archive members and --start-lib objects (pulled in on demand). */
function addObject(ctx: LinkContext, name: string, bytes: Uint8Array, lazy: boolean): ObjFile {
  if (ctx.options.trace) ctx.diag.out(name);
  const obj = parseOrFail(ctx, name, bytes);
  const file = newObjFile(ctx.files.length, name, obj, null);
  file.lazy = lazy;
  return addSymbols(ctx, file);
}

/** Adds a compiler unit through its object view (unit-view.ts); its symbols resolve like an object's. */
function addUnit(ctx: LinkContext, unit: Unit): void {
  if (ctx.mir === null) ctx.mir = unit.mir;
  else if (ctx.mir !== unit.mir) ctx.diag.fatal(`${unit.name}: compiler units of one link must share one Mir store`);
  checkArch(ctx, unit.name, unit.memory64);
  let view;
  try {
    unit.finish();
    view = unitView().unitObjectView(unit);
  } catch (e) {
    if (e instanceof CodegenError) ctx.diag.fatal(e.message);
    throw e;
  }
  const file = newObjFile(ctx.files.length, unit.name, view.obj, view.input, view.funcRelocStart);
  addSymbols(ctx, file);
}

/**
 * Once every input is in: the constant pool of the compiler units, whose constant C each unit
 * addresses as its symbol `symCount + C`.
 */
function addConstantPool(ctx: LinkContext): void {
  const mir = ctx.mir;
  if (mir === null || mir.constCount === 0) return;
  const pool = newObjFile(ctx.files.length, '<constants>', unitView().constantPoolView(mir), null);
  addSymbols(ctx, pool);
  ctx.constPool = pool.id;
  for (const file of ctx.files) {
    if (!file.unit) continue;
    const ids = new Int32Array(file.symIds.length + mir.constCount);
    ids.set(file.symIds);
    ids.set(pool.symIds, file.symIds.length);
    file.symIds = ids;
  }
}

function addSymbols(ctx: LinkContext, file: ObjFile): ObjFile {
  const obj = file.obj;
  ctx.files.push(file);
  for (let i = 0; i < obj.types.length; i++) file.typeIds[i] = ctx.typeId(obj.types[i]);
  markComdats(ctx, file);
  const t = obj.symbols;
  const names = symbolNameBytes(t);
  const src = ctx.syms.source(names.bytes);
  for (let i = 0; i < t.count; i++) {
    recordFunctionName(file, i);
    const flags = t.flags[i];
    const kind = t.kind[i];
    if (kind === SymKind.Section) {
      file.symIds[i] = ctx.syms.add(symbolName(t, i), kind, false);
      ctx.syms.state[file.symIds[i]] = SymState.Defined;
      ctx.syms.file[file.symIds[i]] = file.id;
      ctx.syms.local[file.symIds[i]] = i;
      continue;
    }
    const undefined = (flags & SymFlag.Undefined) !== 0;
    const discarded = !undefined && isDiscardedItem(file, kind, t.index[i]);
    if (flags & SymFlag.BindingLocal) {
      const id = ctx.syms.addRef(src, names.start[i], names.length[i], kind, false);
      file.symIds[i] = id;
      ctx.syms.state[id] = undefined ? SymState.Undefined : SymState.Defined;
      ctx.syms.flags[id] = flags;
      ctx.syms.file[id] = file.id;
      ctx.syms.local[id] = i;
      continue;
    }
    if (!undefined && !discarded) {
      file.symIds[i] = addDefined(ctx, file, i, src, names.start[i], names.length[i]);
    } else {
      file.symIds[i] = addUndefined(ctx, file, i, src, names.start[i], names.length[i], discarded);
    }
  }
  addLegacyTableReference(ctx, file);
  // wasm-ld appends a file to its object list after parsing it, so members extracted while
  // parsing come first: record that order (finishResolution renumbers the files by it).
  ctx.fileOrder.push(file.id);
  return file;
}

/**
 * Renumbers files into wasm-ld's order (see addObject), which decides the order of functions,
 * data and table slots in the output.
 */
export function finishResolution(ctx: LinkContext): void {
  addConstantPool(ctx);
  const order = ctx.fileOrder;
  if (order.every((id, i) => id === i)) return;
  const newId = new Int32Array(order.length);
  order.forEach((old, i) => { newId[old] = i; });
  ctx.files = order.map((old, i) => { const f = ctx.files[old]; f.id = i; return f; });
  const syms = ctx.syms;
  for (let id = 0; id < syms.count; id++) if (syms.file[id] >= 0) syms.file[id] = newId[syms.file[id]];
  for (const [name, owner] of ctx.comdats) ctx.comdats.set(name, newId[owner]);
  ctx.fileOrder = ctx.files.map((f) => f.id);
}

/**
 * Objects built for MVP (or older crt1.o files) import `env.__indirect_function_table` without a
 * table symbol. wasm-ld then enters the symbol right after the object's own symbols.
 */
function addLegacyTableReference(ctx: LinkContext, file: ObjFile): void {
  const obj = file.obj;
  const tables = obj.numImportedTables + obj.tables.length;
  if (tables === 0) return; // most objects: no table, so no table symbol either (the parser checks)
  let tableSymbols = 0;
  for (let i = 0; i < obj.symbols.count; i++) if (obj.symbols.kind[i] === SymKind.Table) tableSymbols++;
  if (tableSymbols === tables) return;
  // Only the MVP form, one imported __indirect_function_table and no table symbol, is understood.
  const fail = (message: string) => ctx.diag.error(`${file.name}: ${message}`);
  if (tableSymbols !== 0) return fail(`expected one symbol table entry for each of the ${tables} table(s) present, but got ${tableSymbols} symbol(s) instead.`);
  if (obj.tables.length > 0) return fail('unexpected table definition(s) without corresponding symbol-table entries.');
  if (tables !== 1) return fail('multiple table imports, but no corresponding symbol-table entries.');
  if (!hasImport(importTableOf(obj), ExternalKind.Table, '__indirect_function_table')) {
    return fail(`table import ${importFieldName(importTableOf(obj), importOfKind(obj, ExternalKind.Table, 0))} is missing a symbol table entry.`);
  }
  const syms = ctx.syms;
  let id = syms.find('__indirect_function_table');
  if (id < 0) {
    id = syms.add('__indirect_function_table', SymKind.Table, true);
    syms.state[id] = SymState.Undefined;
    syms.file[id] = file.id;
  }
  syms.usedInObj[id] = 1;
  ctx.legacyFunctionTable = true;
  if (ctx.traced !== null) traceSymbol(ctx, id, file.name, 'reference to');
}

/**
 * --wrap=NAME, as wasm-ld does it once all inputs are in: every object's references to NAME
 * (including those inside the object that defines it) go to __wrap_NAME, and references to
 * __real_NAME go to NAME.
 */
export function applyWraps(ctx: LinkContext): void {
  const syms = ctx.syms;
  const remap = new Map<SymId, SymId>();
  for (const name of ctx.options.wrap) {
    const sym = syms.find(name);
    if (sym < 0) continue;
    const wrap = requireSymbol(ctx, `__wrap_${name}`, '<internal>', true);
    const real = syms.find(`__real_${name}`);
    if (syms.state[wrap] === SymState.Defined || syms.usedInObj[wrap]) remap.set(sym, wrap);
    if (real >= 0) remap.set(real, sym);
  }
  if (remap.size === 0) return;
  for (const file of ctx.files) {
    const ids = file.symIds;
    for (let i = 0; i < ids.length; i++) {
      const to = remap.get(ids[i]);
      if (to !== undefined) ids[i] = to;
    }
  }
  // __real_NAME now stands for NAME: it must not be reported or imported on its own.
  for (const [from, to] of remap) if (to !== from && syms.nameOf(from).startsWith('__real_')) syms.usedInObj[from] = 0;
}

function recordFunctionName(file: ObjFile, i: number): void {
  const t = file.obj.symbols;
  if (t.flags[i] & SymFlag.Undefined) return;
  if (t.kind[i] === SymKind.Function) {
    const d = t.index[i] - file.obj.numImportedFunctions;
    if (file.funcName[d] < 0) file.funcName[d] = i;
  } else if (t.kind[i] === SymKind.Global) {
    const d = t.index[i] - file.obj.numImportedGlobals;
    if (file.globalName[d] < 0) file.globalName[d] = i;
  }
}

function newObjFile(id: number, name: string, obj: ObjectFile, unit: UnitInput | null, funcRelocStart?: Uint32Array): ObjFile {
  const nf = obj.functionTypes.length, ng = obj.globals.length, ns = obj.segments.length;
  const ntags = obj.tagTypes.length, ntables = obj.tables.length, ntypes = obj.types.length;
  // One allocation for the file's arrays (each typed array of its own was ~1 µs, 15 a file).
  const c = new Carver(ns,
    obj.symbols.count + 2 * nf + 2 * ng + ntags + ntables + ns + 2 * ntypes + (funcRelocStart ? 0 : nf + 1) + ns + 1,
    2 * nf + 2 * ng + ntags + ntables + 2 * ns);
  const file: ObjFile = {
    id, name, obj, unit, segVA: c.f64(ns), symIds: c.i32(obj.symbols.count), live: false, lazy: false,
    funcOut: c.i32(nf).fill(-1), funcName: c.i32(nf).fill(-1),
    globalOut: c.i32(ng).fill(-1), globalName: c.i32(ng).fill(-1),
    tagOut: c.i32(ntags).fill(-1), tableOut: c.i32(ntables).fill(-1), segOut: c.i32(ns).fill(-1),
    typeMap: c.i32(ntypes).fill(-1), typeIds: c.i32(ntypes),
    funcRelocStart: funcRelocStart ?? c.u32(nf + 1), segRelocStart: c.u32(ns + 1),
    funcLive: c.u8(nf), funcDiscarded: c.u8(nf), globalLive: c.u8(ng), globalDiscarded: c.u8(ng),
    tagLive: c.u8(ntags), tableLive: c.u8(ntables), segLive: c.u8(ns), segDiscarded: c.u8(ns),
    codeRelocs: null, dataRelocs: null,
    customRelocs: new Map(), customOutOffset: new Map(), segPieces: [], customPieces: new Map(),
  };
  for (const rs of obj.relocs) {
    if (rs.targetSection === obj.codeSectionIndex) file.codeRelocs = rs;
    else if (rs.targetSection === obj.dataSectionIndex) file.dataRelocs = rs;
    else file.customRelocs.set(rs.targetSection, rs);
  }
  splitRelocs(file);
  return file;
}

/**
 * Finds each function's and segment's slice of the sorted relocation arrays: the parser found them
 * for an object's (chunkStart), a unit gives its functions' (unitObjectView), others are walked.
 */
function splitRelocs(file: ObjFile): void {
  const obj = file.obj;
  const code = file.codeRelocs;
  const nf = obj.functionTypes.length;
  if (code?.chunkStart) {
    if (!file.unit) file.funcRelocStart.set(code.chunkStart);
  } else if (!file.unit) {
    let r = 0;
    for (let i = 0; i < nf; i++) {
      file.funcRelocStart[i] = r;
      if (code) {
        const end = obj.codeStart[i] + obj.codeSize[i] - obj.codeSectionStart;
        while (r < code.offset.length && code.offset[r] < end) r++;
      }
    }
    file.funcRelocStart[nf] = r;
  }
  const data = file.dataRelocs;
  if (data?.chunkStart) {
    file.segRelocStart.set(data.chunkStart);
    return;
  }
  let r = 0;
  const ns = obj.segments.length;
  for (let i = 0; i < ns; i++) {
    const seg = obj.segments[i];
    if (data) {
      while (r < data.offset.length && data.offset[r] < seg.sectionOffset) r++; // relocs outside any payload
    }
    file.segRelocStart[i] = r;
    if (data) {
      const end = seg.sectionOffset + seg.size;
      while (r < data.offset.length && data.offset[r] < end) r++;
    }
  }
  file.segRelocStart[ns] = r;
}

/** Marks the members of COMDAT groups already claimed by an earlier file as discarded. */
function markComdats(ctx: LinkContext, file: ObjFile): void {
  for (const c of file.obj.comdats) {
    const owner = ctx.comdats.get(c.name);
    if (owner === undefined) {
      ctx.comdats.set(c.name, file.id);
      continue;
    }
    for (const e of c.entries) {
      switch (e.kind) {
        case 0: if (e.index < file.segDiscarded.length) file.segDiscarded[e.index] = 1; break;
        case 1: {
          const d = e.index - file.obj.numImportedFunctions;
          if (d >= 0 && d < file.funcDiscarded.length) file.funcDiscarded[d] = 1;
          break;
        }
        case 2: {
          const d = e.index - file.obj.numImportedGlobals;
          if (d >= 0 && d < file.globalDiscarded.length) file.globalDiscarded[d] = 1;
          break;
        }
        default: break; // tags, tables and sections in comdats: kept (clang does not emit them)
      }
    }
  }
}

const KIND_NAMES = ['WASM_SYMBOL_TYPE_FUNCTION', 'WASM_SYMBOL_TYPE_DATA', 'WASM_SYMBOL_TYPE_GLOBAL',
  'WASM_SYMBOL_TYPE_SECTION', 'WASM_SYMBOL_TYPE_TAG', 'WASM_SYMBOL_TYPE_TABLE'];

function checkKind(ctx: LinkContext, id: SymId, file: ObjFile, kind: number): boolean {
  const syms = ctx.syms;
  if (syms.state[id] === SymState.Lazy || syms.kind[id] === kind) return true;
  if (syms.state[id] === SymState.Undefined && syms.file[id] === SYNTHETIC_FILE && !syms.usedInObj[id]) return true; // -u placeholder
  ctx.diag.error(`symbol type mismatch: ${syms.nameOf(id)}\n>>> defined as ${KIND_NAMES[syms.kind[id]]} in ${ctx.fileName(syms.file[id])}\n>>> defined as ${KIND_NAMES[kind]} in ${file.name}`);
  return false;
}

function setDefinition(ctx: LinkContext, id: SymId, file: ObjFile, i: number): void {
  const syms = ctx.syms;
  const t = file.obj.symbols;
  syms.state[id] = SymState.Defined;
  syms.kind[id] = t.kind[i];
  syms.flags[id] = t.flags[i];
  syms.file[id] = file.id;
  syms.local[id] = i;
  syms.usedInObj[id] = 1;
  syms.funcType[id] = t.kind[i] === SymKind.Function
    ? file.typeIds[file.obj.functionTypes[t.index[i] - file.obj.numImportedFunctions]] : -1;
  if (ctx.traced !== null) traceSymbol(ctx, id, file.name, 'definition of');
}

/**
 * -y/--trace-symbol: `FILE: reference to NAME` for every object reference, `FILE: definition of NAME`
 * and `FILE: lazy definition of NAME` each time a definition takes the symbol over, as wasm-ld says
 * them (the name as in the input, not demangled).
 */
export function traceSymbol(ctx: LinkContext, id: SymId, file: string, what: string): void {
  const name = ctx.syms.nameOf(id);
  if (ctx.traced?.has(name)) ctx.diag.out(`${file}: ${what} ${name}`);
}

/** Notes that definition `local` of `file` lost to another's (functions only: see signatures.ts). */
function lostDefinition(ctx: LinkContext, file: ObjFile, local: number): void {
  if (file.obj.symbols.kind[local] === SymKind.Function) ctx.lostDefinitions.push({ file, local });
}

/** Symbol `i` of `file` is defined; its name is bytes [start, start+length) of name source `src`. */
function addDefined(ctx: LinkContext, file: ObjFile, i: number, src: number, start: number, length: number): SymId {
  const syms = ctx.syms;
  const t = file.obj.symbols;
  let id = syms.findRef(src, start, length);
  if (id < 0) {
    id = syms.addRef(src, start, length, t.kind[i], true);
    setDefinition(ctx, id, file, i);
    return id;
  }
  if (!checkKind(ctx, id, file, t.kind[i])) return id;
  const internal = ctx.internalDefinitions.get(id);
  if (internal !== undefined) {
    definedInternally(ctx, file, i, id, internal);
    return id;
  }
  if (syms.state[id] !== SymState.Defined) {
    setDefinition(ctx, id, file, i);
    return id;
  }
  bothDefined(ctx, file, i, id);
  return id;
}

/**
 * Definition `i` of `file` names a symbol the linker has defined itself (`__stack_pointer`,
 * `__tls_base`, ...): as in wasm-ld, a weak one loses, a global of another type is its global type
 * mismatch, any other its duplicate symbol.
 */
function definedInternally(ctx: LinkContext, file: ObjFile, i: number, id: SymId, internal: InternalDefinition): void {
  const t = file.obj.symbols;
  if (t.flags[i] & SymFlag.BindingWeak) return lostDefinition(ctx, file, i);
  const name = ctx.syms.nameOf(id);
  if (t.kind[i] === SymKind.Global) {
    const g = file.obj.globals[t.index[i] - file.obj.numImportedGlobals];
    if (g !== undefined && (g.valType !== internal.valType || g.mutable !== internal.mutable)) {
      ctx.diag.error(`Global type mismatch: ${name}\n>>> defined as ${globalTypeText(internal.valType, internal.mutable)} in <internal>\n` +
        `>>> defined as ${globalTypeText(g.valType, g.mutable)} in ${file.name}`);
      return;
    }
  }
  ctx.diag.error(`duplicate symbol: ${name}\n>>> defined in <internal>\n>>> defined in ${file.name}`);
}

/** A global's type as wasm-ld words it (`var i32`, `const i64`). */
function globalTypeText(valType: number, mutable: boolean): string {
  const names: Record<number, string> = { [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64' };
  return `${mutable ? 'var' : 'const'} ${names[valType] ?? `0x${valType.toString(16)}`}`;
}

/** Definition `i` of `file` meets symbol `id`'s: weak loses to strong, the first weak wins, two strong clash. */
function bothDefined(ctx: LinkContext, file: ObjFile, i: number, id: SymId): void {
  const syms = ctx.syms;
  const newWeak = (file.obj.symbols.flags[i] & SymFlag.BindingWeak) !== 0;
  if (newWeak) {
    lostDefinition(ctx, file, i);
  } else if (syms.isWeak(id)) {
    if (syms.file[id] >= 0) lostDefinition(ctx, ctx.files[syms.file[id]], syms.local[id]);
    setDefinition(ctx, id, file, i);
  } else if (ctx.options.allowMultipleDefinition) {
    lostDefinition(ctx, file, i);
  } else {
    ctx.diag.error(`duplicate symbol: ${syms.nameOf(id)}\n>>> defined in ${ctx.fileName(syms.file[id])}\n>>> defined in ${file.name}`);
  }
}

/** Import index (in the object's import table) of undefined symbol `index` of `kind`, or -1. */
function importOf(file: ObjFile, kind: number, index: number): number {
  const ext = kind === SymKind.Function ? ExternalKind.Function : kind === SymKind.Global ? ExternalKind.Global
    : kind === SymKind.Tag ? ExternalKind.Tag : kind === SymKind.Table ? ExternalKind.Table : null;
  return ext === null ? -1 : importOfKind(file.obj, ext, index);
}

/** Module `env`, compared as bytes: every undefined symbol's import asks. */
function isEnvModule(t: ImportTable, i: number): boolean {
  const b = t.nameBytes, at = t.moduleStart[i];
  return t.moduleLength[i] === 3 && b[at] === 0x65 && b[at + 1] === 0x6e && b[at + 2] === 0x76;
}

/**
 * Undefined symbol `i` of `file` refers to symbol `id`, still undefined: as wasm-ld, the first
 * reference that imports it sets the import module (and the import name, when the object gives
 * one explicitly); a later reference that says otherwise is an error.
 */
function recordImport(ctx: LinkContext, id: SymId, file: ObjFile, i: number): void {
  const t = file.obj.symbols;
  const imp = importOf(file, t.kind[i], t.index[i]);
  if (imp < 0) return;
  const imports = importTableOf(file.obj);
  const syms = ctx.syms;
  const check = (what: string, had: string, now: string) => {
    if (had !== now) {
      ctx.diag.error(`import ${what} mismatch for symbol: ${displayName(syms.nameOf(id), ctx.options.demangle)}\n>>> defined as ${
        had} in ${ctx.fileName(syms.file[id])}\n>>> defined as ${now} in ${file.name}`);
    }
  };
  if (t.flags[i] & SymFlag.ExplicitName) {
    const name = importFieldName(imports, imp);
    const had = syms.importName[id];
    if (had === undefined) syms.importName[id] = name;
    else check('name', had, name);
  }
  // `env`, by far the most common, is compared as bytes and never decoded.
  const module = isEnvModule(imports, imp) ? 'env' : importModuleName(imports, imp);
  const had = syms.importModule[id];
  if (had === undefined) syms.importModule[id] = module;
  else check('module', had, module);
}

/** Symbol `i` of `file` is undefined (or a discarded comdat copy); its name as in addDefined. */
function addUndefined(ctx: LinkContext, file: ObjFile, i: number, src: number, start: number, length: number, discarded: boolean): SymId {
  const syms = ctx.syms;
  const t = file.obj.symbols;
  const kind = t.kind[i];
  const flags = t.flags[i];
  const weak = (flags & SymFlag.BindingWeak) !== 0;
  let id = syms.findRef(src, start, length);
  const fresh = id < 0;
  if (fresh) id = syms.addRef(src, start, length, kind, true);
  if (ctx.traced !== null) traceSymbol(ctx, id, file.name, 'reference to');
  if (fresh) {
    syms.state[id] = SymState.Undefined;
    syms.flags[id] = flags | SymFlag.Undefined;
    syms.file[id] = file.id;
    syms.local[id] = i;
  } else if (!checkKind(ctx, id, file, kind)) {
    return id;
  }
  syms.usedInObj[id] = 1;
  if (syms.state[id] === SymState.Lazy && syms.file[id] === SYNTHETIC_FILE) {
    // First reference to a lazy symbol: remember who refers to it (for its signature and messages).
    syms.kind[id] = kind;
    syms.file[id] = file.id;
    syms.local[id] = i;
    syms.flags[id] = flags | SymFlag.Undefined;
  }
  if (syms.state[id] === SymState.Undefined) {
    if (!fresh && syms.file[id] === SYNTHETIC_FILE) {
      // First object reference to a -u / --export placeholder: it now has a kind and a signature.
      syms.kind[id] = kind;
      syms.file[id] = file.id;
      syms.local[id] = i;
      syms.flags[id] = flags | SymFlag.Undefined;
    }
    if (!weak) syms.flags[id] &= ~SymFlag.BindingWeak;
    if (!discarded && (flags & SymFlag.Undefined)) recordImport(ctx, id, file, i);
  } else if (syms.state[id] === SymState.Lazy && !weak) {
    syms.flags[id] &= ~SymFlag.BindingWeak;
    // wasm-ld records why for functions only, when an object's reference pulls a member in.
    if (kind === SymKind.Function) extractFor(ctx, id, file.name);
    else extractLazy(ctx, id);
  }
  return id;
}
