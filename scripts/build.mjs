#!/usr/bin/env node
// Builds everything the package runs from, from the TypeScript sources (`npm run build`, and npm's
// `prepare`, which runs on `npm install` in a checkout, on `npm pack`, and when the package is
// installed from git or from a folder):
//
//   1. tsc -p .      the rooms and tests into dist/
//   2. tsc -p bin    the command, bin/wlink.ts, into bin/wlink.js (made executable)
//   3. dist/esm/index.mjs and index.d.mts: the ES module entry (package.json `exports`, condition
//      `import`), which re-exports the CommonJS API's named exports, so that both module systems
//      get the same objects
//   4. node scripts/bundle.mjs: dist/wlink.bundle.js, the command in one file
//   5. node scripts/bundle-browser.mjs: dist/browser/wlink.mjs, the browser entry in one ES module
//      with no node built-in (package.json `exports`, condition `browser`)
//
//   node scripts/build.mjs        (no options)
//
// A copy without sources (a packed or installed package: no tsconfig.json) ships all of these built,
// so there it does nothing. It uses no package but typescript, and says so when that is missing
// (a folder whose devDependencies were not installed), since it runs where they may not be; in the
// one case where npm should have installed them and did not, it does (installDevDependencies).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Runs node with `args`; stops the build with the child's status if it fails. */
function node(args) {
  const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build: ${args.map((a) => path.relative(REPO, a) || a).join(' ')} failed\n`);
    process.exit(r.status ?? 1);
  }
}

/** The ES module entry: the CommonJS API's named exports (and the whole API as default, as node gives it). */
function writeEsmEntry() {
  const api = require(path.join(REPO, 'dist', 'linker', 'api.js'));
  const names = Object.keys(api).filter((n) => n !== '__esModule' && n !== 'default').sort();
  if (!names.includes('Linker')) throw new Error('dist/linker/api.js does not export Linker');
  const header = '// Made by scripts/build.mjs: the ES module entry of wlink, the CommonJS API (../linker/api.js) re-exported.\n';
  const esm = path.join(REPO, 'dist', 'esm');
  fs.mkdirSync(esm, { recursive: true });
  fs.writeFileSync(path.join(esm, 'index.mjs'),
    `${header}import api from '../linker/api.js';\n\nexport const {\n${names.map((n) => `  ${n},\n`).join('')}} = api;\nexport default api;\n`);
  fs.writeFileSync(path.join(esm, 'index.d.mts'),
    `${header}import * as api from '../linker/api.js';\n\nexport * from '../linker/api.js';\nexport default api;\n`);
}

if (process.argv.length > 2) {
  process.stderr.write('build: takes no arguments (it builds dist/, bin/wlink.js and the bundle)\n');
  process.exit(1);
}
if (!fs.existsSync(path.join(REPO, 'tsconfig.json'))) {
  process.stderr.write('build: no sources here (a packed copy of wlink): dist/ and bin/wlink.js ship built\n');
  process.exit(0);
}
/** typescript's tsc, or null when it is not installed. */
function findTsc() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

/**
 * The devDependencies, installed here by npm. npm documents that it installs them before running
 * `prepare` for a git dependency, but for a global install (`npm install -g git+...`, and
 * `npm install -g FOLDER`, which links the folder and runs `prepare` in it) its nested install
 * inherits the global setting and installs into the global prefix instead (npm/cli#8440, npm 11).
 * So during such a `prepare`, the install is done here, as a local one, without scripts.
 */
function installDevDependencies() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location)$/i.test(k)));
  const npmCli = process.env.npm_execpath;
  const [exe, args] = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
  process.stderr.write(`build: installing the devDependencies in ${REPO} (npm's global install did not)\n`);
  const r = spawnSync(exe, [...args, 'install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'],
    { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' && !npmCli });
  return r.status === 0;
}

let tsc = findTsc();
if (tsc === null && process.env.npm_lifecycle_event === 'prepare' && process.env.npm_config_global === 'true') {
  // npm's clone of a git dependency (pacote names it git-clone*): there the nested install has
  // already linked this clone into the global prefix, which the outer install then races with.
  if (path.basename(REPO).startsWith('git-clone')) {
    process.stderr.write('build: npm cannot install wlink globally from git (npm/cli#8440: it builds the clone without its ' +
      'devDependencies); clone it and run `npm ci && npm install -g .`, or install it into a project from git, or from `npm pack`\n');
    process.exit(1);
  }
  if (installDevDependencies()) tsc = findTsc();
}
if (tsc === null) {
  process.stderr.write(`build: typescript is not installed: run \`npm install\` in ${REPO} first (building needs the devDependencies)\n`);
  process.exit(1);
}
node([tsc, '-p', REPO]);
node([tsc, '-p', path.join(REPO, 'bin')]);
fs.chmodSync(path.join(REPO, 'bin', 'wlink.js'), 0o755);
writeEsmEntry();
node([path.join(REPO, 'scripts', 'bundle.mjs')]);
node([path.join(REPO, 'scripts', 'bundle-browser.mjs')]);
