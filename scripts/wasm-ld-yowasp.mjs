#!/usr/bin/env node
// A wasm-ld command line tool backed by @yowasp/clang's wasm-ld (LLVM compiled to WebAssembly),
// working on the real file system:
//
//   node scripts/wasm-ld-yowasp.mjs <wasm-ld argv...>
//
// @yowasp runs its tools in a virtual file system whose root is "/" and whose working directory
// is "/". So that the argv can be passed through unchanged (and messages name files as given),
// every file the argv names is copied into the virtual tree at the same path: relative paths under
// the virtual root (= the real cwd), absolute paths at their absolute location. A -L directory
// (or any argument naming a directory) brings its regular files, not its subdirectories. Values
// of --opt=value arguments are treated the same way. Paths under /usr cannot be mapped, because
// @yowasp mounts its own sysroot there. Response files (@file) are not supported.
//
// On success the output (-o) is written back to the real file system atomically; on failure
// nothing is written. A --reproduce archive is written back whether the link succeeded or not (as
// wasm-ld writes it as it reads the inputs), if the real directory it names exists. The virtual
// process has no environment, so LLD_REPRODUCE is passed on as one more `--reproduce=` argument
// when the argv has none (wasm-ld leaves --reproduce out of the archive's response.txt, so this
// changes nothing the archive shows). Relative input paths are relative to the virtual root, so in
// the archive they appear as given, not under the real working directory. stdout/stderr are passed through; the exit code is wasm-ld's (134 if the
// wasm-ld module itself crashed, e.g. an LLVM fatal error that aborts).

import fs from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const tree = {};

function fail(message) {
  process.stderr.write(`wasm-ld-yowasp: ${message}\n`);
  process.exit(2);
}

/** The virtual-tree path components for a real path (relative paths are relative to the cwd). */
function virtualParts(p) {
  const parts = path.isAbsolute(p) ? path.resolve(p).split(path.sep).filter(Boolean) : path.normalize(p).split(path.sep).filter((s) => s !== '.' && s !== '');
  if (parts.includes('..')) fail(`cannot map a path that leaves the working directory: ${p}`);
  if (parts[0] === 'usr' && path.isAbsolute(p)) fail(`cannot map ${p}: @yowasp mounts its own /usr`);
  if (parts[0] === 'usr') fail(`cannot map ${p}: a relative path starting with usr/ clashes with @yowasp's /usr`);
  return parts;
}

/** The directory object in the tree for the given components, created as needed. */
function treeDir(parts) {
  let dir = tree;
  for (const part of parts) {
    if (dir[part] === undefined) dir[part] = {};
    if (dir[part] instanceof Uint8Array) fail(`path clash in the virtual tree at ${parts.join('/')}`);
    dir = dir[part];
  }
  return dir;
}

function mapFile(p) {
  const parts = virtualParts(p);
  treeDir(parts.slice(0, -1))[parts[parts.length - 1]] = new Uint8Array(fs.readFileSync(p));
}

function mapPath(p) {
  if (p === '' || !fs.existsSync(p)) return; // not a file name (a symbol name, -m's value, ...)
  const stat = fs.statSync(p);
  if (stat.isFile()) {
    mapFile(p);
  } else if (stat.isDirectory()) {
    treeDir(virtualParts(p)); // so that an empty -L dir exists too
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      const child = path.join(p, entry.name);
      if (entry.isFile() || (entry.isSymbolicLink() && fs.statSync(child).isFile())) mapFile(child);
    }
  }
}

// Find the output and map every argument that names an existing file or directory.
let output = 'a.out';
let reproduce;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg.startsWith('@')) fail('response files are not supported');
  if (arg === '--reproduce') {
    reproduce = argv[++i];
    continue;
  }
  if (arg.startsWith('--reproduce=')) { reproduce = arg.slice('--reproduce='.length); continue; }
  if (arg === '-o' || arg === '--output') {
    output = argv[++i];
    continue;
  }
  if (/^-o./.test(arg)) { output = arg.slice(2); continue; }
  if (arg.startsWith('--output=')) { output = arg.slice('--output='.length); continue; }
  if (/^-L./.test(arg)) { mapPath(arg.slice(2)); continue; }
  const eq = arg.startsWith('-') ? arg.indexOf('=') : -1;
  mapPath(eq >= 0 ? arg.slice(eq + 1) : arg);
}
if (output === undefined) fail('-o needs an argument');
const outParts = virtualParts(output);
treeDir(outParts.slice(0, -1)); // the output's directory must exist in the virtual tree
if (reproduce === undefined && process.env.LLD_REPRODUCE !== undefined) {
  reproduce = process.env.LLD_REPRODUCE;
  argv.push(`--reproduce=${reproduce}`);
}
const reproParts = reproduce ? virtualParts(reproduce) : null;
const reproDirExists = reproduce ? fs.existsSync(path.dirname(path.resolve(reproduce))) : false;
if (reproParts && reproDirExists) treeDir(reproParts.slice(0, -1));

const { commands, Exit } = await import('@yowasp/clang');
const write = (stream) => (bytes) => { if (bytes) stream.write(bytes); };

let files;
/** The --reproduce archive, copied out of the virtual tree (present even when the link failed). */
function writeReproduce(tree) {
  if (!reproParts || !reproDirExists || !tree) return;
  let node = tree;
  for (const part of reproParts) node = node?.[part];
  if (node instanceof Uint8Array) fs.writeFileSync(reproduce, node);
}
try {
  files = await commands['wasm-ld'](argv, tree, {
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    decodeASCII: false,
    fetchProgress: () => {}, // no "fetched N%" chatter on stdout
  });
} catch (err) {
  if (err instanceof Exit) {
    process.exitCode = err.code;
    writeReproduce(err.files);
  } else {
    process.stderr.write(`wasm-ld-yowasp: wasm-ld crashed: ${err?.message ?? err}\n`);
    process.exitCode = 134;
  }
}

if (files !== undefined) {
  writeReproduce(files);
  let node = files;
  for (const part of outParts) node = node?.[part];
  if (!(node instanceof Uint8Array)) fail(`wasm-ld succeeded but wrote no ${output}`);
  const tmp = `${output}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, node);
  fs.renameSync(tmp, output);
}
