#!/usr/bin/env node
// Optional: LLVM's own wasm-ld tests (lld/test/wasm), run side by side with wasm-ld-19 and wlink.
//
// The tests are not in this repository: they are read at run time from Debian's llvm-toolchain-19
// source package, fetched into .cache/lld-suite/src (`apt-get source --download-only`, needs deb-src
// entries; --setup adds them and installs llvm-19, lld-19, llvm-19-tools, wabt and dpkg-dev as root).
// Every RUN line of every test runs as lit would run it (bash, pipefail, lit's % substitutions), with
// LLVM 19's tools (llvm-mc -> llvm-mc-19, ...); FileCheck and count are sinks, so only what feeds
// them runs. Each `wasm-ld` on a RUN line (also after `not`, `env` or a pipe) runs wasm-ld-19, so the
// later RUN lines read wasm-ld-19's outputs, and is recorded with a snapshot of the test directory;
// then it is replayed from that snapshot twice, once with wasm-ld-19 and once with wlink, each on a
// fresh copy in the same place (same argv, cwd, environment and absolute paths; -o /dev/null becomes a
// file so that the output is compared). See scripts/lld-suite/compare.mjs for how results are
// compared and classified.
//
//   node scripts/lld-suite.mjs [--filter RE] [--jobs 2] [--json FILE] [--wlink PATH] [--keep]
//   node scripts/lld-suite.mjs --reference-both   # self-check: wasm-ld-19 on both sides, all must be 'same'
//   node scripts/lld-suite.mjs --setup            # first run on a fresh machine (root: apt)
//
// Prints counts per class and every differing invocation; writes the details as JSON
// (.cache/lld-suite/results.json by default). Exits 0 when the run completed (differences are the
// report, not a failure), 1 when --reference-both finds anything but 'same', 2 on a setup problem.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';
import { CLASSES, makeComparer } from './lld-suite/compare.mjs';
import { listTests, parseTest, skipReason } from './lld-suite/lit.mjs';
import { runTest, writeBinDir } from './lld-suite/run.mjs';
import { checkTools, fail, llvmTool, LLVM_TOOLS, obtainTests, versions, which } from './lld-suite/setup.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Physical paths throughout: bash records the physical working directory, so a symlinked .cache would mix both.
fs.mkdirSync(path.join(REPO, '.cache', 'lld-suite'), { recursive: true });
const CACHE = fs.realpathSync(path.join(REPO, '.cache', 'lld-suite'));

const lastOf = (v) => (Array.isArray(v) ? v[v.length - 1] : v);
const cli = scriptOptions('node scripts/lld-suite.mjs', 'Usage: $0 [options]\n\nRuns LLVM\'s lld/test/wasm (from Debian\'s llvm-toolchain-19 source package) with wasm-ld-19 and ' +
    'wlink side by side and compares every wasm-ld invocation (see the header comment of scripts/lld-suite.mjs).')
  .option('filter', { type: 'string', requiresArg: true, coerce: lastOf, describe: 'only tests whose name (e.g. lto/cache.ll) contains this string or matches this regex' })
  .option('jobs', { type: 'number', default: 2, requiresArg: true, coerce: lastOf, describe: 'tests run at once' })
  .option('setup', { type: 'boolean', default: false, describe: 'as root: apt-get install the tools, add deb-src entries and apt-get update if needed' })
  .option('reference-both', { type: 'boolean', default: false, describe: 'self-check: run wasm-ld-19 on both sides (every invocation must come out same)' })
  .option('json', { type: 'string', requiresArg: true, coerce: lastOf, defaultDescription: '.cache/lld-suite/results.json', describe: 'where to write the details' })
  .option('wlink', { type: 'string', requiresArg: true, coerce: lastOf, defaultDescription: 'bin/wlink.js', describe: 'the wlink command to compare' })
  .option('keep', { type: 'boolean', default: false, describe: 'keep the work directories (.cache/lld-suite/work/TEST/inv/N/{snap,ref,new})' });
const opts = parseScriptOptions(cli, 'lld-suite', {
  check: (a) => {
    if (!Number.isInteger(a.jobs) || a.jobs < 1) throw new Error('--jobs: expected a positive integer');
    return true;
  },
  exitCode: 2,
});

const tools = checkTools({ setup: opts.setup });
const testsRoot = obtainTests(CACHE, { setup: opts.setup });
const ver = versions(testsRoot);
if (ver.tests && ver.lld19 && !ver.lld19.includes(ver.tests)) {
  process.stderr.write(`lld-suite: warning: the tests are from LLVM ${ver.tests}, wasm-ld-19 is lld-19 ${ver.lld19}\n`);
}
const reference = tools['wasm-ld-19'];
const wlink = opts.wlink === undefined ? path.join(REPO, 'bin', 'wlink.js') : path.resolve(opts.wlink);
if (!opts['reference-both'] && !fs.existsSync(wlink)) fail(`${wlink} does not exist (npm run build?)`);
const candidate = opts['reference-both'] ? reference : wlink;
const candidateName = opts['reference-both'] ? 'wasm-ld-19' : 'wlink';

// The RUN lines' PATH starts with: the wasm-ld stand-in, sinks for the checkers, `not`, and LLVM 19's tools.
const binDir = path.join(CACHE, 'bin');
const llvmTools = {};
for (const t of LLVM_TOOLS) { const p = llvmTool(t); if (p) llvmTools[t] = p; }
writeBinDir(binDir, llvmTools);

let names = listTests(testsRoot);
if (opts.filter !== undefined) {
  let re = null;
  try { re = new RegExp(opts.filter); } catch { /* a plain substring */ }
  names = names.filter((n) => n.includes(opts.filter) || (re && re.test(n)));
  if (names.length === 0) fail(`--filter ${opts.filter} matches no test`);
}

const work = path.join(CACHE, opts['reference-both'] ? 'work-self' : 'work');
fs.mkdirSync(work, { recursive: true });
const ctx = {
  testsRoot, work, binDir, python: which('python3') ?? 'python3', reference, candidate, keep: opts.keep,
  compare: makeComparer({ tools }),
};

process.stderr.write(`lld-suite: ${names.length} tests from ${path.join('.cache', 'lld-suite', path.relative(CACHE, testsRoot))}; wasm-ld-19 against ${candidateName}` +
  `${opts['reference-both'] ? '' : ` (${path.relative(process.cwd(), candidate) || candidate})`}, ${opts.jobs} at a time\n`);

const tests = [];
const invocations = [];
let next = 0; let done = 0;
async function worker() {
  while (next < names.length) {
    const name = names[next++];
    const parsed = parseTest(path.join(testsRoot, name));
    const skip = skipReason(parsed);
    let entry;
    if (skip) {
      entry = { test: name, skipped: skip, invocations: 0 };
    } else {
      const r = await runTest(name, parsed, ctx);
      const failedRun = r.script.status === 0 ? null : parsed.runs[r.script.lastRun - 1];
      entry = {
        test: name, runLines: parsed.runs.length, invocations: r.invocations.length,
        script: r.script.status === 0 ? 'passed' : {
          status: r.script.status, run: r.script.lastRun, line: failedRun?.line, command: failedRun?.command, stderr: r.script.stderr,
        },
      };
      invocations.push(...r.invocations);
      const counts = {};
      for (const i of r.invocations) counts[i.class] = (counts[i.class] ?? 0) + 1;
      entry.classes = counts;
    }
    tests.push(entry);
    done++;
    const c = entry.classes ? Object.entries(entry.classes).map(([k, v]) => `${v} ${k}`).join(', ') : '';
    process.stderr.write(`[${done}/${names.length}] ${name}: ${entry.skipped ? `skipped (${entry.skipped})` : `${entry.invocations} wasm-ld` +
      `${c ? ` (${c})` : ''}${entry.script === 'passed' ? '' : `; RUN ${entry.script.run} failed under wasm-ld-19`}`}\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(opts.jobs, names.length) }, worker));
tests.sort((a, b) => (a.test < b.test ? -1 : 1));
invocations.sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : a.invocation - b.invocation));

// ---- report ----
const counts = Object.fromEntries(CLASSES.map(([k]) => [k, 0]));
for (const i of invocations) counts[i.class]++;
const byFeature = {};
for (const i of invocations) if (i.class === 'unsupported') byFeature[i.feature] = (byFeature[i.feature] ?? 0) + 1;
const skipped = tests.filter((t) => t.skipped);
const scriptFailed = tests.filter((t) => !t.skipped && t.script !== 'passed');

const out = [];
const p = (s = '') => out.push(s);
p();
p(`lld/test/wasm (LLVM ${ver.tests ?? '?'}): ${tests.length} tests, ${skipped.length} skipped by lit's REQUIRES/UNSUPPORTED, ` +
  `${invocations.length} wasm-ld invocations; wasm-ld-19 against ${candidateName}`);
p();
const width = Math.max(...CLASSES.map(([, d]) => d.length)) + 2;
p(`${'class'.padEnd(width)}invocations`);
for (const [k, d] of CLASSES) p(`${d.padEnd(width)}${counts[k]}`);
p(`${'total'.padEnd(width)}${invocations.length}`);
if (Object.keys(byFeature).length) {
  p();
  p('needs a feature wlink refuses today, by feature:');
  for (const [f, n] of Object.entries(byFeature).sort((a, b) => b[1] - a[1])) p(`  ${f.padEnd(width - 2)}${n}`);
}
if (scriptFailed.length) {
  p();
  p(`tests whose RUN lines stopped with wasm-ld-19 as the linker (lit would fail them; invocations before that are compared): ${scriptFailed.length}`);
  for (const t of scriptFailed) p(`  ${t.test} RUN ${t.script.run} (line ${t.script.line}, status ${t.script.status}): ${t.script.command}`);
}
const shown = invocations.filter((i) => i.class !== 'same' && i.class !== 'unsupported');
if (shown.length) {
  p();
  p('invocations that differ (test, RUN line index and source line, argv; then wasm-ld-19 and ' + `${candidateName}):`);
  for (const [k, d] of CLASSES) {
    const list = shown.filter((i) => i.class === k);
    if (!list.length) continue;
    p();
    p(`-- ${d} (${list.length})`);
    for (const i of list) {
      p(`${i.test} RUN ${i.run} (line ${i.line}): ${i.argv}${i.cwd !== '.' ? `   [in ${i.cwd}]` : ''}`);
      const say = (s) => (s.ok ? 'links' : s.firstError || `fails (${s.status})`);
      if (k === 'crash') p(`    ${candidateName}: ${i.detail}`);
      if (k === 'outcome' || k === 'first-error' || k === 'crash') {
        p(`    wasm-ld-19: ${say(i.ref)}`);
        p(`    ${candidateName}: ${say(i.new)}`);
      }
      if ((k === 'output' || k === 'warnings') && i.detail) {
        const d2 = i.detail;
        p(`    ${d2.file ? `${d2.file}: ` : ''}${d2.aspect}${d2.line ? `, line ${d2.line}` : ''}`);
        p(`    wasm-ld-19: ${d2.ref}`);
        p(`    ${candidateName}: ${d2.new}`);
      }
    }
  }
}
const unsupported = invocations.filter((i) => i.class === 'unsupported');
if (unsupported.length) {
  p();
  p(`-- needs a feature wlink refuses today (${unsupported.length}):`);
  for (const i of unsupported) p(`${i.test} RUN ${i.run} (line ${i.line}) [${i.feature}]: ${i.argv}`);
}
process.stdout.write(out.join('\n') + '\n');

const jsonPath = opts.json === undefined
  ? path.join(REPO, '.cache', 'lld-suite', opts['reference-both'] ? 'results-self.json' : 'results.json') : path.resolve(opts.json);
fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
fs.writeFileSync(jsonPath, JSON.stringify({
  llvm: ver.tests, lld19: ver.lld19, reference, candidate: candidateName === 'wlink' ? wlink : reference,
  referenceBoth: opts['reference-both'], filter: opts.filter ?? null, date: new Date().toISOString(),
  classes: Object.fromEntries(CLASSES), counts, byFeature, tests, invocations,
}, null, 1) + '\n');
process.stderr.write(`lld-suite: details in ${path.relative(process.cwd(), jsonPath) || jsonPath}\n`);
if (opts['reference-both'] && counts.same !== invocations.length) {
  process.stderr.write(`lld-suite: self-check failed: ${invocations.length - counts.same} invocations differ with wasm-ld-19 on both sides\n`);
  process.exit(1);
}
