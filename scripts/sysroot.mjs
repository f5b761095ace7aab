// The wasi sysroot (crt1, libc, libc++, compiler-rt) that @yowasp/clang ships inside
// gen/llvm-resources.tar, extracted once into .cache/sysroot/lib so that wlink (which reads the
// real file system) links the same libraries as @yowasp's wasm-ld. Safe when several processes
// (jest workers, the golden cache builder) ask at once: each extracts into its own temporary
// directory and the first rename wins; a sysroot stamped with another @yowasp version is replaced.
import fs from 'node:fs';
import path from 'node:path';
import { readTar } from '../examples/playground/sysroot.mjs'; // one tar reader, for the page and for node

export function yowaspDir(root) {
  return path.join(root, 'node_modules', '@yowasp', 'clang');
}

export function yowaspVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(yowaspDir(root), 'package.json'), 'utf8')).version;
}

/** Returns the sysroot's lib directory, extracting it first if needed. */
export function ensureSysroot(root, log = () => {}) {
  const dir = path.join(root, '.cache', 'sysroot');
  const stamp = path.join(dir, 'VERSION');
  const version = yowaspVersion(root);
  const fresh = () => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version;
  if (fresh()) return path.join(dir, 'lib');
  log(`extracting the sysroot into ${path.relative(root, dir)}/`);
  const tmp = path.join(root, '.cache', `sysroot.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const tar = fs.readFileSync(path.join(yowaspDir(root), 'gen', 'llvm-resources.tar'));
  let files = 0;
  for (const entry of readTar(tar)) {
    if (!entry.name.startsWith('lib/')) continue;
    if (entry.name.split('/').includes('..')) throw new Error(`unsafe path in tarball: ${entry.name}`);
    const target = path.join(tmp, entry.name);
    if (entry.type === '5') {
      fs.mkdirSync(target, { recursive: true });
    } else if (entry.type === '0' || entry.type === '7') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.data);
      files++;
    } else {
      throw new Error(`unsupported tar entry type '${entry.type}' for ${entry.name}`);
    }
  }
  if (files === 0) throw new Error('no lib/ files found in llvm-resources.tar');
  fs.writeFileSync(path.join(tmp, 'VERSION'), version);
  if (fs.existsSync(dir) && !fresh()) fs.rmSync(dir, { recursive: true, force: true }); // stale version
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    if (!['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(err.code) || !fs.existsSync(dir)) throw err;
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  return path.join(dir, 'lib');
}
