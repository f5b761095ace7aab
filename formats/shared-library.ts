// A wasm shared library (a side module: tool-conventions DynamicLinking.md) read as a link input:
// its `dylink.0` section (the memory and table it needs, the libraries it needs) and what it
// exports, as LLVM's object reader presents a module without a linking section: each exported
// function a defined function symbol with its signature, each exported global a data symbol (a
// side module exports data addresses as globals), in export order. Nothing else is read.
import { FormatError } from './leb128';
import { FuncType } from './object-model';
import { readTypeSection } from './object';
import { Reader } from './reader';
import { ExternalKind, SectionId, WASM_MAGIC } from './wasm';

/** An export of a shared library, as the symbol it defines for the link. */
export interface SharedExport {
  name: string;
  /** Functions carry their signature; data (exported globals) none. */
  kind: 'function' | 'data';
  type: FuncType | null;
}

export interface SharedLibrary {
  /** dylink.0 MEM_INFO: bytes of data, its alignment (log2), table slots. */
  memorySize: number;
  memoryAlignLog2: number;
  tableSize: number;
  /** dylink.0 NEEDED: the libraries it was linked against. */
  needed: string[];
  exports: SharedExport[];
}

/** Whether a wasm module's first section is `dylink.0` (or the older `dylink`): a shared library. */
export function isSharedLibrary(b: Uint8Array): boolean {
  if (b.length < 11 || b[8] !== 0) return false;
  let p = 9;
  while (p < b.length && b[p] & 0x80) p++; // the section size
  const n = b[p + 1];
  const name = String.fromCharCode(...b.subarray(p + 2, p + 2 + Math.min(n, 8)));
  return name === 'dylink.0' || (n === 6 && name === 'dylink');
}

/** Reads a shared library; throws FormatError (with a byte offset) on a malformed one. */
export function parseSharedLibrary(bytes: Uint8Array): SharedLibrary {
  const r = new Reader(bytes);
  if (r.u32le() !== WASM_MAGIC) r.fail('not a wasm module', 0);
  if (r.u32le() !== 1) r.fail('unsupported wasm version', 4);
  const lib: SharedLibrary = { memorySize: 0, memoryAlignLog2: 0, tableSize: 0, needed: [], exports: [] };
  let types: FuncType[] = [];
  const functionTypes: number[] = []; // imported functions first, then defined ones
  const exports: { name: string; kind: number; index: number }[] = [];
  let sawDylink = false;
  while (!r.atEnd) {
    const id = r.u8();
    const size = r.u32();
    r.need(size);
    const end = r.pos + size;
    const s = new Reader(bytes, r.pos, end);
    if (id === SectionId.Custom) {
      const name = s.name();
      if (name === 'dylink.0' && !sawDylink) {
        readDylink(s, lib);
        sawDylink = true;
      }
    } else if (id === SectionId.Type) {
      types = readTypeSection(s);
    } else if (id === SectionId.Import) {
      for (let n = s.count('import'); n > 0; n--) {
        s.skipName();
        s.skipName();
        const kind = s.u8();
        if (kind === ExternalKind.Function) functionTypes.push(typeIndex(s, types));
        else if (kind === ExternalKind.Table) { s.u8(); skipLimits(s); }
        else if (kind === ExternalKind.Memory) skipLimits(s);
        else if (kind === ExternalKind.Global) { s.u8(); s.u8(); }
        else if (kind === ExternalKind.Tag) { s.u8(); s.u32(); }
        else s.fail(`unknown import kind ${kind}`, s.pos - 1);
      }
    } else if (id === SectionId.Function) {
      for (let n = s.count('function'); n > 0; n--) functionTypes.push(typeIndex(s, types));
    } else if (id === SectionId.Export) {
      for (let n = s.count('export'); n > 0; n--) exports.push({ name: s.name(), kind: s.u8(), index: s.u32() });
    }
    r.pos = end;
  }
  if (!sawDylink) throw new FormatError(8, 'a shared library needs a dylink.0 section');
  for (const e of exports) {
    if (e.kind === ExternalKind.Function) {
      const t = functionTypes[e.index];
      if (t === undefined) throw new FormatError(8, `export ${e.name}: function index ${e.index} out of range`);
      lib.exports.push({ name: e.name, kind: 'function', type: types[t] });
    } else if (e.kind === ExternalKind.Global) {
      lib.exports.push({ name: e.name, kind: 'data', type: null });
    }
  }
  return lib;
}

/** dylink.0's subsections: MEM_INFO (1) and NEEDED (2) are kept; the others are skipped. */
function readDylink(s: Reader, lib: SharedLibrary): void {
  while (!s.atEnd) {
    const sub = s.u8();
    const size = s.u32();
    s.need(size);
    const end = s.pos + size;
    if (sub === 1) {
      lib.memorySize = s.u32();
      lib.memoryAlignLog2 = s.u32();
      lib.tableSize = s.u32();
    } else if (sub === 2) {
      for (let n = s.count('needed library'); n > 0; n--) lib.needed.push(s.name());
    }
    s.pos = end;
  }
}

function typeIndex(s: Reader, types: FuncType[]): number {
  const t = s.u32();
  if (t >= types.length) s.fail(`type index ${t} out of range`);
  return t;
}

function skipLimits(s: Reader): void {
  const flags = s.u8();
  s.u32();
  if (flags & 1) s.u32();
}
