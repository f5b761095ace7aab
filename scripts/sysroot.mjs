// Extracts the wasi sysroot (crt1, libc, libc++, compiler-rt) that @yowasp/clang ships inside
// gen/llvm-resources.tar into .cache/sysroot/lib, once, so that wlink (a native-file-system
// linker) can read the same libraries as @yowasp's wasm-ld. Returns the lib directory.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function ensureSysroot(root) {
  const lib = path.join(root, '.cache', 'sysroot', 'lib');
  const done = path.join(root, '.cache', 'sysroot', '.complete');
  if (fs.existsSync(done)) return lib;
  const require = createRequire(path.join(root, 'package.json'));
  const pkg = path.resolve(path.dirname(require.resolve('@yowasp/clang')), '..');
  const tar = fs.readFileSync(path.join(pkg, 'gen', 'llvm-resources.tar'));
  const tmp = path.join(root, '.cache', `sysroot.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header[0] === 0) break;
    const field = (a, b) => header.subarray(a, b).toString('latin1').replace(/\0.*$/s, '');
    const name = (field(345, 500) ? field(345, 500) + '/' : '') + field(0, 100);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (!name.startsWith('lib/') || (type !== '0' && type !== '\0')) continue;
    const dest = path.join(tmp, name);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, data);
  }
  fs.mkdirSync(path.dirname(lib), { recursive: true });
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(path.join(tmp, 'lib'), lib);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(done, '');
  return lib;
}
