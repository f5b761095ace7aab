#!/usr/bin/env node
// Per-stage times of one bench link run several times in one process: the first run pays for the
// JIT's warm-up (code runs in V8's baseline tier until it is optimized), later runs do not. The
// difference is what a one-shot `wlink` spends on warming up. Uses the cached bench corpus (run
// `npm run bench` once to build it) and dist/ (npm run build).
//
//   node scripts/bench/warm-stages.mjs [--case CASE] [--runs N]   (--runs: at least 3, default 8)
//   --help lists the options; an unknown option or a bad value is an error.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from '../lib/script-options.mjs';
import { BENCH_DIR, GENERATED_CASES, OUT_PLACEHOLDER, findBuiltCase } from './corpus.mjs';
import { PROGRAMS } from './programs.mjs';

// Options first, so that --help and a bad option need no dist/.
const last = (v) => (Array.isArray(v) ? v[v.length - 1] : v); // a repeated option: the last one counts
const cli = scriptOptions('node scripts/bench/warm-stages.mjs', 'Usage: $0 [options]\n\n' +
    'Per-stage times of one bench link run several times in one process: the first run against the median of the ' +
    'later ones (the JIT\'s warm-up). Needs the cached bench corpus (npm run bench) and dist/ (npm run build).')
  .option('case', { type: 'string', default: 'large', requiresArg: true, coerce: last, choices: [...Object.keys(GENERATED_CASES), ...Object.keys(PROGRAMS)], describe: 'the bench case to link (see scripts/bench.mjs)' })
  .option('runs', { type: 'number', default: 8, requiresArg: true, coerce: last, describe: 'links in the process (the warm time is the median of runs 3..N)' });
const opts = parseScriptOptions(cli, 'warm-stages', {
  check: (a) => {
    if (!(Number.isInteger(a.runs) && a.runs >= 3)) throw new Error('--runs must be a whole number >= 3');
    return true;
  },
});
const benchCase = opts.case;
const runs = opts.runs;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { parseArgs } = require(path.join(REPO, 'dist', 'linker', 'cli', 'parse.js'));
const { Diagnostics } = require(path.join(REPO, 'dist', 'linker', 'core', 'diagnostics.js'));
const { linkFull } = require(path.join(REPO, 'dist', 'linker', 'driver.js'));
const { nodeHost } = require(path.join(REPO, 'dist', 'linker', 'host', 'node.js'));

const built = findBuiltCase(benchCase);
if (!built) throw new Error(`no bench corpus with case ${benchCase}: run \`npm run bench -- --cases ${benchCase}\` first`);
const dir = built.dir;
const argv = built.argv.map((a) => (a === OUT_PLACEHOLDER ? path.join(BENCH_DIR, 'out', 'warm-stages.wasm') : a));
process.chdir(dir);

const times = new Map(); // stage -> ms of each run
for (let run = 0; run < runs; run++) {
  const diag = new Diagnostics();
  diag.sink = (line) => {
    const m = /time: (\S+)\s+([\d.]+) ms/.exec(line);
    if (m) (times.get(m[1]) ?? times.set(m[1], []).get(m[1])).push(Number(m[2]));
  };
  const start = performance.now();
  linkFull(parseArgs([...argv, '--verbose'], diag, { host: nodeHost }), diag, null);
  (times.get('total') ?? times.set('total', []).get('total')).push(performance.now() - start);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
process.stdout.write(`${benchCase} link, ${runs} runs in one process: first run, then the median of runs 3-${runs} (ms)\n`);
for (const [stage, ms] of times) {
  process.stdout.write(`${stage.padEnd(14)} first ${ms[0].toFixed(1).padStart(7)}   warm ${median(ms.slice(2)).toFixed(1).padStart(7)}\n`);
}
