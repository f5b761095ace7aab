#!/bin/sh
':' //; NODE_EXTRA_CA_CERTS= exec node --v8-pool-size=1 --max-inlined-bytecode-size-cumulative=300 "$0" "$@"
'use strict';
// Lines 1-2 are for sh, which runs this file as the `wlink` command: they start node on it with
// NODE_EXTRA_CA_CERTS cleared. When that variable is set, node 20 sets up OpenSSL and reads the
// certificates before running any script (~40 ms on this machine, where node -e 0 takes 58 ms with
// it and 20 ms without); a linker makes no TLS connection. --v8-pool-size=1 gives V8 one background
// thread (for concurrent compiling and marking) instead of four: on the 2-vCPU bench machine the
// four took CPU from the thread that links (large link 615 -> 587 ms, hello 58 -> 52 ms, medians of
// 21 alternating runs). --max-inlined-bytecode-size-cumulative: see tuneJit below. For node, line 2
// is a string and a comment; `node bin/wlink.js` works as well.
//
// The wlink command. Start-up time counts for small links (issue 4), so when dist/wlink.bundle.js
// (the CLI and the linker in one file, made by scripts/bundle.mjs at `npm run build`) exists and
// was made from the current dist/ files, it runs that through a V8 code cache: the functions an
// earlier run compiled are loaded instead of being parsed and compiled again. Otherwise (no
// bundle, a stale one, or WLINK_NO_BUNDLE=1) it runs dist/linker/cli/main.js as it is.
//
// The code cache is dist/wlink.bundle.cache or, when dist/ is not writable, the same name in a
// private directory of the user's under os.tmpdir(). Its header holds the bundle's build id and
// what the run that made it did; V8 checks the rest (its version and flags) and rejects a cache it
// cannot use (script.cachedDataRejected). It is written, atomically, when missing or rejected, and
// again when a run did more than the one that made it (linked where that one did not, or loaded
// more modules), so that it ends up holding the functions links use. WLINK_NO_CODE_CACHE=1 runs
// the bundle without it.
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = path.join(DIST, 'wlink.bundle.js');
const BUNDLE_HEADER = '// wlink bundle ';
const CACHE_MAGIC = 'wlink-code-cache';
const CACHE_HEADER_BYTES = 64;

/**
 * The source and build id of DIST/wlink.bundle.js, or null when it is missing or older than the
 * dist/ files it was made from (scripts/bundle.mjs --check asks this too).
 */
function readBundle(dist) {
  let source;
  try {
    source = fs.readFileSync(path.join(dist, 'wlink.bundle.js'), 'latin1'); // ASCII; latin1 decodes fastest
  } catch {
    return null;
  }
  const eol = source.indexOf('\n');
  if (!source.startsWith(BUNDLE_HEADER) || eol < 0) return null;
  let header;
  try {
    header = JSON.parse(source.slice(BUNDLE_HEADER.length, eol));
  } catch {
    return null;
  }
  for (const [rel, size, mtimeMs] of header.manifest) {
    const s = fs.statSync(path.join(dist, rel), { throwIfNoEntry: false });
    if (s === undefined || s.size !== size || s.mtimeMs !== mtimeMs) return null;
  }
  return { source, id: header.id };
}

/** Where the code cache may live, best first. */
function cachePaths() {
  const paths = [path.join(DIST, 'wlink.bundle.cache')];
  if (typeof process.getuid === 'function') {
    paths.push(path.join(require('node:os').tmpdir(), `wlink-${process.getuid()}`, 'wlink.bundle.cache'));
  }
  return paths;
}

/** A directory under tmpdir is used only if it is the user's own and private to them. */
function privateDir(dir, create) {
  if (create) {
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
    } catch {
      // exists already, or cannot be made: checked below
    }
  }
  const s = fs.lstatSync(dir, { throwIfNoEntry: false });
  return s !== undefined && s.isDirectory() && s.uid === process.getuid() && (s.mode & 0o077) === 0;
}

/** The code cache made for bundle `id`: { data, linked, modules }, or null. */
function readCache(id) {
  const paths = cachePaths();
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && !privateDir(path.dirname(paths[i]), false)) continue;
    let buf;
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
function writeCache(script, id, linked, modules) {
  let data;
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

function run(argv) {
  const bundle = process.env.WLINK_NO_BUNDLE ? null : readBundle(DIST);
  if (bundle === null) return require('../dist/linker/cli/main.js').runCommand(argv).status;

  const vm = require('node:vm');
  const useCache = !process.env.WLINK_NO_CODE_CACHE;
  const cache = useCache ? readCache(bundle.id) : null;
  const script = new vm.Script(bundle.source, { filename: BUNDLE, cachedData: cache === null ? undefined : cache.data });
  const { cli, modulesLoaded } = script.runInThisContext()(require, DIST);
  const { status, linked } = cli.runCommand(argv);
  if (useCache) {
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
function closedStdio(e) {
  if (e && e.code === 'EPIPE') process.exit(74);
  throw e;
}

/**
 * Whether process.stdout or process.stderr was used. Node makes each on first use, which loads its
 * stream modules (~3 ms): a link that printed nothing should not pay that just to ask whether
 * anything is left to write. So the two getters are wrapped to record their first use.
 */
function watchStdio() {
  const state = { used: false };
  for (const name of ['stdout', 'stderr']) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    if (d === undefined || typeof d.get !== 'function' || !d.configurable) {
      state.used = true; // not node's lazy getter: ask the streams
      continue;
    }
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        state.used = true;
        const stream = d.get.call(this);
        if (stream.listenerCount('error') === 0) stream.on('error', closedStdio);
        return stream;
      },
    });
  }
  return state;
}

/**
 * TurboFan inlines less than it would by default (a cumulative 300 bytes of bytecode into each
 * optimized function instead of 920). A one-shot link spends much of its time waiting for its hot
 * functions to be optimized, on the one background thread that compiles them (--v8-pool-size=1);
 * smaller compile jobs reach it sooner. Large link 568 -> 525 ms, medians of 41 alternating runs
 * (`node scripts/bench/startup.mjs --case large --runs 41 --node
 * c300=node,--max-inlined-bytecode-size-cumulative=300`, before the flag was on line 2); the code it
 * makes is ~5% slower once warm, which a link ~3x the bench's would start to feel. The command gets
 * the flag from its start line (line 2); `node bin/wlink.js` sets it here (~2 ms to load node:v8),
 * before the bundle is compiled, so that both share the code cache: V8 rejects a cache made under
 * other flags. A value given on node's command line is left alone. The Linker API, which a
 * compiler keeps warm, does not run this file.
 */
function tuneJit() {
  const flag = '--max-inlined-bytecode-size-cumulative';
  if (!process.execArgv.some((a) => a.replace(/_/g, '-').startsWith(flag))) require('node:v8').setFlagsFromString(`${flag}=300`);
}

// Exit at once when nothing is left to write (tearing the heap down first costs ~10 ms after a
// large link), after one turn of the event loop: a termination signal that came while the output
// file was written runs its listener there (linker/output/output-file.ts), which ends the process
// with the signal's status. A pipe that was full (a long --print-gc-sections report) leaves writes
// queued: then node exits by itself once they are flushed.
if (require.main === module) {
  const stdio = watchStdio();
  tuneJit();
  const status = run(process.argv.slice(2));
  if (!stdio.used || (process.stdout.writableLength === 0 && process.stderr.writableLength === 0)) {
    setImmediate(() => process.exit(status));
  }
  process.exitCode = status;
}
else module.exports = { readBundle };
