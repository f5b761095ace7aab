// Builds (once) and caches the generated benchmark inputs in .cache/bench/corpus-<hash>/, a case at a
// time (a case is built the first time a bench run asks for it):
//
//   src/               the generated C sources (gen-corpus.mjs) and hello.c, shared by the cases
//   large/             main.o, tuNNN.o (objects), libbench.a (the archive part), compiled -O1
//   large-debug/       the same sources compiled -O1 -g, as a debug build compiles every file
//   small/             hello.o
//   sysroot/           copies of exactly the sysroot files the wasm-ld argv names (crt1, libc.a, libm.a,
//                      compiler-rt): identical inputs for every linker, and outside /usr, which
//                      scripts/wasm-ld-yowasp.mjs cannot map (@yowasp mounts its own /usr)
//   corpus.json        rewritten after the sources and after each case (a case is complete once it is
//                      listed): for each case the driver argv, the exact wasm-ld argv the driver printed
//                      (-###), the argv the bench runs (sysroot paths rewritten to sysroot/, output
//                      "-o OUT"), and statistics
//
// Every link runs with cwd = the corpus dir, so the argv is made of short relative paths.
// The hash covers the generator parameters, the generator and this file, and the compiler.
// This module also owns what the medium programs (programs.mjs) build on: the compile pool, the
// driver's wasm-ld argv, the sysroot copies, a case directory's corpus.json, and finding a built case.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './gen-corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
export const BENCH_DIR = path.join(REPO, '.cache', 'bench');
export const OUT_PLACEHOLDER = 'OUT';

const log = (m) => process.stderr.write(`bench: ${m}\n`);

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const HELLO = `#include <stdio.h>

int main(void) {
  printf("Hello, world!\\n");
  return 0;
}
`;

function corpusHash(params, compiler) {
  const h = createHash('sha256');
  h.update(JSON.stringify({ params, compiler, v: 1 }));
  for (const f of ['gen-corpus.mjs', 'corpus.mjs', 'yowasp-cc.mjs']) h.update(fs.readFileSync(path.join(HERE, f)));
  if (compiler === 'clang-19') h.update(spawnSync('clang-19', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  else h.update(JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/@yowasp/clang/package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 12);
}

/** Runs commands with at most `jobs` at a time; rejects on the first failure. */
export async function pool(tasks, jobs) {
  let next = 0;
  let failed = null;
  const worker = async () => {
    while (next < tasks.length && !failed) {
      const task = tasks[next++];
      try { await task(); } catch (err) { failed = err; }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (failed) throw failed;
}

export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** Parses the quoted command lines of `clang -###`. */
function unquoteClangArgs(line) {
  return Array.from(line.matchAll(/ (?:([^ "]+)|"((?:[^"\\$]|\\["\\$])+)")/g),
    (m) => (m[1] !== undefined ? m[1] : m[2].replaceAll(/\\["$\\]/g, (s) => s[1])));
}

async function compileAll(compiler, dir, units, jobs, optFlags) {
  // units: [{ src: 'src/x.c', obj: 'large/x.o' }]
  const cflags = [...optFlags, '-c', '-Isrc'];
  if (compiler === 'clang-19') {
    let done = 0;
    await pool(units.map((u) => async () => {
      await run('clang-19', ['--target=wasm32-wasi', ...cflags, u.src, '-o', u.obj], { cwd: dir });
      if (++done % 50 === 0) log(`  compiled ${done}/${units.length}`);
    }), jobs);
  } else {
    // @yowasp/clang: one long-lived node process per job (its start-up is paid once per job).
    const shards = Array.from({ length: jobs }, () => []);
    units.forEach((u, i) => shards[i % jobs].push(`${u.src}=${u.obj}`));
    await Promise.all(shards.filter((s) => s.length).map((s) =>
      run(process.execPath, [path.join(HERE, 'yowasp-cc.mjs'), ...cflags, '--', ...s], { cwd: dir })));
  }
}

async function makeArchive(compiler, dir, archive, members) {
  const ar = which('llvm-ar-19') ?? which('llvm-ar');
  if (ar) {
    await run(ar, ['rcs', archive, ...members], { cwd: dir });
  } else {
    await run(process.execPath, [path.join(HERE, 'yowasp-cc.mjs'), '--ar', archive, ...members], { cwd: dir });
  }
}

/** The wasm-ld argv (without argv[0]) the driver would run for `driverArgs`, and the sysroot dir it names. */
export async function driverLinkArgv(compiler, dir, driverArgs) {
  let out;
  if (compiler === 'clang-19') {
    out = await run('clang-19', ['--target=wasm32-wasi', '-###', ...driverArgs], { cwd: dir });
  } else {
    out = await run(process.execPath, [path.join(HERE, 'yowasp-cc.mjs'), '--driver', ...driverArgs], { cwd: dir });
  }
  const jobs = out.split('\n').filter((l) => l.startsWith(' "')).map(unquoteClangArgs);
  const ld = jobs.filter((j) => /(^|\/)wasm-ld(-\d+)?$/.test(j[0]));
  if (ld.length !== 1) throw new Error(`expected one wasm-ld job from the driver, got:\n${out}`);
  return { driverOutput: out, argv: ld[0].slice(1) };
}

/**
 * Rewrites the driver's wasm-ld argv so that every sysroot file is a copy under <dir>/sysroot/ (only the
 * files the link names or can find with -l), and the output is OUT_PLACEHOLDER.
 * `virtualToReal` maps a path as the driver printed it to the real file (for @yowasp's virtual /usr).
 */
export function localizeArgv(dir, argv, virtualToReal) {
  const libs = argv.filter((a) => /^-l./.test(a)).map((a) => a.slice(2));
  const out = [];
  let lDirs = 0;
  const copied = new Map();
  const copyFile = (real) => {
    if (copied.has(real)) return copied.get(real);
    const rel = path.join('sysroot', 'files', path.basename(real));
    if ([...copied.values()].includes(rel)) throw new Error(`sysroot name clash: ${real}`);
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(real, path.join(dir, rel));
    copied.set(real, rel);
    return rel;
  };
  const isForeign = (p) => path.isAbsolute(p);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-o') { out.push('-o', OUT_PLACEHOLDER); i++; continue; }
    if (/^-L./.test(arg) && isForeign(arg.slice(2))) {
      const real = virtualToReal(arg.slice(2));
      const rel = path.join('sysroot', `L${lDirs++}`);
      fs.mkdirSync(path.join(dir, rel), { recursive: true });
      for (const lib of libs) {
        const f = path.join(real, `lib${lib}.a`);
        if (fs.existsSync(f)) fs.copyFileSync(f, path.join(dir, rel, `lib${lib}.a`));
      }
      out.push(`-L${rel}`);
      continue;
    }
    if (!arg.startsWith('-') && isForeign(arg)) {
      const real = virtualToReal(arg);
      if (!fs.existsSync(real)) throw new Error(`the driver names ${arg} (${real}), which does not exist`);
      out.push(copyFile(real));
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0 && isForeign(arg.slice(eq + 1)) && fs.existsSync(virtualToReal(arg.slice(eq + 1)))) {
      out.push(`${arg.slice(0, eq + 1)}${copyFile(virtualToReal(arg.slice(eq + 1)))}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

export function dirSize(dir, filter = () => true) {
  let total = 0;
  for (const f of fs.readdirSync(dir)) if (filter(f)) total += fs.statSync(path.join(dir, f)).size;
  return total;
}

/** The cases of the generated corpus: their compile flags and subdirectory. */
export const GENERATED_CASES = {
  large: { optFlags: ['-O1'], about: 'generated C program, every file -O1' },
  'large-debug': { optFlags: ['-O1', '-g'], about: 'the same sources, every file -O1 -g (a debug build)' },
  small: { optFlags: ['-O1'], about: 'hello world (start-up cost)' },
};

/** Writes a case directory's corpus.json through a temporary file, so that it is never half written. */
export function writeManifest(dir, manifest) {
  const file = path.join(dir, 'corpus.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

const readManifest = (dir) => {
  const file = path.join(dir, 'corpus.json');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};

/** The version line of the compiler. */
export function compilerVersion(compiler) {
  return compiler === 'clang-19'
    ? spawnSync('clang-19', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]
    : `@yowasp/clang ${JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/@yowasp/clang/package.json'), 'utf8')).version}`;
}

/** Maps a sysroot path as the compiler's driver prints it to the real file (@yowasp's /usr is virtual). */
async function sysrootMapper(compiler) {
  if (compiler === 'clang-19') return (p) => p;
  const { ensureSysroot } = await import('../sysroot.mjs');
  const lib = ensureSysroot(REPO);
  return (p) => p.replace(/^\/usr\/lib(?=\/|$)/, lib);
}

/** The bench's record of a case whose inputs are built: the driver's argv and the wasm-ld argv it runs. */
export async function linkCase(compiler, dir, driverArgs, virtualToReal, extra = {}) {
  const { driverOutput, argv } = await driverLinkArgv(compiler, dir, driverArgs);
  return {
    driver: [compiler === 'clang-19' ? 'clang-19' : 'clang', ...(compiler === 'clang-19' ? ['--target=wasm32-wasi'] : []), ...driverArgs],
    driverOutput: driverOutput.trim(),
    wasmLdArgv: argv,
    argv: localizeArgv(dir, argv, virtualToReal),
    ...extra,
  };
}

async function buildGeneratedCase(name, { compiler, dir, gen, jobs }) {
  const t0 = Date.now();
  const { optFlags } = GENERATED_CASES[name];
  const sub = path.join(dir, name);
  fs.rmSync(sub, { recursive: true, force: true });
  fs.mkdirSync(sub, { recursive: true });
  log(`building case ${name} in ${path.relative(REPO, sub)} with ${compiler} ${optFlags.join(' ')} (${jobs} jobs); this happens once`);
  const virtualToReal = await sysrootMapper(compiler);
  if (name === 'small') {
    await compileAll(compiler, dir, [{ src: 'src/hello.c', obj: 'small/hello.o' }], jobs, optFlags);
    return linkCase(compiler, dir, ['small/hello.o', '-o', 'small.wasm'], virtualToReal, {
      cflags: [...optFlags, '-c'],
      stats: { objectFiles: 1, objectBytes: fs.statSync(path.join(sub, 'hello.o')).size },
      buildSeconds: Math.round((Date.now() - t0) / 1000),
    });
  }
  const units = [...gen.objects, ...gen.archive].map((n) => ({ src: `src/${n}.c`, obj: `${name}/${n}.o` }));
  await compileAll(compiler, dir, units, jobs, optFlags);
  log(`  compiled ${units.length} translation units in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const archiveMembers = gen.archive.map((n) => `${name}/${n}.o`);
  await makeArchive(compiler, dir, `${name}/libbench.a`, archiveMembers);
  for (const m of archiveMembers) fs.rmSync(path.join(dir, m)); // they live in the archive only
  const driverArgs = [...gen.objects.map((n) => `${name}/${n}.o`), `${name}/libbench.a`, '-lm', '-o', `${name}.wasm`];
  return linkCase(compiler, dir, driverArgs, virtualToReal, {
    cflags: [...optFlags, '-c'],
    stats: {
      objectFiles: gen.objects.length,
      archiveName: 'libbench.a',
      archiveMembers: gen.archive.length,
      objectBytes: dirSize(sub, (f) => f.endsWith('.o')),
      archiveBytes: fs.statSync(path.join(sub, 'libbench.a')).size,
    },
    buildSeconds: Math.round((Date.now() - t0) / 1000),
  });
}

/**
 * Returns { dir, corpus } for the cached generated corpus with at least `cases` (names of
 * GENERATED_CASES) built, building the sources and the missing cases first.
 */
export async function ensureCorpus({ compiler, params = {}, jobs = 2, rebuild = false, cases = Object.keys(GENERATED_CASES) }) {
  const gen = generateCorpus(params);
  const hash = corpusHash(gen.params, compiler);
  const dir = path.join(BENCH_DIR, `corpus-${hash}`);
  let corpus = rebuild ? null : readManifest(dir);
  if (!corpus) {
    log(`writing the generated sources to ${path.relative(REPO, dir)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    for (const [name, text] of Object.entries(gen.files)) fs.writeFileSync(path.join(dir, 'src', name), text);
    fs.writeFileSync(path.join(dir, 'src', 'hello.c'), HELLO);
    corpus = {
      hash, compiler, compilerVersion: compilerVersion(compiler), params: gen.params,
      stats: { ...gen.stats, sourceBytes: dirSize(path.join(dir, 'src')) },
      cases: {},
    };
    writeManifest(dir, corpus);
  }
  for (const name of cases) {
    if (corpus.cases[name]) continue;
    corpus.cases[name] = await buildGeneratedCase(name, { compiler, dir, gen, jobs });
    writeManifest(dir, corpus);
    log(`  case ${name} ready in ${corpus.cases[name].buildSeconds} s`);
  }
  return { dir, corpus };
}

/**
 * The newest built case `name` under .cache/bench (a generated corpus or a medium program):
 * { dir, argv } (argv with the output as OUT_PLACEHOLDER), or null.
 */
export function findBuiltCase(name) {
  if (!fs.existsSync(BENCH_DIR)) return null;
  const found = fs.readdirSync(BENCH_DIR)
    .map((d) => path.join(BENCH_DIR, d))
    .filter((dir) => readManifest(dir)?.cases?.[name])
    .map((dir) => ({ dir, mtimeMs: fs.statSync(path.join(dir, 'corpus.json')).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  return found ? { dir: found.dir, argv: readManifest(found.dir).cases[name].argv } : null;
}
