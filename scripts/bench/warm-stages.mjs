#!/usr/bin/env node
// Per-stage times of one bench link run several times in one process: the first run pays for the
// JIT's warm-up (code runs in V8's baseline tier until it is optimized), later runs do not. The
// difference is what a one-shot `wlink` spends on warming up. Uses the cached bench corpus (run
// `npm run bench` once to build it) and dist/ (npm run build).
//
//   node scripts/bench/warm-stages.mjs [--case large|small] [--runs N]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, OUT_PLACEHOLDER } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { parseArgs } = require(path.join(REPO, 'dist', 'linker', 'cli', 'parse.js'));
const { Diagnostics } = require(path.join(REPO, 'dist', 'linker', 'diagnostics.js'));
const { linkFull } = require(path.join(REPO, 'dist', 'linker', 'driver.js'));

const args = process.argv.slice(2);
let benchCase = 'large';
let runs = 8;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--case') benchCase = args[++i];
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else throw new Error(`unknown argument ${args[i]}`);
}
const dir = fs.readdirSync(BENCH_DIR).filter((d) => d.startsWith('corpus-')).map((d) => path.join(BENCH_DIR, d))
  .find((d) => fs.existsSync(path.join(d, 'corpus.json')) && fs.existsSync(path.join(d, benchCase)));
if (!dir) throw new Error(`no bench corpus with case ${benchCase}: run \`npm run bench\` first`);
const argv = JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')).cases[benchCase].argv
  .map((a) => (a === OUT_PLACEHOLDER ? path.join(BENCH_DIR, 'out', 'warm-stages.wasm') : a));
process.chdir(dir);

const times = new Map(); // stage -> ms of each run
for (let run = 0; run < runs; run++) {
  const diag = new Diagnostics();
  diag.sink = (line) => {
    const m = /time: (\S+)\s+([\d.]+) ms/.exec(line);
    if (m) (times.get(m[1]) ?? times.set(m[1], []).get(m[1])).push(Number(m[2]));
  };
  const start = performance.now();
  linkFull(parseArgs([...argv, '--verbose'], diag), diag, null);
  (times.get('total') ?? times.set('total', []).get('total')).push(performance.now() - start);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
process.stdout.write(`${benchCase} link, ${runs} runs in one process: first run, then the median of runs 3-${runs} (ms)\n`);
for (const [stage, ms] of times) {
  process.stdout.write(`${stage.padEnd(14)} first ${ms[0].toFixed(1).padStart(7)}   warm ${median(ms.slice(2)).toFixed(1).padStart(7)}\n`);
}
