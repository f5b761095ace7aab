// A short fixed-seed run of the fuzzer (scripts/fuzz.mjs): the golden fixtures' objects and archives,
// crt1 and a few libc.a members, mutated in memory and linked with each program's wasm-ld argv, a
// fixed number of iterations (about 45-60 seconds here) on two worker threads, every successful output
// validated with wabt (an invalid one counts only when the reference wasm-ld links the same input into
// a valid module).
//
// It fails on any internal error (an exception other than a reported LinkError), hang, over-cap
// allocation or confirmed invalid output, and lists each distinct one with the command that replays
// its reproducer (kept in .cache/fuzz/test-findings/). The seed and the count are fixed, so every
// machine links the same inputs: a time box made the test's inputs depend on the machine's speed (a
// faster CI machine reached iteration 7698, a finding this machine never got to).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(ROOT, '.cache', 'fuzz', 'test-findings');
const SUMMARY = path.join(OUT, 'summary.json');
const SEED = 20261207;
const ITERATIONS = 8000;

interface Finding {
  kind: string;
  message: string;
  program: string;
  target: string;
  count: number;
  iteration: number;
  replay: string;
}

interface Summary {
  seed: number;
  iterations: number;
  ok: number;
  error: number;
  internal: number;
  hang: number;
  overCap: number;
  invalid: number;
  validated: number;
  iterationsPerSecond: number;
  findings: Finding[];
}

let summary: Summary | null = null;
let output = '';

beforeAll(async () => {
  const cache = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'golden-cache.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (cache.status !== 0) throw new Error(`scripts/golden-cache.mjs failed (exit ${cache.status}); see its output above`);
  fs.rmSync(OUT, { recursive: true, force: true });
  const args = [
    path.join(ROOT, 'scripts', 'fuzz.mjs'), '--seed', String(SEED), '--iterations', String(ITERATIONS), '--jobs', '2',
    '--validate-every', '1', '--out', OUT, '--summary-json', SUMMARY, '--progress', '15',
  ];
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => resolve(code));
  });
  // 0: no findings, 1: findings (the tests below list them); anything else: the fuzzer itself failed.
  if ((status !== 0 && status !== 1) || !fs.existsSync(SUMMARY)) throw new Error(`scripts/fuzz.mjs failed (exit ${status}):\n${output}`);
  summary = JSON.parse(fs.readFileSync(SUMMARY, 'utf8')) as Summary;
});

test('the fuzzer ran: unmutated links succeeded, mutated inputs were linked and outputs validated', () => {
  expect(summary).not.toBeNull();
  const s = summary!;
  expect(s.seed).toBe(SEED);
  expect(s.iterations).toBe(ITERATIONS);
  expect(s.error).toBeGreaterThan(0); // mutations reach the parsers' checks
  expect(s.validated).toBeGreaterThan(0); // and some still link, into modules that were checked
});

test('no internal error, hang, over-cap allocation or invalid output', () => {
  const s = summary!;
  const found = s.findings.map((f) => `${f.kind} (${f.count}x, first at iteration ${f.iteration}, ${f.program} ${f.target}): ${f.message}\n    ${f.replay}`);
  if (found.length > 0 || s.internal + s.hang + s.overCap + s.invalid > 0) {
    throw new Error(`seed ${s.seed}, ${s.iterations} iterations: internal ${s.internal}, hang ${s.hang}, over-cap ${s.overCap}, invalid ${s.invalid}\n` +
      `${found.join('\n')}\n(reproducers in ${path.relative(ROOT, OUT)}/)`);
  }
});
