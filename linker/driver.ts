// The pipeline, top to bottom: read and resolve inputs, check roots, garbage-collect, lay out,
// write. Errors are checked between stages; the output is written to a temporary file and
// renamed at the end, so a failed link never leaves a partial or clobbered output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputCache, LinkContext } from './core/context';
import { Diagnostics } from './core/diagnostics';
import { checkFeatures, checkMutableGlobals } from './checks/features';
import { markLive } from './gc/mark-live';
import { checkRoots } from './gc/roots';
import { Plan } from './core/plan';
import { layout } from './layout/layout';
import { LinkOptions } from './core/options';
import { mapFileText } from './output/map-file';
import { CodeLayout, writeModule } from './output/module';
import { writeRelocatable } from './output/relocatable';
import { applyWraps, extractIfLazy, finishResolution, loadInputs, requireSymbol } from './resolve/resolve';
import { handleSignatureMismatches } from './resolve/signatures';
import { stringSetOrder } from './resolve/string-map-order';
import { createSyntheticSymbols, reserveSyntheticSymbols } from './core/synthetic';

/** Links `options.inputs` into `options.output`. Throws LinkError after reporting errors. */
export function link(options: LinkOptions, diag: Diagnostics): void {
  const bytes = linkFull(options, diag, null, () => releaseOldOutput(options.output)).bytes;
  writeAtomically(options.output, bytes, diag);
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

/** `beforeWrite` runs once every check up to layout has passed (link() drops the old output then). */
export function linkFull(options: LinkOptions, diag: Diagnostics, cache: InputCache | null, beforeWrite?: () => void): LinkOutcome {
  const ctx = new LinkContext(options, diag, cache);
  checkUnsupported(ctx);
  const stage = timer(ctx);
  if (options.whyExtract !== null) ctx.whyExtract = [];
  if (options.traceSymbols.length > 0) ctx.traced = new Set(options.traceSymbols);
  if (options.relocatable) return { bytes: linkRelocatable(ctx, stage), ctx, plan: null, code: null };
  reserveSyntheticSymbols(ctx);
  loadInputs(ctx);
  for (const name of options.undefinedSymbols) requireSymbol(ctx, name);
  requireExports(ctx);
  if (options.entry !== null) requireSymbol(ctx, options.entry, '--entry');
  writeWhyExtract(ctx);
  applyWraps(ctx);
  finishResolution(ctx);
  diag.check();
  stage('read+resolve');
  // Synthetic functions first: __wasm_call_ctors precedes signature-mismatch stubs, as in wasm-ld.
  createSyntheticSymbols(ctx);
  handleSignatureMismatches(ctx);
  checkRoots(ctx);
  checkFeatures(ctx);
  diag.check();
  markLive(ctx);
  diag.check();
  stage('gc');
  const plan = layout(ctx);
  checkMutableGlobals(ctx, plan);
  diag.check();
  stage('layout');
  beforeWrite?.();
  const written: { code?: CodeLayout } = {};
  const bytes = writeModule(ctx, plan, written);
  diag.check();
  if (options.mapFile !== null || options.printMap) writeMap(ctx, plan, bytes);
  stage('write');
  if (options.timeTrace || options.verbose) {
    for (const [name, ms] of ctx.timings) diag.sink(`wlink: time: ${name.padEnd(14)} ${ms.toFixed(1)} ms`);
  }
  return { bytes, ctx, plan, code: written.code ?? null };
}

/** -r: resolve the inputs against each other, then write one relocatable object (no GC, no layout). */
function linkRelocatable(ctx: LinkContext, stage: (name: string) => void): Uint8Array {
  const diag = ctx.diag;
  loadInputs(ctx);
  writeWhyExtract(ctx);
  applyWraps(ctx);
  finishResolution(ctx);
  diag.check();
  stage('read+resolve');
  handleSignatureMismatches(ctx);
  diag.check();
  const bytes = writeRelocatable(ctx);
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

/** --Map=FILE / -M: the link map of the module just written. */
function writeMap(ctx: LinkContext, plan: Plan, module: Uint8Array): void {
  const text = mapFileText(ctx, plan, module);
  if (ctx.options.printMap) process.stdout.write(text);
  const file = ctx.options.mapFile;
  if (file === null) return;
  try {
    fs.writeFileSync(file, text);
  } catch {
    ctx.diag.error(`cannot open map file ${file}`);
  }
}

/** --why-extract: a tab-separated table, as wasm-ld writes it once symbols are resolved. */
function writeWhyExtract(ctx: LinkContext): void {
  const file = ctx.options.whyExtract;
  if (file === null || ctx.whyExtract === null) return;
  const text = ['reference\textracted\tsymbol', ...ctx.whyExtract.map((r) => r.join('\t'))].join('\n') + '\n';
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    ctx.diag.error(`cannot open ${file}: ${(e as Error).message}`);
  }
}

function checkUnsupported(ctx: LinkContext): void {
  const o = ctx.options;
  if (o.sharedMemory) ctx.diag.fatal('--shared-memory is not supported yet');
  if (o.wasm64) ctx.diag.fatal('wasm64 (-m wasm64) is not supported yet');
  if (o.unresolvedSymbols === 'import-dynamic') ctx.diag.fatal('--unresolved-symbols=import-dynamic is not supported yet');
  if (o.relocatable && o.buildId) ctx.diag.fatal('--build-id with -r is not supported yet');
  if (o.relocatable && (o.mapFile !== null || o.printMap)) ctx.diag.fatal('a link map (--Map, -M) with -r is not supported yet');
}

/** Milliseconds from an arbitrary start. Not performance.now(): its first use loads perf_hooks (~1 ms of every link). */
function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

function timer(ctx: LinkContext): (name: string) => void {
  let last = nowMs();
  return (name) => {
    const now = nowMs();
    ctx.timings.push([name, now - last]);
    if (process.env.WLINK_TRACE) ctx.diag.sink(`wlink: stage ${name} done in ${(now - last).toFixed(1)} ms`);
    last = now;
  };
}

/**
 * Removes the previous output before the new one is written, freeing its blocks on a thread-pool
 * thread (lld's unlinkAsync): the final rename over a 20 MB output freed them on the linking
 * thread, ~13 ms of the large link. As in wasm-ld, this happens once the link has passed every
 * check up to layout; only a regular file is removed.
 */
function releaseOldOutput(output: string): void {
  // Checked before opening: opening a FIFO waits for a writer.
  if (fs.statSync(output, { throwIfNoEntry: false })?.isFile() !== true) return;
  let fd: number;
  try {
    fd = fs.openSync(output, 'r');
  } catch {
    return; // not readable: the rename replaces it
  }
  try {
    if (fs.fstatSync(fd).isFile()) fs.unlinkSync(output);
  } catch {
    // left to the rename
  }
  fs.close(fd, () => { /* the last reference: its blocks are freed on the pool thread */ });
}

export function writeAtomically(output: string, bytes: Uint8Array, diag: Diagnostics): void {
  const existing = fs.statSync(output, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    // A device or a pipe (-o /dev/null) is written to, not replaced: as wasm-ld does.
    try {
      fs.writeFileSync(output, bytes);
    } catch (e) {
      diag.fatal(`cannot write output file ${output}: ${(e as Error).message}`);
    }
    return;
  }
  const dir = path.dirname(output);
  const tmp = path.join(dir, `.${path.basename(output)}.wlink-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o755 }); // executable, like wasm-ld's output (umask applies)
    fs.renameSync(tmp, output);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean up */ }
    diag.fatal(`cannot write output file ${output}: ${(e as Error).message}`);
  }
}
