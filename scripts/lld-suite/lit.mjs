// The part of LLVM's lit that lld/test/wasm needs: finding the tests, reading their RUN / REQUIRES /
// UNSUPPORTED / XFAIL lines, lit's % substitutions, and the shell script lit would run (every RUN
// line in `{ ...; } &&` order under `set -o pipefail`, as lit's external-shell mode does).
import fs from 'node:fs';
import path from 'node:path';

const SUFFIXES = ['.test', '.yaml', '.ll', '.s']; // lld/test/wasm/lit.local.cfg

/** Test files under `root` (lld/test/wasm), relative, sorted; Inputs/ folders hold no tests. */
export function listTests(root) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'Inputs' && e.name !== 'Output') walk(r);
      } else if (SUFFIXES.some((s) => e.name.endsWith(s))) {
        out.push(r);
      }
    }
  };
  walk('');
  return out.sort();
}

/** Features lit would set for lld's wasm tests with Debian's LLVM 19 on Linux (all targets, no assertions). */
export const FEATURES = new Set(['wasm', 'x86', 'aarch64', 'arm', 'riscv', 'shell', 'system-linux', 'llvm-64-bits', 'host-byteorder-little-endian']);

/**
 * The RUN commands of a test (continuation lines joined, as lit does) with the line number each starts on,
 * and its REQUIRES / UNSUPPORTED / XFAIL expressions.
 */
export function parseTest(file) {
  const text = fs.readFileSync(file, 'latin1'); // some tests are binary; their RUN lines are ASCII
  const lines = text.split('\n');
  const runs = [];
  const requires = [];
  const unsupported = [];
  const xfail = [];
  let continuing = false;
  for (let i = 0; i < lines.length; i++) {
    const m = /(?<![\w-])(RUN|REQUIRES|UNSUPPORTED|XFAIL|END\.)(:?)(.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, kw, colon, rest0] = m;
    if (kw === 'END.') { if (/^\s*$/.test(rest0)) break; continue; }
    if (colon !== ':') continue;
    const rest = rest0.replace(/\r$/, '').trimEnd().replace(/%\(line\s*([+-])\s*(\d+)\)/g, (_, s, n) => String(i + 1 + (s === '+' ? +n : -n)))
      .replace(/%\(line\)/g, String(i + 1));
    if (kw === 'RUN') {
      if (continuing) runs[runs.length - 1].command = runs[runs.length - 1].command.slice(0, -1) + rest;
      else runs.push({ line: i + 1, command: rest });
      continuing = rest.endsWith('\\');
    } else if (kw === 'REQUIRES') requires.push(...splitList(rest));
    else if (kw === 'UNSUPPORTED') unsupported.push(...splitList(rest));
    else xfail.push(...splitList(rest));
  }
  for (const r of runs) r.command = r.command.trim();
  return { runs, requires, unsupported, xfail };
}

const splitList = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** lit's boolean feature expressions: names, !, &&, ||, parentheses ('*' wildcards are not used here). */
export function evalFeature(expr, features = FEATURES) {
  const toks = expr.match(/&&|\|\||!|\(|\)|[^\s&|!()]+/g) ?? [];
  let pos = 0;
  const or = () => { let v = and(); while (toks[pos] === '||') { pos++; v = and() || v; } return v; };
  const and = () => { let v = not(); while (toks[pos] === '&&') { pos++; v = not() && v; } return v; };
  const not = () => {
    if (toks[pos] === '!') { pos++; return !not(); }
    if (toks[pos] === '(') { pos++; const v = or(); pos++; return v; }
    return features.has(toks[pos++]);
  };
  return or();
}

/** Why lit would not run the test, or null. */
export function skipReason(parsed) {
  const missing = parsed.requires.filter((e) => !evalFeature(e));
  if (missing.length) return `REQUIRES: ${missing.join(', ')}`;
  const hit = parsed.unsupported.filter((e) => evalFeature(e));
  if (hit.length) return `UNSUPPORTED: ${hit.join(', ')}`;
  if (parsed.xfail.some((e) => e === '*' || evalFeature(e))) return 'XFAIL';
  if (parsed.runs.length === 0) return 'no RUN lines';
  return null;
}

/**
 * lit's substitutions for one test: %s (the test file), %S and %p (its folder), %t (Output/NAME.tmp),
 * %T (Output), their %/ forms (the same paths on Linux), %{pathsep}, %basename_t, %python, and %%.
 * Anything else (e.g. the '%:c' of a cache policy) stays as written, as in lit.
 */
export function substitute(command, { source, tmpBase, python }) {
  const sourceDir = path.dirname(source);
  const map = {
    python, 'basename_t': path.basename(tmpBase), '{pathsep}': ':', '%': '%',
    s: source, S: sourceDir, p: sourceDir, t: `${tmpBase}.tmp`, T: path.dirname(tmpBase),
    '/s': source, '/S': sourceDir, '/p': sourceDir, '/t': `${tmpBase}.tmp`, '/T': path.dirname(tmpBase),
  };
  return command.replace(/%(python|basename_t|\{pathsep\}|%|\/[sSptT]|[sSptT])/g, (_, k) => map[k]);
}

/** Checkers that read what a RUN line produced: replaced by a sink, so only their producers run. */
export const CHECKERS = ['FileCheck', 'count'];

/**
 * The bash script lit would run for these (substituted) RUN commands: pipefail, every command in braces,
 * joined by &&. Each command first sets LLDSUITE_RUN to its index (1-based), which the wasm-ld stand-in
 * records; an EXIT trap writes the index of the last command started and the status to `statusFile`.
 * `not FileCheck` / `not count` lose their `not`, since the checker is a sink that always succeeds.
 */
export function buildScript(commands, statusFile) {
  const q = `'${statusFile.replace(/'/g, `'\\''`)}'`;
  const parts = commands.map((c, i) => {
    const cmd = c.replace(new RegExp(`(^|[|;&]\\s*)not\\s+(${CHECKERS.join('|')})\\b`, 'g'), '$1$2');
    return `{ LLDSUITE_RUN=${i + 1}; export LLDSUITE_RUN; ${cmd}\n}`;
  });
  return `set -o pipefail\nLLDSUITE_RUN=0\ntrap 'printf "%s %s" "$LLDSUITE_RUN" "$?" > ${q}' EXIT\n${parts.join(' &&\n')}\n`;
}
