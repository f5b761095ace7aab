// File names as the bytes they are. A name from argv or a response file need not be UTF-8 (Linux
// takes any bytes but '/' and NUL), so such a name is kept in a JS string losslessly the way
// Python's surrogateescape does it: each byte that is not part of valid UTF-8 becomes the lone
// surrogate U+DC80 + (byte - 0x80) (always >= 0x80). Every other string operation (path.join,
// -L searches, comparisons) works on it unchanged; the bytes come back where a name meets the file
// system (fsPath) or goes into the module (nameBytes); a diagnostic shows each escaped byte as
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
      out += Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('utf8');
      i += n;
      continue;
    }
    out += String.fromCharCode(ESCAPE_BASE + b);
    i++;
  }
  return out;
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

function hasEscapes(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) return true;
  }
  return false;
}

/** The name's bytes: UTF-8, with each escape turned back into its byte. */
export function nameBytes(name: string): Uint8Array {
  if (!hasEscapes(name)) return Buffer.from(name, 'utf8');
  const parts: Uint8Array[] = [];
  let run = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) {
      if (run !== '') parts.push(Buffer.from(run, 'utf8'));
      run = '';
      parts.push(Uint8Array.of(c - ESCAPE_BASE));
    } else {
      run += name[i];
    }
  }
  if (run !== '') parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** What node's fs takes for the name: the string itself, or its bytes when it holds escapes. */
export function fsPath(name: string): string | Buffer {
  return hasEscapes(name) ? Buffer.from(nameBytes(name)) : name;
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
