// The benchmark's checks, run before any timing (scripts/bench.mjs): every linker links a case once
// (untimed; this also warms the page cache and each wlink copy's V8 code cache), and each wlink
// command's output must validate (wasm-validate --enable-all, else npm wabt), have the same exports as
// the reference wasm-ld's (native wasm-ld-19, else @yowasp's), and exit and print the same under
// node:wasi (scripts/run-wasm.mjs) on the case's workload (arguments and stdin; a program's workload
// must also print what the case expects). Also: archive members and GC statistics of a link, from a
// wasm-ld --trace run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUT_PLACEHOLDER, which } from './corpus.mjs';
import { measure } from './measure.mjs';
import { wasmInfo } from './wasm-info.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN_WASM = path.join(REPO, 'scripts', 'run-wasm.mjs');
const REFERENCES = ['native', 'yowasp'];
const log = (m) => process.stderr.write(`bench: ${m}\n`);

export const withOutput = (argv, out) => argv.map((a) => (a === OUT_PLACEHOLDER ? out : a));

/** A validator: file -> null, or wasm-validate's (or wabt's) complaint. wabt is loaded once, when needed. */
export function makeValidator() {
  let wabt = null;
  return async (file) => {
    if (which('wasm-validate')) {
      const r = spawnSync('wasm-validate', ['--enable-all', file], { encoding: 'utf8' });
      return r.status === 0 ? null : (r.stderr || r.stdout || `wasm-validate exited with ${r.status}`).trim();
    }
    wabt ??= await (await import('wabt')).default();
    const all = Object.fromEntries(Object.keys(wabt.FEATURES).map((k) => [k, true]));
    try {
      const m = wabt.readWasm(fs.readFileSync(file), all);
      m.validate();
      m.destroy();
      return null;
    } catch (err) {
      return String(err.message ?? err).trim();
    }
  };
}

/** Runs a linked module on the case's workload (run: { args, stdin } with stdin a file in caseDir). */
function runModule(file, run, caseDir) {
  const input = run?.stdin ? fs.readFileSync(path.join(caseDir, run.stdin)) : '';
  const r = spawnSync(process.execPath, [RUN_WASM, file, ...(run?.args ?? [])],
    { cwd: path.dirname(file), input, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const exportKey = (e) => `${e.kind} ${e.name}`;

export function firstDiffLine(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ${JSON.stringify(la[i])} vs ${JSON.stringify(lb[i])}`;
  }
  return null;
}

/** What is wrong with wlink command `w`'s link against the reference's `r` (named ref). */
async function wlinkProblems(w, r, ref, validate) {
  const problems = [];
  const notes = [];
  if (!w.ok) return { problems: [`link failed (exit ${w.status}): ${w.stderr}`], notes };
  const invalid = await validate(w.out);
  if (invalid) problems.push(`does not validate: ${invalid.split('\n').slice(0, 10).join('\n')}`);
  if (w.run.status !== 0) problems.push(`exit code ${w.run.status} under node:wasi: ${w.run.stderr.trim().slice(0, 500)}`);
  if (!r) return { problems: [...problems, 'no reference linker output to compare with'], notes };
  const a = new Set(w.exports);
  const b = new Set(r.exports);
  const missing = [...b].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !b.has(x));
  if (missing.length || extra.length) problems.push(`exports differ from ${ref}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`);
  else if (w.exports.join('\n') !== r.exports.join('\n')) notes.push(`exports in a different order than ${ref}`);
  if (w.imports.join('\n') !== r.imports.join('\n')) notes.push(`imports differ from ${ref} (${w.imports.length} vs ${r.imports.length})`);
  if (Buffer.compare(fs.readFileSync(w.out), fs.readFileSync(r.out)) === 0) notes.push(`output is byte-identical to ${ref}'s`);
  if (w.run.status !== r.run.status) problems.push(`exit code ${w.run.status}, ${ref}'s is ${r.run.status}`);
  if (w.run.stdout !== r.run.stdout) problems.push(`stdout differs from ${ref}'s: ${firstDiffLine(w.run.stdout, r.run.stdout)}`);
  return { problems, notes };
}

/**
 * Links case `name` (record: its argv and run) once with each linker in `order` (ids of `linkers`;
 * those starting with 'wlink' are checked), in `dir`, outputs under outDir/<linker>/.
 * Returns { links: { id: {...} }, reference, wlink: { id: { ok, problems, notes } }, problems, notes }
 * (the case's own problems: a reference run that does not do what the workload expects).
 */
export async function checkCase(name, dir, record, linkers, order, outDir, validate) {
  const res = { links: {}, reference: null, wlink: {}, problems: [], notes: [] };
  for (const l of order) {
    // One dir per linker and the same file name: the name section's module name (the output's base
    // name) is then the same for every linker, so sizes and bytes are comparable.
    const out = path.join(outDir, l.replace(/\W/g, '_'), `${name}.wasm`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const m = measure(linkers[l].command(withOutput(record.argv, out)), { cwd: dir });
    const ok = m.status === 0 && fs.existsSync(out);
    res.links[l] = { ok, status: m.status, wallMs: Math.round(m.wallMs), stderr: m.stderr.trim().slice(0, 4000), out: ok ? out : null };
    log(`  ${name}: ${l} ${ok ? 'linked' : `FAILED (exit ${m.status})`} in ${(m.wallMs / 1000).toFixed(2)} s${m.stderr.trim() ? `: ${m.stderr.trim().split('\n').slice(0, 5).join(' | ')}` : ''}`);
    if (ok) {
      const info = wasmInfo(fs.readFileSync(out));
      Object.assign(res.links[l], {
        size: info.size, codeSize: info.codeSize, functions: info.functions, exports: info.exports.map(exportKey),
        imports: info.imports.map((i) => `${i.kind} ${i.module}.${i.name}`), run: runModule(out, record.run, dir),
      });
    }
  }
  const ref = REFERENCES.find((l) => res.links[l]?.ok) ?? null;
  res.reference = ref;
  const r = ref ? res.links[ref] : null;
  if (r && record.run?.expect && !r.run.stdout.split('\n').includes(record.run.expect)) {
    res.problems.push(`the workload does not run as expected with ${ref}'s link (no line ${JSON.stringify(record.run.expect)}; exit ${r.run.status}): ${r.run.stderr.trim().slice(0, 300)}`);
  }
  for (const other of REFERENCES) {
    const o = res.links[other];
    if (r && other !== ref && o?.ok && (o.run.stdout !== r.run.stdout || o.run.status !== r.run.status)) {
      res.notes.push(`note: ${other}'s output runs differently from ${ref}'s (${firstDiffLine(o.run.stdout, r.run.stdout)})`);
    }
  }
  for (const l of order.filter((x) => x.startsWith('wlink'))) {
    const { problems, notes } = await wlinkProblems(res.links[l], r, ref, validate);
    res.wlink[l] = { ok: problems.length === 0, problems, notes };
  }
  return res;
}

/** Archive members and GC statistics of a link, from a wasm-ld --trace run (untimed). */
export function traceStats(dir, argv, linkers, outDir) {
  const l = REFERENCES.find((x) => linkers[x]?.available);
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
