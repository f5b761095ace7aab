#!/usr/bin/env node
// Wall time of a few commands on one bench case, measured finer than scripts/bench.mjs does: many
// alternating runs, median and quartiles of the wall time around spawnSync. Made for start-up cost
// (the small, hello-world link) and for A/B runs of two builds on the large link. Uses the cached
// bench corpus (run `npm run bench` once to build it); no output checks.
//
//   node scripts/bench/startup.mjs [--case small|large] [--runs N] [--no-native] [--baseline]
//                                  [--as-command] [NAME=SCRIPT[,VAR=VALUE...] ...]
//
// Commands, alternating: wlink (bin/wlink.js, and `node bin/wlink.js`), native wasm-ld-19 (if installed), `node -e 0` with
// --baseline, and each NAME=SCRIPT (any node script taking wlink's argv, e.g. a copy of bin/wlink.js
// in another checkout; with --as-command run as a command, as users run bin/wlink.js), run with the
// environment variables given after it, e.g. `nobundle=bin/wlink.js,WLINK_NO_BUNDLE=1`.
// With GNU time (/usr/bin/time) it also reports the median CPU time (user + sys) of each command, which
// other processes on the machine disturb less than the wall time (but GNU time counts in 10 ms steps).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, OUT_PLACEHOLDER, which } from './corpus.mjs';
import { measure } from './measure.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const args = process.argv.slice(2);
let runs = 20;
let native = true;
let baseline = false;
let benchCase = 'small';
let asCommand = false;
const variants = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--case') benchCase = args[++i];
  else if (args[i] === '--as-command') asCommand = true;
  else if (args[i] === '--no-native') native = false;
  else if (args[i] === '--baseline') baseline = true;
  else if (args[i].includes('=')) {
    const eq = args[i].indexOf('=');
    const [script, ...assignments] = args[i].slice(eq + 1).split(',');
    const env = { ...process.env };
    for (const a of assignments) env[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    variants.push({ name: args[i].slice(0, eq), script: path.resolve(script), env });
  } else throw new Error(`unknown argument ${args[i]}`);
}

const dir = fs.readdirSync(BENCH_DIR).filter((d) => d.startsWith('corpus-'))
  .map((d) => path.join(BENCH_DIR, d))
  .find((d) => fs.existsSync(path.join(d, 'corpus.json')) && fs.existsSync(path.join(d, benchCase)));
if (!dir) throw new Error(`no bench corpus with case ${benchCase}: run \`npm run bench -- --cases ${benchCase}\` first`);
const argvOf = (out) => JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')).cases[benchCase].argv
  .map((a) => (a === OUT_PLACEHOLDER ? out : a));

const outDir = path.join(BENCH_DIR, 'out', 'startup');
fs.mkdirSync(outDir, { recursive: true });
// The wlink command as users run it (bin/wlink.js starts node itself), and through `node` as well.
const commands = [
  { name: 'wlink', exe: path.join(REPO, 'bin', 'wlink.js'), args: [] },
  { name: 'node wlink.js', exe: process.execPath, args: [path.join(REPO, 'bin', 'wlink.js')] },
];
for (const v of variants) {
  commands.push(asCommand ? { name: v.name, exe: v.script, args: [], env: v.env } : { name: v.name, exe: process.execPath, args: [v.script], env: v.env });
}
const nativeExe = native ? which('wasm-ld-19') : null;
if (nativeExe) commands.push({ name: 'native', exe: nativeExe, args: [] });
if (baseline) commands.push({ name: 'node -e 0', exe: process.execPath, args: ['-e', '0'], noArgv: true });

// Whether bin/wlink.js will run the bundle (read before the runs, which may rewrite its code cache).
const bundled = createRequire(import.meta.url)('../../bin/wlink.js').readBundle(path.join(REPO, 'dist')) !== null;
const samples = Object.fromEntries(commands.map((c) => [c.name, []]));
const cpu = Object.fromEntries(commands.map((c) => [c.name, []]));
for (let run = -1; run < runs; run++) { // run -1 warms the page cache and any code cache
  for (const c of commands) {
    const out = path.join(outDir, `${c.name.replace(/\W/g, '_')}.wasm`);
    const m = measure({ exe: c.exe, args: c.noArgv ? c.args : [...c.args, ...argvOf(out)] }, { cwd: dir, env: c.env });
    if (m.status !== 0) throw new Error(`${c.name} failed (${m.status}): ${m.stderr}`);
    if (run >= 0) {
      samples[c.name].push(m.wallMs);
      if (m.cpuS !== null) cpu[c.name].push(m.cpuS * 1000);
    }
  }
}

const q = (xs, f) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * f;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
const ref = samples.native ? q(samples.native, 0.5) : null;
process.stdout.write(`${runs} alternating runs, ${benchCase === 'small' ? 'hello world' : `the ${benchCase} link`} (${path.relative(REPO, dir)}), wall ms; ` +
  `wlink ${bundled ? 'runs dist/wlink.bundle.js' : 'runs dist/ modules (no current bundle: npm run build)'}\n`);
for (const c of commands) {
  const s = samples[c.name];
  const med = q(s, 0.5);
  process.stdout.write(`${c.name.padEnd(14)} median ${med.toFixed(1).padStart(6)}  q1 ${q(s, 0.25).toFixed(1).padStart(6)}  q3 ${q(s, 0.75).toFixed(1).padStart(6)}` +
    `${ref && c.name !== 'native' ? `  ${(med / ref).toFixed(2)}x native` : ''}` +
    `${cpu[c.name].length ? `   cpu median ${q(cpu[c.name], 0.5).toFixed(0).padStart(4)}` : ''}\n`);
}
