#!/usr/bin/env node
// Builds the reference ("golden") inputs and outputs for tests/golden: for every program under
// tests/golden/programs/<name>/ it compiles the sources with @yowasp/clang, builds the static
// archive if the program has one, asks the clang driver for the exact wasm-ld command line it would
// use, runs the reference wasm-ld (@yowasp's, in its virtual file system) and stores everything in
// .cache/golden/<name>-<hash>/:
//
//   *.o, lib*.a    the inputs of the link
//   ref.wasm       what the reference wasm-ld produced
//   ref.stdout     what ref.wasm printed when run (for humans; the tests run it again)
//   golden.json    a copy of the program's description
//   link.json      { driver, argv, output }: argv is the reference wasm-ld argv (without argv[0])
//                  with the virtual sysroot (/usr/lib/...) rewritten to <repo>/.cache/sysroot/lib/
//                  and the program's own inputs relative to the cache dir, which is the cwd to link in
//
// The hash covers the program's files, this script and the @yowasp/clang version, so an unchanged
// program is never rebuilt. Each cache dir is built in a temp dir and renamed into place, so a dir
// that exists is complete. .cache/golden/index.json maps program names to their current cache dir.
// The sysroot's lib/ is extracted once from @yowasp's llvm-resources.tar into .cache/sysroot/.
//
// Usage: node scripts/golden-cache.mjs [program names...]   (no names: all programs)
// --help prints the usage; any other option is an error.
// Programs are built in parallel in worker threads (one per core, at most 4).

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';
import { ensureSysroot } from './sysroot.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SCRIPT), '..');
const PROGRAMS_DIR = path.join(REPO, 'tests', 'golden', 'programs');
const CACHE_DIR = path.join(REPO, '.cache');
const GOLDEN_DIR = path.join(CACHE_DIR, 'golden');
const SYSROOT_DIR = path.join(CACHE_DIR, 'sysroot');
const YOWASP_DIR = path.join(REPO, 'node_modules', '@yowasp', 'clang');
const RUN_WASM = path.join(REPO, 'scripts', 'run-wasm.mjs');

/** The virtual sysroot prefix used by @yowasp's clang driver, and where we mirror it for real. */
const VIRTUAL_LIB = '/usr/lib/';
const REAL_LIB = path.join(SYSROOT_DIR, 'lib') + path.sep;

const CXX_EXTENSIONS = ['.cc', '.cpp', '.cxx'];
const SOURCE_EXTENSIONS = ['.c', ...CXX_EXTENSIONS];
const GOLDEN_KEYS = new Set(['units', 'description', 'sources', 'cflags', 'ldflags', 'archive', 'run', 'args', 'exitCode']);

function log(message) {
  process.stderr.write(`golden-cache: ${message}\n`);
}

function yowaspVersion() {
  return JSON.parse(fs.readFileSync(path.join(YOWASP_DIR, 'package.json'), 'utf8')).version;
}

/** Writes a file atomically: a temp file in the same directory, then a rename. */
function writeFileAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Renames a fully built temp dir into place; if another process won the race, keeps theirs. */
function publishDir(tmpDir, finalDir) {
  try {
    fs.renameSync(tmpDir, finalDir);
  } catch (err) {
    if (!['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(err.code) || !fs.existsSync(finalDir)) throw err;
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Removes temp dirs left behind by runs of this script that died (named `.tmp-*-<pid>-*`). */
function removeDeadTempDirs(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const m = /^\.tmp-.*-(\d+)-[a-z0-9]+$/.exec(entry);
    if (m && !pidAlive(Number(m[1]))) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

function tempDirName(parent, label) {
  return path.join(parent, `.tmp-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

// ---------------------------------------------------------------------------------------------
// Sysroot: a minimal ustar reader for @yowasp's llvm-resources.tar (the tree mounted at /usr in
// its virtual file system). Only lib/ is needed by links; headers stay inside the tarball.

// ---------------------------------------------------------------------------------------------
// Programs

function isCxx(file) {
  return CXX_EXTENSIONS.includes(path.extname(file));
}

function objectName(source) {
  return source.slice(0, -path.extname(source).length) + '.o';
}

/** Reads and checks a program's golden.json; throws on unknown keys so typos don't go unnoticed. */
function readGolden(dir) {
  const name = path.basename(dir);
  const golden = JSON.parse(fs.readFileSync(path.join(dir, 'golden.json'), 'utf8'));
  const fail = (what) => { throw new Error(`${name}/golden.json: ${what}`); };
  for (const key of Object.keys(golden)) if (!GOLDEN_KEYS.has(key)) fail(`unknown key "${key}"`);
  if (!Array.isArray(golden.sources) || golden.sources.length === 0) fail('"sources" must be a non-empty list');
  const archive = golden.archive;
  if (archive !== undefined) {
    if (!/^lib[\w-]+\.a$/.test(archive.name ?? '')) fail('"archive.name" must look like libNAME.a');
    if (!Array.isArray(archive.members) || archive.members.length === 0) fail('"archive.members" must be a non-empty list');
    if (!['after', 'l-before'].includes(archive.link ?? 'after')) fail('"archive.link" must be "after" or "l-before"');
  }
  for (const unit of golden.units ?? []) {
    if (!unit.endsWith('.wat') || !fs.existsSync(path.join(dir, unit))) fail(`unit "${unit}" must be an existing .wat file`);
  }
  for (const src of [...golden.sources, ...(archive?.members ?? [])]) {
    if (!SOURCE_EXTENSIONS.includes(path.extname(src))) fail(`"${src}" is not a C or C++ source`);
    if (!fs.existsSync(path.join(dir, src))) fail(`"${src}" does not exist`);
  }
  const run = golden.run ?? 'command';
  if (run !== 'command' && !Array.isArray(run?.reactor)) fail('"run" must be "command" or {"reactor": [[export, ...args], ...]}');
  return golden;
}

/** Program files (every regular file in the program dir, sorted), for hashing and compiling. */
function programFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

function programHash(dir, version) {
  const hash = createHash('sha256');
  const add = (label, data) => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add('yowasp', version);
  add('script', fs.readFileSync(SCRIPT));
  add('sysroot', REAL_LIB); // link.json holds absolute sysroot paths
  for (const file of programFiles(dir)) add(`file:${file}`, fs.readFileSync(path.join(dir, file)));
  // A program with .wat units gets its reference through `wlink -r`: wlink's code is an input then.
  if (readGolden(dir).units) for (const file of wlinkFiles()) add(`wlink:${file}`, fs.readFileSync(path.join(REPO, file)));
  return hash.digest('hex').slice(0, 16);
}

/** The compiled wlink that makes -r objects of .wat units (dist/, built by `npm test` before this runs). */
function wlinkFiles() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.js')) files.push(rel);
    }
  };
  for (const dir of ['dist/codegen', 'dist/frontends', 'dist/demangle', 'dist/linker', 'dist/formats']) walk(dir);
  return files.sort();
}

function listPrograms() {
  return fs.readdirSync(PROGRAMS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(PROGRAMS_DIR, e.name, 'golden.json')))
    .map((e) => e.name)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Worker side: everything that needs @yowasp/clang (loaded only when something must be built).

let yowasp = null;

async function loadYowasp() {
  if (yowasp === null) {
    yowasp = await import('@yowasp/clang');
    // The first run fetches the resources; doing it here silences the default progress printout.
    await yowasp.runLLVM(null, {}, { fetchProgress: () => {} });
  }
  return yowasp;
}

/** Runs a @yowasp command, capturing stdout and stderr; throws with the output on failure. */
async function runTool(label, fn, args, tree) {
  const chunks = [];
  const capture = (bytes) => { if (bytes) chunks.push(Buffer.from(bytes)); };
  let result;
  try {
    result = await fn(args, tree, { stdout: capture, stderr: capture, decodeASCII: false });
  } catch (err) {
    const output = Buffer.concat(chunks).toString('utf8');
    throw new Error(`${label} failed (${err.message}):\n${args.join(' ')}\n${output}`);
  }
  return { files: result, output: Buffer.concat(chunks).toString('utf8') };
}

/** Same parsing as @yowasp's runClang: ` "a" "b c"` lines of `clang -###` are commands. */
function unquoteClangArgs(line) {
  return Array.from(line.matchAll(/ (?:([^ "]+)|"((?:[^"\\$]|\\["\\$])+)")/g),
    (m) => (m[1] !== undefined ? m[1] : m[2].replaceAll(/\\["$\\]/g, (s) => s[1])));
}

function toRealSysroot(arg) {
  // Covers "/usr/lib/x", "-L/usr/lib/x" and "--opt=/usr/lib/x".
  return arg.replace(/^(-L|--[\w-]+=)?\/usr\/lib\//, (_m, prefix) => `${prefix ?? ''}${REAL_LIB}`);
}

async function buildProgram({ name, srcDir, finalDir }) {
  const { runClang, runLLVM, commands } = await loadYowasp();
  const golden = readGolden(srcDir);
  const tmpDir = tempDirName(GOLDEN_DIR, name);
  fs.mkdirSync(tmpDir, { recursive: true });
  try {
    const tree = {};
    for (const file of programFiles(srcDir)) tree[file] = fs.readFileSync(path.join(srcDir, file));
    const cflags = golden.cflags ?? [];
    const warnings = [];

    const compile = async (src) => {
      const obj = objectName(src);
      const driver = isCxx(src) ? 'clang++' : 'clang';
      const { files, output } = await runTool(`compiling ${name}/${src}`, runClang,
        [driver, '-c', ...cflags, src, '-o', obj], tree);
      if (output.trim()) warnings.push(output.trim());
      tree[obj] = files[obj];
      fs.writeFileSync(path.join(tmpDir, obj), files[obj]);
      return obj;
    };
    const objects = [];
    for (const src of golden.sources) objects.push(await compile(src));
    // .wat units: the reference links `wlink -r UNIT.wat -o UNIT.wat.o`; wlink links UNIT.wat itself.
    const unitObjects = new Map();
    for (const unit of golden.units ?? []) {
      const obj = `${unit}.o`;
      fs.copyFileSync(path.join(srcDir, unit), path.join(tmpDir, unit));
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'wlink.js'), '-r', unit, '-o', obj], { cwd: tmpDir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`wlink -r ${unit} failed:\n${r.stderr}`);
      tree[obj] = fs.readFileSync(path.join(tmpDir, obj));
      objects.push(obj);
      unitObjects.set(obj, unit);
    }

    const archiveArgs = { before: [], after: [] };
    if (golden.archive) {
      const members = [];
      for (const src of golden.archive.members) members.push(await compile(src));
      const { files } = await runTool(`ar for ${name}`, commands.ar, ['rcs', golden.archive.name, ...members], tree);
      tree[golden.archive.name] = files[golden.archive.name];
      fs.writeFileSync(path.join(tmpDir, golden.archive.name), files[golden.archive.name]);
      if ((golden.archive.link ?? 'after') === 'after') {
        archiveArgs.after = [golden.archive.name];
      } else { // searched with -L. -lNAME, placed before the objects (lazy archive semantics)
        archiveArgs.before = ['-L.', `-l${golden.archive.name.slice(3, -2)}`];
      }
    }

    // Ask the driver which wasm-ld command it would run (no wasm-opt in @yowasp's tree).
    const anyCxx = [...golden.sources, ...(golden.archive?.members ?? [])].some(isCxx);
    const driver = [anyCxx ? 'clang++' : 'clang', ...(golden.ldflags ?? []), ...archiveArgs.before, ...objects,
      ...archiveArgs.after, '-o', 'ref.wasm'];
    const { output: hashes } = await runTool(`clang -### for ${name}`, runLLVM, [driver[0], '-###', ...driver.slice(1)], tree);
    const jobs = hashes.split('\n').filter((l) => l.startsWith(' "')).map(unquoteClangArgs);
    if (jobs.length !== 1 || !/(^|\/)wasm-ld$/.test(jobs[0][0])) {
      throw new Error(`${name}: expected exactly one wasm-ld job from the driver, got:\n${hashes}`);
    }
    const ldArgv = jobs[0].slice(1);

    const { files: linked, output: ldOutput } = await runTool(`reference wasm-ld for ${name}`, commands['wasm-ld'], ldArgv, tree);
    if (ldOutput.trim()) warnings.push(ldOutput.trim());
    const refWasm = linked['ref.wasm'];
    if (!(refWasm instanceof Uint8Array)) throw new Error(`${name}: the reference link produced no ref.wasm`);
    fs.writeFileSync(path.join(tmpDir, 'ref.wasm'), refWasm);

    // Sanity check: the reference runs and exits as golden.json says (catches broken programs).
    const run = golden.run ?? 'command';
    const runArgs = run === 'command'
      ? [RUN_WASM, 'ref.wasm', ...(golden.args ?? [])]
      : [RUN_WASM, '--reactor', 'ref.wasm', JSON.stringify(run.reactor)];
    const ran = spawnSync(process.execPath, runArgs, { cwd: tmpDir, encoding: 'utf8', timeout: 120_000 });
    const wantExit = golden.exitCode ?? 0;
    if (ran.status !== wantExit) {
      throw new Error(`${name}: ref.wasm exited with ${ran.status} (expected ${wantExit}):\n${ran.stdout}\n${ran.stderr}`);
    }
    fs.writeFileSync(path.join(tmpDir, 'ref.stdout'), ran.stdout);

    fs.copyFileSync(path.join(srcDir, 'golden.json'), path.join(tmpDir, 'golden.json'));
    // link.json last: together with the atomic rename it marks the dir complete.
    const link = { driver, argv: ldArgv.map(toRealSysroot), output: 'ref.wasm' };
    if (unitObjects.size > 0) link.wlinkArgv = link.argv.map((a) => unitObjects.get(a) ?? a);
    fs.writeFileSync(path.join(tmpDir, 'link.json'), JSON.stringify(link, null, 2) + '\n');
    publishDir(tmpDir, finalDir);
    return { warnings };
  } catch (err) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }
}

if (!isMainThread) {
  parentPort.on('message', async (job) => {
    const start = Date.now();
    try {
      const { warnings } = await buildProgram(job);
      parentPort.postMessage({ name: job.name, ok: true, ms: Date.now() - start, warnings });
    } catch (err) {
      parentPort.postMessage({ name: job.name, ok: false, ms: Date.now() - start, error: String(err?.stack ?? err) });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Main side: decide what is stale, farm it out to workers, publish the index.

async function main() {
  const cli = scriptOptions('node scripts/golden-cache.mjs', 'Usage: $0 [program names...]\n\n' +
      'Builds the reference inputs and outputs of tests/golden (compiled with @yowasp/clang, linked by its wasm-ld) ' +
      'into .cache/golden/<name>-<hash>/, skipping programs whose cache dir is current.', { positionals: true })
    .command('$0 [programs..]', false, (y) => y.positional('programs', {
      type: 'string', describe: 'programs (directories under tests/golden/programs) to build; none: all',
    }));
  const opts = parseScriptOptions(cli, 'golden-cache');
  const wanted = opts.programs ?? [];
  const version = yowaspVersion();
  const all = listPrograms();
  for (const w of wanted) if (!all.includes(w)) throw new Error(`no such program: ${w}`);
  const names = wanted.length ? wanted : all;

  ensureSysroot(REPO, log);
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  removeDeadTempDirs(GOLDEN_DIR);

  const index = {};
  const jobs = [];
  for (const name of names) {
    const srcDir = path.join(PROGRAMS_DIR, name);
    readGolden(srcDir); // fail early on a malformed description
    const dirName = `${name}-${programHash(srcDir, version)}`;
    const finalDir = path.join(GOLDEN_DIR, dirName);
    index[name] = dirName;
    if (!fs.existsSync(path.join(finalDir, 'link.json'))) {
      fs.rmSync(finalDir, { recursive: true, force: true }); // incomplete (should not happen)
      jobs.push({ name, srcDir, finalDir });
    }
  }

  const failures = [];
  if (jobs.length > 0) {
    const start = Date.now();
    const nWorkers = Math.max(1, Math.min(jobs.length, os.cpus().length, 4));
    log(`building ${jobs.length} program(s) with ${nWorkers} worker(s): ${jobs.map((j) => j.name).join(', ')}`);
    const queue = [...jobs];
    await Promise.all(Array.from({ length: nWorkers }, () => new Promise((resolve, reject) => {
      const worker = new Worker(SCRIPT);
      const next = () => {
        const job = queue.shift();
        if (job === undefined) {
          worker.terminate().then(() => resolve());
        } else {
          worker.postMessage(job);
        }
      };
      worker.on('message', (msg) => {
        if (msg.ok) {
          log(`built ${msg.name} in ${(msg.ms / 1000).toFixed(1)}s`);
          for (const w of msg.warnings) log(`  ${msg.name}: ${w.replaceAll('\n', '\n    ')}`);
        } else {
          log(`FAILED ${msg.name}: ${msg.error}`);
          failures.push(msg.name);
        }
        next();
      });
      worker.on('error', reject);
      next();
    })));
    log(`done in ${((Date.now() - start) / 1000).toFixed(1)}s`);
  }

  // Merge with the existing index (a run for a subset keeps the other entries), drop stale dirs.
  const indexFile = path.join(GOLDEN_DIR, 'index.json');
  let merged = {};
  if (fs.existsSync(indexFile)) {
    try { merged = JSON.parse(fs.readFileSync(indexFile, 'utf8')); } catch { merged = {}; }
  }
  for (const name of Object.keys(merged)) if (!all.includes(name)) delete merged[name];
  for (const name of names) if (!failures.includes(name)) merged[name] = index[name];
  for (const name of failures) delete merged[name];
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileAtomic(indexFile, JSON.stringify(sorted, null, 2) + '\n');
  const keep = new Set(Object.values(merged));
  for (const entry of fs.readdirSync(GOLDEN_DIR)) {
    const m = /^(.+)-[0-9a-f]{16}$/.exec(entry);
    if (m && names.includes(m[1]) && !keep.has(entry)) fs.rmSync(path.join(GOLDEN_DIR, entry), { recursive: true, force: true });
  }
  if (failures.length) {
    log(`${failures.length} program(s) failed: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

if (isMainThread) {
  main().catch((err) => {
    log(String(err?.stack ?? err));
    process.exitCode = 1;
  });
}
