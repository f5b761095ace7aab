// The configuration of one link, named after wasm-ld's options. The CLI fills it from argv; the
// programmatic API fills it directly.

import type { Unit } from '../../codegen/unit';
import type { Host } from './host';

/** --build-id's style: a hash of the output (fast: xxh3, sha1, or a random uuid), or given bytes. */
export type BuildId = { kind: 'fast' | 'sha1' | 'uuid' } | { kind: 'hex'; bytes: Uint8Array };

/** 'warn': report-all with --warn-unresolved-symbols (warnings, then as ignore-all). */
export type UnresolvedPolicy = 'report-all' | 'warn' | 'ignore-all' | 'import-dynamic';

/** One input in command-line order. Paths are resolved (`-l` already searched) by the CLI. */
export type InputSpec =
  | { kind: 'file'; path: string; wholeArchive: boolean; lib: boolean /* inside --start-lib/--end-lib */ }
  | { kind: 'bytes'; name: string; bytes: Uint8Array; wholeArchive: boolean; lib: boolean }
  /** A compiler unit in memory (codegen/): linked like an object given on the command line. */
  | { kind: 'unit'; name: string; unit: Unit; wholeArchive: false; lib: false };

/** Told of each input file as the link reads it, then once when all are read (the command's --reproduce). */
export interface InputLog {
  read(path: string, bytes: Uint8Array): void;
  allRead(): void;
}

export interface LinkOptions {
  output: string;
  entry: string | null; // null with --no-entry
  entryExplicit: boolean; // --entry given: its absence is an error even when not default
  exports: string[]; // --export
  exportsIfDefined: string[]; // --export-if-defined
  exportAll: boolean;
  exportDynamic: boolean;
  exportTable: boolean;
  exportMemory: string | null; // name, or null when not exported
  importMemory: { module: string; name: string } | null;
  importTable: boolean;
  growableTable: boolean;
  undefinedSymbols: string[]; // -u / --undefined
  allowUndefinedSymbols: Set<string>; // --allow-undefined-file
  importUndefined: boolean;
  unresolvedSymbols: UnresolvedPolicy;
  wrap: string[];
  gcSections: boolean;
  printGcSections: boolean;
  /** --build-id[=fast|sha1|tree|uuid|0xHEX|none]: a build_id section (build-id.ts); null: none. */
  buildId: BuildId | null;
  /** --why-extract=FILE ('-': stdout): why each archive member was pulled in. */
  whyExtract: string | null;
  /** -y/--trace-symbol names. */
  traceSymbols: string[];
  /** -t/--trace: each object's name as it is read (wasm-ld's order: before its symbols). */
  trace: boolean;
  /** --Map=FILE: the link map (map-file.ts); -M/--print-map: to stdout. */
  mapFile: string | null;
  printMap: boolean;
  relocatable: boolean; // -r
  /** -pie: a position-independent executable (dylink.0, data at __memory_base, table slots at __table_base). */
  pie: boolean;
  /** -shared: a side module (as -pie, plus an imported memory and --export-dynamic by default). */
  shared: boolean;
  /** --experimental-pic: without it, -pie and -shared warn that they are not yet stable (wasm-ld 19-21). */
  experimentalPic: boolean;
  /** --soname: the module name of the name section (null: the output file's name). */
  soname: string | null;
  /** --rpath (wasm-ld 21): the directories dylink.0's RUNTIME_PATH lists, in order (position-independent output only). */
  rpath: string[];
  /** -Bsymbolic: a shared library binds its own definitions itself (no GOT imports for them). */
  bsymbolic: boolean;
  /** False with --no-shlib-sigcheck: a direct call may use another signature than a shared library's function. */
  shlibSigCheck: boolean;
  emitRelocs: boolean;
  stripDebug: boolean;
  stripAll: boolean;
  keepSections: string[];
  globalBase: number | null;
  tableBase: number; // default 1
  stackFirst: boolean;
  stackSize: number; // -z stack-size, default 65536
  initialMemory: number | null;
  maxMemory: number | null;
  initialHeap: number;
  growableMemory: boolean;
  sharedMemory: boolean;
  mergeDataSegments: boolean;
  optLevel: number; // -O
  demangle: boolean;
  checkFeatures: boolean;
  features: string[] | null; // --features=
  extraFeatures: string[];
  allowMultipleDefinition: boolean;
  errorLimit: number;
  fatalWarnings: boolean;
  verbose: boolean;
  /** --time-trace[=FILE]: null without it, '' to write OUTPUT.time-trace, '-' for standard output. */
  timeTrace: string | null;
  /** --time-trace-granularity=N: the shortest event recorded, in microseconds. */
  timeTraceGranularity: number;
  wasm64: boolean; // -m wasm64
  /** -m as given (null without it): wasm-ld refuses a wasm64 object only when -m was not given at all. */
  target: 'wasm32' | 'wasm64' | null;
  inputs: InputSpec[];
  /** Null unless something records what is read (linker/cli/reproduce.ts). */
  inputLog: InputLog | null;
  /** Where inputs are read (core/host.ts); parsing a command line sets it; a link without one is refused. */
  host: Host | null;
}

/** wasm-ld's defaults; inputs are read through `host` (parsing a command line sets it). */
export function defaultOptions(host: Host | null = null): LinkOptions {
  return {
    output: 'a.out',
    entry: '_start',
    entryExplicit: false,
    exports: [],
    exportsIfDefined: [],
    exportAll: false,
    exportDynamic: false,
    exportTable: false,
    exportMemory: 'memory',
    importMemory: null,
    importTable: false,
    growableTable: false,
    undefinedSymbols: [],
    allowUndefinedSymbols: new Set(),
    importUndefined: false,
    unresolvedSymbols: 'report-all',
    wrap: [],
    gcSections: true,
    printGcSections: false,
    buildId: null,
    whyExtract: null,
    traceSymbols: [],
    trace: false,
    mapFile: null,
    printMap: false,
    relocatable: false,
    pie: false,
    shared: false,
    experimentalPic: false,
    soname: null,
    rpath: [],
    bsymbolic: false,
    shlibSigCheck: true,
    emitRelocs: false,
    stripDebug: false,
    stripAll: false,
    keepSections: [],
    globalBase: null,
    tableBase: 1,
    stackFirst: false,
    stackSize: 65536,
    initialMemory: null,
    maxMemory: null,
    initialHeap: 0,
    growableMemory: true,
    sharedMemory: false,
    mergeDataSegments: true,
    optLevel: 1,
    demangle: true,
    checkFeatures: true,
    features: null,
    extraFeatures: [],
    allowMultipleDefinition: false,
    errorLimit: 20,
    fatalWarnings: false,
    verbose: false,
    timeTrace: null,
    timeTraceGranularity: 500,
    wasm64: false,
    target: null,
    inputs: [],
    inputLog: null,
    host,
  };
}

/** -pie or -shared: position-independent output, as wasm-ld's ctx.isPic. */
export function isPic(o: LinkOptions): boolean {
  return o.pie || o.shared;
}

/**
 * -pie, -shared or --unresolved-symbols=import-dynamic: undefined symbols may be resolved by a loader,
 * so the output has dylink.0 and `__wasm_apply_data_relocs` (wasm-ld's `ctx.isPic ||
 * config->unresolvedSymbols == ImportDynamic`).
 */
export function hasDynamicImports(o: LinkOptions): boolean {
  return isPic(o) || o.unresolvedSymbols === 'import-dynamic';
}

/** wasm-ld's args::getLines (symbol list files): trimmed lines, skipping empty ones and ones starting with '#'. */
export function symbolLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
