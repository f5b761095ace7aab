#!/usr/bin/env node
// The wlink command (the package's `bin`). scripts/build.mjs compiles this file to bin/wlink.js, a
// plain node script: npm links it as `wlink` on POSIX systems and writes its .cmd/.ps1 shims from
// the first line on Windows, so the first line must name node and nothing else.
//
// Start-up time counts for small links (issue 4), so when dist/wlink.bundle.js (the CLI and the
// linker in one file, made by scripts/bundle.mjs at build time) exists and was made from the
// current dist/ files, it runs that through a V8 code cache: the functions an earlier run compiled
// are loaded instead of being parsed and compiled again. Otherwise (no bundle, a stale one, or
// WLINK_NO_BUNDLE=1) it runs dist/linker/cli/main.js as it is.
//
// The code cache is dist/wlink.bundle.cache or, when dist/ is not writable (a global install owned
// by root), the same name in a private directory of the user's under os.tmpdir(). Its header holds
// the bundle's build id and what the run that made it did; V8 checks the rest (its version and
// flags) and rejects a cache it cannot use (script.cachedDataRejected). It is written, atomically,
// when missing or rejected, and again when a run did more than the one that made it (linked where
// that one did not, or loaded more modules), so that it ends up holding the functions links use.
// WLINK_NO_CODE_CACHE=1 runs the bundle without it.
//
// What node's own command line cannot carry here (README, "Start-up", has the measurements): the
// V8 thread pool keeps node's default size, and NODE_EXTRA_CA_CERTS, when set, is read by node
// before this file runs. The JIT flag is set below when a link turns out to be large (tuneJit).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vmTypes from 'node:vm';

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = path.join(DIST, 'wlink.bundle.js');
const BUNDLE_HEADER = '// wlink bundle ';
const CACHE_MAGIC = 'wlink-code-cache';
const CACHE_HEADER_BYTES = 64;

/** Line 1 of the bundle (scripts/bundle.mjs): its build id and [dist path, size, mtime] of each module. */
interface BundleHeader {
  id: string;
  manifest: [string, number, number][];
}

export interface Bundle {
  source: string;
  id: string;
}

/** What the command module (dist/linker/cli/main.js) exports to this file. */
interface Cli {
  runCommand(argv: string[], hooks?: { largeLink?: () => void }): { status: number; linked: boolean };
}

/**
 * The source and build id of DIST/wlink.bundle.js, or null when it is missing or stale
 * (scripts/bundle.mjs --check asks this too). In a checkout, where tsconfig.json sits beside dist/
 * and a build remakes dist/ from the sources, every module must have the size and mtime it had when
 * the bundle was made: a rebuilt module is newer code than the bundle holds. An installed copy (no
 * tsconfig.json: the package ships dist/ built) is never rebuilt, so its bundle is taken as it is:
 * asking the size of each of its ~85 modules cost every run ~1.6 ms. Whoever edits an installed
 * copy's dist/ by hand (a patch of node_modules) sets WLINK_NO_BUNDLE=1 or deletes the bundle (README).
 */
export function readBundle(dist: string): Bundle | null {
  let source: string;
  try {
    source = fs.readFileSync(path.join(dist, 'wlink.bundle.js'), 'latin1'); // ASCII; latin1 decodes fastest
  } catch {
    return null;
  }
  const eol = source.indexOf('\n');
  if (!source.startsWith(BUNDLE_HEADER) || eol < 0) return null;
  let header: BundleHeader;
  try {
    header = JSON.parse(source.slice(BUNDLE_HEADER.length, eol)) as BundleHeader;
  } catch {
    return null;
  }
  if (fs.existsSync(path.join(dist, '..', 'tsconfig.json'))) {
    for (const [rel, size, mtimeMs] of header.manifest) {
      const s = fs.statSync(path.join(dist, rel), { throwIfNoEntry: false });
      if (s === undefined || s.size !== size || s.mtimeMs !== mtimeMs) return null;
    }
  }
  return { source, id: header.id };
}

/** Where the code cache may live, best first. */
function cachePaths(): string[] {
  const paths = [path.join(DIST, 'wlink.bundle.cache')];
  if (typeof process.getuid === 'function') {
    const os: typeof import('node:os') = require('node:os');
    paths.push(path.join(os.tmpdir(), `wlink-${process.getuid()}`, 'wlink.bundle.cache'));
  }
  return paths;
}

/** A directory under tmpdir is used only if it is the user's own and private to them. */
function privateDir(dir: string, create: boolean): boolean {
  if (create) {
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
    } catch {
      // exists already, or cannot be made: checked below
    }
  }
  const s = fs.lstatSync(dir, { throwIfNoEntry: false });
  return s !== undefined && s.isDirectory() && s.uid === process.getuid!() && (s.mode & 0o077) === 0;
}

interface Cache {
  data: Buffer;
  linked: boolean;
  modules: number;
}

/** The code cache made for bundle `id`, or null. */
function readCache(id: string): Cache | null {
  const paths = cachePaths();
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && !privateDir(path.dirname(paths[i]), false)) continue;
    let buf: Buffer;
    try {
      buf = fs.readFileSync(paths[i]);
    } catch {
      continue;
    }
    const [magic, cacheId, linked, modules] = buf.toString('latin1', 0, CACHE_HEADER_BYTES).trimEnd().split(' ');
    if (magic === CACHE_MAGIC && cacheId === id) {
      return { data: buf.subarray(CACHE_HEADER_BYTES), linked: linked === 'link', modules: Number(modules) };
    }
  }
  return null;
}

/** Writes the cache where it can (temp file + rename); a failure only costs speed. */
function writeCache(script: vmTypes.Script, id: string, linked: boolean, modules: number): void {
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  const header = Buffer.alloc(CACHE_HEADER_BYTES, ' ');
  header.write(`${CACHE_MAGIC} ${id} ${linked ? 'link' : 'other'} ${modules}`, 'latin1');
  const paths = cachePaths();
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && !privateDir(path.dirname(paths[i]), true)) continue;
    const tmp = `${paths[i]}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, Buffer.concat([header, data]), { mode: 0o644 });
      fs.renameSync(tmp, paths[i]);
      return;
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* nothing was written */ }
    }
  }
}

/** Runs the command for `argv`; returns its exit status. */
function run(argv: string[]): number {
  let tuned = false;
  const hooks = { largeLink: () => { tuned = tuneJit(); } };
  const bundle = process.env.WLINK_NO_BUNDLE ? null : readBundle(DIST);
  if (bundle === null) {
    const main = path.join(DIST, 'linker', 'cli', 'main.js');
    if (!fs.existsSync(main)) {
      // A checkout or folder that was never built (its devDependencies were not installed).
      process.stderr.write(`wlink: error: ${main} is missing: this copy of wlink is not built; ` +
        `run \`npm install\` in ${path.dirname(DIST)} (it builds dist/)\n`);
      return 1;
    }
    return (require(main) as Cli).runCommand(argv, hooks).status;
  }

  const vm: typeof import('node:vm') = require('node:vm');
  const useCache = !process.env.WLINK_NO_CODE_CACHE;
  const cache = useCache ? readCache(bundle.id) : null;
  const script = new vm.Script(bundle.source, { filename: BUNDLE, cachedData: cache === null ? undefined : cache.data });
  const start = script.runInThisContext() as (nodeRequire: NodeRequire, distDir: string) => { cli: Cli; modulesLoaded: () => number };
  const { cli, modulesLoaded } = start(require, DIST);
  const { status, linked } = cli.runCommand(argv, hooks);
  if (useCache && !tuned) {
    const modules = modulesLoaded();
    if (cache === null || script.cachedDataRejected || (linked && !cache.linked) || modules > cache.modules) {
      writeCache(script, bundle.id, linked, modules);
    }
  }
  return status;
}

/**
 * A reader of stdout or stderr went away (`wlink -t ... | head`): end quietly with LLVM's EX_IOERR,
 * as wasm-ld does, instead of node's unhandled-error stack trace.
 */
function closedStdio(e: NodeJS.ErrnoException): void {
  if (e && e.code === 'EPIPE') process.exit(74);
  throw e;
}

/**
 * Whether process.stdout or process.stderr was used. Node makes each on first use, which loads its
 * stream modules (~3 ms): a link that printed nothing should not pay that just to ask whether
 * anything is left to write. So the two getters are wrapped to record their first use.
 */
function watchStdio(): { used: boolean } {
  const state = { used: false };
  for (const name of ['stdout', 'stderr'] as const) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    if (d === undefined || typeof d.get !== 'function' || !d.configurable) {
      state.used = true; // not node's lazy getter: ask the streams
      continue;
    }
    const get = d.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get(this: NodeJS.Process) {
        state.used = true;
        const stream = get.call(this) as NodeJS.WriteStream;
        if (stream.listenerCount('error') === 0) stream.on('error', closedStdio);
        return stream;
      },
    });
  }
  return state;
}

/**
 * TurboFan inlines less than it would by default (a cumulative 300 bytes of bytecode into each
 * optimized function instead of 920). A long link spends much of its time waiting for its hot
 * functions to be optimized on V8's background threads; smaller compile jobs get done sooner. Set
 * when the link turns out to be large (the command's `largeLink` hook: its inputs passed 16 MB),
 * not at start: loading node:v8 costs every run ~1.6 ms, and a small link is over before the flag
 * matters. A value given on node's command line is left alone. Returns whether a flag was changed:
 * V8 rejects a code cache made under other flags, so such a run does not write one. The Linker
 * API, which a compiler keeps warm, does not run this file. README, "Start-up", has what it is worth.
 */
function tuneJit(): boolean {
  const flag = '--max-inlined-bytecode-size-cumulative';
  if (process.execArgv.some((a) => a.replace(/_/g, '-').startsWith(flag))) return false;
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`${flag}=300`);
  return true;
}

// Exit at once when nothing is left to write (tearing the heap down first costs ~10 ms after a
// large link), after one turn of the event loop: a termination signal that came while the output
// file was written runs its listener there (linker/output/output-file.ts), which ends the process
// with the signal's status. A pipe that was full (a long --print-gc-sections report) leaves writes
// queued: then node exits by itself once they are flushed.
if (require.main === module) {
  const stdio = watchStdio();
  const status = run(process.argv.slice(2));
  if (!stdio.used || (process.stdout.writableLength === 0 && process.stderr.writableLength === 0)) {
    setImmediate(() => process.exit(status));
  }
  process.exitCode = status;
}
