// A small, self-contained WebAssembly reader for the golden tests, written against the raw bytes
// (deliberately independent of the linker's own format code, which is under test).
//
// - inspectWasm(): imports, exports, function names (name section, subsection 1), code section
//   size and total size of a linked module; functionBodies(): where each function's body is.
// - readSections(), parseLinking(), parseRelocs(): enough of the relocatable object format
//   (tool-conventions Linking.md) for the error tests to find the bytes they corrupt.
// - Harness helpers shared by the two test files: paths, and how to run the linker under test.

import fs from 'fs';
import path from 'path';

export const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'];

export class WasmReadError extends Error {}

/** A cursor over a byte array with the LEB128 and name readers the binary format needs. */
export class Reader {
  constructor(readonly bytes: Uint8Array, public pos = 0, readonly end = bytes.length) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw new WasmReadError(`unexpected end at offset ${this.pos}`);
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 up to 32 bits (5 bytes). */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) throw new WasmReadError(`u32 LEB out of range at offset ${this.pos}`);
        return result;
      }
    }
    throw new WasmReadError(`u32 LEB too long at offset ${this.pos}`);
  }

  /** Signed LEB128 up to 64 bits, as a bigint (relocation addends, s33 heap types). */
  sleb(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return result;
      }
      if (shift > 70n) throw new WasmReadError(`signed LEB too long at offset ${this.pos}`);
    }
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new WasmReadError(`unexpected end at offset ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    return Buffer.from(this.take(this.u32())).toString('utf8');
  }
}

export interface Section {
  id: number;
  /** For custom sections (id 0). */
  name?: string;
  /** Offset of the id byte. */
  start: number;
  /** Offset of the payload (after the size, and for custom sections after the name). */
  payloadStart: number;
  /** Offset just past the section. */
  end: number;
}

export function readSections(bytes: Uint8Array): Section[] {
  const r = new Reader(bytes);
  const magic = r.take(4);
  if (magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) throw new WasmReadError('bad magic');
  r.take(4); // version
  const sections: Section[] = [];
  while (!r.done) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const contentStart = r.pos;
    const end = contentStart + size;
    if (end > bytes.length) throw new WasmReadError(`section ${id} at ${start} runs past the end`);
    const section: Section = { id, start, payloadStart: contentStart, end };
    if (id === 0) {
      const nr = new Reader(bytes, contentStart, end);
      section.name = nr.name();
      section.payloadStart = nr.pos;
    }
    sections.push(section);
    r.pos = end;
  }
  return sections;
}

export interface Import { module: string; name: string; kind: string }
export interface Export { name: string; kind: string }

export interface WasmSummary {
  imports: Import[];
  exports: Export[];
  /** Function names from the name section (subsection 1), in index order. */
  functionNames: string[];
  /** Size of the code section including its header; 0 if there is none. */
  codeSize: number;
  totalSize: number;
}

function skipLimits(r: Reader): void {
  const flags = r.u8();
  r.u32(); // min (u64 with memory64, but our modules are wasm32; u32 reader is enough for values < 2^32)
  if (flags & 1) r.u32(); // max
  if (flags & 8) r.u32(); // custom page size (log2)
}

function skipRefType(r: Reader): void {
  const t = r.u8();
  if (t === 0x63 || t === 0x64) r.sleb(); // (ref null? heaptype)
}

function skipImportDesc(r: Reader, kind: number): void {
  switch (kind) {
    case 0: r.u32(); break; // type index
    case 1: skipRefType(r); skipLimits(r); break;
    case 2: skipLimits(r); break;
    case 3: skipRefType(r); r.u8(); break; // value type (a ref type reads the same way), mutability
    case 4: r.u8(); r.u32(); break; // tag attribute, type index
    default: throw new WasmReadError(`unknown import kind ${kind}`);
  }
}

export function inspectWasm(bytes: Uint8Array): WasmSummary {
  const summary: WasmSummary = { imports: [], exports: [], functionNames: [], codeSize: 0, totalSize: bytes.length };
  for (const s of readSections(bytes)) {
    const r = new Reader(bytes, s.payloadStart, s.end);
    if (s.id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = r.u8();
        skipImportDesc(r, kind);
        summary.imports.push({ module, name, kind: KIND_NAMES[kind] });
      }
    } else if (s.id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.u8();
        r.u32();
        summary.exports.push({ name, kind: KIND_NAMES[kind] ?? `kind${kind}` });
      }
    } else if (s.id === 10) {
      summary.codeSize = s.end - s.start;
    } else if (s.id === 0 && s.name === 'name') {
      while (!r.done) {
        const sub = r.u8();
        const size = r.u32();
        const subEnd = r.pos + size;
        if (sub === 1) {
          const sr = new Reader(bytes, r.pos, subEnd);
          for (let n = sr.u32(); n > 0; n--) {
            sr.u32(); // function index
            summary.functionNames.push(sr.name());
          }
        }
        r.pos = subEnd;
      }
    }
  }
  return summary;
}

/** A defined function's body, with offsets relative to the code section's payload (as DWARF counts them). */
export interface FunctionBody {
  name: string;
  start: number;
  end: number;
  bytes: Uint8Array;
}

/** The defined functions of a linked module, in index order, named from the name section. */
export function functionBodies(bytes: Uint8Array): FunctionBody[] {
  const summary = inspectWasm(bytes);
  const names = new Map<number, string>();
  const imported = summary.imports.filter((i) => i.kind === 'func').length;
  const bodies: FunctionBody[] = [];
  for (const s of readSections(bytes)) {
    if (s.id === 0 && s.name === 'name') {
      const r = new Reader(bytes, s.payloadStart, s.end);
      while (!r.done) {
        const sub = r.u8();
        const subEnd = r.u32() + r.pos;
        if (sub === 1) for (let n = r.u32(); n > 0; n--) names.set(r.u32(), r.name());
        r.pos = subEnd;
      }
    } else if (s.id === 10) {
      const r = new Reader(bytes, s.payloadStart, s.end);
      const count = r.u32();
      for (let k = 0; k < count; k++) {
        const size = r.u32();
        const start = r.pos - s.payloadStart;
        bodies.push({ name: '', start, end: start + size, bytes: r.take(size) });
      }
    }
  }
  bodies.forEach((b, k) => (b.name = names.get(imported + k) ?? `#${imported + k}`));
  return bodies;
}

// ---------------------------------------------------------------------------------------------
// Relocatable objects (tool-conventions Linking.md)

export const LINKING_VERSION = 2;
export const WASM_SYMBOL_TABLE = 8;
export const WASM_SEGMENT_INFO = 5;
export const WASM_INIT_FUNCS = 6;
export const WASM_COMDAT_INFO = 7;

export interface LinkingSubsection { type: number; start: number; payloadStart: number; end: number }

export interface Linking {
  section: Section;
  version: number;
  subsections: LinkingSubsection[];
  symbolCount: number;
}

export function parseLinking(bytes: Uint8Array): Linking {
  const section = readSections(bytes).find((s) => s.id === 0 && s.name === 'linking');
  if (!section) throw new WasmReadError('no linking section');
  const r = new Reader(bytes, section.payloadStart, section.end);
  const version = r.u32();
  const subsections: LinkingSubsection[] = [];
  let symbolCount = 0;
  while (!r.done) {
    const start = r.pos;
    const type = r.u8();
    const size = r.u32();
    const payloadStart = r.pos;
    subsections.push({ type, start, payloadStart, end: payloadStart + size });
    if (type === WASM_SYMBOL_TABLE) symbolCount = new Reader(bytes, payloadStart, payloadStart + size).u32();
    r.pos = payloadStart + size;
  }
  return { section, version, subsections, symbolCount };
}

/** Relocation types whose entries carry an addend (Linking.md). */
const RELOCS_WITH_ADDEND = new Set([3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]);

export interface Reloc {
  type: number;
  /** Offsets in the file of the entry's fields. */
  typeOffset: number;
  indexOffset: number;
  indexEnd: number;
  index: number;
  offset: number;
}

export interface RelocSection { section: Section; target: number; relocs: Reloc[] }

export function parseRelocs(bytes: Uint8Array, name: string): RelocSection {
  const section = readSections(bytes).find((s) => s.id === 0 && s.name === name);
  if (!section) throw new WasmReadError(`no ${name} section`);
  const r = new Reader(bytes, section.payloadStart, section.end);
  const target = r.u32();
  const relocs: Reloc[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const typeOffset = r.pos;
    const type = r.u8();
    const offset = r.u32();
    const indexOffset = r.pos;
    const index = r.u32();
    const indexEnd = r.pos;
    if (RELOCS_WITH_ADDEND.has(type)) r.sleb();
    relocs.push({ type, typeOffset, indexOffset, indexEnd, index, offset });
  }
  return { section, target, relocs };
}

export function encodeULEB(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

/** Returns a copy of `bytes` with `[start, end)` replaced by `replacement` and the enclosing
 *  section's size field re-encoded (so a field may change length). */
export function spliceInSection(bytes: Uint8Array, section: Section, start: number, end: number, replacement: number[]): Uint8Array {
  const sizeReader = new Reader(bytes, section.start + 1);
  const oldSize = sizeReader.u32();
  const sizeEnd = sizeReader.pos;
  const newSize = oldSize - (end - start) + replacement.length;
  return Uint8Array.from([
    ...bytes.subarray(0, section.start + 1),
    ...encodeULEB(newSize),
    ...bytes.subarray(sizeEnd, start),
    ...replacement,
    ...bytes.subarray(end),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Harness helpers shared by golden.test.ts and errors.test.ts

/** The repository root (tests run compiled from dist/tests/golden/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const GOLDEN_CACHE = path.join(REPO_ROOT, '.cache', 'golden');
export const PROGRAMS_DIR = path.join(REPO_ROOT, 'tests', 'golden', 'programs');
export const RUN_WASM = path.join(REPO_ROOT, 'scripts', 'run-wasm.mjs');
export const REFERENCE_LD = path.join(REPO_ROOT, 'scripts', 'wasm-ld-yowasp.mjs');

/** The linker under test as [executable, ...leading args]: $WLINK_CMD, split on whitespace
 *  (quotes group words), or `node bin/wlink.js`. Words naming files relative to the repo root
 *  are made absolute, because links run in the cache dirs; a .js/.mjs script runs under node. */
export function linkerCommand(): string[] {
  const env = process.env.WLINK_CMD;
  if (!env) return [process.execPath, path.join(REPO_ROOT, 'bin', 'wlink.js')];
  const words = Array.from(env.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g), (m) => m[1] ?? m[2] ?? m[3]).map((w) => {
    const inRepo = path.resolve(REPO_ROOT, w);
    return !path.isAbsolute(w) && fs.existsSync(inRepo) ? inRepo : w;
  });
  if (/\.m?js$/.test(words[0])) words.unshift(process.execPath);
  return words;
}

/** The cache dir of each program, after scripts/golden-cache.mjs has run. */
export function readCacheIndex(): Record<string, string> {
  const index = JSON.parse(fs.readFileSync(path.join(GOLDEN_CACHE, 'index.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(index).map(([name, dir]) => [name, path.join(GOLDEN_CACHE, dir)]));
}

/** argv: the reference wasm-ld's; wlinkArgv (programs with .wat units): the same with each unit's -r object replaced by the .wat. */
export interface LinkJson { driver: string[]; argv: string[]; output: string; wlinkArgv?: string[] }

export function readLinkJson(cacheDir: string): LinkJson {
  return JSON.parse(fs.readFileSync(path.join(cacheDir, 'link.json'), 'utf8')) as LinkJson;
}

/** The argv with the value of `-o` replaced. */
export function withOutput(argv: string[], output: string): string[] {
  const i = argv.indexOf('-o');
  if (i < 0 || i + 1 >= argv.length) throw new Error('reference argv has no -o');
  return [...argv.slice(0, i + 1), output, ...argv.slice(i + 2)];
}
