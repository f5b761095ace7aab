#!/usr/bin/env node
// Bundles the command line into one file, dist/wlink.bundle.js, for start-up speed (issue 4): node
// then resolves, reads and compiles one file instead of ~40, and bin/wlink.js can keep a V8 code
// cache of it (see bin/wlink.ts). Run by `npm run build` (scripts/build.mjs) after tsc; bin/wlink.js
// falls back to dist/linker/cli/main.js when the bundle is missing or stale (readBundle there).
//
//   node scripts/bundle.mjs [--check] [--dist DIR]
//     --help: list the options (an unknown option is an error)
//     --check: only say (and exit 0 or 1) whether the bundle is up to date
//     --dist: bundle DIR/linker/cli/main.js into DIR/wlink.bundle.js instead of dist/ (for tests)
//
// The input is tsc's CommonJS output: every dist/ module reachable from dist/linker/cli/main.js through a
// require("./relative") with a literal path, including lazy requires inside functions. Each module
// becomes a function in a table; a small require() serves the table and hands everything else
// (node: built-ins, packages, JSON files) to node's require, resolved from the module's own dist/
// path, so relative paths such as '../../package.json' keep working. Each module's relative requires
// are resolved to table keys when the bundle is made (a lookup at run time, no path arithmetic). Module bodies are not changed,
// except that non-ASCII characters become \u escapes.
//
// The bundle evaluates to a function (nodeRequire, distDir) => { cli, modulesLoaded }: cli is
// dist/linker/cli/main.js's exports, modulesLoaded() how many bundled modules have been loaded so far.
// Its first line holds a build id (a hash of the bundle's body) that the code cache is tied to,
// and a manifest of the sources (dist path, size, mtime) that bin/wlink.js checks to detect a
// stale bundle. The bundle is ASCII (other characters are written as \u escapes), so that
// bin/wlink.js can read it as latin1.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'linker/cli/main.js';
const BUNDLE_NAME = 'wlink.bundle.js';

const REQUIRE_RE = /\brequire\((["'])(\.{1,2}\/[^"']+)\1\)/g;

/** dist-relative path of the module `spec` required from `from` (dist-relative), or null if not in dist. */
export function resolveLocal(dist, from, spec) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.js`, `${base}/index.js`]) {
    const abs = path.join(dist, candidate);
    if (candidate.endsWith('.js') && fs.existsSync(abs) && fs.statSync(abs).isFile()) return candidate;
  }
  return null;
}

/** The modules reachable from `entry` (dist-relative), in discovery order, with their sources and stats. */
export function collectModules(dist, entry = ENTRY) {
  const modules = new Map();
  const queue = [entry];
  while (queue.length > 0) {
    const rel = queue.shift();
    if (modules.has(rel)) continue;
    const abs = path.join(dist, rel);
    const before = fs.statSync(abs);
    const source = fs.readFileSync(abs, 'utf8');
    const after = fs.statSync(abs);
    if (before.mtimeMs !== after.mtimeMs || before.size !== after.size) throw new Error(`${abs} changed while being read`);
    const deps = {}; // each relative require's spec -> the module's key, resolved here once
    modules.set(rel, { source, size: after.size, mtimeMs: after.mtimeMs, deps });
    for (const m of source.matchAll(REQUIRE_RE)) {
      const dep = resolveLocal(dist, rel, m[2]);
      if (dep === null) continue;
      deps[m[2]] = dep;
      if (!modules.has(dep)) queue.push(dep);
    }
  }
  return modules;
}

// The bundle's own require. `key` is a module's dist-relative path.
const RUNTIME = `
  // A key is a clean relative path and distDir an absolute, normalized one: joined by hand, since
  // path.join's normalizing was ~1% of a hello-world link (profiled), spent on ~90 modules.
  const sep = nodeRequire('node:path').sep;
  const cache = Object.create(null);
  let loaded = 0;
  function load(key) {
    let m = cache[key];
    if (m === undefined) {
      const filename = distDir + sep + (sep === '/' ? key : key.split('/').join(sep));
      m = cache[key] = { exports: {}, filename, loaded: false };
      loaded++;
      let outside;
      const own = deps[key];
      const require = (spec) => {
        const k = own[spec]; // relative requires were resolved when the bundle was made
        if (k !== undefined) return load(k);
        if (spec.startsWith('node:')) return nodeRequire(spec); // built-ins resolve the same from anywhere
        outside ??= nodeRequire('node:module').createRequire(filename);
        return outside(spec);
      };
      defs[key].call(m.exports, m.exports, require, m, filename, filename.slice(0, filename.lastIndexOf(sep)));
      m.loaded = true;
    }
    return m.exports;
  }
  return { cli: load(${JSON.stringify(ENTRY)}), modulesLoaded: () => loaded };
`;

/** Non-ASCII characters as \\u escapes (same meaning in strings, regexps, identifiers and comments), so that the bundle can be read as latin1, which is faster than decoding UTF-8. */
export const asciiOnly = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function buildBundle(dist) {
  const modules = collectModules(dist);
  const parts = [];
  for (const [rel, { source }] of modules) {
    // The newline before the closing brace: a trailing line comment must not swallow it.
    parts.push(`${JSON.stringify(rel)}: function (exports, require, module, __filename, __dirname) {\n${source}\n},`);
  }
  const deps = JSON.stringify(Object.fromEntries([...modules].map(([rel, { deps }]) => [rel, deps])));
  const body = asciiOnly(`(function (nodeRequire, distDir) {\n'use strict';\nconst defs = {\n${parts.join('\n')}\n};\nconst deps = ${deps};\n${RUNTIME}})`);
  const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const manifest = [...modules].map(([rel, { size, mtimeMs }]) => [rel, size, mtimeMs]);
  // Line 1: what bin/wlink.js reads before evaluating anything.
  const header = asciiOnly(`// wlink bundle ${JSON.stringify({ id, manifest })}\n`);
  return { text: header + body, id, modules: modules.size };
}

/** Whether DIST/wlink.bundle.js exists and was made from the current files: bin/wlink.js's own check. */
export function bundleIsCurrent(dist) {
  return createRequire(import.meta.url)('../bin/wlink.js').readBundle(dist) !== null;
}

// Run as a script (through a symlink too), not when imported.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const first = (v) => (Array.isArray(v) ? v[0] : v); // given twice, the first one counts
  const cli = scriptOptions('node scripts/bundle.mjs', 'Usage: $0 [--check] [--dist DIR]\n\n' +
      `Bundles dist/${ENTRY} and every dist/ module it requires into dist/${BUNDLE_NAME} (run by npm run build after tsc).`)
    .option('check', { type: 'boolean', describe: 'only say (and exit 0 or 1) whether the bundle is up to date' })
    .option('dist', { type: 'string', requiresArg: true, coerce: first, describe: `bundle DIR/${ENTRY} into DIR/${BUNDLE_NAME} instead of dist/ (for tests)` });
  const opts = parseScriptOptions(cli, 'bundle');
  const dist = opts.dist !== undefined ? path.resolve(opts.dist) : path.join(REPO, 'dist');
  const bundle = path.join(dist, BUNDLE_NAME);
  if (opts.check) {
    const ok = bundleIsCurrent(dist);
    process.stdout.write(`${path.relative(REPO, bundle)} is ${ok ? 'up to date' : 'missing or stale'}\n`);
    process.exit(ok ? 0 : 1);
  }
  if (!fs.existsSync(path.join(dist, ENTRY))) throw new Error(`${path.join(dist, ENTRY)} is missing: run tsc -p . first`);
  const { text, id, modules } = buildBundle(dist);
  const tmp = `${bundle}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, bundle);
  process.stderr.write(`bundle: ${path.relative(REPO, bundle)} (${modules} modules, ${(text.length / 1024).toFixed(0)} KiB, id ${id})\n`);
}
