// Running one lit test: its RUN lines under bash with LLVM 19's tools, every `wasm-ld` being a stand-in
// that records the invocation (argv, cwd, environment, RUN index) and a snapshot of the test's
// directory, then runs wasm-ld-19 so that later RUN lines read wasm-ld-19's outputs. Afterwards each
// recorded invocation is replayed twice from its snapshot, in the same directory (so absolute paths
// match), once with the reference linker and once with the candidate: each side starts from a fresh
// copy of the snapshot and its results are moved aside before the other runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildScript, substitute } from './lit.mjs';

const SCRIPT_TIMEOUT_MS = 300_000;
const LINK_TIMEOUT_MS = 120_000;
export const NULL_OUTPUT = 'lld-suite.dev-null.out';
export const STDOUT_FILE = '<stdout>';

/** Runs a command; resolves with status, signal, stdout and stderr (Buffers). Kills its process group on timeout. */
export function exec(cmd, args, { cwd, env, timeout = LINK_TIMEOUT_MS, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = []; const err = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, timeout);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', (e) => { clearTimeout(timer); resolve({ status: null, signal: null, error: e.message, stdout: Buffer.alloc(0), stderr: Buffer.from(e.message), timedOut }); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut });
    });
  });
}

/** The wasm-ld stand-in and sinks that go first on the RUN lines' PATH, in `binDir`. */
export function writeBinDir(binDir, tools) {
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.mkdirSync(binDir, { recursive: true });
  const script = (name, text) => fs.writeFileSync(path.join(binDir, name), text, { mode: 0o755 });
  script('wasm-ld', `#!/bin/bash
# lld-suite: records this wasm-ld invocation and a snapshot of the test directory, then runs wasm-ld-19.
n=1
while ! mkdir "$LLDSUITE_INV/$n" 2>/dev/null; do n=$((n + 1)); done
d="$LLDSUITE_INV/$n"
printf '%s\\0' "$@" > "$d/argv"
printf '%s' "$PWD" > "$d/cwd"
printf '%s' "\${LLDSUITE_RUN:-0}" > "$d/run"
env -0 > "$d/env"
cp -a "$LLDSUITE_ROOT" "$d/snap"
# reading a file can update its access time (relatime), which LLVM's cache pruning looks at: put them back
cp -a --attributes-only "$d/snap/." "$LLDSUITE_ROOT/"
exec "$LLDSUITE_LINKER" "$@"
`);
  const sink = '#!/bin/sh\n# lld-suite: a checker is not run; its input is read and dropped.\nexec cat > /dev/null\n';
  script('FileCheck', sink);
  script('count', sink);
  // LLVM's `not` (llvm-19-tools), in a few lines: success when the command fails without crashing.
  script('not', `#!/bin/bash
if [ "$1" = --crash ]; then shift; "$@"; s=$?; [ $s -ge 128 ] && exit 0; exit 1; fi
"$@"; s=$?; [ $s -eq 0 ] || [ $s -ge 128 ] && exit 1; exit 0
`);
  for (const [name, target] of Object.entries(tools)) fs.symlinkSync(target, path.join(binDir, name));
}

function walk(root) {
  const files = new Map();
  const rec = (rel) => {
    let entries;
    try { entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) rec(r);
      else {
        const st = fs.lstatSync(path.join(root, r), { bigint: true });
        files.set(r, `${st.size}:${st.mtimeNs}`);
      }
    }
  };
  rec('');
  return files;
}

/** -o /dev/null becomes a file in the test directory, so that the output can be compared. */
export function rewriteNullOutput(argv, root) {
  const out = path.join(root, NULL_OUTPUT);
  let changed = false;
  const res = argv.map((a, i) => {
    if (a === '/dev/null' && i > 0 && ['-o', '--output', '-output'].includes(argv[i - 1])) { changed = true; return out; }
    if (['-o/dev/null', '--output=/dev/null', '-output=/dev/null', '-o=/dev/null'].includes(a)) { changed = true; return a.replace('/dev/null', out); }
    return a;
  });
  return { argv: res, changed };
}

/** cp -a, then the source's access times put back (reading may update them; LLVM's cache pruning reads them). */
async function cpa(from, to) {
  for (const args of [['-a', from, to], ['-a', '--attributes-only', `${to}/.`, `${from}/`]]) {
    const r = await exec('cp', args);
    if (r.status !== 0) throw new Error(`cp ${args.join(' ')}: ${r.stderr}`);
  }
}

/**
 * One side of an invocation: the test directory restored from the snapshot, the linker run there with the
 * recorded cwd and environment, the files it wrote, new or changed, then the directory moved to `dest`.
 */
async function runSide(linker, inv, root, dest) {
  fs.rmSync(root, { recursive: true, force: true });
  await cpa(inv.snap, root);
  const r = await exec(linker, inv.argv, { cwd: inv.cwd, env: inv.env });
  const after = walk(root);
  const written = [];
  for (const [rel, stamp] of after) if (inv.before.get(rel) !== stamp) written.push(rel);
  const deleted = [...inv.before.keys()].filter((rel) => !after.has(rel));
  fs.renameSync(root, dest);
  if (r.stdout.length) fs.writeFileSync(path.join(dest, STDOUT_FILE), r.stdout);
  return {
    status: r.status, signal: r.signal, timedOut: r.timedOut,
    stdout: r.stdout, stderr: r.stderr.toString('utf8'),
    written: written.sort(), deleted: deleted.sort(), dir: dest,
  };
}

/**
 * Runs a test. `ctx`: testsRoot, work (folder for this run), binDir, python, reference (wasm-ld-19's
 * path), candidate (the linker compared with it), compare (async (inv, ref, cand) => result), keep.
 * Resolves with { script: {status, lastRun, stderr}, invocations: [compare results] }.
 */
export async function runTest(name, parsed, ctx) {
  const dir = path.join(ctx.work, name.replace(/[^\w.-]/g, '__'));
  const root = path.join(dir, 'x'); // the test's exec directory: Output/ is in it
  const invDir = path.join(dir, 'inv');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'Output'), { recursive: true });
  fs.mkdirSync(invDir);
  const source = path.join(ctx.testsRoot, name);
  const tmpBase = path.join(root, 'Output', path.basename(name));
  const commands = parsed.runs.map((r) => substitute(r.command, { source, tmpBase, python: ctx.python }));
  const statusFile = path.join(dir, 'status');
  fs.writeFileSync(path.join(dir, 'script.sh'), buildScript(commands, statusFile));
  const env = {
    ...process.env,
    PATH: `${ctx.binDir}:/usr/lib/llvm-19/bin:${process.env.PATH}`,
    LLD_IN_TEST: '1', LLD_VERSION: 'LLD 1.0', LANG: 'C', LC_ALL: 'C',
    LLDSUITE_ROOT: root, LLDSUITE_INV: invDir, LLDSUITE_LINKER: ctx.reference,
  };
  delete env.NODE_OPTIONS;
  const s = await exec('bash', [path.join(dir, 'script.sh')], { cwd: root, env, timeout: SCRIPT_TIMEOUT_MS });
  let lastRun = 0; let status = s.status;
  try { [lastRun, status] = fs.readFileSync(statusFile, 'utf8').split(' ').map(Number); } catch { /* killed */ }
  const script = { status: s.timedOut ? 'timeout' : status, lastRun, stderr: s.stderr.toString('utf8').slice(-2000) };

  const results = [];
  const ids = fs.readdirSync(invDir).map(Number).sort((a, b) => a - b);
  for (const id of ids) {
    const d = path.join(invDir, String(id));
    const envList = fs.readFileSync(path.join(d, 'env'), 'utf8').split('\0').filter(Boolean);
    const invEnv = {};
    for (const kv of envList) { const i = kv.indexOf('='); invEnv[kv.slice(0, i)] = kv.slice(i + 1); }
    const recorded = fs.readFileSync(path.join(d, 'argv'), 'utf8').split('\0').slice(0, -1);
    const { argv, changed } = rewriteNullOutput(recorded, root);
    const run = Number(fs.readFileSync(path.join(d, 'run'), 'utf8'));
    const inv = {
      test: name, id, run, line: parsed.runs[run - 1]?.line ?? 0, argv, recordedArgv: recorded, devNullRewritten: changed,
      cwd: fs.readFileSync(path.join(d, 'cwd'), 'utf8'), env: invEnv, snap: path.join(d, 'snap'), root, source,
      tmp: `${tmpBase}.tmp`, before: walk(path.join(d, 'snap')),
    };
    const ref = await runSide(ctx.reference, inv, root, path.join(d, 'ref'));
    const cand = await runSide(ctx.candidate, inv, root, path.join(d, 'new'));
    results.push(await ctx.compare(inv, ref, cand));
    if (!ctx.keep) {
      for (const sub of ['snap', 'ref', 'new']) fs.rmSync(path.join(d, sub), { recursive: true, force: true });
    }
  }
  if (!ctx.keep) fs.rmSync(dir, { recursive: true, force: true });
  return { script, invocations: results };
}
