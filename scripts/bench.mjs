#!/usr/bin/env node
// Benchmark of issues 4 and 18: wlink against native wasm-ld (Debian's wasm-ld-19) and, on the large
// cases, @yowasp's wasm-ld (LLVM compiled to WebAssembly, run by scripts/wasm-ld-yowasp.mjs: it pays
// the compilation of the 70 MB lld module and the copy of the inputs into its virtual file system on
// every run, which is part of what we compare, since it is the JS-hosted alternative to wlink), with
// wlink run under the machine's node and under other node binaries (by default also the current
// Node LTS). Every run is cold and one-shot: each linker is run as users run the command.
//
//   npm run bench            (package.json: "bench": "node scripts/bench.mjs")
//   node scripts/bench.mjs [--runs N] [--cases large,large-debug,small,sqlite,lua] [--linkers wlink,native,yowasp]
//                          [--node NAME=PATH ...] [--lts-node auto|none|VERSION]
//                          [--compiler auto|clang-19|yowasp] [--jobs N] [--rebuild] [--no-build]
//                          [--tus N] [--setup] [--keep-going] [--no-incremental]
//   --help lists the options; an unknown option or a bad value is an error.
//
// 1. Cases, each built once and cached under .cache/bench/ (a case whose toolchain is missing is
//    skipped, with a line saying why):
//    "large": generated C (scripts/bench/corpus.mjs, scripts/bench/gen-corpus.mjs, fixed seed): 400 TUs
//    x 130 functions, direct and function-pointer calls across TUs, data/pointer/string tables, big
//    .bss, constructors, weak hooks, wasi-libc (printf family, string.h, qsort/bsearch/strtol/strtod,
//    libm) and compiler-rt (__int128 and long double soft-float); TUs 250..399 in libbench.a (380..399
//    never extracted); every file -O1. "large-debug": the same sources, every file -O1 -g, as a debug
//    build compiles them. "small": hello world (start-up cost). Compiled with Debian's clang-19
//    (--target=wasm32-wasi -c, --jobs parallel), else with @yowasp/clang.
//    "sqlite", "lua" (scripts/bench/programs.mjs): the SQLite shell and the Lua interpreter from
//    Debian's source packages, -O2, the library part in an archive; needs clang-19, llvm-ar-19 and
//    wasi-libc (and tclsh and cc for SQLite's amalgamation).
//    The wasm-ld argv is what `clang -###` prints, with the sysroot files copied into the case's dir
//    (identical inputs for all linkers; @yowasp's wrapper cannot map /usr).
// 2. Checks, before any timing (scripts/bench/checks.mjs): every linker links each case once; each
//    wlink command's output must validate, have the same exports as wasm-ld's, and print the same
//    stdout with the same exit code under node:wasi on the case's workload.
// 3. Timing: in each case the runs alternate between the linkers (wlink, wlink@NODE..., native,
//    yowasp on the large cases; then again), --runs each (default 7, issue 18's minimum); wall
//    time (around spawnSync) and peak RSS + CPU time of the child (/usr/bin/time -f '%e %M %U %S').
// 4. Table on stdout (scripts/bench/report.mjs): a row per case and linker (wall, CPU, RSS, output
//    and code size), ratios per case; the same (plus argv, inputs, every sample) in
//    .cache/bench/results.json. Exit code 1 if a check failed or a case could not be built (the
//    timing still runs, the row says MISMATCH; --keep-going: 0). --tus N builds a smaller generated
//    corpus (quick trial); --setup apt-installs GNU time if it is missing.
//    Nodes: --node NAME=PATH (repeatable) also times wlink under the node binary PATH, as wlink@NAME;
//    --lts-node auto (the default) adds wlink@lts, the current Node LTS (scripts/lib/node-binary.mjs:
//    from the npm registry, once, into .cache/node/VERSION/) when the machine's node is older;
//    VERSION: that version; none: no such node. A node that cannot be had is a line, not an error.
//
// 5. Incremental (unless --no-incremental): scripts/bench-relink.mjs, a resident Linker session of
//    50,000 generated functions in 50 compiler units + wasi-libc; the first (full) link against the
//    relink after one function body changed (checked byte-identical to a from-scratch link). It runs
//    inside one process, so it is timed there, not as a CLI run like the cases above.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hideBin } from 'yargs/helpers';
import { checkCase, makeValidator, traceStats, withOutput } from './bench/checks.mjs';
import { BENCH_DIR, GENERATED_CASES, ensureCorpus, which } from './bench/corpus.mjs';
import { GNU_TIME, measure, rssMethod } from './bench/measure.mjs';
import { wlinkCommandFor } from './bench/node-command.mjs';
import { PROGRAMS, ensureProgram, programToolsMissing } from './bench/programs.mjs';
import { caseRatios, median, reportText, summarize } from './bench/report.mjs';
import { currentLtsVersion, nodeBinary } from './lib/node-binary.mjs';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WLINK_BIN = path.join(REPO, 'bin', 'wlink.js');
const BUNDLE_SCRIPT = path.join(REPO, 'scripts', 'bundle.mjs');
const YOWASP_PACKAGE = path.join(REPO, 'node_modules', '@yowasp', 'clang', 'package.json');
const log = (m) => process.stderr.write(`bench: ${m}\n`);

// ---------------------------------------------------------------------------------------------- options
const CASES = ['large', 'large-debug', 'small', ...Object.keys(PROGRAMS)];
/** Cases on which @yowasp's wasm-ld is timed (elsewhere it only links as the reference when native is missing). */
const HEAVY = new Set(['large', 'large-debug']);
const LINKERS = ['wlink', 'native', 'yowasp'];
const last = (v) => (Array.isArray(v) ? v[v.length - 1] : v); // a repeated option: the last one counts
/** A comma-separated list whose items must all be in `known`. */
const listOf = (known, what) => (v) => {
  const items = String(last(v)).split(',');
  for (const item of items) if (!known.includes(item)) throw new Error(`unknown ${what} ${item} (expected ${known.join(', ')})`);
  return items;
};
/** A whole number >= 1. */
const count = (name) => (v) => {
  const n = last(v);
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`${name} must be a whole number >= 1`);
  return n;
};
/** NAME=PATH, repeatable: [[name, path], ...]. */
const nodes = (v) => [].concat(v).map((arg) => {
  const eq = String(arg).indexOf('=');
  const name = String(arg).slice(0, eq);
  if (eq <= 0 || !/^[\w.-]+$/.test(name)) throw new Error(`--node takes NAME=PATH (NAME of letters, digits, . _ -), got ${arg}`);
  const node = String(arg).slice(eq + 1);
  return [name, node.includes('/') ? path.resolve(node) : which(node) ?? node]; // a bare name: looked up on PATH
});

function parseOptions(argv) {
  const cli = scriptOptions('node scripts/bench.mjs', 'Usage: $0 [options]\n\nBenchmark: wlink against native wasm-ld-19 and @yowasp\'s wasm-ld, under one or more node binaries (see the header comment of scripts/bench.mjs).', { argv })
    .option('runs', { type: 'number', default: 7, requiresArg: true, coerce: last, describe: 'timed runs of each case per linker (also passed to scripts/bench-relink.mjs)' })
    .option('cases', { type: 'string', default: CASES.join(','), requiresArg: true, coerce: listOf(CASES, 'case'), describe: 'comma-separated cases: large (generated C program, -O1), large-debug (the same, -O1 -g), small (hello world), sqlite (SQLite shell), lua (Lua interpreter)' })
    .option('linkers', { type: 'string', default: LINKERS.join(','), requiresArg: true, coerce: listOf(LINKERS, 'linker'), describe: 'comma-separated linkers to run (unavailable ones are skipped; wlink includes its --node and --lts-node variants)' })
    .option('node', { type: 'string', requiresArg: true, coerce: nodes, describe: 'NAME=PATH, repeatable: also time wlink run by the node binary PATH (a bare name: on PATH), as wlink@NAME' })
    .option('lts-node', { type: 'string', default: 'auto', requiresArg: true, coerce: last, describe: 'auto: also time wlink under the current Node LTS (fetched once from the npm registry) when the machine\'s node is older; none; or a node version, e.g. 26.12.1' })
    .option('compiler', { type: 'string', default: 'auto', requiresArg: true, coerce: last, choices: ['auto', 'clang-19', 'yowasp'], describe: 'compiler for the generated corpus: auto = clang-19 if installed, else @yowasp/clang' })
    .option('jobs', { type: 'number', default: 2, requiresArg: true, coerce: count('--jobs'), describe: 'parallel compile jobs for building the cases' })
    .option('rebuild', { type: 'boolean', describe: 'build the cases again even if they are cached' })
    .option('no-build', { type: 'boolean', describe: 'do not build wlink first (node scripts/build.mjs, as npm run build)' })
    .option('tus', { type: 'number', requiresArg: true, coerce: count('--tus'), describe: 'build a smaller generated corpus of N translation units (quick trial)' })
    .option('setup', { type: 'boolean', describe: 'apt-install GNU time if /usr/bin/time is missing' })
    .option('keep-going', { type: 'boolean', describe: 'exit 0 even if a check failed' })
    .option('no-incremental', { type: 'boolean', describe: 'skip the incremental relink benchmark (scripts/bench-relink.mjs)' });
  const o = parseScriptOptions(cli, 'bench', {
    check: (a) => {
      if (!(a.runs >= 1)) throw new Error('--runs must be >= 1');
      if (!/^(auto|none|\d+\.\d+\.\d+)$/.test(a['lts-node'])) throw new Error(`--lts-node takes auto, none or a version like 26.12.1, got ${a['lts-node']}`);
      return true;
    },
    exitCode: 2,
    helpAlias: 'h',
  });
  return {
    runs: o.runs, cases: o.cases, linkers: o.linkers, nodes: o.node ?? [], ltsNode: o['lts-node'], compiler: o.compiler, jobs: o.jobs,
    rebuild: !!o.rebuild, build: !o['no-build'], tus: o.tus ?? null, setup: !!o.setup, keepGoing: !!o['keep-going'], incremental: !o['no-incremental'],
  };
}

// ---------------------------------------------------------------------------------------------- machine
function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const mem = /^MemTotal:\s*(\d+)/m.exec(fs.existsSync('/proc/meminfo') ? fs.readFileSync('/proc/meminfo', 'utf8') : '')?.[1];
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout?.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'linker', 'formats', 'codegen', 'frontends', 'demangle'], { cwd: REPO, encoding: 'utf8' }).stdout?.trim();
  return {
    cpu: model,
    cores: os.cpus().length,
    memGiB: mem ? +(mem / 1048576).toFixed(1) : null,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    wlinkCommit: git ? `${git}${dirty ? ' + uncommitted changes in linker/formats' : ''}` : null,
  };
}

function loadavg() {
  return fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').trim() : os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

/** Fraction of the machine's CPU time spent by others while this process sleeps for `ms`. */
function busyFraction(ms = 1500) {
  if (!fs.existsSync('/proc/stat')) return null;
  const sample = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  const a = sample();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = sample();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : null;
}

// ---------------------------------------------------------------------------------------------- linkers
const versionParts = (v) => v.replace(/^v/, '').split('.').map(Number);
const olderThan = (a, b) => {
  const [x, y] = [versionParts(a), versionParts(b)];
  const i = x.findIndex((n, k) => n !== y[k]);
  return i >= 0 && x[i] < y[i];
};
const nodeVersion = (node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() || null;

/** The node binaries wlink is timed under besides the machine's: [{ id: 'wlink@NAME', node, version }]. */
function otherNodes(opts, machineNode) {
  const out = [];
  for (const [name, node] of opts.nodes) {
    const version = nodeVersion(node);
    if (!version) log(`--node ${name}=${node}: it does not run (\`${node} --version\` failed); skipped`);
    else out.push({ id: `wlink@${name}`, node, version });
  }
  if (opts.ltsNode === 'none' || out.some((o) => o.id === 'wlink@lts')) return out;
  try {
    const version = opts.ltsNode === 'auto' ? currentLtsVersion() : opts.ltsNode;
    if (opts.ltsNode === 'auto' && !olderThan(machineNode.version, version)) {
      log(`the machine's node ${machineNode.version} is not older than the current LTS (${version}): no second node`);
    } else {
      out.push({ id: 'wlink@lts', node: nodeBinary(version, { log }), version: `v${version}` });
    }
  } catch (err) {
    log(`no LTS node (${String(err.message).split('\n')[0]}): wlink is timed under the machine's node${out.length ? ' and --node' : ''} only`);
  }
  return out;
}

function linkerTable(others) {
  const native = which('wasm-ld-19');
  const yowasp = fs.existsSync(YOWASP_PACKAGE);
  // As users run it (the bin starts node itself); through node only where RSS needs rss-wrap.
  const wlinkRun = (node, script) => (argv) => (GNU_TIME ? { exe: script, args: argv } : { exe: node, args: [script, ...argv], nodeScript: true });
  const table = {
    wlink: { available: true, command: wlinkRun(process.execPath, WLINK_BIN) },
    native: { available: !!native, command: (argv) => ({ exe: native, args: argv }) },
    yowasp: { available: yowasp, command: (argv) => ({ exe: process.execPath, args: [path.join(REPO, 'scripts', 'wasm-ld-yowasp.mjs'), ...argv], nodeScript: true }) },
  };
  for (const o of others) table[o.id] = { available: true, command: wlinkRun(o.node, wlinkCommandFor(o.id, o.node)) };
  return table;
}

function linkerVersions(linkers, others, machineNode) {
  const v = {};
  const bundled = spawnSync(process.execPath, [BUNDLE_SCRIPT, '--check'], { cwd: REPO }).status === 0;
  const wlink = `wlink ${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}`;
  v.wlink = `${wlink} (bin/wlink.js under the node on PATH, ${machineNode.version}; ` +
    `${bundled ? 'bundled: dist/wlink.bundle.js with its V8 code cache' : 'from dist/ modules: no current bundle'})`;
  for (const o of others) v[o.id] = `${o.id}: the same under node ${o.version} (${o.node.startsWith(`${REPO}${path.sep}`) ? path.relative(REPO, o.node) : o.node}; a copy of bin/ and dist/ whose first line runs it)`;
  if (linkers.native?.available) v.native = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (linkers.yowasp?.available) v.yowasp = `@yowasp/clang ${JSON.parse(fs.readFileSync(YOWASP_PACKAGE, 'utf8')).version} (wasm-ld 21, run by scripts/wasm-ld-yowasp.mjs)`;
  return v;
}

/** Median wall time of `node -e 0`, and without NODE_EXTRA_CA_CERTS when it is set. */
function nodeStartup(node, runs) {
  const time = (env) => {
    const ms = [];
    for (let i = 0; i < runs; i++) ms.push(measure({ exe: node, args: ['-e', '0'] }, { env }).wallMs);
    return median(ms);
  };
  const out = { medianWallMs: time(process.env) };
  if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    out.withoutExtraCaCertsMs = time(env);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- cases
/**
 * Builds (or finds cached) the requested cases: { built: { case: { dir, record, about, compilerVersion } },
 * generated (the generated corpus's parameters and statistics, or null), skipped: { case: why }, failed }.
 */
async function buildCases(opts) {
  const built = {};
  const skipped = {};
  let generated = null;
  let failed = 0;
  const skip = (c, why, failure = false) => {
    skipped[c] = why;
    if (failure) failed++;
    log(`${c}: ${failure ? 'FAILED' : 'skipped'}: ${why}`);
  };
  const genCases = opts.cases.filter((c) => GENERATED_CASES[c]);
  if (genCases.length) {
    const yowasp = fs.existsSync(YOWASP_PACKAGE);
    const clang = !!which('clang-19');
    const compiler = { auto: clang ? 'clang-19' : yowasp ? 'yowasp' : null, 'clang-19': clang ? 'clang-19' : null, yowasp: yowasp ? 'yowasp' : null }[opts.compiler];
    if (!compiler) {
      const needs = { auto: 'a compiler: Debian\'s clang-19 (apt-get install clang-19 wasi-libc) or @yowasp/clang (npm install)',
        'clang-19': 'clang-19, which --compiler clang-19 asks for (apt-get install clang-19 wasi-libc)', yowasp: '@yowasp/clang, which --compiler yowasp asks for (npm install)' }[opts.compiler];
      for (const c of genCases) skip(c, `needs ${needs}`);
    } else {
      const params = opts.tus ? { tus: opts.tus, archiveFrom: Math.floor(opts.tus * 0.625), orphanFrom: Math.floor(opts.tus * 0.95) } : {};
      try {
        const { dir, corpus } = await ensureCorpus({ compiler, params, jobs: opts.jobs, rebuild: opts.rebuild, cases: genCases });
        generated = { dir: path.relative(REPO, dir), params: corpus.params, stats: corpus.stats };
        for (const c of genCases) built[c] = { dir, record: corpus.cases[c], about: GENERATED_CASES[c].about, compilerVersion: corpus.compilerVersion };
      } catch (err) {
        for (const c of genCases) skip(c, `the generated corpus could not be built: ${String(err.message).slice(0, 1500)}`, true);
      }
    }
  }
  for (const c of opts.cases.filter((x) => PROGRAMS[x])) {
    const missing = programToolsMissing(c);
    if (missing) { skip(c, missing); continue; }
    try {
      const r = await ensureProgram(c, { jobs: opts.jobs, rebuild: opts.rebuild });
      if (r.skipped) skip(c, r.skipped);
      else built[c] = { dir: r.dir, record: r.corpus.cases[c], about: r.corpus.about, compilerVersion: r.corpus.compilerVersion };
    } catch (err) {
      skip(c, `could not be built: ${String(err.message).slice(0, 1500)}`, true);
    }
  }
  return { built, skipped, generated, failed };
}

/** Times case `c` (results.cases[c]): --runs rounds, each running every linker in `timed` once. */
function timeCase(c, entry, timed, linkers, runs, outDir) {
  const samples = Object.fromEntries(timed.map((l) => [l, []]));
  for (let run = 0; run < runs; run++) {
    for (const l of timed) {
      const out = path.join(outDir, l.replace(/\W/g, '_'), 'timed', `${c}.wasm`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.rmSync(out, { force: true });
      const m = measure(linkers[l].command(withOutput(entry.argv, out)), { cwd: entry.absDir });
      if (m.status !== 0) log(`  ${c}/${l} run ${run + 1} failed (exit ${m.status}): ${m.stderr.trim().slice(0, 300)}`);
      samples[l].push({ ok: m.status === 0, wallMs: +m.wallMs.toFixed(1), rssKiB: m.rssKiB, cpuS: m.cpuS });
    }
    log(`  ${c} run ${run + 1}/${runs}: ${timed.map((l) => `${l} ${(samples[l][run].wallMs / 1000).toFixed(2)} s`).join(', ')}`);
  }
  entry.summary = Object.fromEntries(timed.map((l) => [l, summarize(samples[l], entry.check.links[l])]));
  entry.ratios = caseRatios(entry.summary);
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const opts = parseOptions(hideBin(process.argv));
  const startedAt = new Date().toISOString();

  if (opts.setup && !fs.existsSync('/usr/bin/time')) {
    log('installing GNU time (apt-get install -y time) for peak-RSS measurements');
    spawnSync('sh', ['-c', 'apt-get install -y time || (apt-get update && apt-get install -y time)'], { stdio: 'inherit' });
  }

  if (opts.build) {
    log('building wlink (node scripts/build.mjs, as npm run build)');
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${(r.stdout + r.stderr).trim().slice(-2000)}`);
  }
  if (!fs.existsSync(WLINK_BIN) || !fs.existsSync(path.join(REPO, 'dist', 'linker', 'cli', 'main.js'))) throw new Error('bin/wlink.js or dist/ is missing: run npm run build');

  const { built, skipped, generated, failed } = await buildCases(opts);
  let failures = failed;

  const machineNode = { node: which('node') ?? process.execPath, version: nodeVersion('node') ?? process.version };
  const others = opts.linkers.includes('wlink') ? otherNodes(opts, machineNode) : [];
  const linkers = linkerTable(others);
  const active = opts.linkers.filter((l) => {
    if (!linkers[l].available) log(`${l} is not available; skipped`);
    return linkers[l].available;
  }).flatMap((l) => (l === 'wlink' ? ['wlink', ...others.map((o) => o.id)] : [l]));
  const outDir = path.join(BENCH_DIR, 'out');
  fs.mkdirSync(outDir, { recursive: true });

  const mach = machine();
  const results = {
    startedAt, machine: mach, linkers: linkerVersions(linkers, others, machineNode), nodes: [machineNode, ...others], rssMethod, runs: opts.runs,
    generated, skipped, load: { start: loadavg() }, cases: {}, resultsFile: path.relative(REPO, path.join(BENCH_DIR, 'results.json')),
  };

  // ---- checks (untimed; also warm the page cache and each wlink copy's code cache)
  log('checking every linker output (untimed)');
  const validate = makeValidator();
  for (const c of opts.cases.filter((x) => built[x])) {
    const { dir, record, about, compilerVersion } = built[c];
    // @yowasp's wasm-ld takes ~10 s a link: timed on the large cases only, elsewhere the reference when native is missing.
    const order = active.filter((l) => l !== 'yowasp' || HEAVY.has(c) || !active.includes('native'));
    const check = await checkCase(c, dir, record, linkers, order, outDir, validate);
    results.cases[c] = {
      dir, absDir: dir, about, compilerVersion, cflags: record.cflags, stats: record.stats, run: record.run,
      argv: record.argv, wasmLdArgv: record.wasmLdArgv, driver: record.driver, order, check,
    };
    const bad = Object.entries(check.wlink).filter(([, w]) => !w.ok);
    if (check.problems.length || bad.length) {
      failures++;
      log(`PROBLEM in ${c}:\n  ${[...check.problems, ...bad.flatMap(([l, w]) => w.problems.map((p) => `${l}: ${p}`))].join('\n  ')}`);
    }
    if (HEAVY.has(c)) {
      log(`${c}: counting extracted archive members (wasm-ld --trace, untimed)`);
      results.cases[c].linkStats = traceStats(dir, record.argv, linkers, outDir);
    }
  }

  // ---- timing, alternating linkers within each case
  results.load.beforeTiming = loadavg();
  results.load.busyBeforeTiming = busyFraction();
  for (const [c, entry] of Object.entries(results.cases)) {
    const timed = entry.order.filter((l) => (l !== 'yowasp' || HEAVY.has(c)) && entry.check.links[l]?.ok);
    timeCase(c, entry, timed, linkers, opts.runs, outDir);
  }
  // The floor of any Node-hosted linker on this machine: node's own start-up and exit, per node.
  if (results.cases.small) {
    results.nodeStartup = {};
    for (const n of [machineNode, ...others]) results.nodeStartup[`node ${n.version}`] = nodeStartup(n.node, opts.runs);
  }
  if (opts.incremental) {
    log('incremental: node scripts/bench-relink.mjs');
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'bench-relink.mjs'), '--runs', String(opts.runs), '--json'],
      { encoding: 'utf8', maxBuffer: 1 << 24 });
    results.incremental = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr.slice(0, 2000) };
  }
  results.load.end = loadavg();
  results.load.busyAfter = busyFraction();

  // ---- report
  // Noisy when other processes used the CPU while the bench sat idle (the direct measure), or when the
  // 1-minute load average was at or above the core count (it also counts this script's own recent
  // children, e.g. the corpus build or the checks, so it overstates; both are printed).
  const noise = [];
  const busyMax = Math.max(results.load.busyBeforeTiming ?? 0, results.load.busyAfter ?? 0);
  if (busyMax > 0.25) noise.push(`other processes used ${(busyMax * 100).toFixed(0)}% of the CPU while the bench was idle`);
  const load1 = Math.max(...[results.load.start, results.load.beforeTiming].map((l) => Number(l.split(' ')[0])));
  if (load1 >= mach.cores) noise.push(`1-minute load average ${load1} >= ${mach.cores} cores`);
  results.load.noisy = noise.length > 0;
  results.load.noise = noise;
  for (const entry of Object.values(results.cases)) {
    entry.dir = path.relative(REPO, entry.absDir);
    delete entry.absDir;
  }
  const text = reportText(results);
  results.table = text;
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(text + '\n');
  if (failures && !opts.keepGoing) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exitCode = 2;
});
