// The state of one link: inputs, the symbol arena, synthetic items and the results of each
// stage. No module-level mutable state: the CLI and an in-process caller each hold their own.
import { FuncType, ObjectFile, RelocSet } from '../../formats/object-model';
import { Archive } from '../../formats/archive';
import { StubEntry } from '../../formats/stub-library';
import { Diagnostics } from './diagnostics';
import type { Host } from './host';
import { LinkOptions } from './options';
import { StringPieces } from './merge-strings';
import { SymId, Symbols } from './symbols';
import { TimeTrace } from './time-trace';
import type { Mir } from '../../codegen/mir';
import type { Unit } from '../../codegen/unit';

/** What the linker keeps of a compiler unit input beside its ObjectFile view (see resolve/unit-view.ts). */
export interface UnitInput {
  unit: Unit;
  mir: Mir;
  /** Defined function i (the view's function index minus imports) → its MIR function. */
  funcMir: Int32Array;
}

/** A wasm object taking part in the link, with its per-element liveness and output indexes. */
export interface ObjFile {
  id: number;
  /** Display name: `a.o` or `libc.a(printf.o)`. */
  name: string;
  obj: ObjectFile;
  /** A compiler unit (obj is then its view: see resolve/unit-view.ts); null for object files. */
  unit: UnitInput | null;
  /** Object symbol index → SymId. */
  symIds: Int32Array;
  /** True once any symbol it defines is marked live (then its init functions are roots). */
  live: boolean;
  /** Came from an archive or --start-lib group. Other objects are live from the start (their
   * init functions and RETAIN segments are GC roots), as in wasm-ld. */
  lazy: boolean;
  // Per defined function / global / tag / table / data segment (indexes exclude imports):
  funcLive: Uint8Array;
  funcDiscarded: Uint8Array; // comdat loser
  funcOut: Int32Array;
  /** Object symbol that names the function (the first that defines it), or -1. */
  funcName: Int32Array;
  globalLive: Uint8Array;
  globalDiscarded: Uint8Array;
  globalOut: Int32Array;
  globalName: Int32Array;
  tagLive: Uint8Array;
  tagOut: Int32Array;
  tableLive: Uint8Array;
  tableOut: Int32Array;
  segLive: Uint8Array;
  segDiscarded: Uint8Array;
  /** Virtual address of each live segment after layout. */
  segVA: Float64Array;
  /** Output segment of each live segment. */
  segOut: Int32Array;
  /** Input type index → output type index. */
  typeMap: Int32Array;
  /** Input type index → link-wide type id (LinkContext.typeId), to compare signatures as numbers. */
  typeIds: Int32Array;
  codeRelocs: RelocSet | null;
  /** codeRelocs index range of each defined function: [funcRelocStart[i], funcRelocStart[i+1]). */
  funcRelocStart: Uint32Array;
  dataRelocs: RelocSet | null;
  segRelocStart: Uint32Array;
  /** Relocations of custom sections by input section index. */
  customRelocs: Map<number, RelocSet>;
  /** Output offset of each retained custom section chunk within its merged output section. */
  customOutOffset: Map<number, number>;
  /** String segments merged into a shared chunk (see merge-strings.ts), by segment index (sparse). */
  segPieces: ({ pieces: StringPieces; chunk: number } | undefined)[];
  /** Merged custom sections (.debug_str), by input section index. */
  customPieces: Map<number, StringPieces>;
}

/**
 * What a link session (linker/api.ts) keeps between links: file contents (re-read only when their
 * mtime or size changes) and parsed objects and archives, keyed by those bytes. Parsed inputs are
 * never modified by a link, so sharing them is safe.
 */
/** A file as a session saw it when it read it: a change of either means the file changed. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

export interface InputCache {
  files: Map<string, FileStamp & { bytes: Uint8Array }>;
  /**
   * The files the last full link read besides its command-line inputs (thin archive members,
   * `.imports` files), as they were: a session relinks in full when one of them changed.
   */
  watched: Map<string, FileStamp>;
  objects: WeakMap<Uint8Array, ObjectFile>;
  /** Parsed archives by their bytes, with the thin members each read (a changed member means a new parse). */
  archives: WeakMap<Uint8Array, { archive: Archive; members: Map<string, FileStamp> }>;
  /** Units parsed from .wat files. */
  units: WeakMap<Uint8Array, Unit>;
}

export interface ArchiveInput {
  path: string;
  archive: Archive;
  extracted: Uint8Array; // per member
}

/** A function the linker writes itself (ctors caller, stubs, command-export wrappers). */
export interface SyntheticFunction {
  name: string;
  type: FuncType;
  sym: SymId;
  live: boolean;
  outIndex: number;
  /** Body bytes (locals + code + end), filled once indexes are known. */
  body: Uint8Array | null;
  /** Export name for command-export wrappers. */
  exportName: string | null;
  /** For command-export wrappers: the function wrapped; otherwise -1. */
  wraps: SymId;
}

export interface SyntheticGlobal {
  name: string;
  valType: number;
  mutable: boolean;
  sym: SymId;
  live: boolean;
  outIndex: number;
  value: number; // i32 init value, set by layout
}

/** A stub library (formats/stub-library.ts): its symbols in the order wasm-ld 19 visits them, and by name. */
export interface StubLibrary {
  name: string;
  entries: StubEntry[];
  byName: Map<string, StubEntry>;
}

/** A symbol the linker defines before it reads any input: its kind and, for a global, its type. */
export interface InternalDefinition {
  kind: number;
  valType: number;
  mutable: boolean;
}

export class LinkContext {
  syms = new Symbols();
  /** Link-wide ids of function types, by key (see typeId). */
  private typeIds = new Map<string, number>();
  files: ObjFile[] = [];
  /** File ids in the order wasm-ld lists them (a file follows the members it pulled in). */
  fileOrder: number[] = [];
  archives: ArchiveInput[] = [];
  /** The MIR store shared by every compiler unit of the link (null when there are none). */
  mir: Mir | null = null;
  /** Id of the constant-pool input of the compiler units, or -1. */
  constPool = -1;
  synthFuncs: SyntheticFunction[] = [];
  synthGlobals: SyntheticGlobal[] = [];
  /** Comdat name → id of the file that owns it. */
  comdats = new Map<string, number>();
  /** SymId of the indirect function table (synthetic or imported), or -1. */
  indirectTable: SymId = -1;
  /** An input (an MVP object) calls through the indirect table without a table symbol: it must be table 0. */
  legacyFunctionTable = false;
  /**
   * Function definitions that lost to another object's (a weak one, or a weak one replaced by a
   * strong one): their objects' references go to the winner, or to a stub if its signature differs
   * (signatures.ts).
   */
  lostDefinitions: { file: ObjFile; local: number }[] = [];
  stackPointer: SymId = -1;
  callCtors: SymId = -1;
  callDtors: SymId = -1;
  initMemory: SymId = -1;
  /** `__tls_base` (core/synthetic.ts: mutable with --shared-memory, else immutable), or -1. */
  tlsBase: SymId = -1;
  /** --shared-memory: `__wasm_init_tls` (core/synthetic.ts), or -1. */
  initTls: SymId = -1;
  /** --shared-memory: `__wasm_apply_global_tls_relocs` (layout/memory.ts), or -1. */
  applyGlobalTlsRelocs: SymId = -1;
  /** --shared-memory with relocated thread-local data: `__wasm_apply_tls_relocs` (layout/memory.ts), or -1. */
  applyTlsRelocs: SymId = -1;
  /** The symbols wasm-ld defines before it reads any input (core/synthetic.ts, reserveSyntheticSymbols), with a global's type. */
  internalDefinitions = new Map<SymId, InternalDefinition>();
  /** -pie/-shared: the imported `__memory_base` and `__table_base` globals (core/synthetic.ts), or -1. */
  memoryBase: SymId = -1;
  tableBase: SymId = -1;
  /** -pie/-shared: `__wasm_apply_data_relocs` and `__wasm_apply_global_relocs` (layout/pic.ts), or -1. */
  applyDataRelocs: SymId = -1;
  applyGlobalRelocs: SymId = -1;
  /** `__wasm_start`, the start function when both __wasm_init_memory and __wasm_apply_global_relocs exist, or -1. */
  wasmStart: SymId = -1;
  /** Shared libraries read as inputs, by their names as given (dylink.0's NEEDED, resolve/shared-library.ts). */
  sharedLibraries: string[] = [];
  /** Symbols a shared library defines (undefined in the arena until an object defines them): the library and, for functions, the signature. */
  sharedSymbols = new Map<SymId, { library: number; type: FuncType | null; referencedBefore: boolean }>();
  /** Stub libraries read as inputs (resolve/stub-library.ts), their symbols in wasm-ld 19's map order. */
  stubLibraries: StubLibrary[] = [];
  /** --time-trace: the events of this link (null without the option). */
  trace: TimeTrace | null = null;
  /** -y/--trace-symbol names (null: none): resolution reports what happens to them (see traceSymbol). */
  traced: Set<string> | null = null;
  /** Symbols listed in the `.imports` files beside archives (wasm-ld's allow list, with --allow-undefined-file's). */
  archiveImports: Set<string> | null = null;
  /** --why-extract: (reference, extracted file, symbol) per archive member pulled in, in wasm-ld's order. */
  whyExtract: [string, string, string][] | null = null;

  /** `host` reads the inputs (`options.host`, which the entry that parsed the command line set). */
  constructor(readonly options: LinkOptions, readonly diag: Diagnostics, readonly cache: InputCache | null, readonly host: Host) {}

  /** `a.o` / `libc.a(x.o)` / `<internal>` for diagnostics. */
  fileName(file: number): string {
    return file >= 0 ? this.files[file].name : '<internal>';
  }

  /** The link-wide id of function type `t`: equal ids, equal signatures. */
  typeId(t: FuncType): number {
    let id = this.typeIds.get(t.key);
    if (id === undefined) this.typeIds.set(t.key, (id = this.typeIds.size));
    return id;
  }
}
