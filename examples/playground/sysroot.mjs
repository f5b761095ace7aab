// The wasi-libc sysroot that @yowasp/clang ships, as wlink's link() wants it: bytes by path. The
// sysroot lives in clang's resource tarball (gen/llvm-resources.tar), which @yowasp's runtime mounts
// at /usr in its virtual file system; the page fetches the same tarball (the browser's cache
// usually has it already) and keeps the few members a C program's link reads. scripts/sysroot.mjs
// extracts the same tarball in node with readTar below.

/** `tar` (Uint8Array of a ustar archive) → { '/usr/lib/...': bytes } for the members named in `names`
 *  (paths as in the archive). Throws when one is missing. */
export function sysrootFromTar(tar, names) {
  const wanted = new Set(names);
  const files = {};
  for (const entry of readTar(tar)) {
    if (wanted.has(entry.name)) files[`/usr/${entry.name}`] = entry.data;
  }
  const missing = names.filter((n) => !(`/usr/${n}` in files));
  if (missing.length > 0) throw new Error(`not in @yowasp/clang's resources: ${missing.join(', ')}`);
  return files;
}

/** Yields { name, type, data } for each member of a ustar archive (prefix field and GNU long names
 *  included); `data` is a view into `tar`. */
export function* readTar(tar) {
  const decoder = new TextDecoder();
  let offset = 0;
  let longName = null;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const field = (start, length) => {
      const bytes = header.subarray(start, start + length);
      const nul = bytes.indexOf(0);
      return decoder.decode(bytes.subarray(0, nul < 0 ? length : nul));
    };
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    let name = field(0, 100);
    if (field(257, 5) === 'ustar' && field(345, 155)) name = `${field(345, 155)}/${name}`;
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') { // GNU long name: the data is the next member's name
      longName = decoder.decode(data).replace(/\0+$/, '');
      continue;
    }
    if (longName !== null) {
      name = longName;
      longName = null;
    }
    yield { name: name.replace(/^\.\//, ''), type, data };
  }
}
