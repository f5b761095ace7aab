#!/usr/bin/env node
// A seeded, time-boxed fuzzer of the linker (npm run fuzz; --help lists the options).
//
// Each iteration picks a program of the golden cache and one of its inputs (an object, an archive,
// crt1, or a few members of libc.a; scripts/fuzz/corpus.mjs), mutates it in memory
// (scripts/fuzz/mutators.mjs, with a generator made from the seed and the iteration number, so the
// same seed and iteration always give the same input), and links the program's wasm-ld argv with the
// mutated bytes in a worker thread (scripts/fuzz/worker.mjs) under a watchdog
// (scripts/fuzz/runner.mjs). A link must end in a module or a LinkError; anything else is a finding:
//
//   internal  another exception (a bug, whatever the input)
//   hang      no answer within --timeout seconds (the worker is terminated and replaced), nor
//             within three times that in a fresh worker (else it was only slow: counted, not a finding)
//   over-cap  the link allocated more than the cap: max(1 GiB, 64 x the bytes of the link's inputs),
//             measured as the worker's array-buffer growth over the link, the process's rss growth
//             while it ran (sampled every 10 ms), or the JS heap hitting the cap (resourceLimits)
//   invalid   a module wabt rejects (every --validate-every'th output is validated) while the
//             reference wasm-ld links the same mutated input into a module wabt accepts
//
// Every distinct finding (scripts/fuzz/reproducers.mjs) gets a reproducer directory under --out;
// `npm run fuzz -- --replay DIR` runs it again. Before fuzzing, every program's unmutated link must
// succeed and validate. The run ends after --iterations or --time, whichever comes first, prints a
// summary, and exits with status 1 if there was any finding.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrograms, programTargets } from './fuzz/corpus.mjs';
import { mutate } from './fuzz/mutators.mjs';
import { iterationRng } from './fuzz/prng.mjs';
import { firstFrame, normalise, readReproducer, reproArgv, signature, writeReproducer } from './fuzz/reproducers.mjs';
import { Slot, overCap } from './fuzz/runner.mjs';
import { checkWithReference, makeValidator, referenceLinker } from './fuzz/validate.mjs';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GiB = 1024 * 1024 * 1024;
const MIN_CAP = GiB;
const CAP_FACTOR = 64;
/** A single allocation the probe re-run of an over-cap input stops at (inputs here are a few MB). */
const PROBE_BYTES = 64 * 1024 * 1024;

function parseOptions() {
  // Not quite the house configuration: yargs's own --no-X negation, and yargs's own failure report
  // (the usage, then the message).
  const cli = scriptOptions('npm run fuzz --', 'Usage: $0 [options]\n\nMutates the golden fixtures\' objects and archives and links them with wlink, ' +
      'reporting internal errors, hangs, over-cap allocations and invalid outputs.', { booleanNegation: true })
    .option('seed', { type: 'number', describe: 'seed of the run (default: random, printed)' })
    .option('iterations', { type: 'number', describe: 'stop after this many iterations' })
    .option('time', { type: 'number', describe: 'stop starting iterations after this many seconds (default 60 without --iterations)' })
    .option('jobs', { type: 'number', default: Math.min(2, os.availableParallelism?.() ?? os.cpus().length), describe: 'worker threads' })
    .option('out', { type: 'string', default: path.join(ROOT, '.cache', 'fuzz', 'findings'), describe: 'directory for reproducers' })
    .option('replay', { type: 'string', describe: 'run the reproducer in this directory again' })
    .option('validate-every', { type: 'number', default: 50, describe: 'validate the output of every Nth iteration that links (1: every output, 0: none)' })
    .option('timeout', { type: 'number', default: 10, describe: 'seconds without an answer that make a hang' })
    .option('programs', { type: 'string', describe: 'comma-separated golden programs to fuzz (default: all)' })
    .option('summary-json', { type: 'string', describe: 'also write the summary to this JSON file' })
    .option('progress', { type: 'number', default: 5, describe: 'seconds between progress lines (0: none)' });
  return parseScriptOptions(cli, 'fuzz', {
    check: (a) => {
      for (const k of ['seed', 'iterations', 'time', 'jobs', 'validate-every', 'timeout', 'progress']) {
        if (a[k] !== undefined && (!Number.isFinite(a[k]) || a[k] < 0)) throw new Error(`--${k} must be a non-negative number`);
      }
      if (a.jobs < 1) throw new Error('--jobs must be at least 1');
      return true;
    },
    reportFailure: false,
  });
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

function commitOf() {
  try {
    return execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function fileSize(p) {
  try { return fs.statSync(p).size; } catch { return 0; }
}

/**
 * What a finished link amounts to: { failures: [{ kind, ... }], validated, unconfirmed }.
 * `referenceArgv()` writes what the reference needs and resolves to { argv, outPath, cleanup };
 * `probe()` re-runs the input in a probe worker and resolves to its answer.
 */
async function assess(result, { cap, validate, reference, referenceArgv, probe }) {
  const failures = [];
  const out = { failures, validated: false, unconfirmed: null };
  if (result.status === 'internal' || result.status === 'hang' || result.status === 'over-cap') {
    const at = result.status === 'hang' && result.stack ? firstFrame(result.stack, ROOT, true) : '';
    failures.push({ kind: result.status, message: `${result.message}${at ? `, paused ${at}` : ''}`, stack: result.stack, name: result.name, status: result.status });
  }
  if (result.status === 'ok' || result.status === 'error') {
    const reason = overCap(result, cap);
    if (reason) {
      const failure = { kind: 'over-cap', status: result.status, message: `${reason}; the link ended with ${result.status === 'ok' ? 'a module' : result.message}` };
      const p = await probe();
      if (p.probe) {
        failure.stack = p.probe.stack;
        failure.detail = `the probe re-run stopped at ${p.probe.message}`;
      }
      failures.push(failure);
    }
  }
  if (result.status === 'ok' && result.output) {
    out.validated = true;
    const complaint = validate(result.output);
    if (complaint) {
      const ref = await referenceArgv();
      let check;
      try {
        check = await checkWithReference(reference, validate, ref.argv, ref.outPath);
      } finally {
        ref.cleanup();
      }
      const first = complaint.split('\n')[0];
      if (check.verdict === 'valid') failures.push({ kind: 'invalid', message: `wlink's output is invalid: ${first}`, validation: first, detail: check.detail });
      else out.unconfirmed = `${first} (${check.detail})`;
    }
  }
  return out;
}

function memoryFigures(result, cap) {
  if (!result.mem) return { cap };
  return {
    cap,
    arrayBuffersGrowth: result.mem.arrayBuffers - result.mem.arrayBuffersBefore,
    heapGrowth: result.mem.heapUsed - result.mem.heapUsedBefore,
    rssGrowth: result.rssPeak - result.rssStart,
  };
}

async function fuzz(opts) {
  const seed = opts.seed !== undefined ? opts.seed >>> 0 : randomInt(0x100000000);
  const maxIterations = opts.iterations ?? Infinity;
  const timeLimit = opts.time ?? (opts.iterations === undefined ? 60 : Infinity);
  const commit = commitOf();
  log(`wlink fuzz: seed ${seed}, ${opts.jobs} worker(s), ${Number.isFinite(maxIterations) ? `${maxIterations} iterations` : 'no iteration limit'}, ` +
    `${Number.isFinite(timeLimit) ? `${timeLimit} s` : 'no time limit'}, ${opts['validate-every'] ? `validating the outputs of 1 in ${opts['validate-every']} iterations` : 'no validation'}, out ${path.relative(ROOT, opts.out) || '.'}`);

  const programs = loadPrograms(ROOT, opts.programs ? opts.programs.split(',').filter(Boolean) : null);
  const validate = await makeValidator();
  const reference = referenceLinker(ROOT);
  const timeoutMs = opts.timeout * 1000;

  // Unmutated links first: they must succeed and validate, and they tell what each program reads.
  const t0 = performance.now();
  const baseSlot = new Slot(ROOT, { capBytes: MIN_CAP, timeoutMs: Math.max(timeoutMs, 60_000) });
  const originals = new Map();
  const files = new Map(); // every input of every program, read now: the fixtures may be rebuilt meanwhile
  let maxCap = MIN_CAP;
  for (const program of programs) {
    const r = await baseSlot.run({ argv: program.argv, trace: true, wantOutput: true });
    if (r.status !== 'ok') throw new Error(`the unmutated link of ${program.name} does not succeed: ${r.status}: ${r.message}\n${r.stack ?? ''}`);
    const complaint = validate(r.output);
    if (complaint) throw new Error(`the unmutated link of ${program.name} gives an invalid module: ${complaint}`);
    program.targets = programTargets(program, r);
    program.cap = Math.max(MIN_CAP, CAP_FACTOR * r.inputs.reduce((n, p) => n + fileSize(p), 0));
    maxCap = Math.max(maxCap, program.cap);
    for (const p of r.inputs) if (!files.has(p)) files.set(p, new Uint8Array(fs.readFileSync(p)));
    for (const t of program.targets) originals.set(t.path, files.get(t.path));
  }
  await baseSlot.close();
  const live = programs.filter((p) => p.targets.length > 0);
  const targetCount = live.reduce((n, p) => n + p.targets.length, 0);
  log(`unmutated links: ${programs.length} programs ok and valid in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `${targetCount} targets; cap ${(maxCap / GiB).toFixed(2)} GiB; reference ${reference.name}`);

  const stats = { iterations: 0, ok: 0, error: 0, internal: 0, hang: 0, overCap: 0, invalid: 0, invalidUnconfirmed: 0, validated: 0, slow: 0 };
  const findings = new Map();
  const unconfirmed = [];
  const errorKinds = new Map(); // how the reported errors read (file names and numbers taken out)
  const slots = Array.from({ length: opts.jobs }, () => new Slot(ROOT, { capBytes: maxCap, timeoutMs, files: [...files] }));
  const probeSlot = new Slot(ROOT, { capBytes: maxCap, timeoutMs, allocationProbe: PROBE_BYTES, files: [...files] });
  let probing = Promise.resolve();
  const start = performance.now();
  let next = 0;
  const elapsed = () => (performance.now() - start) / 1000;
  const more = () => next < maxIterations && elapsed() < timeLimit;
  const line = () => `[${elapsed().toFixed(0)} s] ${stats.iterations} iterations (${(stats.iterations / Math.max(elapsed(), 1e-9)).toFixed(1)}/s): ` +
    `ok ${stats.ok} error ${stats.error} internal ${stats.internal} hang ${stats.hang} over-cap ${stats.overCap} invalid ${stats.invalid} ` +
    `(validated ${stats.validated}, ${stats.invalidUnconfirmed} invalid also for the reference), ${findings.size} distinct finding(s)`;
  const ticker = opts.progress > 0 ? setInterval(() => log(line()), opts.progress * 1000) : null;

  const record = (iteration, program, target, input, result, failure) => {
    const sig = signature(failure.kind, { ...result, ...failure, kinds: input.kinds }, ROOT);
    const known = findings.get(sig);
    if (known) {
      known.count++;
      return;
    }
    const { dir, existed } = writeReproducer(opts.out, {
      kind: failure.kind, signature: sig, message: failure.message, stack: failure.stack, detail: failure.detail,
      program: program.name, target, mutations: input.mutations, kinds: input.kinds, seed, iteration, commit, argv: program.argv,
      bytes: input.bytes, memory: memoryFigures(result, program.cap),
    }, ROOT);
    findings.set(sig, { kind: failure.kind, signature: sig, message: failure.message, dir, count: 1, iteration, program: program.name, target: target.label });
    log(`${failure.kind}${existed ? ' (reproducer already there)' : ''}: ${program.name} ${target.label}, iteration ${iteration}: ${failure.message}\n  -> ${path.relative(ROOT, dir)}`);
  };

  const loop = async (slot) => {
    while (more()) {
      const iteration = next++;
      const rng = iterationRng(seed, iteration);
      const program = rng.pick(live);
      const target = rng.pick(program.targets);
      const input = mutate(rng, originals.get(target.path), target);
      const every = opts['validate-every'];
      const job = { argv: program.argv, overrides: [{ path: target.path, bytes: input.bytes }], wantOutput: every > 0 && iteration % every === 0 };
      let result = await slot.run(job);
      if (result.status === 'hang') {
        // A busy machine can make a link slow: a hang counts only if a fresh worker, given three
        // times the timeout, does not answer either.
        const again = new Slot(ROOT, { capBytes: maxCap, timeoutMs: 3 * timeoutMs, files: [...files] });
        const second = await again.run(job);
        await again.close();
        if (second.status !== 'hang') {
          stats.slow++;
          log(`slow, not a hang: ${program.name} ${target.label}, iteration ${iteration}: no answer within ${opts.timeout} s, then ${second.status} in ${(second.wallMs / 1000).toFixed(1)} s in a fresh worker`);
        }
        result = second;
      }
      stats.iterations++;
      if (result.status === 'ok') stats.ok++;
      if (result.status === 'error') {
        stats.error++;
        const kind = normalise(String(result.message).replace(/^wlink: error: /, '').replace(/^\S+: /, ''), ROOT);
        errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
      }
      const verdict = await assess(result, {
        cap: program.cap, validate, reference,
        referenceArgv: async () => {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-fuzz-ref-'));
          const file = path.join(dir, path.basename(target.path));
          fs.writeFileSync(file, input.bytes);
          const outPath = path.join(dir, 'ref.wasm');
          return { argv: reproArgv(program.argv, target.path, file, outPath), outPath, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
        },
        probe: () => {
          // One probe at a time: the slots share the probe worker.
          const run = probing.then(() => probeSlot.run({ ...job, wantOutput: false }));
          probing = run.then(() => {}, () => {});
          return run;
        },
      });
      if (verdict.validated) stats.validated++;
      if (verdict.unconfirmed) {
        stats.invalidUnconfirmed++;
        unconfirmed.push(`${program.name} ${target.label} iteration ${iteration}: ${verdict.unconfirmed}`);
      }
      for (const failure of verdict.failures) {
        stats[{ internal: 'internal', hang: 'hang', 'over-cap': 'overCap', invalid: 'invalid' }[failure.kind]]++;
        record(iteration, program, target, input, result, failure);
        if (failure.kind === 'over-cap' && result.status !== 'over-cap') await slot.restart(); // release its memory
      }
    }
  };
  await Promise.all(slots.map(loop));
  if (ticker) clearInterval(ticker);
  await Promise.all([...slots, probeSlot].map((s) => s.close()));

  const seconds = elapsed();
  const summary = {
    seed, commit, jobs: opts.jobs, seconds: Number(seconds.toFixed(1)), iterationsPerSecond: Number((stats.iterations / seconds).toFixed(2)),
    ...stats,
    findings: [...findings.values()].map((f) => ({ ...f, dir: f.dir, replay: `npm run fuzz -- --replay ${path.relative(ROOT, f.dir).startsWith('..') ? f.dir : path.relative(ROOT, f.dir)}` })),
    invalidAlsoForReference: unconfirmed,
    commonErrors: [...errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([message, count]) => ({ message, count })),
  };
  log(line());
  log(`\nsummary (seed ${seed}): ${stats.iterations} iterations in ${seconds.toFixed(1)} s (${summary.iterationsPerSecond}/s, ${opts.jobs} worker(s))`);
  log(`  ok ${stats.ok}, error ${stats.error}, internal ${stats.internal}, hang ${stats.hang}, over-cap ${stats.overCap}, invalid ${stats.invalid}` +
    (stats.slow > 0 ? ` (and ${stats.slow} slow links that finished on a second try)` : ''));
  log(`  validated ${stats.validated} outputs; ${stats.invalidUnconfirmed} invalid ones the reference rejected or also made invalid (not findings)`);
  log(`  most common errors: ${summary.commonErrors.slice(0, 5).map((e) => `${e.count}x ${e.message}`).join('; ')}`);
  if (findings.size === 0) log('  no findings');
  for (const f of summary.findings) log(`  ${f.kind} x${f.count}: ${f.message}\n    ${f.program} ${f.target}, first at iteration ${f.iteration}: ${f.replay}`);
  if (opts['summary-json']) {
    fs.mkdirSync(path.dirname(path.resolve(opts['summary-json'])), { recursive: true });
    fs.writeFileSync(opts['summary-json'], `${JSON.stringify(summary, null, 2)}\n`);
  }
  return findings.size > 0 ? 1 : 0;
}

async function replay(opts) {
  const dir = path.resolve(opts.replay);
  const repro = readReproducer(dir);
  log(`replaying ${path.relative(ROOT, dir) || dir}: ${repro.kind} found in ${repro.program} (${repro.target.label}), seed ${repro.seed}, iteration ${repro.iteration}`);
  log(`  then: ${repro.message}`);
  for (const m of repro.mutations) log(`  mutation: ${m}`);
  const cap = repro.memory?.cap ?? MIN_CAP;
  const slot = new Slot(ROOT, { capBytes: cap, timeoutMs: opts.timeout * 1000 });
  const result = await slot.run({ argv: repro.argv, wantOutput: true });
  await slot.close();
  const validate = await makeValidator();
  const reference = referenceLinker(ROOT);
  const verdict = await assess(result, {
    cap, validate, reference,
    referenceArgv: async () => {
      const outPath = path.join(dir, 'ref.wasm');
      const argv = repro.argv.slice();
      argv[argv.lastIndexOf('-o') + 1] = outPath;
      return { argv, outPath, cleanup: () => {} };
    },
    probe: async () => {
      const probeSlot = new Slot(ROOT, { capBytes: cap, timeoutMs: opts.timeout * 1000, allocationProbe: PROBE_BYTES });
      try {
        return await probeSlot.run({ argv: repro.argv });
      } finally {
        await probeSlot.close();
      }
    },
  });
  const how = result.status === 'ok' ? `a module of ${result.size} bytes` : result.status === 'error' ? result.message : `${result.status}: ${result.message}`;
  log(`now: ${how} (${result.wallMs.toFixed(0)} ms)`);
  if (result.stack && result.status === 'internal') log(result.stack.split('\n').slice(0, 8).map((l) => `  ${l}`).join('\n'));
  if (verdict.unconfirmed) log(`  invalid output, not a finding: ${verdict.unconfirmed}`);
  const memory = memoryFigures(result, cap);
  log(`  memory: array buffers +${((memory.arrayBuffersGrowth ?? 0) / 1048576).toFixed(0)} MiB, rss +${((memory.rssGrowth ?? 0) / 1048576).toFixed(0)} MiB (cap ${(cap / 1048576).toFixed(0)} MiB)`);
  if (verdict.failures.length === 0) {
    log('fixed: the link ends in a module or a reported error');
    return 0;
  }
  for (const f of verdict.failures) {
    if (f.detail) log(`  ${f.detail}`);
    if (f.kind === 'over-cap' && f.stack) log(f.stack.split('\n').slice(1, 6).map((l) => `  ${l.trim()}`).join('\n'));
    const same = signature(f.kind, { ...result, ...f, kinds: repro.mutators ?? [] }, ROOT) === repro.signature;
    log(`still failing: ${f.kind}${same ? ' (same signature)' : ` (new signature: ${f.message})`}`);
  }
  return 1;
}

try {
  const opts = parseOptions();
  process.exitCode = opts.replay ? await replay(opts) : await fuzz(opts);
} catch (e) {
  process.stderr.write(`fuzz: ${e?.stack ?? e}\n`);
  process.exitCode = 2;
}
