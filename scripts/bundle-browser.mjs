#!/usr/bin/env node
// Bundles the browser entry, dist/linker/browser.js and every dist/ module it requires, into one ES
// module, dist/browser/wlink.mjs, with its types beside it (wlink.d.mts). It is what package.json's
// `exports` give under the `browser` condition, so a page or a bundler (esbuild, Vite, webpack) gets
// a file with no node built-in, no package import and no CommonJS left to convert. Run by
// `npm run build` (scripts/build.mjs) after tsc.
//
//   node scripts/bundle-browser.mjs [--dist DIR]
//
// Each module becomes a function in a table, as in scripts/bundle.mjs; the table's require serves
// relative paths only. A reachable module that requires anything else (a node: built-in, a package)
// stops the build with its name: the browser path must not have one (tests/structure/rooms.test.ts
// checks the sources for `process` and `Buffer` too). The exported names are read from the CommonJS
// entry itself, so the two entries cannot drift apart.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiOnly, collectModules } from './bundle.mjs';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'linker/browser.js';
const ANY_REQUIRE_RE = /\brequire\((["'])([^"']+)\1\)/g;

// The bundle's require: relative paths within the table, resolved as POSIX paths are.
const RUNTIME = `
const cache = Object.create(null);
function normalize(parts) {
  const out = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}
function load(key) {
  let m = cache[key];
  if (m === undefined) {
    m = cache[key] = { exports: {} };
    const dir = key.split('/').slice(0, -1);
    const require = (spec) => {
      const base = normalize([...dir, ...spec.split('/')]);
      for (const k of [base, base + '.js', base + '/index.js']) if (k in defs) return load(k);
      throw new Error('wlink browser bundle: no module ' + spec + ' (from ' + key + ')');
    };
    defs[key].call(m.exports, m.exports, require, m);
  }
  return m.exports;
}
`;

/** The bundle's text and the names it exports; throws if a reachable module requires something outside dist/. */
export function buildBrowserBundle(dist) {
  const modules = collectModules(dist, ENTRY);
  const outside = [];
  for (const [rel, { source }] of modules) {
    for (const m of source.matchAll(ANY_REQUIRE_RE)) if (!m[2].startsWith('./') && !m[2].startsWith('../')) outside.push(`${rel}: require(${m[1]}${m[2]}${m[1]})`);
  }
  if (outside.length > 0) throw new Error(`the browser entry reaches modules outside dist/:\n  ${outside.join('\n  ')}`);
  const api = createRequire(import.meta.url)(path.join(dist, ENTRY));
  const names = Object.keys(api).filter((n) => n !== '__esModule' && n !== 'default').sort();
  if (!names.includes('link') || !names.includes('Linker')) throw new Error(`${ENTRY} does not export link and Linker`);
  const parts = [];
  for (const [rel, { source }] of modules) {
    parts.push(`${JSON.stringify(rel)}: function (exports, require, module) {\n${source}\n},`);
  }
  const body = asciiOnly(`const defs = {\n${parts.join('\n')}\n};\n${RUNTIME}\nconst api = load(${JSON.stringify(ENTRY)});\n` +
    `export const {\n${names.map((n) => `  ${n},\n`).join('')}} = api;\nexport default api;\n`);
  const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const header = `// wlink browser bundle ${id}: made by scripts/bundle-browser.mjs from dist/${ENTRY} (${modules.size} modules); do not edit.\n`;
  return { text: header + body, names, modules: modules.size, id };
}

/** The declaration file: the CommonJS entry's types, re-exported. */
const TYPES = `// Made by scripts/bundle-browser.mjs: the types of wlink's browser entry (../linker/browser.js).
import * as api from '../linker/browser.js';

export * from '../linker/browser.js';
export default api;
`;

// Run as a script (through a symlink too), not when imported.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const first = (v) => (Array.isArray(v) ? v[0] : v);
  const cli = scriptOptions('node scripts/bundle-browser.mjs', 'Usage: $0 [--dist DIR]\n\n' +
      `Bundles dist/${ENTRY} and every dist/ module it requires into dist/browser/wlink.mjs, an ES module with no node built-in (run by npm run build after tsc).`)
    .option('dist', { type: 'string', requiresArg: true, coerce: first, describe: 'bundle DIR instead of dist/ (for tests)' });
  const opts = parseScriptOptions(cli, 'bundle-browser');
  const dist = opts.dist !== undefined ? path.resolve(opts.dist) : path.join(REPO, 'dist');
  let bundle;
  try {
    bundle = buildBrowserBundle(dist);
  } catch (e) {
    process.stderr.write(`bundle-browser: ${e.message}\n`);
    process.exit(1);
  }
  const dir = path.join(dist, 'browser');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of [['wlink.mjs', bundle.text], ['wlink.d.mts', TYPES]]) {
    const file = path.join(dir, name);
    fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  process.stderr.write(`bundle-browser: ${path.relative(REPO, path.join(dir, 'wlink.mjs'))} (${bundle.modules} modules, ` +
    `${(bundle.text.length / 1024).toFixed(0)} KiB, ${bundle.names.length} exports, id ${bundle.id})\n`);
}
