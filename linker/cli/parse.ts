// Matched arguments to LinkOptions. collect reports unknown and unsupported options, keeps the
// order-sensitive ones (inputs, -l, --whole-archive, --start-lib) as events, and turns everything
// else into typed values by option id (repeatable options into arrays, the last of a scalar or flag
// pair wins, the table's defaults); buildOptions maps the values to LinkOptions with wasm-ld's rules
// for defaults that depend on other options; resolveInputs finds -l libraries on the -L paths.
//
// This is hand-written rather than done by a general parser (yargs) because it runs on every link:
// loading and running yargs cost ~20 ms of a ~100 ms hello-world link. Values are taken verbatim,
// as wasm-ld does (no quote stripping, no number guessing).
import { Diagnostics } from '../core/diagnostics';
import { BuildId, defaultOptions, InputSpec, isPic, LinkOptions, symbolLines } from '../core/options';
import type { Host } from '../core/host';
import { expandResponseFiles, isOption, MatchedArg, matchArgs, readFailure, readTextFile, responseFileQuoting } from './argv';
import { OptionDef, OPTIONS } from './option-table';

const d = defaultOptions();

// ---------------------------------------------------------------------------------------------
// Values: argv-ordered events, and the other options by id
// ---------------------------------------------------------------------------------------------

type OrderedEvent =
  | { kind: 'file'; path: string }
  | { kind: 'library'; name: string }
  | { kind: 'whole-archive'; on: boolean }
  | { kind: 'static'; on: boolean }
  | { kind: 'start-lib' }
  | { kind: 'end-lib' };


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
      else if (id === 'Bstatic') events.push({ kind: 'static', on: arg.value === 'true' });
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

  // The last of --entry/-e/--no-entry wins; without any, -r and -shared have no entry.
  const entry = str('entry');
  if (entry === undefined) o.entry = o.relocatable || bool('shared') ? null : d.entry;
  else o.entry = entry === '' ? null : entry;
  o.entryExplicit = entry !== undefined && entry !== '';

  o.pie = pair('pie', false);
  o.shared = bool('shared');
  o.experimentalPic = bool('experimental-pic');
  o.soname = str('soname') ?? null;
  o.rpath = strings(values['rpath']);
  o.bsymbolic = bool('Bsymbolic');
  o.shlibSigCheck = !bool('no-shlib-sigcheck');
  const pic = isPic(o);

  o.output = str('output') ?? d.output;
  o.exports = strings(values['export']);
  o.exportsIfDefined = strings(values['export-if-defined']);
  o.exportAll = bool('export-all');
  o.exportDynamic = pair('export-dynamic', o.shared);
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
  // exported as "memory" unless it is imported, which -shared does by default (wasm-ld's setConfigs).
  o.exportMemory = str('export-memory-name') ?? (bool('export-memory') ? 'memory' : null);
  if (o.shared && o.importMemory === null) o.importMemory = { module: 'env', name: 'memory' };
  if (o.exportMemory === null && o.importMemory === null) o.exportMemory = 'memory';

  // Position-independent output imports the table and numbers its slots from __table_base.
  o.importTable = bool('import-table') || pic;
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
  o.buildId = parseBuildId(str('build-id-style') ?? 'none', diag);
  o.mergeDataSegments = pair('merge-data-segments', !o.relocatable);
  o.emitRelocs = bool('emit-relocs');
  o.stripAll = bool('strip-all');
  o.stripDebug = bool('strip-debug');
  o.keepSections = strings(values['keep-section']);

  o.globalBase = nonZero('global-base');
  o.tableBase = nonZero('table-base') ?? (pic ? 0 : d.tableBase);
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
  o.timeTrace = str('time-trace') ?? null;
  o.timeTraceGranularity = num('time-trace-granularity') ?? d.timeTraceGranularity;

  const target = str('target');
  if (target !== undefined && target !== 'wasm32' && target !== 'wasm64') {
    diag.error(`invalid target architecture: ${target}`);
  }
  o.wasm64 = target === 'wasm64';
  o.target = target === 'wasm32' || target === 'wasm64' ? target : null;

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

/** wasm-ld's --build-id styles (`tree` is sha1). */
function parseBuildId(style: string, diag: Diagnostics): BuildId | null {
  if (style === 'none') return null;
  if (style === 'fast' || style === 'uuid') return { kind: style };
  if (style === 'sha1' || style === 'tree') return { kind: 'sha1' };
  if (/^0x([0-9a-fA-F]{2})*$/.test(style)) return { kind: 'hex', bytes: Uint8Array.from(style.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16)) };
  diag.error(`unknown --build-id style: ${style}`);
  return null;
}

/** Resolves -l and checks files, in argv order, applying --whole-archive and --start-lib. */
function resolveInputs(events: readonly OrderedEvent[], searchPaths: readonly string[], pic: boolean, host: Host, diag: Diagnostics): InputSpec[] {
  const inputs: InputSpec[] = [];
  let wholeArchive = false;
  let isStatic = !pic;
  let lib = false;
  const add = (p: string) => inputs.push({ kind: 'file', path: p, wholeArchive, lib });
  // Joined like LLVM's path::append (no normalization), so paths in messages match wasm-ld's.
  const sep = host.windows ? '\\' : '/';
  const join = (dir: string, name: string) => (dir === '' || dir.endsWith(sep) ? dir + name : dir + sep + name);
  const search = (fileName: string) => searchPaths.map((dir) => join(dir, fileName)).find((p) => host.exists(p));
  // wasm-ld's searchLibraryBaseName: in each directory, libNAME.so (unless -Bstatic) then libNAME.a.
  const searchLibrary = (name: string) => searchPaths.flatMap((dir) => [...(isStatic ? [] : [join(dir, `lib${name}.so`)]), join(dir, `lib${name}.a`)])
    .find((p) => host.exists(p));

  for (const e of events) {
    switch (e.kind) {
      case 'file':
        if (host.exists(e.path)) add(e.path);
        else diag.error(`cannot open ${e.path}: No such file or directory`);
        break;
      case 'library': {
        // -l:NAME looks for NAME itself; -lNAME for libNAME.so or libNAME.a.
        const found = e.name.startsWith(':') ? search(e.name.slice(1)) : searchLibrary(e.name);
        if (found !== undefined) add(found);
        else diag.error(`unable to find library -l${e.name}`);
        break;
      }
      case 'whole-archive':
        wholeArchive = e.on;
        break;
      case 'static':
        isStatic = e.on;
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
  /** The arguments as matched, response files expanded (--reproduce writes them back). */
  args: readonly MatchedArg[];
  /** --help: print the help text and stop. */
  help: boolean;
  /** --version, -v or -V: print the version line. */
  printVersion: boolean;
  /** --version, or -v without input files: stop after printing the version (as wasm-ld). */
  stopAfterVersion: boolean;
}

/** How a command line is read: `host` has its files; `outputRequired` makes a missing -o an error, as in wasm-ld. */
export interface ParseSettings {
  host: Host;
  outputRequired?: boolean;
}

export function parseCommandLine(argv: readonly string[], diag: Diagnostics, settings: ParseSettings): CommandLine {
  const host = settings.host;
  argv = withoutFlavor(argv, diag);
  const expanded = expandResponseFiles(argv, responseFileQuoting(argv, host), host, diag);
  const args = matchArgs(expanded);
  applyEarlyDiagnosticSettings(args, diag);
  const { values, events } = collect(args, diag);
  const options = buildOptions(values, diag);
  options.host = host;

  const help = values['show-help'] === true;
  const printVersion = values['show-version'] === true || values['show-version-exit'] === true;
  const hasFiles = events.some((e) => e.kind === 'file');
  const stopAfterVersion = values['show-version-exit'] === true || (values['show-version'] === true && !hasFiles);
  if (help || stopAfterVersion) return { options, args, help, printVersion, stopAfterVersion };

  options.inputs = resolveInputs(events, strings(values['library-path']), isPic(options), host, diag);
  if (options.inputs.length === 0 && diag.errors.length === 0) diag.error('no input files');
  if (options.maxMemory !== null && !options.growableMemory) {
    diag.error('--max-memory is incompatible with --no-growable-memory');
  }
  checkCombinations(options, values, settings.outputRequired ?? true, diag);

  const allowUndefinedFile = values['allow-undefined-file'] as string | undefined;
  if (allowUndefinedFile !== undefined) {
    // Like wasm-ld, only the last --allow-undefined-file is read.
    if (!host.exists(allowUndefinedFile)) {
      diag.error(`cannot open ${allowUndefinedFile}: No such file or directory`);
    } else {
      let text = '';
      try {
        text = readTextFile(host, allowUndefinedFile);
      } catch (e) {
        diag.error(`cannot open ${allowUndefinedFile}: ${readFailure(e)}`);
      }
      for (const sym of symbolLines(text)) options.allowUndefinedSymbols.add(sym);
    }
  }
  return { options, args, help, printVersion, stopAfterVersion };
}

/**
 * `-flavor wasm` as the first argument, as lld's universal driver takes it (compiler drivers and
 * wasm-component-ld pass it): removed. Another flavor is an error, since wlink links only wasm.
 */
function withoutFlavor(argv: readonly string[], diag: Diagnostics): readonly string[] {
  if (argv[0] !== '-flavor') return argv;
  if (argv.length < 2) diag.error("missing arg value for '-flavor'");
  else if (argv[1] !== 'wasm') diag.error(`-flavor ${argv[1]}: wlink links only WebAssembly (-flavor wasm)`);
  return argv.slice(2);
}

/** Options that may not be combined, checked in wasm-ld's order (its setConfigs, then checkOptions). */
function checkCombinations(o: LinkOptions, values: Values, outputRequired: boolean, diag: Diagnostics): void {
  const pic = isPic(o);
  if (pic && values['export-table'] === true) diag.error('-shared/-pie is incompatible with --export-table');
  if (o.relocatable) {
    if (o.exportTable) diag.error('--relocatable is incompatible with --export-table');
    if (o.growableTable) diag.error('--relocatable is incompatible with --growable-table');
  }
  if (o.shared && (values['export-memory'] === true || values['export-memory-name'] !== undefined)) {
    diag.error('--export-memory is incompatible with --shared');
  }
  if (values['compress-relocations'] === true && !o.stripDebug && !o.stripAll) {
    diag.error('--compress-relocations is incompatible with output debug information. Please pass --strip-debug or --strip-all');
  }
  if (o.pie && o.shared) diag.error('-shared and -pie may not be used together');
  // wasm-ld has no default output name (LinkOptions' 'a.out' is for the API).
  if (outputRequired && values['output'] === undefined && diag.errors.length === 0) diag.error('no output file specified');
  // -r imports the table whatever --import-table says.
  if ((o.importTable || o.relocatable) && o.exportTable) diag.error('--import-table and --export-table may not be used together');
  if (o.relocatable) {
    if (o.entry !== null) diag.error('entry point specified for relocatable output file');
    if (o.gcSections) diag.error('-r and --gc-sections may not be used together');
    if (values['compress-relocations'] === true) diag.error('-r -and --compress-relocations may not be used together');
    if (o.undefinedSymbols.length > 0) diag.error('-r -and --undefined may not be used together');
    if (o.pie) diag.error('-r and -pie may not be used together');
    if (o.sharedMemory) diag.error('-r and --shared-memory may not be used together');
    if (o.globalBase !== null) diag.error('-r and --global-base may not by used together'); // sic, as wasm-ld
  }
  // wasm-ld 19-21 warn that -shared and -pie will change meaning, unless --experimental-pic.
  if (!o.experimentalPic) {
    if (o.shared) diag.warn('creating shared libraries, with -shared, is not yet stable');
    if (o.pie) diag.warn('creating PIEs, with -pie, is not yet stable');
    if (o.unresolvedSymbols === 'import-dynamic') diag.warn('dynamic imports are not yet stable (--unresolved-symbols=import-dynamic)');
  }
  if (o.bsymbolic && !o.shared) diag.warn('-Bsymbolic is only meaningful when combined with -shared');
  if (pic) {
    if (o.globalBase !== null) diag.error('--global-base may not be used with -shared/-pie');
    if (values['table-base'] !== undefined && o.tableBase !== 0) diag.error('--table-base may not be used with -shared/-pie');
  }
}

export function parseArgs(argv: string[], diag: Diagnostics, settings: ParseSettings): LinkOptions {
  return parseCommandLine(argv, diag, settings).options;
}

