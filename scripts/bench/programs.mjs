// The benchmark's medium programs: real C programs from Debian source packages, built once like a
// real build (Debian's clang-19 --target=wasm32-wasi -O2 -c, the library part in a static archive) and
// cached in .cache/bench/<program>-<hash>/, each with a short workload the bench's checks run under
// node's WASI:
//
//   sqlite   the SQLite 3.40 shell: shell.o + libsqlite3.a (the amalgamation with an in-memory VFS,
//            scripts/debian-stubs/sqlite/wasi-os.c); workload: SQL on stdin
//   lua      the Lua 5.4 interpreter: lua.o + liblua5.4.a (its core and standard libraries);
//            workload: a Lua script on stdin (`lua -`), without errors or coroutines (Debian's
//            wasi-libc has no setjmp/longjmp, scripts/debian-stubs/lua/setjmp.h)
//
// The sources are those scripts/debian-corpus.sh uses, fetched the same way and into the same place
// ($DEBIAN_CORPUS_DIR, default .cache/debian-src: `apt-get source` into src/, the SQLite amalgamation
// made by its configure and make in build/sqlite-amalgamation/), with the same flags and stubs. A
// program dir holds obj/ (the objects), the archive, workload.*, sysroot/ (the sysroot files the
// argv names, as in corpus.mjs) and corpus.json, written last, in corpus.mjs's format.
// The hash covers this file, corpus.mjs, the stubs, the compiler and the source package's version.
//
//   programToolsMissing(name) -> why the program cannot be built here, or null
//   ensureProgram(name, { jobs, rebuild }) -> { dir, corpus }, or { skipped: why } when the
//                                             source package cannot be fetched
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, compilerVersion, dirSize, linkCase, pool, run, which, writeManifest } from './corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const STUBS = path.join(REPO, 'scripts', 'debian-stubs');
const log = (m) => process.stderr.write(`bench: ${m}\n`);
const debianDir = () => process.env.DEBIAN_CORPUS_DIR ?? path.join(REPO, '.cache', 'debian-src');

const LUA_WORKLOAD = `-- The bench's Lua workload: a little of everything the interpreter links in.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(20))
local sieve, count = {}, 0
for i = 2, 5000 do
  if not sieve[i] then count = count + 1 for j = i * i, 5000, i do sieve[j] = true end end
end
print("primes", count)
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 997 end
table.sort(t)
print("sort", t[1], t[500], t[1000], table.concat(t, " ", 1, 5))
local counts = {}
for w in ("to be or not to be that is the question"):gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
print("words", counts.to, counts.be, counts.question)
print(string.format("%.3f %g %x %q", math.pi, 2 ^ 0.5, 4096, "tab\\there"), ("Lua"):rep(2, "+"), ("%d/%d"):format(3, 4))
print("math", math.floor(-2.5), 7 // 2, 7 % -3, math.max(3, 9, 1), math.tointeger(8.0), math.ult(1, -1))
print("utf8", utf8.len("na\\u{EF}ve"), #utf8.char(8364), string.unpack("<i2", string.pack("<i2", -300)))
local mt = setmetatable({}, { __index = function(_, k) return #k end, __len = function() return 42 end })
print("meta", mt.hello, #mt)
print("load", load("return ... * 2")(21), select("#", 1, nil, 3))
local parts = {}
for i = 1, 2000 do parts[#parts + 1] = tostring(i) end
print("concat", #table.concat(parts, ","))
`;

const SQLITE_WORKLOAD = `-- The bench's SQLite workload: tables, an index, aggregates, windows, JSON, printf.
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, price REAL, kind INT);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000)
INSERT INTO item SELECT x, 'item' || x, x * 0.25, x % 13 FROM n;
CREATE INDEX item_kind ON item(kind);
SELECT count(*), sum(price), min(name), max(name) FROM item;
SELECT kind, count(*), printf('%.2f', avg(price)) FROM item GROUP BY kind ORDER BY kind LIMIT 4;
SELECT kind, id, rank() OVER (PARTITION BY kind ORDER BY price DESC) FROM item WHERE id < 30 AND kind < 2;
SELECT json_object('n', 3, 'l', json_array(1, 'two')), json_extract('{"a":[7,8]}', '$.a[1]');
SELECT upper('sql'), substr('benchmark', 6), hex('ab'), length(zeroblob(16)), round(2.675, 2), 1 << 40;
SELECT date('2026-12-08', '+1 month'), strftime('%j', '2026-03-01');
CREATE VIEW cheap AS SELECT name FROM item WHERE price < 1;
SELECT group_concat(name, ';') FROM cheap;
BEGIN; DELETE FROM item WHERE kind = 0; ROLLBACK;
SELECT count(*) FROM item WHERE kind = 0;
PRAGMA integrity_check;
`;

/**
 * Each program: its Debian source package, how to build it from the unpacked source (`src`, and for
 * SQLite the amalgamation `amal`), and its workload. The link argv is the driver's for
 * `clang-19 --target=wasm32-wasi -O2 <main object> -L. -l<library> <wasi-libc emulation libraries>`.
 */
export const PROGRAMS = {
  sqlite: {
    package: 'sqlite3',
    about: 'SQLite 3.40 shell, shell.o + libsqlite3.a, -O2',
    tools: ['tclsh', 'cc'], // the amalgamation's configure and make
    library: 'sqlite3',
    sources: (src, amal) => ({ library: [`${amal}/sqlite3.c`, `${STUBS}/sqlite/wasi-os.c`], main: `${amal}/shell.c` }),
    cflags: (src, amal) => [`-I${amal}`, `-I${STUBS}/sqlite`, '-DSQLITE_OS_OTHER=1', '-DSQLITE_TEMP_STORE=3', '-DSQLITE_OMIT_LOAD_EXTENSION',
      '-DSQLITE_THREADSAFE=0', '-DSQLITE_ENABLE_MATH_FUNCTIONS', '-DSQLITE_ENABLE_FTS5', '-D_WASI_EMULATED_SIGNAL',
      '-D_WASI_EMULATED_PROCESS_CLOCKS', '-D_WASI_EMULATED_GETPID', '-DSQLITE_OMIT_POPEN', '-Dchmod(p,m)=0'],
    libs: ['-lwasi-emulated-signal', '-lwasi-emulated-process-clocks', '-lwasi-emulated-getpid'],
    workload: { file: 'workload.sql', text: SQLITE_WORKLOAD, args: [], expect: '2000|500250.0|item1|item999' },
  },
  lua: {
    package: 'lua5.4',
    about: 'Lua 5.4 interpreter, lua.o + liblua5.4.a, -O2',
    tools: [],
    library: 'lua5.4',
    sources: (src) => {
      const names = ['lapi', 'lcode', 'lctype', 'ldebug', 'ldo', 'ldump', 'lfunc', 'lgc', 'llex', 'lmem', 'lobject', 'lopcodes',
        'lparser', 'lstate', 'lstring', 'ltable', 'ltm', 'lundump', 'lvm', 'lzio', 'lauxlib', 'lbaselib', 'lcorolib', 'ldblib',
        'liolib', 'lmathlib', 'loadlib', 'loslib', 'lstrlib', 'ltablib', 'lutf8lib', 'linit'];
      return { library: [...names.map((n) => `${src}/src/${n}.c`), `${STUBS}/lua/wasi-stubs.c`], main: `${src}/src/lua.c` };
    },
    cflags: (src) => [`-I${STUBS}/lua`, `-I${src}/src`, '-DLUA_COMPAT_5_3', '-D_WASI_EMULATED_SIGNAL', '-D_WASI_EMULATED_PROCESS_CLOCKS',
      '-DLUA_TMPNAMBUFSIZE=32', '-Dlua_tmpnam(b,e)=e=1'],
    libs: ['-lwasi-emulated-signal', '-lwasi-emulated-process-clocks', '-lm'],
    workload: { file: 'workload.lua', text: LUA_WORKLOAD, args: ['-'], expect: 'fib\t6765' },
  },
};

/** Why program `name` cannot be built on this machine (a missing tool or library), or null. */
export function programToolsMissing(name) {
  const p = PROGRAMS[name];
  const missing = ['clang-19', 'llvm-ar-19', ...p.tools].filter((t) => !which(t));
  if (!fs.existsSync('/usr/lib/wasm32-wasi/libc.a')) missing.push('wasi-libc (/usr/lib/wasm32-wasi)');
  if (!sourceDir(p.package) && !which('apt-get')) missing.push(`apt-get (to fetch the ${p.package} source package)`);
  return missing.length ? `needs ${missing.join(', ')} (Debian: apt-get install clang-19 llvm-19 lld-19 wasi-libc${p.tools.length ? ' tcl gcc' : ''})` : null;
}

/** The unpacked source package dir under $DEBIAN_CORPUS_DIR/src, or null. */
function sourceDir(pkg) {
  const src = path.join(debianDir(), 'src');
  if (!fs.existsSync(src)) return null;
  const d = fs.readdirSync(src).filter((f) => f.startsWith(`${pkg}-`) && /^\d/.test(f.slice(pkg.length + 1)) && fs.statSync(path.join(src, f)).isDirectory()).sort().pop();
  return d ? path.join(src, d) : null;
}

/** `apt-get source PKG` into $DEBIAN_CORPUS_DIR/src, once. */
function fetchSource(pkg) {
  const have = sourceDir(pkg);
  if (have) return have;
  const src = path.join(debianDir(), 'src');
  fs.mkdirSync(src, { recursive: true });
  log(`fetching the Debian source package ${pkg} (apt-get source) into ${path.relative(REPO, src)}`);
  const r = spawnSync('apt-get', ['source', '-qq', pkg], { cwd: src, encoding: 'utf8' });
  const dir = sourceDir(pkg);
  if (r.status !== 0 || !dir) {
    throw new Error(`apt-get source ${pkg} failed (is deb-src enabled in /etc/apt/sources.list.d? scripts/debian-corpus.sh enables it): ` +
      `${(r.stderr ?? r.error?.message ?? '').trim().slice(0, 800)}`);
  }
  return dir;
}

/** The SQLite amalgamation (sqlite3.c, shell.c), made once from the source package as debian-corpus.sh makes it. */
async function sqliteAmalgamation(src) {
  const a = path.join(debianDir(), 'build', 'sqlite-amalgamation');
  const made = ['sqlite3.c', 'shell.c'].every((f) => fs.existsSync(path.join(a, f)) && fs.statSync(path.join(a, f)).size > 0);
  if (made) return a;
  fs.mkdirSync(a, { recursive: true });
  log(`building the SQLite amalgamation in ${path.relative(REPO, a)} (configure; make sqlite3.c shell.c)`);
  await run(path.join(src, 'configure'), ['--disable-tcl'], { cwd: a });
  await run('make', ['sqlite3.c', 'shell.c'], { cwd: a });
  return a;
}

function programHash(name, pkgDir) {
  const h = createHash('sha256');
  h.update(JSON.stringify({ name, source: path.basename(pkgDir), v: 1 }));
  for (const f of [path.join(HERE, 'programs.mjs'), path.join(HERE, 'corpus.mjs')]) h.update(fs.readFileSync(f));
  for (const d of fs.readdirSync(STUBS, { recursive: true }).sort()) {
    const f = path.join(STUBS, d);
    if (fs.statSync(f).isFile()) h.update(d).update(fs.readFileSync(f));
  }
  h.update(spawnSync('clang-19', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  return h.digest('hex').slice(0, 12);
}

/** Object file of a source in obj/: its directory's and its own name, as debian-corpus.sh names them. */
const objectOf = (src) => `obj/${path.basename(path.dirname(src))}_${path.basename(src, '.c')}.o`;

/** Returns { dir, corpus } for program `name`, building it first if needed; { skipped } without its sources. Throws if the build fails. */
export async function ensureProgram(name, { jobs = 2, rebuild = false } = {}) {
  const p = PROGRAMS[name];
  let src;
  try {
    src = fetchSource(p.package);
  } catch (err) {
    return { skipped: err.message };
  }
  const hash = programHash(name, src);
  const dir = path.join(BENCH_DIR, `${name}-${hash}`);
  const doneFile = path.join(dir, 'corpus.json');
  if (!rebuild && fs.existsSync(doneFile)) return { dir, corpus: JSON.parse(fs.readFileSync(doneFile, 'utf8')) };

  const t0 = Date.now();
  const amal = name === 'sqlite' ? await sqliteAmalgamation(src) : null;
  log(`building ${name} (${path.basename(src)}) in ${path.relative(REPO, dir)} with clang-19 -O2 (${jobs} jobs); this happens once`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'obj'), { recursive: true });
  const { library, main } = p.sources(src, amal);
  const cflags = ['--target=wasm32-wasi', '-O2', '-w', ...p.cflags(src, amal), '-c'];
  await pool([main, ...library].map((s) => () => run('clang-19', [...cflags, s, '-o', objectOf(s)], { cwd: dir })), jobs);
  const archive = `lib${p.library}.a`;
  await run(which('llvm-ar-19'), ['rcs', archive, ...library.map(objectOf)], { cwd: dir });
  fs.writeFileSync(path.join(dir, p.workload.file), p.workload.text);
  const driverArgs = ['-O2', objectOf(main), '-L.', `-l${p.library}`, ...p.libs, '-o', `${name}.wasm`];
  const record = await linkCase('clang-19', dir, driverArgs, (x) => x, {
    cflags: cflags.map((f) => f.replaceAll(REPO, '.')),
    source: path.basename(src),
    run: { args: p.workload.args, stdin: p.workload.file, expect: p.workload.expect },
    stats: {
      objectFiles: 1,
      objectBytes: fs.statSync(path.join(dir, objectOf(main))).size,
      archiveName: archive,
      archiveMembers: library.length,
      archiveBytes: fs.statSync(path.join(dir, archive)).size,
    },
    buildSeconds: Math.round((Date.now() - t0) / 1000),
  });
  const corpus = { hash, compiler: 'clang-19', compilerVersion: compilerVersion('clang-19'), program: name, about: p.about, cases: { [name]: record } };
  writeManifest(dir, corpus);
  log(`  ${name} ready in ${record.buildSeconds} s (${(dirSize(path.join(dir, 'obj')) / 1048576).toFixed(1)} MB of objects)`);
  return { dir, corpus };
}
