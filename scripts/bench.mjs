#!/usr/bin/env node
// Benchmark of issue 4: wlink against native wasm-ld (Debian's wasm-ld-19) and @yowasp's wasm-ld
// (LLVM compiled to WebAssembly, run by scripts/wasm-ld-yowasp.mjs: it pays the compilation of the
// 70 MB lld module and the copy of the inputs into its virtual file system on every run, which is
// part of what we compare, since it is the JS-hosted alternative to wlink).
//
//   npm run bench            (package.json: "bench": "node scripts/bench.mjs")
//   node scripts/bench.mjs [--runs N] [--cases large,small] [--linkers wlink,native,yowasp]
//                          [--compiler auto|clang-19|yowasp] [--jobs N] [--rebuild] [--no-build]
//                          [--tus N] [--setup] [--keep-going] [--no-incremental]
//   --help lists the options; an unknown option or a bad value is an error.
//
// 1. Corpus (scripts/bench/corpus.mjs, cached in .cache/bench/corpus-<hash>/, built once):
//    "large": generated C (scripts/bench/gen-corpus.mjs, fixed seed): 400 TUs x 130 functions, direct
//    and function-pointer calls across TUs, data/pointer/string tables, big .bss, constructors, weak
//    hooks, wasi-libc (printf family, string.h, qsort/bsearch/strtol/strtod, libm) and compiler-rt
//    (__int128 and long double soft-float); TUs 250..399 in libbench.a (380..399 never extracted);
//    "small": hello world (start-up cost). Compiled with Debian's clang-19 (--target=wasm32-wasi -O1 -c,
//    --jobs parallel), else with @yowasp/clang. The wasm-ld argv is what `clang -###` prints, with the
//    sysroot files copied into the corpus dir (identical inputs for all linkers; @yowasp's wrapper
//    cannot map /usr).
// 2. Checks, before any timing: every linker links each case once; wlink's output must validate
//    (wasm-validate --enable-all, else npm wabt), have the same exports as wasm-ld's, and print the same
//    stdout with the same exit code under node:wasi (scripts/run-wasm.mjs).
// 3. Timing: runs alternate between linkers (w, n, y, w, n, y, ...), --runs each (default 5); wall time
//    (around spawnSync) and peak RSS + CPU time of the child (/usr/bin/time -f '%e %M %U %S').
// 4. Table on stdout; the same (plus argv, corpus stats, every sample) in .cache/bench/results.json.
//    Exit code 1 if a wlink check failed (the timing still runs, the row says MISMATCH; --keep-going: 0).
//    --tus N builds a smaller corpus (quick trial); --setup apt-installs GNU time if it is missing.
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
import { BENCH_DIR, OUT_PLACEHOLDER, chooseCompiler, ensureCorpus, which } from './bench/corpus.mjs';
import { GNU_TIME, measure, rssMethod } from './bench/measure.mjs';
import { wasmInfo } from './bench/wasm-info.mjs';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WLINK_BIN = path.join(REPO, 'bin', 'wlink.js');
const RUN_WASM = path.join(REPO, 'scripts', 'run-wasm.mjs');
const BUNDLE_SCRIPT = path.join(REPO, 'scripts', 'bundle.mjs');
const log = (m) => process.stderr.write(`bench: ${m}\n`);

// ---------------------------------------------------------------------------------------------- options
const CASES = ['large', 'small'];
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

function parseOptions(argv) {
  const cli = scriptOptions('node scripts/bench.mjs', 'Usage: $0 [options]\n\nBenchmark: wlink against native wasm-ld-19 and @yowasp\'s wasm-ld (see the header comment of scripts/bench.mjs).', { argv })
    .option('runs', { type: 'number', default: 5, requiresArg: true, coerce: last, describe: 'timed runs of each case per linker (also passed to scripts/bench-relink.mjs)' })
    .option('cases', { type: 'string', default: CASES.join(','), requiresArg: true, coerce: listOf(CASES, 'case'), describe: 'comma-separated cases: large (generated C program), small (hello world)' })
    .option('linkers', { type: 'string', default: LINKERS.join(','), requiresArg: true, coerce: listOf(LINKERS, 'linker'), describe: 'comma-separated linkers to run (unavailable ones are skipped)' })
    .option('compiler', { type: 'string', default: 'auto', requiresArg: true, coerce: last, choices: ['auto', 'clang-19', 'yowasp'], describe: 'compiler for the corpus: auto = clang-19 if installed, else @yowasp/clang' })
    .option('jobs', { type: 'number', default: 2, requiresArg: true, coerce: count('--jobs'), describe: 'parallel compile jobs for the corpus build' })
    .option('rebuild', { type: 'boolean', describe: 'build the corpus again even if it is cached' })
    .option('no-build', { type: 'boolean', describe: 'do not build wlink first (tsc -p . && node scripts/bundle.mjs)' })
    .option('tus', { type: 'number', requiresArg: true, coerce: count('--tus'), describe: 'build a smaller corpus of N translation units (quick trial)' })
    .option('setup', { type: 'boolean', describe: 'apt-install GNU time if /usr/bin/time is missing' })
    .option('keep-going', { type: 'boolean', describe: 'exit 0 even if a wlink check failed' })
    .option('no-incremental', { type: 'boolean', describe: 'skip the incremental relink benchmark (scripts/bench-relink.mjs)' });
  const o = parseScriptOptions(cli, 'bench', {
    check: (a) => {
      if (!(a.runs >= 1)) throw new Error('--runs must be >= 1');
      return true;
    },
    exitCode: 2,
    helpAlias: 'h',
  });
  return {
    runs: o.runs, cases: o.cases, linkers: o.linkers, compiler: o.compiler, jobs: o.jobs, rebuild: !!o.rebuild,
    build: !o['no-build'], tus: o.tus ?? null, setup: !!o.setup, keepGoing: !!o['keep-going'], incremental: !o['no-incremental'],
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
function linkerTable() {
  const native = which('wasm-ld-19');
  const yowasp = fs.existsSync(path.join(REPO, 'node_modules', '@yowasp', 'clang', 'package.json'));
  return {
    // As users run it (the bin starts node itself); through node only where RSS needs rss-wrap.
    wlink: { available: true, command: (argv) => (GNU_TIME ? { exe: WLINK_BIN, args: argv } : { exe: process.execPath, args: [WLINK_BIN, ...argv], nodeScript: true }) },
    native: { available: !!native, command: (argv) => ({ exe: native, args: argv }) },
    yowasp: { available: yowasp, command: (argv) => ({ exe: process.execPath, args: [path.join(REPO, 'scripts', 'wasm-ld-yowasp.mjs'), ...argv], nodeScript: true }) },
  };
}

function linkerVersions(linkers) {
  const v = {};
  if (linkers.native?.available) v.native = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (linkers.yowasp?.available) v.yowasp = `@yowasp/clang ${JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/@yowasp/clang/package.json'), 'utf8')).version} (wasm-ld 21, run by scripts/wasm-ld-yowasp.mjs)`;
  const bundled = spawnSync(process.execPath, [BUNDLE_SCRIPT, '--check'], { cwd: REPO }).status === 0;
  v.wlink = `wlink ${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version} (node ${process.version}; ` +
    `${bundled ? 'bundled: dist/wlink.bundle.js with its V8 code cache' : 'from dist/ modules: no current bundle'})`;
  return v;
}

const withOutput = (argv, out) => argv.map((a) => (a === OUT_PLACEHOLDER ? out : a));

// ---------------------------------------------------------------------------------------------- checks
let wabtModule = null;
async function validate(file) {
  if (which('wasm-validate')) {
    const r = spawnSync('wasm-validate', ['--enable-all', file], { encoding: 'utf8' });
    return r.status === 0 ? null : (r.stderr || r.stdout || `wasm-validate exited with ${r.status}`).trim();
  }
  wabtModule ??= await (await import('wabt')).default();
  const all = Object.fromEntries(Object.keys(wabtModule.FEATURES).map((k) => [k, true]));
  try {
    const m = wabtModule.readWasm(fs.readFileSync(file), all);
    m.validate();
    m.destroy();
    return null;
  } catch (err) {
    return String(err.message ?? err).trim();
  }
}

function runModule(file) {
  const r = spawnSync(process.execPath, [RUN_WASM, file], { cwd: path.dirname(file), encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const exportKey = (e) => `${e.kind} ${e.name}`;

function firstDiffLine(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ${JSON.stringify(la[i])} vs ${JSON.stringify(lb[i])}`;
  }
  return null;
}

async function checkCase(name, dir, argv, linkers, active, outDir) {
  const res = { links: {}, wlink: { ok: false, problems: [] }, reference: null };
  for (const l of active) {
    // One dir per linker and the same file name: the name section's module name (the output's base
    // name) is then the same for every linker, so sizes and bytes are comparable.
    const out = path.join(outDir, l, `${name}.wasm`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const m = measure(linkers[l].command(withOutput(argv, out)), { cwd: dir });
    const ok = m.status === 0 && fs.existsSync(out);
    res.links[l] = { ok, status: m.status, wallMs: Math.round(m.wallMs), stderr: m.stderr.trim().slice(0, 4000), out: ok ? out : null };
    log(`  ${name}: ${l} ${ok ? 'linked' : `FAILED (exit ${m.status})`} in ${(m.wallMs / 1000).toFixed(2)} s${m.stderr.trim() ? `: ${m.stderr.trim().split('\n').slice(0, 5).join(' | ')}` : ''}`);
    if (ok) {
      const info = wasmInfo(fs.readFileSync(out));
      const ran = runModule(out);
      Object.assign(res.links[l], { size: info.size, codeSize: info.codeSize, functions: info.functions, exports: info.exports.map(exportKey), imports: info.imports.map((i) => `${i.kind} ${i.module}.${i.name}`), run: ran });
    }
  }
  const ref = ['native', 'yowasp'].find((l) => res.links[l]?.ok);
  res.reference = ref ?? null;
  const w = res.links.wlink;
  if (!w) return res;
  if (!w.ok) {
    res.wlink.problems.push(`link failed (exit ${w.status}): ${w.stderr}`);
    return res;
  }
  const invalid = await validate(w.out);
  if (invalid) res.wlink.problems.push(`does not validate: ${invalid.split('\n').slice(0, 10).join('\n')}`);
  if (w.run.status !== 0) res.wlink.problems.push(`exit code ${w.run.status} under node:wasi: ${w.run.stderr.trim().slice(0, 500)}`);
  if (ref) {
    const r = res.links[ref];
    const a = new Set(w.exports);
    const b = new Set(r.exports);
    const missing = [...b].filter((x) => !a.has(x));
    const extra = [...a].filter((x) => !b.has(x));
    if (missing.length || extra.length) res.wlink.problems.push(`exports differ from ${ref}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`);
    else if (w.exports.join('\n') !== r.exports.join('\n')) res.wlink.notes = [`exports in a different order than ${ref}`];
    const ia = w.imports.join('\n');
    const ib = r.imports.join('\n');
    if (ia !== ib) (res.wlink.notes ??= []).push(`imports differ from ${ref} (${w.imports.length} vs ${r.imports.length})`);
    if (Buffer.compare(fs.readFileSync(w.out), fs.readFileSync(r.out)) === 0) (res.wlink.notes ??= []).push(`output is byte-identical to ${ref}'s`);
    if (w.run.status !== r.run.status) res.wlink.problems.push(`exit code ${w.run.status}, ${ref}'s is ${r.run.status}`);
    if (w.run.stdout !== r.run.stdout) res.wlink.problems.push(`stdout differs from ${ref}'s: ${firstDiffLine(w.run.stdout, r.run.stdout)}`);
    for (const other of ['native', 'yowasp']) {
      const o = res.links[other];
      if (other !== ref && o?.ok && (o.run.stdout !== r.run.stdout || o.run.status !== r.run.status)) {
        (res.wlink.notes ??= []).push(`note: ${other}'s output runs differently from ${ref}'s (${firstDiffLine(o.run.stdout, r.run.stdout)})`);
      }
    }
  } else {
    res.wlink.problems.push('no reference linker output to compare with');
  }
  res.wlink.ok = res.wlink.problems.length === 0;
  return res;
}

/** Archive members and GC statistics of the large link, from a wasm-ld --trace run (untimed). */
function traceStats(dir, argv, linkers, outDir) {
  const l = linkers.native?.available ? 'native' : linkers.yowasp?.available ? 'yowasp' : null;
  if (!l) return null;
  const out = path.join(outDir, 'trace.wasm');
  const m = measure(linkers[l].command([...withOutput(argv, out), '--trace', '--print-gc-sections']), { cwd: dir });
  fs.rmSync(out, { force: true });
  if (m.status !== 0) return { error: m.stderr.trim().slice(0, 2000) };
  const lines = (m.stdout + '\n' + m.stderr).split('\n');
  const members = {};
  let inputs = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('removing ') || !t) continue;
    const am = /^(.*\.a)\((.*)\)$/.exec(t);
    if (am) { const a = path.basename(am[1]); members[a] = (members[a] ?? 0) + 1; inputs++; continue; }
    if (/\.o$/.test(t)) inputs++;
  }
  const removed = lines.filter((x) => /removing unused section/.test(x));
  const removedFns = removed.filter((x) => !/:\(\.(data|rodata|bss|tdata|init_array)\b/.test(x)).length;
  return { by: l, inputFiles: inputs, extractedMembers: members, gcRemovedSections: removed.length, gcRemovedFunctions: removedFns };
}

/** Median wall time of `node -e 0`, and without NODE_EXTRA_CA_CERTS when it is set. */
function nodeStartup(runs) {
  const time = (env) => {
    const ms = [];
    for (let i = 0; i < runs; i++) ms.push(measure({ exe: process.execPath, args: ['-e', '0'] }, { env }).wallMs);
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

// ---------------------------------------------------------------------------------------------- stats
const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 0) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const ratio = (a, b) => (a && b ? a / b : null);

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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
    log('building wlink (tsc -p . && node scripts/bundle.mjs, as npm run build)');
    const tsc = path.join(REPO, 'node_modules', '.bin', 'tsc');
    const r = spawnSync(tsc, ['-p', '.'], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) {
      const errors = (r.stdout + r.stderr).split('\n').filter((l) => /error TS/.test(l));
      log(`tsc reported ${errors.length} type errors (it still emits; continuing): ${errors.slice(0, 3).join(' | ')}`);
    }
    const b = spawnSync(process.execPath, [BUNDLE_SCRIPT], { cwd: REPO, encoding: 'utf8' });
    if (b.status !== 0) log(`bundling failed (wlink runs from dist/ modules): ${b.stderr.trim().slice(0, 500)}`);
  }
  if (!fs.existsSync(path.join(REPO, 'dist', 'linker', 'cli', 'main.js'))) throw new Error('dist/linker/cli/main.js is missing: run npm run build');

  const compiler = chooseCompiler(opts.compiler);
  const params = opts.tus ? { tus: opts.tus, archiveFrom: Math.floor(opts.tus * 0.625), orphanFrom: Math.floor(opts.tus * 0.95) } : {};
  const { dir, corpus } = await ensureCorpus({ compiler, params, jobs: opts.jobs, rebuild: opts.rebuild });

  const linkers = linkerTable();
  const active = opts.linkers.filter((l) => {
    if (!linkers[l]) throw new Error(`unknown linker ${l}`);
    if (!linkers[l].available) log(`${l} is not available; skipped`);
    return linkers[l].available;
  });
  const outDir = path.join(BENCH_DIR, 'out');
  fs.mkdirSync(outDir, { recursive: true });

  const mach = machine();
  const results = {
    startedAt, machine: mach, linkers: linkerVersions(linkers), rssMethod, runs: opts.runs, order: active,
    corpus: { dir: path.relative(REPO, dir), ...corpus }, load: { start: loadavg() }, cases: {},
  };

  // ---- checks (untimed; also warm the page cache)
  log('checking every linker output (untimed)');
  let failures = 0;
  for (const c of opts.cases) {
    const argv = corpus.cases[c].argv;
    const check = await checkCase(c, dir, argv, linkers, active, outDir);
    results.cases[c] = { argv, wasmLdArgv: corpus.cases[c].wasmLdArgv, driver: corpus.cases[c].driver, check };
    if (check.links.wlink && !check.wlink.ok) {
      failures++;
      log(`WLINK PROBLEM in ${c}:\n  ${check.wlink.problems.join('\n  ')}`);
    }
  }
  if (opts.cases.includes('large')) {
    log('counting extracted archive members (wasm-ld --trace, untimed)');
    results.corpus.linkStats = traceStats(dir, corpus.cases.large.argv, linkers, outDir);
  }

  // ---- timing, alternating linkers
  results.load.beforeTiming = loadavg();
  results.load.busyBeforeTiming = busyFraction();
  for (const c of opts.cases) {
    const argv = corpus.cases[c].argv;
    const timed = active.filter((l) => results.cases[c].check.links[l]?.ok);
    const samples = Object.fromEntries(timed.map((l) => [l, []]));
    for (let run = 0; run < opts.runs; run++) {
      for (const l of timed) {
        const out = path.join(outDir, l, 'timed', `${c}.wasm`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.rmSync(out, { force: true });
        const m = measure(linkers[l].command(withOutput(argv, out)), { cwd: dir });
        if (m.status !== 0) log(`  ${c}/${l} run ${run + 1} failed (exit ${m.status}): ${m.stderr.trim().slice(0, 300)}`);
        samples[l].push({ ok: m.status === 0, wallMs: +m.wallMs.toFixed(1), rssKiB: m.rssKiB, cpuS: m.cpuS });
      }
      log(`  ${c} run ${run + 1}/${opts.runs}: ${timed.map((l) => `${l} ${(samples[l][run].wallMs / 1000).toFixed(2)} s`).join(', ')}`);
    }
    const summary = {};
    for (const l of timed) {
      const ok = samples[l].filter((s) => s.ok);
      const link = results.cases[c].check.links[l];
      summary[l] = {
        medianWallMs: median(ok.map((s) => s.wallMs)),
        minWallMs: ok.length ? Math.min(...ok.map((s) => s.wallMs)) : null,
        maxWallMs: ok.length ? Math.max(...ok.map((s) => s.wallMs)) : null,
        medianRssMiB: median(ok.map((s) => (s.rssKiB === null ? null : s.rssKiB / 1024))),
        medianCpuS: median(ok.map((s) => s.cpuS)),
        outputBytes: link.size,
        codeBytes: link.codeSize,
        functions: link.functions,
        samples: samples[l],
      };
    }
    const w = summary.wlink;
    const ratios = {};
    for (const other of ['native', 'yowasp']) {
      if (!w || !summary[other]) continue;
      ratios[`wlink/${other}`] = {
        wall: ratio(w.medianWallMs, summary[other].medianWallMs),
        rss: ratio(w.medianRssMiB, summary[other].medianRssMiB),
        output: ratio(w.outputBytes, summary[other].outputBytes),
        code: ratio(w.codeBytes, summary[other].codeBytes),
      };
    }
    Object.assign(results.cases[c], { summary, ratios });
  }
  // The floor of any Node-hosted linker on this machine: node's own start-up and exit.
  if (opts.cases.includes('small')) results.nodeStartup = nodeStartup(opts.runs);
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
  if (busyMax > 0.25) noise.push(`other processes used ${fmt(busyMax * 100)}% of the CPU while the bench was idle`);
  const load1 = Math.max(...[results.load.start, results.load.beforeTiming].map((l) => Number(l.split(' ')[0])));
  if (load1 >= mach.cores) noise.push(`1-minute load average ${load1} >= ${mach.cores} cores`);
  results.load.noisy = noise.length > 0;
  results.load.noise = noise;
  const st = corpus.stats;
  const ls = results.corpus.linkStats;
  const lines = [];
  lines.push(`wlink benchmark (issue 4) — ${startedAt}`);
  lines.push(`machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memGiB} GiB; ${mach.os}; node ${mach.node}; wlink ${mach.wlinkCommit}`);
  lines.push(`linkers: ${Object.values(results.linkers).join('; ')}`);
  lines.push(`load: /proc/loadavg at start "${results.load.start}", before timing "${results.load.beforeTiming}", end "${results.load.end}"; ` +
    `CPU busy with other work while idle: ${fmt((results.load.busyBeforeTiming ?? NaN) * 100)}% before, ${fmt((results.load.busyAfter ?? NaN) * 100)}% after` +
    (results.load.noisy ? `\n  => NOISY (${noise.join('; ')}): treat the numbers as rough` : ''));
  lines.push(`corpus: ${path.relative(REPO, dir)} (${corpus.compilerVersion}, -O1): ${st.functions} functions in ${st.tus} TUs ` +
    `(${st.deadByConstruction} unreferenced by construction), ${st.objectFiles} objects ${fmt(st.objectBytes / 1048576, 1)} MB + ` +
    `libbench.a ${st.archiveMembers} members ${fmt(st.archiveBytes / 1048576, 1)} MB = ${fmt((st.objectBytes + st.archiveBytes) / 1048576, 1)} MB of input objects` +
    (ls && !ls.error ? `; link extracts ${Object.entries(ls.extractedMembers).map(([a, n]) => `${n} members of ${a}`).join(', ')}; --gc-sections removes ${ls.gcRemovedSections} sections (${ls.gcRemovedFunctions} functions)` : ''));
  lines.push(`runs: ${opts.runs} per linker, alternating ${active.join(', ')}; wall = median ms; RSS = median peak MiB (${rssMethod})`);
  const ns = results.nodeStartup;
  if (ns) {
    lines.push(`node start-up (\`node -e 0\`, the floor of a Node-hosted linker): ${fmt(ns.medianWallMs)} ms` +
      (ns.withoutExtraCaCertsMs !== undefined
        ? `; ${fmt(ns.withoutExtraCaCertsMs)} ms without NODE_EXTRA_CA_CERTS, which is set here (node 20 loads those certificates at start-up; the wlink command clears it)`
        : ''));
  }
  lines.push('');
  const rows = [];
  for (const c of opts.cases) {
    const s = results.cases[c].summary;
    for (const l of active) {
      const x = s[l];
      if (!x) { rows.push([c, l, 'FAILED', '', '', '', '', '', '']); continue; }
      const status = l === 'wlink' ? (results.cases[c].check.wlink.ok ? 'ok' : 'MISMATCH') : 'ref';
      rows.push([c, l, fmt(x.medianWallMs), `${fmt(x.minWallMs)}-${fmt(x.maxWallMs)}`, fmt(x.medianCpuS, 2), fmt(x.medianRssMiB, 1), x.outputBytes, x.codeBytes, status]);
    }
  }
  lines.push(table(rows, ['case', 'linker', 'wall ms', 'min-max ms', 'cpu s', 'RSS MiB', 'output B', 'code B', 'check']));
  lines.push('');
  const rrows = [];
  for (const c of opts.cases) {
    for (const [k, r] of Object.entries(results.cases[c].ratios)) {
      rrows.push([c, k, fmt(r.wall, 2), fmt(r.rss, 2), fmt(r.output, 3), fmt(r.code, 3)]);
    }
  }
  if (rrows.length) lines.push(table(rrows, ['case', 'ratio', 'wall', 'RSS', 'output', 'code']));
  const inc = results.incremental;
  if (inc) {
    lines.push(inc.error
      ? `\nincremental: FAILED\n${inc.error}`
      : `\nincremental (wlink Linker session, ${inc.functions} functions in ${inc.units} units + wasi-libc, ${inc.runs} runs): ` +
        `full link ${fmt(inc.medianFullMs)} ms, relink after one changed function ${fmt(inc.medianRelinkMs, 1)} ms ` +
        `= ${fmt(100 * inc.medianRelinkMs / inc.medianFullMs, 2)}% of the full link (byte-identical to a from-scratch link: checked)`);
  }
  for (const c of opts.cases) {
    const chk = results.cases[c].check;
    if (chk.links.wlink && !chk.wlink.ok) lines.push(`\n${c}: wlink problems:\n  ${chk.wlink.problems.join('\n  ')}`);
    for (const n of chk.wlink.notes ?? []) lines.push(`${c}: ${n}`);
  }
  lines.push('');
  lines.push(`wasm-ld argv (from ${corpus.compiler} -###; run with cwd ${path.relative(REPO, dir)}, sysroot files copied to sysroot/):`);
  for (const c of opts.cases) {
    const a = corpus.cases[c].wasmLdArgv;
    const shown = a.length > 14 ? [...a.slice(0, 8), `... (${a.length - 12} more) ...`, ...a.slice(-4)] : a;
    lines.push(`  ${c}: wasm-ld ${shown.join(' ')}`);
  }
  lines.push(`results: ${path.relative(REPO, path.join(BENCH_DIR, 'results.json'))}`);
  const text = lines.join('\n');
  results.table = text;
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(text + '\n');
  if (failures && !opts.keepGoing) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exitCode = 2;
});
