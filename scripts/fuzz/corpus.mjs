// What the fuzzer mutates and how each input is linked. The corpus is the golden fixtures
// (.cache/golden/<program>-<hash>/, built by scripts/golden-cache.mjs): for each program, the
// wasm-ld argv of its link.json (the reference link clang asked for), with the program's own files
// made absolute and the output dropped, is the link every mutation of that program's inputs runs.
//
// Targets (what one iteration mutates) of a program:
//   - each of its objects (*.o in its cache dir, unit.wat.o included) and archives (lib*.a there:
//     structure and member contents);
//   - the sysroot's crt1 object it links (crt1-command.o or crt1-reactor.o);
//   - libc.a, restricted to a few members this program pulls in (chosen by a hash of the program
//     and member names, so that programs spread over different members) plus libc.a's structure
//     (headers, symbol index, long names).
// Which members a program pulls in is learnt from its unmutated link with -t (the driver runs it
// first, and stops if any unmutated link fails or gives an invalid module).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LIBC_MEMBERS_PER_PROGRAM = 4;

/** The programs of the golden cache: [{ name, dir, argv }] sorted by name; throws when there is no cache. */
export function loadPrograms(root, only = null) {
  const goldenDir = path.join(root, '.cache', 'golden');
  const indexPath = path.join(goldenDir, 'index.json');
  if (!fs.existsSync(indexPath)) throw new Error(`${path.relative(root, indexPath)} is missing: run node scripts/golden-cache.mjs first`);
  const index = JSON.parse(fs.readFileSync(indexPath, 'utf8'));
  const programs = [];
  for (const name of Object.keys(index).sort()) {
    if (only && !only.includes(name)) continue;
    const dir = path.join(goldenDir, index[name]);
    const linkJson = path.join(dir, 'link.json');
    if (!fs.existsSync(linkJson)) throw new Error(`${path.relative(root, linkJson)} is missing: run node scripts/golden-cache.mjs`);
    programs.push({ name, dir, argv: absoluteArgv(JSON.parse(fs.readFileSync(linkJson, 'utf8')).argv, dir) });
  }
  if (only) for (const name of only) if (!programs.some((p) => p.name === name)) throw new Error(`no program ${name} in the golden cache`);
  return programs;
}

/** The argv with files and -L directories relative to `dir` made absolute, and -o dropped. */
function absoluteArgv(argv, dir) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-o') { i++; continue; }
    if (arg === '-L' && i + 1 < argv.length) { out.push(`-L${path.resolve(dir, argv[++i])}`); continue; }
    if (arg.startsWith('-L')) { out.push(`-L${path.resolve(dir, arg.slice(2))}`); continue; }
    if (!arg.startsWith('-') && !path.isAbsolute(arg) && fs.existsSync(path.join(dir, arg))) { out.push(path.join(dir, arg)); continue; }
    out.push(arg);
  }
  return out;
}

function rank(program, member) {
  return createHash('sha256').update(`${program}\0${member}`).digest().readUInt32BE(0);
}

/**
 * The targets of a program, from its unmutated link's answer (inputs and -t lines):
 * [{ path, kind: 'object' | 'archive', members: string[] | null, label }].
 */
export function programTargets(program, baseline) {
  const targets = [];
  for (const input of baseline.inputs) {
    const base = path.basename(input);
    if (path.dirname(input) === program.dir && /\.(o|a)$/.test(base)) {
      targets.push({ path: input, kind: base.endsWith('.a') ? 'archive' : 'object', members: null, label: base });
    } else if (/^crt1(-\w+)?\.o$/.test(base)) {
      targets.push({ path: input, kind: 'object', members: null, label: base });
    } else if (base === 'libc.a') {
      const prefix = `${input}(`;
      const pulled = baseline.traced.filter((l) => l.startsWith(prefix) && l.endsWith(')')).map((l) => l.slice(prefix.length, -1));
      const chosen = [...new Set(pulled)].sort((a, b) => rank(program.name, a) - rank(program.name, b)).slice(0, LIBC_MEMBERS_PER_PROGRAM).sort();
      if (chosen.length > 0) targets.push({ path: input, kind: 'archive', members: chosen, label: `libc.a(${chosen.join(',')})` });
    }
  }
  return targets;
}
