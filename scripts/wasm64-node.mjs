#!/usr/bin/env node
// A node that runs wasm64 modules as wasm-ld writes them: a 64-bit memory and a 64-bit indirect
// function table (memory64, part of Wasm 3.0). Node 20 runs neither without a flag, and with
// --experimental-wasm-memory64 still not a 64-bit table; V8 ships both from node 24. So the wasm64
// run test (tests/golden/wasm64-run.test.ts) runs its modules on this node when it can, and
// otherwise on node NODE_VERSION from the npm registry: the `node-<platform>-<arch>` package (the
// official binaries, packaged per platform), fetched once with `npm pack` (npm's own client, which
// checks the registry's integrity hash) and extracted into .cache/node/. Safe when several
// processes ask at once: each extracts into its own temporary directory and the first rename wins.
//
//   node scripts/wasm64-node.mjs        prints the path of that node (fetching it first if needed)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { readTar } from '../examples/playground/sysroot.mjs';

export const NODE_VERSION = '26.12.1';

/** A module with a 64-bit table and a 64-bit memory (both empty). */
const MEMORY64_TABLE64 = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 4, 4, 1, 0x70, 4, 0, 5, 3, 1, 4, 0]);

/** Whether `node` (this process's when omitted) compiles a module with a 64-bit memory and table. */
export function runsWasm64(node) {
  if (node === undefined) return WebAssembly.validate(MEMORY64_TABLE64);
  const r = spawnSync(node, ['-e', `process.exit(WebAssembly.validate(new Uint8Array([${MEMORY64_TABLE64}])) ? 0 : 1)`]);
  return r.status === 0;
}

/** The npm package of node's binary for this platform, and the binary's path inside it. */
function binaryPackage() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  if (!os) throw new Error(`no node binary package for ${process.platform}: run the wasm64 tests on node 24 or newer`);
  return { name: `node-${os}-${process.arch}`, binary: os === 'win' ? 'package/bin/node.exe' : 'package/bin/node' };
}

/** The path of a node that runs wasm64 modules: this one, or node NODE_VERSION under `root`/.cache/node. */
export function wasm64Node(root, log = () => {}) {
  if (runsWasm64()) return process.execPath;
  const pkg = binaryPackage();
  const dir = path.join(root, '.cache', 'node', `${pkg.name}-${NODE_VERSION}`);
  const node = path.join(dir, path.basename(pkg.binary));
  if (fs.existsSync(node)) return node;
  log(`fetching ${pkg.name}@${NODE_VERSION} from the npm registry into ${path.relative(root, dir)}/`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  fs.chmodSync(tmp, 0o755);
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', `${pkg.name}@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'],
      { cwd: tmp, encoding: 'utf8', shell: process.platform === 'win32' });
    if (packed.status !== 0) throw new Error(`npm pack ${pkg.name}@${NODE_VERSION} failed: ${packed.stderr || packed.error}`);
    const tgz = path.join(tmp, packed.stdout.trim().split('\n').pop());
    const entry = [...readTar(zlib.gunzipSync(fs.readFileSync(tgz)))].find((e) => e.name === pkg.binary);
    if (!entry) throw new Error(`${pkg.binary} is not in ${path.basename(tgz)}`);
    fs.rmSync(tgz);
    fs.writeFileSync(path.join(tmp, path.basename(pkg.binary)), entry.data, { mode: 0o755 });
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      if (!fs.existsSync(node)) throw e; // another process got there first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!runsWasm64(node)) throw new Error(`${node} does not run wasm64 modules`);
  return node;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.stdout.write(`${wasm64Node(root, (m) => process.stderr.write(`${m}\n`))}\n`);
}
