// The symbol arena: every symbol of the link (global and file-local) as one row of parallel
// arrays, addressed by a SymId. Global names map to one SymId through `byName`; each object file
// maps its own symbol indexes to SymIds (ObjFile.symIds). Insertion order is kept, because
// wasm-ld orders imports and exports by it.
import { SymFlag } from '../formats/wasm';

export type SymId = number;
export const NO_SYM: SymId = -1;

export const enum SymState {
  Undefined = 0,
  Defined = 1,
  Lazy = 2, // an archive member (or --start-lib object) can define it
}

/** File index used for symbols the linker defines itself. */
export const SYNTHETIC_FILE = -1;

export class Symbols {
  count = 0;
  private cap = 0;
  byName = new Map<string, SymId>();
  name: string[] = [];
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
  /** Referenced or defined by an object file (not only by -u / --export). */
  usedInObj = new Uint8Array(0);
  /** Set on function symbols that resolve to a trapping stub: never given a table slot. */
  isStub = new Uint8Array(0);
  lazyArchive = new Int32Array(0);
  lazyMember = new Int32Array(0);
  importModule: (string | undefined)[] = [];
  importName: (string | undefined)[] = [];
  /** Output index (function, global, tag, table) assigned by layout; data: virtual address. */
  outIndex = new Float64Array(0);
  /** Table slot of address-taken functions; 0 = none. */
  tableIndex = new Int32Array(0);

  add(name: string, kind: number, isGlobal: boolean): SymId {
    if (this.count === this.cap) this.grow();
    const id = this.count++;
    this.name.push(name);
    this.kind[id] = kind;
    this.isGlobal[id] = isGlobal ? 1 : 0;
    this.file[id] = SYNTHETIC_FILE;
    this.local[id] = -1;
    this.lazyArchive[id] = -1;
    this.lazyMember[id] = -1;
    this.importModule.push(undefined);
    this.importName.push(undefined);
    this.outIndex[id] = -1;
    if (isGlobal) this.byName.set(name, id);
    return id;
  }

  find(name: string): SymId {
    return this.byName.get(name) ?? NO_SYM;
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

  private grow(): void {
    const cap = Math.max(1024, this.cap * 2);
    const g8 = (a: Uint8Array) => { const n = new Uint8Array(cap); n.set(a); return n; };
    const g32 = (a: Uint32Array) => { const n = new Uint32Array(cap); n.set(a); return n; };
    const gi32 = (a: Int32Array) => { const n = new Int32Array(cap); n.set(a); return n; };
    this.kind = g8(this.kind);
    this.state = g8(this.state);
    this.flags = g32(this.flags);
    this.file = gi32(this.file);
    this.local = gi32(this.local);
    this.live = g8(this.live);
    this.isGlobal = g8(this.isGlobal);
    this.forceExport = g8(this.forceExport);
    this.usedInObj = g8(this.usedInObj);
    this.isStub = g8(this.isStub);
    this.lazyArchive = gi32(this.lazyArchive);
    this.lazyMember = gi32(this.lazyMember);
    const oi = new Float64Array(cap); oi.set(this.outIndex); this.outIndex = oi;
    this.tableIndex = gi32(this.tableIndex);
    this.cap = cap;
  }
}
