// The symbol arena: every symbol of the link (global and file-local) as one row of parallel
// arrays, addressed by a SymId. Global names map to one SymId through a table of the names' UTF-8
// bytes, which stay where they lie in the input files (byte-strings.ts): resolving a symbol
// occurrence makes no string. A name becomes a string only when something prints it (nameOf).
// Each object file maps its own symbol indexes to SymIds (ObjFile.symIds). Insertion order is
// kept, because wasm-ld orders imports and exports by it.
import { SymFlag } from '../../formats/wasm';
import { decodeUtf8 } from '../../formats/reader';
import { resized } from '../../formats/columns';
import { ByteStrings } from './byte-strings';

export type SymId = number;
export const NO_SYM: SymId = -1;

export const enum SymState {
  Undefined = 0,
  Defined = 1,
  Lazy = 2, // an archive member (or --start-lib object) can define it
}

/** File index used for symbols the linker defines itself. */
export const SYNTHETIC_FILE = -1;

/** Names given as strings are encoded into pool chunks of this size (a longer name gets its own). */
const POOL_CHUNK = 1 << 16;
const utf8 = new TextEncoder();

export class Symbols {
  count = 0;
  private cap = 0;
  kind = new Uint8Array(0);
  state = new Uint8Array(0);
  flags = new Uint32Array(0);
  /** Defining file (Defined), first referencing file (Undefined), or SYNTHETIC_FILE. */
  file = new Int32Array(0);
  /** Symbol index inside `file`, or the synthetic item's index for synthetic symbols. */
  local = new Int32Array(0);
  live = new Uint8Array(0);
  isGlobal = new Uint8Array(0);
  forceExport = new Uint8Array(0);
  /** Undefined and imported because a stub library lists it (wasm-ld's forceImport): may stay undefined. */
  forceImport = new Uint8Array(0);
  /** Referenced or defined by an object file (not only by -u / --export). */
  usedInObj = new Uint8Array(0);
  /** Set on function symbols that resolve to a trapping stub: never given a table slot. */
  isStub = new Uint8Array(0);
  lazyArchive = new Int32Array(0);
  lazyMember = new Int32Array(0);
  /**
   * The import module and name an undefined symbol's first import gave it (the name only when
   * explicit). Sparse (defined symbols have none, and rows are not pushed for them): read past the
   * end as undefined.
   */
  importModule: (string | undefined)[] = [];
  importName: (string | undefined)[] = [];
  /** Output index (function, global, tag, table) assigned by layout; data: virtual address. */
  outIndex = new Float64Array(0);
  /** Table slot of address-taken functions; -1 = none. */
  tableIndex = new Int32Array(0);
  /**
   * Functions defined by an object: their signature's link-wide type id (LinkContext.typeId; the
   * signature check compares these). -1 for other symbols.
   */
  funcType = new Int32Array(0);

  // Where each symbol's name lies: in name source nameSource[id], at [nameStart, nameStart + nameLength).
  private nameSource = new Int32Array(0);
  private nameStart = new Uint32Array(0);
  private nameLength = new Uint32Array(0);
  /** Global names (and the registry of name sources); globalSym maps their ids to SymIds. */
  private globalNames = new ByteStrings(1 << 12);
  private globalSym = new Int32Array(1024);
  /** Current chunk for names given as strings. */
  private pool = new Uint8Array(0);
  private poolSource = -1;
  private poolPos = 0;
  /** Names decoded so far (nameOf), sparse like importModule; see `name`. */
  private names: (string | undefined)[] = [];
  private allDecoded = true;

  /** Every name as a string (decodes those not decoded yet). For -r output, which writes them all. */
  get name(): string[] {
    if (!this.allDecoded) {
      for (let id = 0; id < this.count; id++) this.nameOf(id);
      this.allDecoded = true;
    }
    return this.names as string[];
  }

  nameOf(id: SymId): string {
    const s = this.names[id];
    if (s !== undefined) return s;
    const start = this.nameStart[id];
    const bytes = this.globalNames.sourceBytes(this.nameSource[id]);
    return (this.names[id] = decodeUtf8(bytes.subarray(start, start + this.nameLength[id])));
  }

  /** The index under which `bytes` (an input file) is known as a name source; registered once. */
  source(bytes: Uint8Array): number {
    return this.globalNames.source(bytes);
  }

  /** Adds a symbol named `name`; a global one must not exist yet (find it first). */
  add(name: string, kind: number, isGlobal: boolean): SymId {
    const [src, start, length] = this.encode(name);
    const id = this.addRef(src, start, length, kind, isGlobal);
    this.names[id] = name;
    return id;
  }

  /** Adds a symbol named by bytes [start, start+length) of source `src`; a global one must not exist yet. */
  addRef(src: number, start: number, length: number, kind: number, isGlobal: boolean): SymId {
    if (this.count === this.cap) this.grow();
    const id = this.count++;
    this.nameSource[id] = src;
    this.nameStart[id] = start;
    this.nameLength[id] = length;
    this.allDecoded = false;
    this.kind[id] = kind;
    this.isGlobal[id] = isGlobal ? 1 : 0;
    this.file[id] = SYNTHETIC_FILE;
    this.local[id] = -1;
    this.lazyArchive[id] = -1;
    this.lazyMember[id] = -1;
    this.outIndex[id] = -1;
    this.tableIndex[id] = -1; // no slot (slots start at 0 in position-independent output)
    this.funcType[id] = -1;
    if (isGlobal) {
      const g = this.globalNames.add(src, start, length);
      if (g === this.globalSym.length) this.globalSym = resized(this.globalSym, g * 2);
      this.globalSym[g] = id;
    }
    return id;
  }

  find(name: string): SymId {
    const [src, start, length] = this.encode(name);
    const id = this.findRef(src, start, length);
    this.poolPos = start; // the bytes are needed only if the name is added
    return id;
  }

  /** The global symbol named by bytes [start, start+length) of name source `src`, or NO_SYM. */
  findRef(src: number, start: number, length: number): SymId {
    const g = this.globalNames.find(src, start, length);
    return g < 0 ? NO_SYM : this.globalSym[g];
  }

  isWeak(id: SymId): boolean {
    return (this.flags[id] & SymFlag.BindingWeak) !== 0;
  }

  isHidden(id: SymId): boolean {
    return (this.flags[id] & SymFlag.VisibilityHidden) !== 0;
  }

  isDefined(id: SymId): boolean {
    return this.state[id] === SymState.Defined;
  }

  isUndefined(id: SymId): boolean {
    return this.state[id] !== SymState.Defined;
  }

  /** Encodes a name given as a string into the pool: [source, start, length]. */
  private encode(name: string): [number, number, number] {
    const max = name.length * 3; // UTF-8 bytes per UTF-16 unit, at most
    if (this.poolPos + max > this.pool.length) {
      this.pool = new Uint8Array(Math.max(POOL_CHUNK, max));
      this.poolSource = this.globalNames.source(this.pool);
      this.poolPos = 0;
    }
    const start = this.poolPos;
    const { written } = utf8.encodeInto(name, this.pool.subarray(start));
    this.globalNames.forgetMiss(); // the pool's bytes at `start` may have held another name
    this.poolPos += written;
    return [this.poolSource, start, written];
  }

  private grow(): void {
    // Grown fourfold: each growth copies every column, and the part of a new column not written
    // yet costs nothing (fresh zero pages), so fewer and larger steps are cheaper.
    const cap = Math.max(4096, this.cap * 4);
    this.kind = resized(this.kind, cap);
    this.state = resized(this.state, cap);
    this.flags = resized(this.flags, cap);
    this.file = resized(this.file, cap);
    this.local = resized(this.local, cap);
    this.live = resized(this.live, cap);
    this.isGlobal = resized(this.isGlobal, cap);
    this.forceExport = resized(this.forceExport, cap);
    this.forceImport = resized(this.forceImport, cap);
    this.usedInObj = resized(this.usedInObj, cap);
    this.isStub = resized(this.isStub, cap);
    this.lazyArchive = resized(this.lazyArchive, cap);
    this.lazyMember = resized(this.lazyMember, cap);
    this.outIndex = resized(this.outIndex, cap);
    this.tableIndex = resized(this.tableIndex, cap);
    this.funcType = resized(this.funcType, cap);
    this.nameSource = resized(this.nameSource, cap);
    this.nameStart = resized(this.nameStart, cap);
    this.nameLength = resized(this.nameLength, cap);
    this.cap = cap;
  }
}
