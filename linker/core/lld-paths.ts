// Paths as LLVM's sys::path sees them on POSIX, where wasm-ld's --reproduce depends on it: the
// absolute path an input is archived under (lld's relativeToRoot), a path's last component and its
// stem. Pure string functions; the working directory is the caller's (see
// linker/output/reproduce-archive.ts for how wasm-ld finds it).

/** A network root name (`//host`): two slashes, then something other than a slash. */
const NET_ROOT = /^\/\/[^/]+/;

/**
 * lld's relativeToRoot: the path made absolute against `cwd`, `.` and `..` removed lexically (a
 * `..` at the root goes away), and the root dropped; `//host/x` keeps `host`. `a.o` in /home/j
 * is `home/j/a.o`.
 */
export function relativeToRoot(p: string, cwd: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.endsWith('/') ? cwd : `${cwd}/`}${p}`;
  const net = NET_ROOT.exec(abs);
  const root = net ? net[0].slice(2) : '';
  const parts: string[] = [];
  for (const c of abs.slice(net ? net[0].length : 0).split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      continue; // the path is absolute: a `..` above the root is dropped
    }
    parts.push(c);
  }
  return root === '' ? parts.join('/') : [root, ...parts].join('/');
}

/** LLVM's path::filename: the last component; `.` after a trailing slash; `/` for the root. */
export function pathFilename(p: string): string {
  if (p === '') return '';
  if (/^\/+$/.test(p)) return '/';
  if (p.endsWith('/')) return '.';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** LLVM's path::stem: the file name without its last extension (`.` and `..` kept). */
export function pathStem(p: string): string {
  const name = pathFilename(p);
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name === '.' || name === '..') return name;
  return name.slice(0, dot);
}
