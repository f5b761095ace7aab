// The command line: wasm-ld's argv in, LinkOptions out.
//
// wasm-ld parses its argv with LLVM's OptTable, whose rules differ from getopt/yargs in ways that
// compiler drivers rely on:
//   - each option has a kind: Flag (`--gc-sections`), Joined (`--export=x`, `-lc`), Separate
//     (`--export x`), JoinedOrSeparate (`-o x` and `-ox`) or CommaJoined (`--features=a,b`);
//   - each option lists the prefixes it accepts: most long options take `--` or `-`, the newer
//     wasm-specific ones only `--`, and the one-letter ones only `-`;
//   - a token is matched against every `prefix+name` it starts with, longest first, and the first
//     option whose kind accepts the rest of the token wins. So `-export=x` is --export, and
//     `-export-all` is `-e xport-all` (as in wasm-ld: --export-all takes two dashes only);
//   - inputs, -l, --whole-archive and --start-lib take effect in argv order.
//
// The design: OPTIONS below is the one table (mirroring lld/wasm/Options.td for LLVM 21). A pre-pass
// (matchArgs) applies the OptTable rules with it; collect reports unknown/unsupported options, keeps
// the order-sensitive ones as events, and turns everything else into typed values by option id
// (repeatable options into arrays, the last of a scalar or flag pair wins, the table's defaults).
// buildOptions maps the values to LinkOptions with wasm-ld's rules for defaults that depend on other
// options. The --help text is generated from the table too.
//
// This is hand-written rather than done by a general parser (yargs) because it runs on every link:
// loading and running yargs cost ~20 ms of a ~100 ms hello-world link. Values are taken verbatim,
// as wasm-ld does (no quote stripping, no number guessing).

import nodeFs from 'node:fs';
import path from 'node:path';
import { Diagnostics, LinkError } from './diagnostics';
import { defaultOptions, InputSpec, LinkOptions } from './options';
import type { BuildId } from './build-id';

/** The file system the command line reads (response files, --allow-undefined-file, input checks). */
export interface CliFs {
  readFile(p: string): string;
  exists(p: string): boolean;
}

const defaultFs: CliFs = {
  readFile: (p) => nodeFs.readFileSync(p, 'utf8'),
  exists: (p) => nodeFs.existsSync(p),
};

export const LLD_COMPAT_VERSION = 21;

// ---------------------------------------------------------------------------------------------
// The option table
// ---------------------------------------------------------------------------------------------

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
  supported('Bstatic', 'boolean', [
    F('Bstatic', 'Do not link against shared libraries (default; wlink only links statically)'),
    F('dn', 'Alias for --Bstatic'), F('non_shared', 'Alias for --Bstatic'), F('static', 'Alias for --Bstatic'),
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
  supported('no-pie', 'boolean', [F('no-pie', 'Do not create a position independent executable (default; the only kind wlink makes)')]),

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
  ], d.exportDynamic),
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
  supported('build-id', 'boolean', [F('build-id', 'Generate a build id (fast)')]),
  supported('build-id-style', 'string', [J('build-id=', 'Generate a build id: fast, sha1, tree, uuid, 0x<hex>, none', '<style>')]),
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
  supported('time-trace', 'boolean', [FF('time-trace', 'Record time spent in each link stage (wlink extension)')], d.timeTrace),
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
  unsupported('Bsymbolic', F('Bsymbolic', 'Bind defined symbols locally')),
  unsupported('Bdynamic', F('Bdynamic', 'Link against shared libraries'), F('call_shared'), F('dy')),
  unsupported('disable-verify', F('disable-verify')),
  unsupported('experimental-pic', FF('experimental-pic')),
  unsupported('lto', JJ('lto-O'), JJ('lto-CGO'), JJ('lto-partitions='), JJ('lto-obj-path='), FF('lto-debug-pass-manager')),
  unsupported('thinlto', JJ('thinlto-cache-dir='), EEq('thinlto-cache-policy'), FF('thinlto-emit-imports-files'),
    FF('thinlto-emit-index-files'), FF('thinlto-index-only'), JJ('thinlto-index-only='), JJ('thinlto-jobs='),
    JJ('thinlto-object-suffix-replace='), JJ('thinlto-prefix-replace=')),
  unsupported('save-temps', F('save-temps')),
  unsupported('mllvm', Eq('mllvm')),
  unsupported('noinhibit-exec', F('noinhibit-exec')),
  unsupported('page-size', JJ('page-size=')),
  unsupported('pie', F('pie')),
  unsupported('shared', F('shared')),
  unsupported('soname', Eq('soname')),
  unsupported('rpath', Eq('rpath')),
  unsupported('no-shlib-sigcheck', FF('no-shlib-sigcheck')),
  unsupported('reproduce', EEq('reproduce')),
  unsupported('time-trace-file', JJ('time-trace-file=')),
];

// ---------------------------------------------------------------------------------------------
// Pre-pass: OptTable matching
// ---------------------------------------------------------------------------------------------

/** One argv token (or a Separate option with its value token) after matching. */
export type MatchedArg =
  | { kind: 'input'; value: string }
  | { kind: 'option'; def: OptionDef; spelling: string /* prefix+name, e.g. "--export=" */; token: string; value: string }
  | { kind: 'unknown'; token: string }
  | { kind: 'missing'; token: string }; // a Separate option at the end of argv

interface Candidate {
  text: string; // prefix + name
  spelling: Spelling;
  def: OptionDef;
}

/** Every `prefix+name`, longest first: OptTable tries the longest match first. */
const CANDIDATES: readonly Candidate[] = OPTIONS.flatMap((def) =>
  def.spellings.flatMap((spelling) => spelling.prefixes.map((p) => ({ text: p + spelling.name, spelling, def }))),
).sort((a, b) => b.text.length - a.text.length);

export function matchArgs(argv: readonly string[]): MatchedArg[] {
  const out: MatchedArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-') || token === '-') {
      out.push({ kind: 'input', value: token });
      continue;
    }
    let matched: MatchedArg | null = null;
    for (const c of CANDIDATES) {
      if (!token.startsWith(c.text)) continue;
      const rest = token.slice(c.text.length);
      const option = (value: string): MatchedArg => ({ kind: 'option', def: c.def, spelling: c.text, token, value });
      const { kind } = c.spelling;
      if (kind === 'flag') {
        if (rest !== '') continue; // `-s` does not match `-stack-first`
        matched = option(c.spelling.value ?? 'true');
      } else if (kind === 'joined' || kind === 'commaJoined' || (kind === 'joinedOrSeparate' && rest !== '')) {
        matched = option(rest);
      } else {
        if (rest !== '') continue; // Separate: the name must be the whole token
        matched = i + 1 < argv.length ? option(argv[++i]) : { kind: 'missing', token };
      }
      break;
    }
    out.push(matched ?? { kind: 'unknown', token });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Response files
// ---------------------------------------------------------------------------------------------

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** LLVM's cl::TokenizeGNUCommandLine: quotes (' and "), backslash escapes outside and inside quotes. */
export function tokenizePosix(src: string): string[] {
  const out: string[] = [];
  let token = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (token === '' && isSpace(c)) continue;
    if (c === '\\' && i + 1 < src.length) {
      token += src[++i];
    } else if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c; i++) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        token += src[i];
      }
    } else if (isSpace(c)) {
      out.push(token);
      token = '';
    } else {
      token += c;
    }
  }
  if (token !== '') out.push(token);
  return out;
}

/**
 * Windows (MSVC CRT) rules: double quotes group, `""` inside quotes is a literal quote; 2n
 * backslashes before a quote are n backslashes and the quote is special, 2n+1 are n and a literal
 * quote; other backslashes are literal.
 */
export function tokenizeWindows(src: string): string[] {
  const out: string[] = [];
  let token = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (!quoted && isSpace(c)) {
      if (started) out.push(token);
      token = '';
      started = false;
      continue;
    }
    started = true;
    if (c === '\\') {
      let n = 0;
      while (src[i] === '\\') { n++; i++; }
      if (src[i] === '"') {
        token += '\\'.repeat(n >> 1);
        if (n % 2 === 1) token += '"';
        else i--; // let the quote be handled as a quote
      } else {
        token += '\\'.repeat(n);
        i--;
      }
    } else if (c === '"') {
      if (quoted && src[i + 1] === '"') {
        token += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else {
      token += c;
    }
  }
  if (started) out.push(token);
  return out;
}

export type RspQuoting = 'posix' | 'windows';

/**
 * Replaces every `@file` token by the tokens of the file, recursively (nested names are relative
 * to the working directory, as in wasm-ld). An `@file` that does not exist stays as it is, so it
 * is later reported as a missing input, like wasm-ld does.
 */
export function expandResponseFiles(argv: readonly string[], quoting: RspQuoting, fs: CliFs, diag: Diagnostics): string[] {
  const tokenize = quoting === 'windows' ? tokenizeWindows : tokenizePosix;
  const out: string[] = [];
  const expand = (args: readonly string[], open: readonly string[]) => {
    for (const arg of args) {
      const file = arg.slice(1);
      if (!arg.startsWith('@') || !fs.exists(file)) {
        out.push(arg);
        continue;
      }
      const key = path.resolve(file);
      if (open.includes(key)) {
        diag.error(`recursive expansion of: '${file}'`);
        continue;
      }
      let text: string;
      try {
        text = fs.readFile(file);
      } catch (e) {
        diag.error(`cannot open ${file}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      expand(tokenize(text.replace(/^\uFEFF/, '')), [...open, key]);
    }
  };
  expand(argv, []);
  return out;
}

/** wasm-ld reads --rsp-quoting from argv before expanding response files, so one inside a file has no effect on expansion. */
function responseFileQuoting(argv: readonly string[]): RspQuoting {
  const last = matchArgs(argv).filter(isOption('rsp-quoting')).pop();
  if (last) return last.value === 'windows' ? 'windows' : 'posix';
  return process.platform === 'win32' ? 'windows' : 'posix';
}

// ---------------------------------------------------------------------------------------------
// Values: argv-ordered events, and the other options by id
// ---------------------------------------------------------------------------------------------

type OrderedEvent =
  | { kind: 'file'; path: string }
  | { kind: 'library'; name: string }
  | { kind: 'whole-archive'; on: boolean }
  | { kind: 'start-lib' }
  | { kind: 'end-lib' };

type OptionMatch = Extract<MatchedArg, { kind: 'option' }>;
const isOption = (id: string) => (a: MatchedArg): a is OptionMatch => a.kind === 'option' && a.def.id === id;

/** Decimal or 0x hexadecimal, non-negative, exactly representable. */
export function parseNumber(s: string): number | null {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Option values by id: the last occurrence of a scalar, every occurrence of an array (in order). */
type Values = Record<string, boolean | number | string | string[] | undefined>;

/** A matched option's value, typed by the table (numbers were validated by the caller). */
function typedValue(def: OptionDef, value: string): boolean | number | string {
  if (def.type === 'boolean') return value === 'true';
  if (def.type === 'number') return parseNumber(value) as number;
  return value;
}

/**
 * The pre-pass: reports what cannot be parsed, keeps argv-ordered options as events, and collects
 * the rest by id (scalars: the last occurrence wins; arrays: every occurrence), then fills in the
 * table's defaults.
 */
function collect(args: readonly MatchedArg[], diag: Diagnostics): { values: Values; events: OrderedEvent[] } {
  const events: OrderedEvent[] = [];
  const values: Values = {};
  for (const arg of args) {
    if (arg.kind === 'input') {
      events.push({ kind: 'file', path: arg.value });
    } else if (arg.kind === 'unknown') {
      diag.error(`unknown argument: ${arg.token}`);
    } else if (arg.kind === 'missing') {
      diag.error(`${arg.token}: missing argument`);
    } else if (arg.def.support === 'no') {
      diag.error(`option not supported yet: ${arg.spelling.replace(/=$/, '')}`);
    } else if (arg.def.type === 'ordered') {
      const id = arg.def.id;
      if (id === 'library') events.push({ kind: 'library', name: arg.value });
      else if (id === 'whole-archive') events.push({ kind: 'whole-archive', on: arg.value === 'true' });
      else if (id === 'start-lib' || id === 'end-lib') events.push({ kind: id });
    } else if (arg.def.type === 'number' && parseNumber(arg.value) === null) {
      diag.error(`${arg.token}: number expected, but got '${arg.value}'`);
    } else if (arg.def.type === 'array') {
      const list = values[arg.def.id];
      if (Array.isArray(list)) list.push(arg.value);
      else values[arg.def.id] = [arg.value];
    } else {
      values[arg.def.id] = typedValue(arg.def, arg.value);
    }
  }
  for (const def of OPTIONS) {
    if (def.default !== undefined && values[def.id] === undefined) values[def.id] = def.default;
  }
  return { values, events };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
}

/** wasm-ld's args::getLines: trimmed lines, skipping empty ones and ones starting with '#'. */
function symbolLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

function buildOptions(values: Values, diag: Diagnostics): LinkOptions {
  const str = (id: string) => values[id] as string | undefined;
  const num = (id: string) => values[id] as number | undefined;
  const bool = (id: string) => values[id] === true;
  /** A --X/--no-X pair, unset: `dflt`. */
  const pair = (id: string, dflt: boolean) => (values[id] === undefined ? dflt : bool(id));
  /** For options where wasm-ld treats 0 as "not given". */
  const nonZero = (id: string) => num(id) || null;

  const o = defaultOptions();
  o.relocatable = bool('relocatable');

  // The last of --entry/-e/--no-entry wins; without any, -r has no entry.
  const entry = str('entry');
  if (entry === undefined) o.entry = o.relocatable ? null : d.entry;
  else o.entry = entry === '' ? null : entry;
  o.entryExplicit = entry !== undefined && entry !== '';

  o.output = str('output') ?? d.output;
  o.exports = strings(values['export']);
  o.exportsIfDefined = strings(values['export-if-defined']);
  o.exportAll = bool('export-all');
  o.exportDynamic = bool('export-dynamic');
  o.exportTable = bool('export-table');

  const importMemory = str('import-memory-name');
  if (importMemory !== undefined) {
    const comma = importMemory.indexOf(',');
    o.importMemory = comma < 0
      ? { module: importMemory, name: '' } // as wasm-ld: split(",") leaves the name empty
      : { module: importMemory.slice(0, comma), name: importMemory.slice(comma + 1) };
  } else if (bool('import-memory')) {
    o.importMemory = { module: 'env', name: 'memory' };
  } else {
    o.importMemory = null;
  }
  // --export-memory=NAME beats --export-memory wherever they are; with neither, memory is
  // exported as "memory" unless it is imported.
  o.exportMemory = str('export-memory-name') ?? (bool('export-memory') ? 'memory' : null);
  if (o.exportMemory === null && o.importMemory === null) o.exportMemory = 'memory';

  o.importTable = bool('import-table');
  o.growableTable = bool('growable-table');
  o.undefinedSymbols = strings(values['undefined']);
  o.wrap = strings(values['wrap']);

  o.importUndefined = bool('import-undefined');
  // As wasm-ld: report-all reports as errors, or as warnings after --warn-unresolved-symbols.
  const report = pair('error-unresolved-symbols', true) ? 'report-all' : 'warn';
  o.unresolvedSymbols = report;
  const unresolved = str('unresolved-symbols');
  if (unresolved !== undefined) {
    if (unresolved === 'report-all') {
      o.unresolvedSymbols = report;
    } else if (unresolved === 'ignore-all' || unresolved === 'import-dynamic') {
      o.unresolvedSymbols = unresolved;
    } else {
      diag.error(`unknown --unresolved-symbols value: ${unresolved}`);
    }
  }
  if (bool('allow-undefined')) {
    o.importUndefined = true;
    o.unresolvedSymbols = 'ignore-all';
  }

  o.gcSections = pair('gc-sections', !o.relocatable);
  o.printGcSections = bool('print-gc-sections');
  o.whyExtract = str('why-extract') ?? null;
  o.traceSymbols = strings(values['trace-symbol']);
  o.trace = bool('trace');
  o.mapFile = str('Map') ?? null;
  o.printMap = bool('print-map');
  o.buildId = parseBuildId(str('build-id-style') ?? (bool('build-id') ? 'fast' : 'none'), diag);
  o.mergeDataSegments = pair('merge-data-segments', !o.relocatable);
  o.emitRelocs = bool('emit-relocs');
  o.stripAll = bool('strip-all');
  o.stripDebug = bool('strip-debug');
  if (bool('compress-relocations') && !o.stripDebug && !o.stripAll) {
    diag.error('--compress-relocations is incompatible with output debug information. Please pass --strip-debug or --strip-all');
  }
  o.keepSections = strings(values['keep-section']);

  o.globalBase = nonZero('global-base');
  o.tableBase = nonZero('table-base') ?? d.tableBase;
  o.stackFirst = bool('stack-first');
  o.initialMemory = nonZero('initial-memory');
  o.maxMemory = nonZero('max-memory');
  o.initialHeap = num('initial-heap') ?? d.initialHeap;
  o.growableMemory = !bool('no-growable-memory');
  o.sharedMemory = bool('shared-memory');
  o.optLevel = num('opt-level') ?? d.optLevel;

  o.demangle = bool('demangle');
  o.checkFeatures = bool('check-features');
  const commaList = (id: string) => str(id)?.split(',').filter((f) => f !== '');
  o.features = commaList('features') ?? null;
  o.extraFeatures = commaList('extra-features') ?? [];

  o.allowMultipleDefinition = bool('allow-multiple-definition');
  o.errorLimit = num('error-limit') ?? d.errorLimit;
  o.fatalWarnings = bool('fatal-warnings');
  o.verbose = bool('verbose');
  o.timeTrace = bool('time-trace');

  const target = str('target');
  if (target !== undefined && target !== 'wasm32' && target !== 'wasm64') {
    diag.error(`invalid target architecture: ${target}`);
  }
  o.wasm64 = target === 'wasm64';

  // -z: wasm-ld knows stack-size=N and muldefs, and warns about anything else.
  const z = strings(values['z']);
  for (const value of z) {
    if (!value.startsWith('stack-size=') && !value.startsWith('muldefs')) diag.warn(`unknown -z value: ${value}`);
  }
  const stackSize = z.filter((v) => v.split('=')[0] === 'stack-size').pop();
  if (stackSize !== undefined) {
    const text = stackSize.slice('stack-size='.length);
    const n = parseNumber(text);
    if (n === null) diag.error(`invalid stack-size: ${text}`);
    else o.stackSize = n;
  }
  if (z.includes('muldefs')) o.allowMultipleDefinition = true;

  // Accepted for compatibility: validated like wasm-ld does, otherwise without effect.
  const rsp = str('rsp-quoting');
  if (rsp !== undefined && rsp !== 'posix' && rsp !== 'windows') diag.error(`invalid response file quoting: ${rsp}`);
  const color = str('color-diagnostics');
  if (color !== undefined && !['auto', 'always', 'never'].includes(color)) {
    diag.error(`unknown option: --color-diagnostics=${color}`);
  }
  const threads = str('threads');
  if (threads !== undefined && !parseNumber(threads)) {
    diag.error(`--threads: expected a positive integer, but got '${threads}'`);
  }
  return o;
}

/** wasm-ld's --build-id styles (`tree` is sha1). --build-id=STYLE wins over a bare --build-id. */
function parseBuildId(style: string, diag: Diagnostics): BuildId | null {
  if (style === 'none') return null;
  if (style === 'fast' || style === 'uuid') return { kind: style };
  if (style === 'sha1' || style === 'tree') return { kind: 'sha1' };
  if (/^0x([0-9a-fA-F]{2})*$/.test(style)) return { kind: 'hex', bytes: Uint8Array.from(style.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16)) };
  diag.error(`unknown --build-id style: ${style}`);
  return null;
}

/** Resolves -l and checks files, in argv order, applying --whole-archive and --start-lib. */
function resolveInputs(events: readonly OrderedEvent[], searchPaths: readonly string[], fs: CliFs, diag: Diagnostics): InputSpec[] {
  const inputs: InputSpec[] = [];
  let wholeArchive = false;
  let lib = false;
  const add = (p: string) => inputs.push({ kind: 'file', path: p, wholeArchive, lib });
  // Joined like LLVM's path::append (no normalization), so paths in messages match wasm-ld's.
  const join = (dir: string, name: string) => (dir === '' || dir.endsWith(path.sep) ? dir + name : dir + path.sep + name);
  const search = (fileName: string) => searchPaths.map((dir) => join(dir, fileName)).find((p) => fs.exists(p));

  for (const e of events) {
    switch (e.kind) {
      case 'file':
        if (fs.exists(e.path)) add(e.path);
        else diag.error(`cannot open ${e.path}: No such file or directory`);
        break;
      case 'library': {
        // -l:NAME looks for NAME itself; -lNAME for libNAME.a (wlink links statically: no .so).
        const found = search(e.name.startsWith(':') ? e.name.slice(1) : `lib${e.name}.a`);
        if (found !== undefined) add(found);
        else diag.error(`unable to find library -l${e.name}`);
        break;
      }
      case 'whole-archive':
        wholeArchive = e.on;
        break;
      case 'start-lib':
        if (lib) diag.error('nested --start-lib');
        lib = true;
        break;
      case 'end-lib':
        if (!lib) diag.error('stray --end-lib');
        lib = false;
        break;
    }
  }
  return inputs;
}

/** error-limit and fatal-warnings apply to the diagnostics of parsing itself, as in wasm-ld. */
function applyEarlyDiagnosticSettings(args: readonly MatchedArg[], diag: Diagnostics): void {
  const limit = args.filter(isOption('error-limit')).pop();
  const n = limit && parseNumber(limit.value);
  if (typeof n === 'number') diag.errorLimit = n;
  const fatal = args.filter(isOption('fatal-warnings')).pop();
  if (fatal) diag.fatalWarnings = fatal.value === 'true';
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

export interface CommandLine {
  options: LinkOptions;
  /** --help: print the help text and stop. */
  help: boolean;
  /** --version, -v or -V: print the version line. */
  printVersion: boolean;
  /** --version, or -v without input files: stop after printing the version (as wasm-ld). */
  stopAfterVersion: boolean;
}

export function parseCommandLine(argv: readonly string[], diag: Diagnostics, fs: CliFs = defaultFs): CommandLine {
  const expanded = expandResponseFiles(argv, responseFileQuoting(argv), fs, diag);
  const args = matchArgs(expanded);
  applyEarlyDiagnosticSettings(args, diag);
  const { values, events } = collect(args, diag);
  const options = buildOptions(values, diag);

  const help = values['show-help'] === true;
  const printVersion = values['show-version'] === true || values['show-version-exit'] === true;
  const hasFiles = events.some((e) => e.kind === 'file');
  const stopAfterVersion = values['show-version-exit'] === true || (values['show-version'] === true && !hasFiles);
  if (help || stopAfterVersion) return { options, help, printVersion, stopAfterVersion };

  options.inputs = resolveInputs(events, strings(values['library-path']), fs, diag);
  if (options.inputs.length === 0 && diag.errors.length === 0) diag.error('no input files');
  if (options.maxMemory !== null && !options.growableMemory) {
    diag.error('--max-memory is incompatible with --no-growable-memory');
  }
  if (options.importTable && options.exportTable) diag.error('--import-table and --export-table may not be used together');
  // wasm-ld has no default output name (LinkOptions' 'a.out' is for the API).
  if (values['output'] === undefined && diag.errors.length === 0) diag.error('no output file specified');

  const allowUndefinedFile = values['allow-undefined-file'] as string | undefined;
  if (allowUndefinedFile !== undefined) {
    // Like wasm-ld, only the last --allow-undefined-file is read.
    if (!fs.exists(allowUndefinedFile)) {
      diag.error(`cannot open ${allowUndefinedFile}: No such file or directory`);
    } else {
      for (const sym of symbolLines(fs.readFile(allowUndefinedFile))) options.allowUndefinedSymbols.add(sym);
    }
  }
  return { options, help, printVersion, stopAfterVersion };
}

export function parseArgs(argv: string[], diag: Diagnostics, fs?: CliFs): LinkOptions {
  return parseCommandLine(argv, diag, fs).options;
}

// ---------------------------------------------------------------------------------------------
// --help and --version
// ---------------------------------------------------------------------------------------------

function spellingText(s: Spelling): string {
  const name = s.prefixes[0] + s.name;
  const meta = s.metavar ?? '<value>';
  if (s.kind === 'flag') return name;
  if (s.kind === 'separate' || s.kind === 'joinedOrSeparate') return `${name} ${meta}`;
  return name + meta;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The --help text, in wasm-ld's layout, generated from OPTIONS. */
export function helpText(): string {
  const rows: [string, string][] = [];
  for (const def of OPTIONS) {
    if (def.support === 'no') continue;
    for (const s of def.spellings) if (s.help) rows.push([spellingText(s), s.help]);
  }
  rows.sort(([a], [b]) => a.replace(/^-+/, '').toLowerCase().localeCompare(b.replace(/^-+/, '').toLowerCase()));

  const lines = [
    'OVERVIEW: wlink, a WebAssembly static linker (command-line compatible with wasm-ld)',
    '',
    'USAGE: wlink [options] file...',
    '',
    'OPTIONS:',
  ];
  for (const [left, help] of rows) {
    if (left.length + 2 > 24) lines.push(`  ${left}`, `${' '.repeat(26)}${help}`);
    else lines.push(`  ${left.padEnd(24)}${help}`);
  }
  const unsupported = new Set<string>();
  for (const def of OPTIONS) {
    if (def.support === 'no') for (const s of def.spellings) unsupported.add((s.prefixes[0] + s.name).replace(/=$/, ''));
  }
  lines.push(
    '',
    'NOT SUPPORTED YET (wasm-ld options that wlink rejects):',
    wrap([...unsupported].join(', '), 76, '  '),
    '',
    'Response files: @FILE anywhere in the arguments is replaced by the arguments in FILE.',
    '',
  );
  return lines.join('\n');
}

export function versionText(): string {
  let version = 'unknown';
  try {
    // dist/linker/cli.js and linker/cli.ts both sit two levels below package.json.
    version = (require('../../package.json') as { version: string }).version;
  } catch {
    // keep "unknown"
  }
  return `wlink ${version} (compatible with LLD ${LLD_COMPAT_VERSION})`;
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

type LinkFn = (options: LinkOptions, diag: Diagnostics) => void;

/** Loaded when needed, so the parser (and its tests) do not depend on the rest of the linker. */
function loadLinker(): LinkFn {
  return (require('./driver') as { link: LinkFn }).link;
}

let linked = false;

/** Whether the last main() call linked (wrote an output); bin/wlink.js keeps its code cache by it. */
export function lastRunLinked(): boolean {
  return linked;
}

export function main(argv: string[]): number {
  linked = false;
  const diag = new Diagnostics();
  diag.sink = (line) => process.stderr.write(`${line}\n`);
  try {
    const cl = parseCommandLine(argv, diag);
    if (cl.help) {
      process.stdout.write(helpText());
      return diag.errors.length > 0 ? 1 : 0;
    }
    if (cl.printVersion) process.stdout.write(`${versionText()}\n`);
    if (cl.stopAfterVersion || diag.errors.length > 0) return diag.errors.length > 0 ? 1 : 0;

    diag.errorLimit = cl.options.errorLimit;
    diag.fatalWarnings = cl.options.fatalWarnings;
    loadLinker()(cl.options, diag);
    linked = diag.errors.length === 0;
    return linked ? 0 : 1;
  } catch (e) {
    if (e instanceof LinkError) return 1;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`wlink: error: internal error: ${message}\n`);
    if (process.env.WLINK_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
