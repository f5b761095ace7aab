// Findings: how failures are told apart, and the reproducer directory each distinct one gets.
//
// Signature (what deduplicates): the kind plus
//   internal   the error's name and its first two stack frames (file:line:column relative to the
//              repository); not the message, which names the input's symbols and numbers;
//   over-cap   the allocation site (the first frame of the probe's stack, see worker.mjs) when one
//              allocation went over the probe's threshold, else how the link ended (its error
//              message, normalised);
//   hang       the first frame in dist/ of the stack the hung worker was paused at (runner.mjs), or
//              the mutators applied when there is none;
//   invalid    the set of mutators applied (an archive member's counted as the object's): wabt's
//              complaint depends on the bytes a defect leaves behind (one wrongly rewritten
//              relocation site gave a dozen different ones), the mutation that caused it does not.
//
// A reproducer directory <out>/<kind>-<hash>/ holds the mutated input file (under its own base
// name) and repro.json: kind, signature, message, stack, the program, the mutated file and
// mutations, seed, iteration, the commit, and an argv that runs the link from anywhere with the
// mutated file in this directory (for wlink and for wasm-ld alike: the file replaces its path in
// the argv, or, when the argv found it with -l, a -L for this directory comes first). Replay:
//   npm run fuzz -- --replay <dir>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SIGNATURE_KINDS = ['internal', 'hang', 'over-cap', 'invalid'];

/** A message with the repository, directories and numbers taken out (its first line). */
export function normalise(text, root) {
  return String(text ?? '')
    .split('\n')[0]
    .replaceAll(root + path.sep, '')
    .replace(/\/[^\s:()'"]*\/([^/\s:()'"]+)/g, '$1') // paths to base names
    .replace(/\b0x[0-9a-fA-F]+\b/g, 'N')
    .replace(/\d+/g, 'N')
    .slice(0, 300);
}

/** The "at ..." frames of a stack, with paths relative to the repository. */
function frames(stack, root) {
  return String(stack ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at '))
    .map((l) => l.replaceAll(`file://${root}${path.sep}`, '').replaceAll(root + path.sep, ''));
}

/** The first frame of a stack (the first in the linker's dist/ with `inDist`), or ''. */
export function firstFrame(stack, root, inDist = false) {
  const all = frames(stack, root);
  return (inDist && all.find((l) => l.includes(`dist${path.sep}`))) || all[0] || '';
}

/** The deduplication key of a failure. */
export function signature(kind, result, root) {
  if (!SIGNATURE_KINDS.includes(kind)) throw new Error(`not a failure kind: ${kind}`);
  switch (kind) {
    case 'internal':
      return `internal|${result.name ?? 'Error'}|${frames(result.stack, root).slice(0, 2).join('|') || normalise(result.message, root)}`;
    case 'over-cap':
      return result.stack ? `over-cap|${firstFrame(result.stack, root)}` : `over-cap|${result.status}|${normalise(result.message, root)}`;
    case 'hang':
      return result.stack ? `hang|${firstFrame(result.stack, root, true)}` : `hang|${(result.kinds ?? []).join('+')}`;
    default:
      return `invalid|${[...new Set((result.kinds ?? []).map((k) => k.replace(/^member:/, '')))].sort().join('+')}`;
  }
}

/** The argv that links with `file` (the mutated copy of `target.path`) in place of the original. */
export function reproArgv(baseArgv, targetPath, file, outPath) {
  const argv = baseArgv.includes(targetPath)
    ? baseArgv.map((a) => (a === targetPath ? file : a))
    : [`-L${path.dirname(file)}`, ...baseArgv];
  return [...argv, '-o', outPath];
}

/**
 * Writes the reproducer of a new failure and returns its directory; an existing directory for the
 * same signature is kept (the first input that showed it) and returned with `existed`.
 */
export function writeReproducer(outDir, finding, root) {
  const hash = createHash('sha256').update(finding.signature).digest('hex').slice(0, 12);
  const dir = path.resolve(outDir, `${finding.kind}-${hash}`); // absolute: the argv must work from anywhere
  if (fs.existsSync(path.join(dir, 'repro.json'))) return { dir, existed: true };
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, path.basename(finding.target.path));
  fs.writeFileSync(file, finding.bytes);
  const rel = path.relative(root, dir);
  const repro = {
    kind: finding.kind,
    signature: finding.signature,
    message: finding.message,
    stack: finding.stack ?? null,
    detail: finding.detail ?? null,
    program: finding.program,
    target: { original: finding.target.path, label: finding.target.label, file: path.basename(file) },
    mutations: finding.mutations,
    mutators: finding.kinds,
    seed: finding.seed,
    iteration: finding.iteration,
    commit: finding.commit,
    memory: finding.memory ?? null,
    dir,
    argv: reproArgv(finding.argv, finding.target.path, file, path.join(dir, 'out.wasm')),
    replay: `npm run fuzz -- --replay ${rel.startsWith('..') ? dir : rel}`,
  };
  fs.writeFileSync(path.join(dir, 'repro.json'), `${JSON.stringify(repro, null, 2)}\n`);
  return { dir, existed: false };
}

/** A reproducer, its argv moved to where the directory is now (it may have been copied elsewhere). */
export function readReproducer(dir) {
  const file = path.join(dir, 'repro.json');
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const repro = JSON.parse(fs.readFileSync(file, 'utf8'));
  const here = path.resolve(dir);
  if (repro.dir && repro.dir !== here) repro.argv = repro.argv.map((a) => a.replaceAll(repro.dir, here));
  repro.dir = here;
  return repro;
}
