// A link session and one-off links, the same in every JavaScript host: linker/api.ts (the package's
// Node entry) and linker/browser.ts (its browser entry) give them their default hosts and export
// them. A session (`LinkSession`, exported by both entries as `Linker`) takes wasm-ld's argv
// (objects, archives, .wat files and options) plus compiler units built in memory with the CodeGen
// API, and links them as often as asked. The session keeps what it read: files are re-read only
// when they change, objects and archives are parsed once, and the units' MIR stays alive between
// links, so a relink after recompiling one function re-runs resolution, GC, layout and Emit without
// reading or parsing anything again.
//
//   const linker = new Linker(['crt1-command.o', 'main.o', '-lc', '-L', libDir]);
//   const unit = linker.unit('gen');                // a Unit in the session's Mir
//   ... build functions with unit.function(...) ...
//   const wasm = linker.link();                     // Uint8Array; throws LinkError on errors
//
// `link({ argv, files })` links once from bytes in memory (a MemoryHost, core/host.ts) and returns
// the module and the diagnostics; it writes nothing.
import { Mir } from '../codegen/mir';
import { Unit, UnitOptions } from '../codegen/unit';
import { isOption } from './cli/argv';
import { parseArgs, parseCommandLine } from './cli/parse';
import { FileStamp, InputCache } from './core/context';
import { Diagnostics, LinkError } from './core/diagnostics';
import { Host, MemoryHost } from './core/host';
import { linkFull } from './driver';
import { SessionState, snapshot, tryPatch } from './incremental';
import { InputSpec, LinkOptions } from './core/options';

export class LinkSession {
  /** The MIR store every unit of this session uses. */
  readonly mir: Mir;
  readonly options: LinkOptions;
  /** Where inputs are read. */
  readonly host: Host;
  /** Warnings and errors of the last link, as wlink prints them (`wlink: warning: ...`). */
  messages: string[] = [];
  /** What the last link printed (the command's standard output: --print-gc-sections, --trace, --trace-symbol, -M). */
  printed: string[] = [];
  /** How the last link was done: all stages, or only changed bodies lowered into the last output. */
  lastLink: 'full' | 'patched' | null = null;
  private readonly argvInputs: InputSpec[];
  private readonly units: Unit[] = [];
  private readonly cache: InputCache = { files: new Map(), watched: new Map(), objects: new WeakMap(), archives: new WeakMap(), units: new WeakMap() };
  /** The last full link and the snapshot its units were taken at (see incremental.ts). */
  private state: SessionState | null = null;

  /** `argv` is wasm-ld's (without the program name); inputs, -l and -L are resolved now, through `host`. */
  constructor(argv: string[], mir: Mir, host: Host) {
    this.mir = mir;
    this.host = host;
    const diag = this.diagnostics();
    this.options = parseArgs(argv, diag, { host });
    // A session may hold only units: inputs can come later, so an empty argv is no error here.
    diag.errors = diag.errors.filter((e) => e !== 'no input files');
    diag.check();
    this.argvInputs = this.options.inputs;
  }

  /** A new compiler unit of this session, linked after the command-line inputs. */
  unit(name: string, options?: UnitOptions): Unit {
    const unit = new Unit(this.mir, name, options);
    this.units.push(unit);
    return unit;
  }

  /** Adds a unit built on this session's Mir (e.g. by a front end). */
  add(unit: Unit): void {
    if (unit.mir !== this.mir) throw new Error(`${unit.name}: unit belongs to another Mir store`);
    if (!this.units.includes(unit)) this.units.push(unit);
  }

  /** Takes a unit out of the link. */
  remove(unit: Unit): void {
    const i = this.units.indexOf(unit);
    if (i >= 0) this.units.splice(i, 1);
  }

  /** Links the current inputs; throws LinkError (its message lists the errors) when the link fails. */
  link(): Uint8Array {
    const diag = this.diagnostics();
    const units: InputSpec[] = this.units.map((unit) => ({ kind: 'unit', name: unit.name, unit, wholeArchive: false, lib: false }));
    const options: LinkOptions = { ...this.options, inputs: [...this.argvInputs, ...units] };
    try {
      if (this.state && this.inputsUnchanged()) {
        const patched = tryPatch(this.state, this.units);
        if (patched) {
          this.lastLink = 'patched';
          return patched;
        }
      }
      this.state = null;
      const outcome = linkFull(options, diag, this.cache);
      this.state = snapshot(outcome, this.units);
      this.lastLink = 'full';
      return outcome.bytes;
    } catch (e) {
      if (e instanceof LinkError && diag.errors.length > 1) throw new LinkError(diag.errors.join('\n'));
      throw e;
    }
  }

  /** True when no file the last link read (inputs, thin archive members, `.imports` files) changed since. */
  private inputsUnchanged(): boolean {
    const same = (path: string, known: FileStamp | undefined) => {
      const st = this.host.stat(path);
      return known !== undefined && st !== null && known.mtimeMs === st.mtimeMs && known.size === st.size;
    };
    for (const spec of this.argvInputs) {
      if (spec.kind === 'file' && !same(spec.path, this.cache.files.get(spec.path))) return false;
    }
    for (const [path, known] of this.cache.watched) if (!same(path, known)) return false;
    return true;
  }

  /** A Diagnostics for one link (or the parse), whose lines go to `messages` and `printed`. */
  protected diagnostics(): Diagnostics {
    const diag = new Diagnostics();
    this.messages = [];
    this.printed = [];
    diag.sink = (line) => this.messages.push(line);
    diag.out = (line) => this.printed.push(line);
    return diag;
  }
}

/** Where a session or a one-off link reads its inputs: a host, or files in memory by path. */
export interface SessionFiles {
  host?: Host;
  /** Files by path (relative to `cwd`, '/' by default), read through a MemoryHost. */
  files?: Map<string, Uint8Array> | Record<string, Uint8Array>;
  cwd?: string;
}

/** The host `session` names, or null (the entry's default). */
export function hostFor(session: SessionFiles): Host | null {
  if (session.host && session.files) throw new Error('give a host or files, not both');
  if (session.files) return new MemoryHost(session.files, session.cwd);
  return session.host ?? null;
}

export interface LinkRequest extends SessionFiles {
  /** wasm-ld's argv, without the program name. `-o` is optional: it only names `output`. */
  argv: readonly string[];
}

export interface LinkResult {
  ok: boolean;
  /** The module (or the -r object); null when the link failed. */
  bytes: Uint8Array | null;
  /** The -o name, or null. */
  output: string | null;
  /** The lines the command prints to stderr: `wlink: error: ...`, `wlink: warning: ...`. */
  diagnostics: string[];
  /** The lines it prints to stdout (--print-gc-sections, --trace, --trace-symbol). */
  printed: string[];
}

/**
 * Links once, reading inputs from `files` (bytes by path, in a MemoryHost) or `host` (e.g. the
 * Node host), and returns the module; nothing is written. The same argv gives the same bytes and
 * the same diagnostics as the command. Options that write files or print text besides the module
 * (--Map, -M, --why-extract, --time-trace, --reproduce, --help, --version) are refused with an
 * error: use the command, or `Linker.write`, for those.
 *
 *   const r = link({ argv: ['crt1-command.o', 'main.o', '-L/lib', '-lc', '-o', 'app.wasm'],
 *                    files: { 'crt1-command.o': crt1, 'main.o': main, '/lib/libc.a': libc } });
 *   if (r.ok) WebAssembly.compile(r.bytes!); else console.error(r.diagnostics.join('\n'));
 */
export function link(request: LinkRequest): LinkResult {
  const diagnostics: string[] = [];
  const printed: string[] = [];
  const diag = new Diagnostics();
  diag.sink = (line) => diagnostics.push(line);
  diag.out = (line) => printed.push(line);
  const host = hostFor(request) ?? new MemoryHost();
  const result = (bytes: Uint8Array | null, output: string | null): LinkResult =>
    ({ ok: bytes !== null && diag.errors.length === 0, bytes, output, diagnostics, printed });
  try {
    const cl = parseCommandLine(request.argv, diag, { host, outputRequired: false });
    const o = cl.options;
    const refused: [boolean, string][] = [
      [o.mapFile !== null, '--Map'], [o.printMap, '--print-map'], [o.whyExtract !== null, '--why-extract'],
      [o.timeTrace !== null, '--time-trace'], [cl.args.some(isOption('reproduce')), '--reproduce'],
      [cl.help, '--help'], [cl.printVersion, '--version'],
    ];
    for (const [given, name] of refused) {
      if (given) diag.error(`${name} is not available from link(), which returns the module and writes nothing: use the wlink command`);
    }
    if (diag.errors.length > 0) return result(null, null);
    diag.errorLimit = cl.options.errorLimit;
    diag.fatalWarnings = cl.options.fatalWarnings;
    const output = cl.args.some(isOption('output')) ? cl.options.output : null;
    const bytes = linkFull(cl.options, diag, null).bytes;
    return result(diag.errors.length === 0 ? bytes : null, output);
  } catch (e) {
    if (!(e instanceof LinkError)) diagnostics.push(`wlink: error: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return result(null, null);
  }
}
