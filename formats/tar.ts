// Tar members as wasm-ld's --reproduce archive writes them (LLVM's TarWriter): POSIX ustar headers
// of 512-byte blocks, mode 0664, owner 0, time 0, an empty type flag; a name of 100 bytes or more
// is split at a '/' into the header's prefix and name fields when the prefix part is at most 137
// bytes (older GNU tar reads part of the prefix as other fields) and the rest under 100 bytes, and
// is otherwise given in a PAX extended header (`path=...`) before a header with no name. Each
// member's data is padded to a block; an archive ends with two zero blocks.
//
// Pure: bytes in, bytes out. The file is written by the caller (linker/cli/reproduce.ts).

export const TAR_BLOCK = 512;

/** What closes an archive: two zero blocks. */
export const TAR_END = new Uint8Array(2 * TAR_BLOCK);

// Field offsets and widths of a ustar header.
const NAME = 0, NAME_LEN = 100;
const MODE = 100;
const SIZE = 124, SIZE_LEN = 12;
const CHECKSUM = 148, CHECKSUM_LEN = 8;
const TYPEFLAG = 156;
const MAGIC = 257;
const VERSION = 263;
const PREFIX = 345;
const PREFIX_USED = 137;

/** The largest size the 11 octal digits of a header can hold. */
export const TAR_MAX_SIZE = 8 ** 11 - 1;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function header(name: Uint8Array, prefix: Uint8Array, size: number, type: number, mode: boolean): Uint8Array {
  if (size > TAR_MAX_SIZE) throw new RangeError(`a tar member of ${size} bytes is larger than a ustar header can describe`);
  const h = new Uint8Array(TAR_BLOCK);
  h.set(name, NAME);
  if (mode) h.set(ascii('0000664'), MODE);
  h.set(ascii(size.toString(8).padStart(SIZE_LEN - 1, '0')), SIZE);
  h[TYPEFLAG] = type;
  h.set(ascii('ustar'), MAGIC);
  h.set(ascii('00'), VERSION);
  h.set(prefix, PREFIX);
  // The sum of all bytes with the checksum field as spaces, then six octal digits and a NUL (the
  // field's last byte keeps its space).
  h.fill(0x20, CHECKSUM, CHECKSUM + CHECKSUM_LEN);
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += h[i];
  h.set(ascii(sum.toString(8).padStart(6, '0')), CHECKSUM);
  h[CHECKSUM + 6] = 0;
  return h;
}

/** `<length> <key>=<value>\n`, where the length counts the whole record, its own digits included. */
export function paxRecord(key: string, value: Uint8Array): Uint8Array {
  const fixed = key.length + value.length + 3; // ' ', '=', '\n'
  let total = fixed + String(fixed).length;
  total = fixed + String(total).length;
  const head = ascii(`${total} ${key}=`);
  const out = new Uint8Array(total);
  out.set(head, 0);
  out.set(value, head.length);
  out[total - 1] = 0x0a;
  return out;
}

/** Where a path of this many bytes goes: the name field alone, prefix + name, or a PAX record (null). */
export function splitUstar(path: Uint8Array): { prefix: Uint8Array; name: Uint8Array } | null {
  if (path.length < NAME_LEN) return { prefix: new Uint8Array(0), name: path };
  let sep = -1;
  for (let i = Math.min(PREFIX_USED + 1, path.length) - 1; i >= 0; i--) {
    if (path[i] === 0x2f) { sep = i; break; }
  }
  if (sep < 0 || path.length - sep - 1 >= NAME_LEN) return null;
  return { prefix: path.subarray(0, sep), name: path.subarray(sep + 1) };
}

const padding = (n: number) => (TAR_BLOCK - (n % TAR_BLOCK)) % TAR_BLOCK;

/** One member, ready to append: its header (or PAX header, record and plain header), data and padding. */
export function tarMember(path: Uint8Array, data: Uint8Array): Uint8Array {
  const split = splitUstar(path);
  const parts: Uint8Array[] = [];
  if (split) {
    parts.push(header(split.name, split.prefix, data.length, 0, true));
  } else {
    const record = paxRecord('path', path);
    parts.push(header(new Uint8Array(0), new Uint8Array(0), record.length, 0x78 /* x */, false), record, new Uint8Array(padding(record.length)));
    parts.push(header(new Uint8Array(0), new Uint8Array(0), data.length, 0, true));
  }
  parts.push(data, new Uint8Array(padding(data.length)));
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
