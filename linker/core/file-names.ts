// File names as the bytes they are. A name from argv or a response file need not be UTF-8 (Linux
// takes any bytes but '/' and NUL), so such a name is kept in a JS string losslessly the way
// Python's surrogateescape does it: each byte that is not part of valid UTF-8 becomes the lone
// surrogate U+DC80 + (byte - 0x80) (always >= 0x80). Every other string operation (path.join,
// -L searches, comparisons) works on it unchanged; the bytes come back where a name meets the file
// system (linker/host/node.ts's fsPath) or goes into the module (nameBytes); a diagnostic shows each escaped byte as
// \xNN (shown).

const ESCAPE_BASE = 0xdc00;

/** `bytes` decoded as UTF-8, with every byte that is not valid UTF-8 kept as an escape. */
export function decodeFileName(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (n > 0 && i + n <= bytes.length && validSequence(bytes, i, n)) {
      out += String.fromCodePoint(codePoint(bytes, i, n));
      i += n;
      continue;
    }
    out += String.fromCharCode(ESCAPE_BASE + b);
    i++;
  }
  return out;
}

/** The code point of the valid UTF-8 sequence of length `n` (2 to 4) at `i`. */
function codePoint(b: Uint8Array, i: number, n: number): number {
  let c = b[i] & (0x7f >> n);
  for (let k = 1; k < n; k++) c = (c << 6) | (b[i + k] & 0x3f);
  return c;
}

/** The continuation bytes of a UTF-8 sequence of length `n` at `i`, with its overlong and surrogate exclusions. */
function validSequence(b: Uint8Array, i: number, n: number): boolean {
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
  const c1 = b[i + 1];
  if (n === 3) {
    if (b[i] === 0xe0 && c1 < 0xa0) return false; // overlong
    if (b[i] === 0xed && c1 >= 0xa0) return false; // UTF-16 surrogates
  } else if (n === 4) {
    if (b[i] === 0xf0 && c1 < 0x90) return false; // overlong
    if (b[i] === 0xf4 && c1 >= 0x90) return false; // beyond U+10FFFF
  }
  return true;
}

export function hasEscapes(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) return true;
  }
  return false;
}

/** The name's bytes: UTF-8, with each escape turned back into its byte. */
export function nameBytes(name: string): Uint8Array {
  const utf8 = new TextEncoder();
  if (!hasEscapes(name)) return utf8.encode(name);
  const parts: Uint8Array[] = [];
  let run = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) {
      if (run !== '') parts.push(utf8.encode(run));
      run = '';
      parts.push(Uint8Array.of(c - ESCAPE_BASE));
    } else {
      run += name[i];
    }
  }
  if (run !== '') parts.push(utf8.encode(run));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The name (or a message naming it) with each escaped byte shown as \xNN. */
export function shown(name: string): string {
  if (!hasEscapes(name)) return name;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    out += c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff ? `\\x${(c - ESCAPE_BASE).toString(16).toUpperCase()}` : name[i];
  }
  return out;
}
