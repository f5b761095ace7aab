// wasm-ld's option table (lld/wasm/Options.td of LLVM 21), the one table the command line is
// parsed by (argv.ts), turned into LinkOptions by (parse.ts) and described by (help.ts).
// Each option has a kind (Flag, Joined, Separate, JoinedOrSeparate, CommaJoined), the prefixes it
// accepts, and whether wlink supports it, ignores it, or rejects it as not supported yet.
import { defaultOptions } from '../core/options';

export const LLD_COMPAT_VERSION = 21;


export type Prefix = '-' | '--';
export type Kind = 'flag' | 'joined' | 'separate' | 'joinedOrSeparate' | 'commaJoined';

/** One way of writing an option (one `def` in Options.td). */
export interface Spelling {
  prefixes: readonly Prefix[];
  name: string;
  kind: Kind;
  /** For flags: the value stored in the option's id (`--no-gc-sections` stores "false"). */
  value?: string;
  /** Spellings without help text are accepted but not listed by --help (as in wasm-ld). */
  help?: string;
  metavar?: string;
}

/**
 * - boolean/string/number/array: a value collected under `id` (boolean, string and number: the
 *   last occurrence wins; array: every occurrence, in order).
 * - ordered: kept by the pre-pass as an event in argv order (-l, --whole-archive, --start-lib).
 */
export type ValueType = 'boolean' | 'string' | 'number' | 'array' | 'ordered';

/**
 * - yes: implemented.
 * - ignored: accepted and validated, but has no effect (only coloring and thread count).
 * - no: wasm-ld has it, wlink does not: `option not supported yet: ...`.
 */
export type Support = 'yes' | 'ignored' | 'no';

export interface OptionDef {
  id: string;
  type: ValueType;
  support: Support;
  /** The value when the option is absent; taken from defaultOptions() so there is one source of default values. */
  default?: boolean | number;
  spellings: Spelling[];
}

const BOTH: readonly Prefix[] = ['--', '-'];
const TWO: readonly Prefix[] = ['--'];
const ONE: readonly Prefix[] = ['-'];

const flag = (prefixes: readonly Prefix[], name: string, help?: string, value = 'true'): Spelling => ({
  prefixes, name, kind: 'flag', value, help,
});
const joined = (prefixes: readonly Prefix[], name: string, help?: string, metavar?: string): Spelling => ({
  prefixes, name, kind: 'joined', help, metavar,
});
const separate = (prefixes: readonly Prefix[], name: string, help?: string, metavar?: string): Spelling => ({
  prefixes, name, kind: 'separate', help, metavar,
});
const commaJoined = (prefixes: readonly Prefix[], name: string, help?: string): Spelling => ({
  prefixes, name, kind: 'commaJoined', help,
});
/** One-letter options: `-x VALUE` or `-xVALUE`. */
const short = (name: string, help?: string, metavar?: string): Spelling => ({
  prefixes: ONE, name, kind: 'joinedOrSeparate', help, metavar,
});

// The classes and multiclasses of Options.td.
const F = (name: string, help?: string) => flag(BOTH, name, help);
const FF = (name: string, help?: string) => flag(TWO, name, help);
const J = (name: string, help?: string, metavar?: string) => joined(BOTH, name, help, metavar);
const JJ = (name: string, help?: string, metavar?: string) => joined(TWO, name, help, metavar);
const Eq = (name: string, help?: string, metavar?: string) => [separate(BOTH, name), joined(BOTH, `${name}=`, help, metavar)];
const EEq = (name: string, help?: string, metavar?: string) => [separate(TWO, name), joined(TWO, `${name}=`, help, metavar)];
const B = (name: string, help: string, noHelp: string) => [flag(BOTH, name, help, 'true'), flag(BOTH, `no-${name}`, noHelp, 'false')];
const BB = (name: string, help: string, noHelp: string) => [flag(TWO, name, help, 'true'), flag(TWO, `no-${name}`, noHelp, 'false')];

const d = defaultOptions();

const supported = (id: string, type: ValueType, spellings: Spelling[], dflt?: boolean | number): OptionDef => ({
  id, type, support: 'yes', spellings, default: dflt,
});
const ignored = (id: string, type: ValueType, spellings: Spelling[]): OptionDef => ({
  id, type, support: 'ignored', spellings,
});
const unsupported = (id: string, ...spellings: (Spelling | Spelling[])[]): OptionDef => ({
  id, type: 'string', support: 'no', spellings: spellings.flat(),
});

/** Every option of wasm-ld 21 (lld/wasm/Options.td), plus --time-trace (wlink's own). */
export const OPTIONS: readonly OptionDef[] = [
  // Inputs and libraries, in argv order.
  supported('library', 'ordered', [
    short('l', 'Root name of library to use', '<libName>'),
    separate(BOTH, 'library'),
    joined(BOTH, 'library='),
  ]),
  supported('library-path', 'array', [
    short('L', 'Add a directory to the library search path', '<dir>'),
    separate(BOTH, 'library-path'),
    joined(BOTH, 'library-path='),
  ]),
  supported('whole-archive', 'ordered', B('whole-archive',
    'Force load of all members in a static library',
    'Do not force load of all members in a static library (default)')),
  supported('start-lib', 'ordered', [F('start-lib',
    'Start a grouping of objects that should be treated as if they were together in an archive')]),
  supported('end-lib', 'ordered', [F('end-lib',
    'End a grouping of objects that should be treated as if they were together in an archive')]),
  // -Bstatic/-Bdynamic apply to the -l options after them (the default: -Bdynamic with -pie or -shared).
  supported('Bstatic', 'ordered', [
    F('Bstatic', 'Do not link against shared libraries (default)'),
    F('dn', 'Alias for --Bstatic'), F('non_shared', 'Alias for --Bstatic'), F('static', 'Alias for --Bstatic'),
    flag(BOTH, 'Bdynamic', 'Link against shared libraries (default with -pie or -shared)', 'false'),
    flag(BOTH, 'call_shared', 'Alias for --Bdynamic', 'false'), flag(BOTH, 'dy', 'Alias for --Bdynamic', 'false'),
  ]),

  // Output.
  supported('output', 'string', [short('o', 'Path to file to write output', '<path>')]),
  supported('target', 'string', [short('m', 'Set target emulation: wasm32 or wasm64')]),
  supported('relocatable', 'boolean', [F('relocatable', 'Create relocatable object file'), flag(ONE, 'r')]),
  supported('emit-relocs', 'boolean', [F('emit-relocs', 'Generate relocations in output')]),
  supported('strip-all', 'boolean', [F('strip-all', 'Strip all symbols'), flag(ONE, 's', 'Alias for --strip-all')]),
  supported('strip-debug', 'boolean', [F('strip-debug', 'Strip debugging information'), flag(ONE, 'S', 'Alias for --strip-debug')]),
  supported('compress-relocations', 'boolean', [F('compress-relocations',
    'Compress the relocation targets in the code section (wlink always does when no debug info is kept)')]),
  supported('keep-section', 'array', Eq('keep-section',
    'Preserve a section even when --strip-all is given. Can be specified multiple times to keep multiple sections')),
  supported('opt-level', 'number', [short('O', 'Optimize output file size')], d.optLevel),
  supported('pie', 'boolean', [F('pie', 'Create a position independent executable'),
    flag(BOTH, 'no-pie', 'Do not create a position independent executable (default)', 'false')]),
  supported('shared', 'boolean', [F('shared', 'Build a shared object')]),
  supported('experimental-pic', 'boolean', [FF('experimental-pic', 'Enable Experimental PIC')]),
  supported('soname', 'string', Eq('soname', 'Set the module name in the generated name section')),
  supported('rpath', 'array', Eq('rpath', 'Add a DT_RUNPATH to the output')),
  supported('Bsymbolic', 'boolean', [F('Bsymbolic', 'Bind defined symbols locally')]),
  supported('no-shlib-sigcheck', 'boolean', [FF('no-shlib-sigcheck',
    'Do not check signatures of functions defined in shared libraries.')]),

  // Entry point and exports.
  supported('entry', 'string', [
    separate(BOTH, 'entry', 'Name of entry point symbol', '<entry>'),
    joined(BOTH, 'entry='),
    short('e'),
    // --no-entry is `--entry=` (an empty entry name means none, in wasm-ld too): the last wins.
    flag(TWO, 'no-entry', 'Do not output any entry point', ''),
  ]),
  supported('export', 'array', Eq('export', 'Force a symbol to be exported')),
  supported('export-if-defined', 'array', Eq('export-if-defined',
    'Force a symbol to be exported, if it is defined in the input')),
  supported('export-all', 'boolean', [FF('export-all', 'Export all symbols (normally combined with --no-gc-sections)')], d.exportAll),
  supported('export-dynamic', 'boolean', [
    ...B('export-dynamic', 'Put symbols in the dynamic symbol table',
      'Do not put symbols in the dynamic symbol table (default)'),
    flag(ONE, 'E', 'Alias for --export-dynamic'),
  ]), // default: on with -shared (parse.ts)
  supported('export-table', 'boolean', [FF('export-table', 'Export function table to the environment')], d.exportTable),
  supported('export-memory', 'boolean', [FF('export-memory', 'Export the module\'s memory with the default name of "memory"')]),
  supported('export-memory-name', 'string', [JJ('export-memory=', 'Export the module\'s memory with the passed name')]),
  supported('import-memory', 'boolean', [FF('import-memory',
    'Import the module\'s memory from the default module of "env" with the name "memory".')]),
  supported('import-memory-name', 'string', [JJ('import-memory=',
    'Import the module\'s memory from the passed module with the passed name.', '<module>,<name>')]),
  supported('import-table', 'boolean', [FF('import-table', 'Import function table from the environment')], d.importTable),
  supported('growable-table', 'boolean', [FF('growable-table',
    'Remove maximum size from function table, allowing table to grow')], d.growableTable),

  // Symbols.
  supported('undefined', 'array', [...Eq('undefined', 'Force undefined symbol during linking'), short('u')]),
  supported('allow-undefined', 'boolean', [F('allow-undefined',
    'Allow undefined symbols in linked binary. This options is equivalent to --import-undefined and --unresolved-symbols=ignore-all')]),
  supported('allow-undefined-file', 'string', [
    J('allow-undefined-file=', 'Allow symbols listed in <file> to be undefined in linked binary'),
    separate(ONE, 'allow-undefined-file'),
  ]),
  supported('import-undefined', 'boolean', [F('import-undefined', 'Turn undefined symbols into imports where possible')]),
  supported('unresolved-symbols', 'string', Eq('unresolved-symbols',
    'Determine how to handle unresolved symbols: report-all, ignore-all or import-dynamic')),
  supported('error-unresolved-symbols', 'boolean', [F('error-unresolved-symbols',
    'Report unresolved symbols as errors (default)'), flag(BOTH, 'warn-unresolved-symbols', 'Report unresolved symbols as warnings', 'false')]),
  supported('wrap', 'array', Eq('wrap', 'Use wrapper functions for symbol', '<symbol>')),
  supported('allow-multiple-definition', 'boolean', B('allow-multiple-definition',
    'Allow multiple definitions', 'Do not allow multiple definitions (default)')),
  supported('demangle', 'boolean', B('demangle', 'Demangle symbol names (default)', 'Do not demangle symbol names'), d.demangle),

  // Sections and segments.
  supported('gc-sections', 'boolean', B('gc-sections',
    'Enable garbage collection of unused sections (default)', 'Disable garbage collection of unused sections')),
  supported('print-gc-sections', 'boolean', B('print-gc-sections',
    'List removed unused sections', 'Do not list removed unused sections (default)'), d.printGcSections),
  // One option, two spellings: the last of --build-id and --build-id=STYLE wins, as in wasm-ld.
  supported('build-id-style', 'string', [flag(BOTH, 'build-id', 'Generate a build id (fast)', 'fast'),
    J('build-id=', 'Generate a build id: fast, sha1, tree, uuid, 0x<hex>, none', '<style>')]),
  supported('Map', 'string', Eq('Map', 'Print a link map to the specified file', '<file>')),
  supported('print-map', 'boolean', [F('print-map', 'Print a link map to the standard output'), flag(ONE, 'M')]),
  supported('trace', 'boolean', [F('trace', 'Print the name of each input file as it is read'), flag(ONE, 't')]),
  supported('trace-symbol', 'array', [...Eq('trace-symbol', 'Trace references to symbols'), short('y')]),
  supported('why-extract', 'string', [JJ('why-extract=', 'Print to a file about why archive members are extracted', '<file>')]),
  supported('merge-data-segments', 'boolean', BB('merge-data-segments',
    'Enable merging data segments (default)', 'Disable merging data segments')),

  // Memory and table layout.
  supported('global-base', 'number', [JJ('global-base=', 'Memory offset at which to place global data (Defaults to 1024)')]),
  supported('table-base', 'number', [JJ('table-base=', 'Table offset at which to place address taken functions (Defaults to 1)')]),
  supported('stack-first', 'boolean', [FF('stack-first', 'Place stack at start of linear memory rather than after data')], d.stackFirst),
  supported('initial-memory', 'number', [
    JJ('initial-memory=', 'Initial size of the linear memory'),
    flag(ONE, 'i', undefined, ''), // a wasm-ld alias that can never carry a number
  ]),
  supported('max-memory', 'number', [JJ('max-memory=', 'Maximum size of the linear memory')]),
  supported('initial-heap', 'number', [JJ('initial-heap=', 'Initial size of the heap')], d.initialHeap),
  supported('no-growable-memory', 'boolean', [FF('no-growable-memory',
    'Set maximum size of the linear memory to its initial size')]),
  supported('shared-memory', 'boolean', [FF('shared-memory', 'Use shared linear memory')], d.sharedMemory),
  supported('z', 'array', [short('z', 'Linker option extensions: stack-size=<bytes>, muldefs', '<option>')]),

  // Features.
  supported('check-features', 'boolean', BB('check-features',
    'Check feature compatibility of linked objects (default)', 'Ignore feature compatibility of linked objects'), d.checkFeatures),
  supported('features', 'string', [commaJoined(BOTH, 'features=',
    'Comma-separated used features, inferred from input objects by default.')]),
  supported('extra-features', 'string', [commaJoined(BOTH, 'extra-features=',
    'Comma-separated list of features to add to the default set of features inferred from input objects.')]),

  // Diagnostics and driver.
  supported('error-limit', 'number', EEq('error-limit', 'Maximum number of errors to emit before stopping (0 = no limit)'), d.errorLimit),
  supported('fatal-warnings', 'boolean', B('fatal-warnings', 'Treat warnings as errors',
    'Do not treat warnings as errors (default)'), d.fatalWarnings),
  supported('verbose', 'boolean', [F('verbose', 'Verbose mode')], d.verbose),
  // ld.lld's time-trace options (wasm-ld has none): a Chrome trace of the link's stages and reads.
  supported('time-trace', 'string', [flag(TWO, 'time-trace', 'Record time trace to file next to output (wlink extension, as ld.lld)', ''),
    JJ('time-trace=', 'Record time trace to <file> (wlink extension, as ld.lld)', '<file>'), JJ('time-trace-file=')]),
  supported('time-trace-granularity', 'number', [JJ('time-trace-granularity=',
    'Minimum time granularity (in microseconds) traced by time profiler (wlink extension, as ld.lld)')], d.timeTraceGranularity),
  supported('reproduce', 'string', EEq('reproduce', 'Dump linker invocation and input files for debugging')),
  supported('rsp-quoting', 'string', Eq('rsp-quoting', 'Quoting style for response files', '[posix,windows]')),
  supported('show-help', 'boolean', [F('help', 'Print option help')]),
  supported('show-version-exit', 'boolean', [F('version', 'Display the version number and exit')]),
  supported('show-version', 'boolean', [
    flag(ONE, 'v', 'Display the version number (and link, if input files are given)'),
    flag(ONE, 'V', 'Alias for -v'),
  ]),
  ignored('color-diagnostics', 'string', [
    flag(BOTH, 'color-diagnostics', 'Accepted for compatibility; wlink does not color diagnostics', 'always'),
    flag(BOTH, 'no-color-diagnostics', 'Accepted for compatibility; wlink does not color diagnostics', 'never'),
    J('color-diagnostics=', 'Accepted for compatibility; wlink does not color diagnostics', '[auto,always,never]'),
  ]),
  ignored('threads', 'string', Eq('threads', 'Accepted for compatibility and ignored: wlink is single-threaded')),

  // wasm-ld options that wlink does not implement.
  unsupported('disable-verify', F('disable-verify')),
  unsupported('lto', JJ('lto-O'), JJ('lto-CGO'), JJ('lto-partitions='), JJ('lto-obj-path='), FF('lto-debug-pass-manager')),
  unsupported('thinlto', JJ('thinlto-cache-dir='), EEq('thinlto-cache-policy'), FF('thinlto-emit-imports-files'),
    FF('thinlto-emit-index-files'), FF('thinlto-index-only'), JJ('thinlto-index-only='), JJ('thinlto-jobs='),
    JJ('thinlto-object-suffix-replace='), JJ('thinlto-prefix-replace=')),
  unsupported('save-temps', F('save-temps')),
  unsupported('mllvm', Eq('mllvm')),
  unsupported('noinhibit-exec', F('noinhibit-exec')),
  unsupported('page-size', JJ('page-size=')),
];

