// The wasi sysroot (crt1, libc, libc++, compiler-rt) that @yowasp/clang ships inside
// gen/llvm-resources.tar, extracted once into .cache/sysroot/lib so that wlink (which reads the
// real file system) links the same libraries as @yowasp's wasm-ld. Safe when several processes
// (jest workers, the golden cache builder) ask at once: each extracts into its own temporary
// directory and the first rename wins; a sysroot stamped with another @yowasp version is replaced.
import fs from 'node:fs';
import path from 'node:path';

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

/** Yields { name, type, data } for each entry; handles the ustar prefix field and GNU long names. */
export function* readTar(buf) {
  let offset = 0;
  let longName = null;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const field = (start, length) => {
      const bytes = header.subarray(start, start + length);
      const nul = bytes.indexOf(0);
      return bytes.subarray(0, nul < 0 ? length : nul).toString('utf8');
    };
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    let name = field(0, 100);
    if (field(257, 5) === 'ustar' && field(345, 155)) name = `${field(345, 155)}/${name}`;
    const data = buf.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') { // GNU long name: the data is the next entry's name
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (longName !== null) {
      name = longName;
      longName = null;
    }
    yield { name: name.replace(/^\.\//, ''), type, data };
  }
}
