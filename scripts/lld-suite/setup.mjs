// The lld suite's prerequisites: LLVM 19's tools, wabt, and LLVM's lld/test/wasm from Debian's
// llvm-toolchain-19 source package, fetched into the cache at run time (never into the repository).
// Nothing here changes the system unless --setup is given: without it, what is missing is printed with
// the commands that would fix it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_PACKAGE = 'llvm-toolchain-19';
const LLVM_BIN = '/usr/lib/llvm-19/bin';

/** Commands the harness runs itself, and the Debian package of each. */
const REQUIRED = [
  ['wasm-ld-19', 'lld-19'],
  ['llvm-mc-19', 'llvm-19'],
  ['llc-19', 'llvm-19'],
  ['yaml2obj-19', 'llvm-19'],
  ['obj2yaml-19', 'llvm-19'],
  ['wasm2wat', 'wabt'],
  ['wasm-validate', 'wabt'],
  ['apt-get', 'apt'],
  ['tar', 'tar'],
  ['xz', 'xz-utils'],
];
/** Installed by --setup as well: split-file (llvm-19-tools) for the tests that use it, dpkg-dev for apt-get source. */
const SETUP_PACKAGES = ['llvm-19', 'lld-19', 'llvm-19-tools', 'wabt', 'dpkg-dev', 'xz-utils'];

/** LLVM tool names a RUN line may use, each found as NAME-19 on PATH or in /usr/lib/llvm-19/bin. */
export const LLVM_TOOLS = [
  'llc', 'llvm-mc', 'yaml2obj', 'obj2yaml', 'llvm-as', 'llvm-ar', 'llvm-dis', 'llvm-nm', 'llvm-objdump',
  'llvm-readobj', 'llvm-readelf', 'llvm-dwarfdump', 'llvm-otool', 'llvm-profdata', 'llvm-pdbutil', 'opt',
  'split-file', 'llvm-objcopy', 'llvm-strings', 'llvm-symbolizer', 'llvm-lto2', 'llvm-link',
];

export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); if (fs.statSync(p).isFile()) return p; } catch { /* next */ }
  }
  return null;
}

/** Where LLVM tool NAME lives: NAME-19 on PATH (as Debian installs it), else LLVM 19's own bin directory. */
export function llvmTool(name) {
  const versioned = which(`${name}-19`);
  if (versioned) return versioned;
  const inLlvm = path.join(LLVM_BIN, name);
  return fs.existsSync(inLlvm) ? inLlvm : null;
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
}

function log(msg) { process.stderr.write(`lld-suite: ${msg}\n`); }

function isRoot() { return typeof process.getuid === 'function' && process.getuid() === 0; }

/** apt's source lists, in both formats (one-line .list and deb822 .sources). */
function aptSourceFiles() {
  const files = [];
  if (fs.existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  const dir = '/etc/apt/sources.list.d';
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).sort()) if (/\.(list|sources)$/.test(f)) files.push(path.join(dir, f));
  }
  return files;
}

function hasDebSrc() {
  for (const f of aptSourceFiles()) {
    const text = fs.readFileSync(f, 'utf8');
    if (/^\s*deb-src\s/m.test(text) || /^Types:.*\bdeb-src\b/m.test(text)) return true;
  }
  return false;
}

/** A deb822 stanza of deb-src entries mirroring the system's Debian bookworm `deb` entries (same URIs and keys). */
function debSrcStanzas() {
  const stanzas = [];
  for (const f of aptSourceFiles().filter((f) => f.endsWith('.sources'))) {
    for (const block of fs.readFileSync(f, 'utf8').split(/\n\s*\n/)) {
      const field = (k) => (new RegExp(`^${k}:\\s*(.*)$`, 'mi').exec(block) ?? [])[1]?.trim();
      if (!/\bdeb\b/.test(field('Types') ?? '') || !/\bbookworm/.test(field('Suites') ?? '')) continue;
      if (!/debian/.test(field('URIs') ?? '')) continue;
      const lines = ['Types: deb-src', `URIs: ${field('URIs')}`, `Suites: ${field('Suites')}`, `Components: ${field('Components') ?? 'main'}`];
      if (field('Signed-By')) lines.push(`Signed-By: ${field('Signed-By')}`);
      stanzas.push(lines.join('\n'));
    }
  }
  if (stanzas.length === 0) {
    stanzas.push(['Types: deb-src', 'URIs: http://deb.debian.org/debian', 'Suites: bookworm bookworm-updates',
      'Components: main', 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'].join('\n'));
  }
  return stanzas.join('\n\n') + '\n';
}

const DEB_SRC_FILE = '/etc/apt/sources.list.d/lld-suite-deb-src.sources';

/**
 * Checks the tools; with `setup`, installs what is missing (apt-get install) and enables deb-src.
 * Returns the absolute paths of the tools the harness calls. Exits with a message when something is missing.
 */
export function checkTools({ setup }) {
  let missing = REQUIRED.filter(([cmd]) => !which(cmd));
  if (missing.length && setup) {
    if (!isRoot()) fail('--setup needs root (it runs apt-get install)');
    log(`apt-get install -y ${SETUP_PACKAGES.join(' ')}`);
    let r = run('apt-get', ['install', '-y', '-qq', ...SETUP_PACKAGES], { stdio: 'inherit' });
    if (r.status !== 0) {
      run('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      r = run('apt-get', ['install', '-y', '-qq', ...SETUP_PACKAGES], { stdio: 'inherit' });
    }
    missing = REQUIRED.filter(([cmd]) => !which(cmd));
  }
  if (missing.length) {
    const pkgs = [...new Set(missing.map(([, p]) => p))];
    fail(`missing ${missing.map(([c]) => c).join(', ')}: apt-get install ${pkgs.join(' ')} (or run with --setup as root)`);
  }
  const tools = Object.fromEntries(REQUIRED.map(([cmd]) => [cmd, which(cmd)]));
  return tools;
}

/** The installed version of a Debian package, or null. */
function installedVersion(pkg) {
  const r = run('dpkg-query', ['-W', '-f=${Version}', pkg]);
  return r.status === 0 && r.stdout ? r.stdout.trim() : null;
}

/**
 * LLVM's lld/test/wasm, from the cache or fetched: `apt-get source --download-only llvm-toolchain-19` into
 * CACHE/src, then only lld/test/wasm (and lit's config beside it) is unpacked from the orig tarball (the whole
 * tree would be ~2 GB; Debian's patches do not touch these tests, which is checked). Returns the
 * directory that holds lld/test/wasm.
 */
export function obtainTests(cache, { setup }) {
  const srcDir = path.join(cache, 'src');
  const found = findUnpacked(srcDir);
  if (found) return found;
  fs.mkdirSync(srcDir, { recursive: true });
  let tarball = findFile(srcDir, /\.orig\.tar\.(xz|gz|bz2)$/);
  if (!tarball) {
    if (!hasDebSrc()) {
      const text = debSrcStanzas();
      if (!setup || !isRoot()) {
        fail(`apt has no deb-src entries, which 'apt-get source ${SOURCE_PACKAGE}' needs. Add this as ${DEB_SRC_FILE}:\n\n` +
          `${text}\nthen run 'apt-get update' (or run this script with --setup as root, which does both).`);
      }
      log(`adding deb-src entries as ${DEB_SRC_FILE}`);
      fs.writeFileSync(DEB_SRC_FILE, text);
      if (run('apt-get', ['update', '-qq'], { stdio: 'inherit' }).status !== 0) fail('apt-get update failed');
    }
    log(`apt-get source --download-only ${SOURCE_PACKAGE} (about 160 MB) into ${srcDir}`);
    let r = run('apt-get', ['source', '--download-only', '-qq', SOURCE_PACKAGE], { cwd: srcDir });
    if (r.status !== 0 && setup && isRoot()) {
      run('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      r = run('apt-get', ['source', '--download-only', '-qq', SOURCE_PACKAGE], { cwd: srcDir });
    }
    if (r.status !== 0) {
      fail(`apt-get source ${SOURCE_PACKAGE} failed:\n${r.stderr.trim()}\n` +
        `(run 'apt-get update' after enabling deb-src, or run this script with --setup as root)`);
    }
    tarball = findFile(srcDir, /\.orig\.tar\.(xz|gz|bz2)$/);
    if (!tarball) fail(`apt-get source ${SOURCE_PACKAGE} left no orig tarball in ${srcDir}`);
  }
  const debianTar = findFile(srcDir, /\.debian\.tar\.(xz|gz|bz2)$/);
  if (debianTar) {
    const patches = run('tar', ['-xaf', debianTar, '-O', '--wildcards', 'debian/patches/*']);
    if (patches.status === 0 && /^\+\+\+ \S*lld\/test\/wasm\//m.test(patches.stdout)) {
      log('warning: a Debian patch changes lld/test/wasm; the tests are the unpatched upstream ones');
    }
  }
  log(`unpacking lld/test/wasm from ${path.basename(tarball)}`);
  const r = run('tar', ['-xaf', tarball, '-C', srcDir, '--wildcards', '*/lld/test/wasm/*', '*/lld/test/lit.cfg.py'], { stdio: 'inherit' });
  if (r.status !== 0) fail(`could not unpack lld/test/wasm from ${tarball}`);
  const root = findUnpacked(srcDir);
  if (!root) fail(`${tarball} has no lld/test/wasm`);
  return root;
}

function findFile(dir, re) {
  if (!fs.existsSync(dir)) return null;
  const f = fs.readdirSync(dir).filter((n) => re.test(n)).sort().pop();
  return f ? path.join(dir, f) : null;
}

function findUnpacked(srcDir) {
  if (!fs.existsSync(srcDir)) return null;
  for (const d of fs.readdirSync(srcDir).sort().reverse()) {
    const wasm = path.join(srcDir, d, 'lld', 'test', 'wasm');
    if (fs.existsSync(path.join(wasm, 'lit.local.cfg'))) return wasm;
  }
  return null;
}

/** The source version (e.g. 19.1.7) of the unpacked tests and of the installed lld-19, to warn when they differ. */
export function versions(testsDir) {
  const m = /llvm-toolchain-\d+[_-]([\d.]+)/.exec(testsDir);
  const lld = installedVersion('lld-19');
  return { tests: m ? m[1] : null, lld19: lld };
}

export function fail(msg) {
  process.stderr.write(`lld-suite: ${msg}\n`);
  process.exit(2);
}
