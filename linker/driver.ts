// The pipeline, top to bottom: each pass in order, with what holds once it is done. Errors
// accumulate in Diagnostics and are checked (diag.check) at stage boundaries, so one link reports as
// many as it can and no stage runs on a state an earlier one found broken. docs/architecture.md
// describes the rooms these passes live in.
import { checkFeatures, checkMutableGlobals } from './checks/features';
import { InputCache, LinkContext } from './core/context';
import { Diagnostics } from './core/diagnostics';
import { Host, hostClock } from './core/host';
import { LinkOptions } from './core/options';
import { Plan } from './core/plan';
import { TimeTrace } from './core/time-trace';
import { createSyntheticSymbols, reserveSyntheticSymbols } from './core/synthetic';
import { markLive, reportGc } from './gc/mark-live';
import { checkRoots } from './gc/roots';
import { layout } from './layout/layout';
import { CodeLayout, writeModule } from './output/module';
import type * as Relocatable from './output/relocatable';
import type * as Reports from './output/reports';
import type * as TimeTraceFile from './output/time-trace-file';
import { logInputsOnly as logInputs } from './resolve/read-input';
import { applyWraps, extractIfLazy, finishResolution, loadInputs, requireSymbol } from './resolve/resolve';
import { handleSignatureMismatches } from './resolve/signatures';
import { processStubLibraries } from './resolve/stub-library';
import { stringSetOrder } from './resolve/string-map-order';

/** The text reports (--why-extract, the map), loaded when one is asked for. */
const reports = () => require('./output/reports') as typeof Reports;

/** Writes --why-extract's table, if asked for. */
function writeWhyExtract(ctx: LinkContext): void {
  if (ctx.options.whyExtract !== null) reports().writeWhyExtract(ctx);
}

/** The host that reads the inputs of a link with these options (the entry that parsed them set it). */
export function hostOf(options: LinkOptions): Host {
  if (options.host === null) throw new Error('LinkOptions.host is not set: give the host the inputs are read through');
  return options.host;
}

/** For --reproduce, the inputs of a link that stops at the command line (resolve/read-input.ts). */
export function logInputsOnly(options: LinkOptions, complete: boolean): void {
  logInputs(options, hostOf(options), complete);
}

/**
 * A link whose output is put somewhere: `write` takes the module (the command writes the file, see
 * linker/cli/link.ts). Under --time-trace the write is timed and the trace written afterwards.
 */
export function linkAndWrite(options: LinkOptions, diag: Diagnostics, write: (bytes: Uint8Array) => void): void {
  const { bytes, ctx } = linkFull(options, diag, null);
  const trace = ctx.trace;
  const start = trace === null ? 0 : trace.now();
  write(bytes);
  if (trace !== null) {
    trace.end('Write output file', options.output, start);
    trace.end('ExecuteLinker', '', trace.origin);
    (require('./output/time-trace-file') as typeof TimeTraceFile).writeTimeTrace(trace, options.timeTrace!, options.output, ctx.host, diag);
  }
}

export function linkToBytes(options: LinkOptions, diag: Diagnostics, cache: InputCache | null = null): Uint8Array {
  return linkFull(options, diag, cache).bytes;
}

/** A finished link and the state an incremental relink starts from (null for -r output). */
export interface LinkOutcome {
  bytes: Uint8Array;
  ctx: LinkContext;
  plan: Plan | null;
  code: CodeLayout | null;
}

export function linkFull(options: LinkOptions, diag: Diagnostics, cache: InputCache | null): LinkOutcome {
  const ctx = new LinkContext(options, diag, cache, hostOf(options));
  if (options.timeTrace !== null) ctx.trace = new TimeTrace(options.timeTraceGranularity, hostClock(ctx.host));
  checkUnsupported(ctx);
  const stage = timer(ctx);
  if (options.whyExtract !== null) ctx.whyExtract = [];
  if (options.traceSymbols.length > 0) ctx.traced = new Set(options.traceSymbols);
  if (options.relocatable) return { bytes: linkRelocatable(ctx, stage), ctx, plan: null, code: null };

  // 1. Read and resolve. The linker's own symbols take their places in the symbol table first (as
  //    wasm-ld's do), then every input is read in command-line order, archive members are pulled
  //    in by -u, --export and --entry, and --wrap is applied.
  //    After: every symbol is defined, lazy (an unextracted archive member) or undefined; inputs
  //    are parsed views of their bytes and nothing has an output index.
  reserveSyntheticSymbols(ctx);
  loadInputs(ctx);
  options.inputLog?.allRead();
  for (const name of options.undefinedSymbols) requireSymbol(ctx, name);
  requireExports(ctx);
  if (options.entry !== null) requireSymbol(ctx, options.entry, '--entry');
  processStubLibraries(ctx);
  writeWhyExtract(ctx);
  applyWraps(ctx);
  finishResolution(ctx);
  diag.check();
  stage('read+resolve');

  // 2. Synthetic symbols (__wasm_call_ctors first, then the stubs of signature mismatches, as in
  //    wasm-ld) and the roots named on the command line.
  createSyntheticSymbols(ctx);
  handleSignatureMismatches(ctx);
  checkRoots(ctx);
  diag.check();

  // 3. GC, then the target features (thread-local storage counts where it is live) and the
  //    undefined references from live code, in wasm-ld's order. After: the live flags of symbols,
  //    chunks and synthetic items say what exists in the output.
  const found = markLive(ctx);
  checkFeatures(ctx);
  reportGc(ctx, found);
  diag.check();
  stage('gc');

  // 4. Layout. After: every index and address is final and recorded in the Plan (and the per-file
  //    columns it reads); nothing is added, removed or moved from here on.
  const plan = layout(ctx);
  checkMutableGlobals(ctx, plan);
  diag.check();
  stage('layout');

  // 5. Write. The bytes are made in memory from the Plan; the caller puts them on disk.
  const written: { code?: CodeLayout } = {};
  const bytes = writeModule(ctx, plan, written);
  diag.check();
  if (options.mapFile !== null || options.printMap) reports().writeMap(ctx, plan, bytes);
  stage('write');
  return { bytes, ctx, plan, code: written.code ?? null };
}

/**
 * -r: resolve the inputs against each other, then write one relocatable object. No GC and no
 * layout: every input chunk is kept and indexes are the writer's own (output/relocatable.ts).
 */
function linkRelocatable(ctx: LinkContext, stage: (name: string) => void): Uint8Array {
  const diag = ctx.diag;
  loadInputs(ctx);
  ctx.options.inputLog?.allRead();
  processStubLibraries(ctx);
  writeWhyExtract(ctx);
  applyWraps(ctx);
  finishResolution(ctx);
  diag.check();
  stage('read+resolve');
  handleSignatureMismatches(ctx);
  checkFeatures(ctx);
  diag.check();
  // Loaded by -r links only: it brings codegen's Emit with it, ~1.2 ms of every hello-world link
  // (docs/architecture.md, "Lazy loading").
  const bytes = (require('./output/relocatable') as typeof Relocatable).writeRelocatable(ctx);
  diag.check();
  stage('write');
  return bytes;
}

/**
 * --export and --export-if-defined names pull archive members like -u, in the order wasm-ld visits
 * them (its StringSet's, see string-map-order.ts), which is the order those members take in the output.
 */
function requireExports(ctx: LinkContext): void {
  const o = ctx.options;
  if (o.exports.length === 0 && o.exportsIfDefined.length === 0) return;
  const required = new Set(o.exports);
  for (const name of stringSetOrder([...o.exportsIfDefined, ...o.exports])) {
    if (required.has(name)) requireSymbol(ctx, name, '--export');
    else extractIfLazy(ctx, name);
  }
}



function checkUnsupported(ctx: LinkContext): void {
  const o = ctx.options;
  if (o.relocatable && o.buildId) ctx.diag.fatal('--build-id with -r is not supported yet');
  if (o.relocatable && (o.mapFile !== null || o.printMap)) ctx.diag.fatal('a link map (--Map, -M) with -r is not supported yet');
}

/**
 * The end of each stage: recorded for --time-trace, and printed as it happens under --verbose (the
 * progress of a long link) or WLINK_TRACE.
 */
function timer(ctx: LinkContext): (name: string) => void {
  const clock = ctx.trace?.now ?? hostClock(ctx.host);
  let last = clock();
  const print = ctx.options.verbose || ctx.host.env?.('WLINK_TRACE');
  return (name) => {
    const now = clock();
    ctx.trace?.end(name, '', last);
    if (print) ctx.diag.sink(`wlink: time: ${name.padEnd(14)} ${((now - last) / 1000).toFixed(1)} ms`);
    last = now;
  };
}


