// The .wat tokenizer: one pass over the source's char codes into parallel typed arrays (kind,
// start, end, and for every `(` the index of its `)`), so that the parser walks token indexes and
// skips a balanced group in O(1). Comments are dropped; so are annotations, except the four that
// the data convention uses (`(@rodata)`, `(@align N)`, `(@bss N)`, `(@export "sym")`), which
// become `Annot` tokens that open a group like `(`. Token text is sliced only when asked for.
// Every error is a CodegenError with `unit:line:column`.
import { CodegenError } from '../../codegen/errors';

export const enum Tok {
  Eof = 0,
  LParen,
  RParen,
  /** An idchar sequence starting with a-z: instructions, keywords, `offset=4`, `inf`, `nan:0x1`. */
  Keyword,
  /** `$name`. */
  Id,
  /** `$"name"`. */
  QuotedId,
  /** Any other idchar sequence: numbers (and reserved words, rejected where a number is expected). */
  Num,
  String,
  /** `(@rodata`, `(@align`, `(@bss` or `(@export`: opens a group closed by `)`. */
  Annot,
}

const KEPT_ANNOTATIONS = new Set(['rodata', 'align', 'bss', 'export']);

/** idchar per the text format: 0-9 A-Z a-z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~ */
const IDCHAR = new Uint8Array(128);
for (const c of '!#$%&\'*+-./:<=>?@\\^_`|~') IDCHAR[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) IDCHAR[c] = 1;
for (let c = 65; c <= 90; c++) IDCHAR[c] = 1;
for (let c = 97; c <= 122; c++) IDCHAR[c] = 1;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function grow<T extends Uint8Array | Uint32Array | Int32Array>(a: T): T {
  const next = new (a.constructor as { new (n: number): T })(a.length * 2);
  next.set(a);
  return next;
}

export class Tokens {
  kind: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
  /** For LParen and Annot: index of the matching RParen. */
  match: Int32Array;
  count = 0;
  /** Cursor of the parser. */
  pos = 0;
  /** The instruction or field being lowered: where errors raised by the builder or the unit point. */
  at = 0;
  /** What errors are about: a function (`$main`) or, outside functions, a prefix (`data $msg`). */
  func: string | undefined;
  what: string | undefined;
  private lineStarts: number[] | undefined;
  private scratch = new Uint8Array(64);

  constructor(readonly src: string, readonly unit: string) {
    const cap = (src.length >> 2) + 16;
    this.kind = new Uint8Array(cap);
    this.start = new Uint32Array(cap);
    this.end = new Uint32Array(cap);
    this.match = new Int32Array(cap);
    this.tokenize();
  }

  // ---- errors ----------------------------------------------------------------------------

  /** Line and column (both 1-based) of a source offset. */
  location(offset: number): [number, number] {
    let ls = this.lineStarts;
    if (!ls) {
      ls = [0];
      const s = this.src;
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) ls.push(i + 1);
      this.lineStarts = ls;
    }
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - ls[lo] + 1];
  }

  /** A CodegenError at a source offset, in the current function or field. */
  errorAt(offset: number, detail: string): CodegenError {
    const [line, col] = this.location(offset);
    const d = this.func === undefined && this.what !== undefined ? `${this.what}: ${detail}` : detail;
    return new CodegenError(this.unit, this.func, d, line, col);
  }

  failAt(offset: number, detail: string): never {
    throw this.errorAt(offset, detail);
  }

  /** Fails at token `i`. */
  fail(i: number, detail: string): never {
    throw this.errorAt(this.start[Math.min(i, this.count - 1)], detail);
  }

  /** A short description of token `i` for messages. */
  describe(i: number): string {
    switch (this.kind[i]) {
      case Tok.Eof: return 'end of input';
      case Tok.String: return 'a string';
      case Tok.Annot: return `annotation (${this.text(i)})`;
      default: {
        const t = this.text(i);
        return `\`${t.length > 40 ? `${t.slice(0, 40)}...` : t}\``;
      }
    }
  }

  // ---- reading ---------------------------------------------------------------------------

  text(i: number): string {
    return this.src.slice(this.start[i], this.end[i]);
  }

  /** True when token `i` is the keyword `w`. */
  isKw(i: number, w: string): boolean {
    return this.kind[i] === Tok.Keyword && this.end[i] - this.start[i] === w.length && this.src.startsWith(w, this.start[i]);
  }

  /** True when token `i` is `(` followed by the keyword `w`. */
  isGroup(i: number, w: string): boolean {
    return this.kind[i] === Tok.LParen && this.isKw(i + 1, w);
  }

  /** True when token `i` is an identifier (`$x` or `$"x"`). */
  isId(i: number): boolean {
    return this.kind[i] === Tok.Id || this.kind[i] === Tok.QuotedId;
  }

  /** The name of identifier token `i`, without `$`. */
  idName(i: number): string {
    if (this.kind[i] === Tok.Id) return this.src.slice(this.start[i] + 1, this.end[i]);
    return this.utf8(i, this.bytes(i));
  }

  /** Consumes an optional identifier; returns its name. */
  optId(): string | undefined {
    const i = this.pos;
    if (!this.isId(i)) return undefined;
    this.pos++;
    return this.idName(i);
  }

  /** The keyword of the group `(kw ...` at token `i`, or an error: expected `what`. */
  groupKeyword(i: number, what: string): string {
    if (this.kind[i] !== Tok.LParen || this.kind[i + 1] !== Tok.Keyword) this.fail(i, `expected ${what}, found ${this.describe(i)}`);
    return this.text(i + 1);
  }

  expect(kind: Tok, what: string): number {
    const i = this.pos;
    if (this.kind[i] !== kind) this.fail(i, `expected ${what}, found ${this.describe(i)}`);
    this.pos++;
    return i;
  }

  expectKw(w: string): void {
    if (!this.isKw(this.pos, w)) this.fail(this.pos, `expected \`${w}\`, found ${this.describe(this.pos)}`);
    this.pos++;
  }

  /** Consumes the `)` that closes the group opened at token `open`. */
  close(open: number): void {
    const i = this.pos;
    if (i !== this.match[open]) this.fail(i, `expected \`)\`, found ${this.describe(i)}`);
    this.pos++;
  }

  /** Consumes a string token and returns its bytes. */
  string(what = 'a string'): Uint8Array {
    return this.bytes(this.expect(Tok.String, what));
  }

  /** Consumes a string token holding a name (valid UTF-8). */
  name(what = 'a name'): string {
    const i = this.expect(Tok.String, what);
    return this.utf8(i, this.bytes(i));
  }

  /** The bytes of a string token (or of the string of a `$"..."` identifier), escapes decoded. */
  bytes(i: number): Uint8Array {
    const s = this.src;
    let p = this.start[i] + (this.kind[i] === Tok.QuotedId ? 2 : 1);
    const e = this.end[i] - 1;
    let out = this.scratch;
    let n = 0;
    while (p < e) {
      if (n + 4 > out.length) out = this.scratch = grow(out);
      let c = s.charCodeAt(p);
      if (c === 92) {
        const d = s.charCodeAt(p + 1);
        p += 2;
        switch (d) {
          case 110: out[n++] = 10; continue; // \n
          case 116: out[n++] = 9; continue; // \t
          case 114: out[n++] = 13; continue; // \r
          case 34: case 39: case 92: out[n++] = d; continue; // \" \' \\
          case 117: { // \u{hex+}
            if (s.charCodeAt(p) !== 123) this.failAt(p - 2, 'invalid escape: expected \\u{...}');
            let q = p + 1;
            let cp = 0;
            while (q < e && hexDigit(s.charCodeAt(q)) >= 0 && cp <= 0x10ffff) cp = cp * 16 + hexDigit(s.charCodeAt(q++));
            if (q === p + 1 || s.charCodeAt(q) !== 125 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
              this.failAt(p - 2, 'invalid \\u{...} escape');
            }
            p = q + 1;
            n = putUtf8(out, n, cp);
            continue;
          }
          default: {
            const h = hexDigit(d);
            const l = hexDigit(s.charCodeAt(p));
            if (h < 0 || l < 0 || p >= e) this.failAt(p - 2, 'invalid escape in string');
            out[n++] = h * 16 + l;
            p++;
            continue;
          }
        }
      }
      if (c < 0x20 || c === 0x7f) this.failAt(p, 'control character in string (use an escape)');
      p++;
      if (c < 0x80) {
        out[n++] = c;
        continue;
      }
      if (c >= 0xd800 && c < 0xdc00) {
        const lo = p < e ? s.charCodeAt(p) : 0;
        if (!(lo >= 0xdc00 && lo < 0xe000)) this.failAt(p - 1, 'unpaired surrogate in string');
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        p++;
      } else if (c >= 0xdc00 && c < 0xe000) {
        this.failAt(p - 1, 'unpaired surrogate in string');
      }
      n = putUtf8(out, n, c);
    }
    return out.slice(0, n);
  }

  private utf8(i: number, b: Uint8Array): string {
    try {
      return utf8.decode(b);
    } catch {
      return this.fail(i, 'name is not valid UTF-8');
    }
  }

  // ---- tokenizer -------------------------------------------------------------------------

  private push(kind: Tok, start: number, end: number): number {
    const i = this.count;
    if (i === this.kind.length) {
      this.kind = grow(this.kind);
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.match = grow(this.match);
    }
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.match[i] = -1;
    this.count = i + 1;
    return i;
  }

  private tokenize(): void {
    const s = this.src;
    const n = s.length;
    const open: number[] = [];
    /** Depth inside a dropped annotation (nothing is recorded while > 0). */
    let skip = 0;
    let skipStart = 0;
    let i = s.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        i++;
      } else if (c === 40) { // (
        const d = s.charCodeAt(i + 1);
        if (d === 59) { // (;
          i = this.blockComment(i);
        } else if (d === 64) { // (@
          let j = i + 2;
          while (j < n && isIdChar(s.charCodeAt(j))) j++;
          if (j === i + 2 && s.charCodeAt(j) !== 34) this.failAt(i, 'annotation without a name');
          if (skip > 0) {
            skip++;
          } else if (j > i + 2 && KEPT_ANNOTATIONS.has(s.slice(i + 2, j))) {
            open.push(this.push(Tok.Annot, i, j));
          } else {
            skip = 1;
            skipStart = i;
          }
          i = j;
        } else {
          if (skip > 0) skip++;
          else open.push(this.push(Tok.LParen, i, i + 1));
          i++;
        }
      } else if (c === 41) { // )
        if (skip > 0) {
          skip--;
        } else {
          const o = open.pop();
          if (o === undefined) this.failAt(i, 'unexpected `)`');
          const r = this.push(Tok.RParen, i, i + 1); // (push may replace this.match)
          this.match[o] = r;
        }
        i++;
      } else if (c === 59) { // ;
        if (s.charCodeAt(i + 1) !== 59) this.failAt(i, 'unexpected `;`');
        const nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c === 34) { // "
        const j = this.stringEnd(i);
        if (skip === 0) this.push(Tok.String, i, j);
        i = j;
      } else if (c < 128 && IDCHAR[c]) {
        let j = i + 1;
        while (j < n && isIdChar(s.charCodeAt(j))) j++;
        let kind = Tok.Num;
        if (c === 36) { // $
          kind = Tok.Id;
          if (j === i + 1) {
            if (s.charCodeAt(j) !== 34) this.failAt(i, 'empty identifier');
            j = this.stringEnd(j);
            kind = Tok.QuotedId;
          }
        } else if (c >= 97 && c <= 122) {
          kind = Tok.Keyword;
        }
        if (skip === 0) this.push(kind, i, j);
        i = j;
      } else {
        const ch = String.fromCodePoint(s.codePointAt(i) ?? c);
        this.failAt(i, `unexpected character ${JSON.stringify(ch)}`);
      }
    }
    if (skip > 0) this.failAt(skipStart, 'unclosed annotation');
    if (open.length > 0) this.failAt(this.start[open[open.length - 1]], 'unclosed `(`');
    this.push(Tok.Eof, n, n);
  }

  private stringEnd(i: number): number {
    const s = this.src;
    const n = s.length;
    let j = i + 1;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 10) break;
      j += c === 92 ? 2 : 1;
    }
    return this.failAt(i, 'unterminated string');
  }

  private blockComment(i: number): number {
    const s = this.src;
    const n = s.length;
    let depth = 1;
    let j = i + 2;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 40 && s.charCodeAt(j + 1) === 59) {
        depth++;
        j += 2;
      } else if (c === 59 && s.charCodeAt(j + 1) === 41) {
        j += 2;
        if (--depth === 0) return j;
      } else {
        j++;
      }
    }
    return this.failAt(i, 'unterminated block comment');
  }
}

function isIdChar(c: number): boolean {
  return c < 128 && IDCHAR[c] === 1;
}

export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function putUtf8(out: Uint8Array, n: number, cp: number): number {
  if (cp < 0x80) {
    out[n++] = cp;
  } else if (cp < 0x800) {
    out[n++] = 0xc0 | (cp >> 6);
    out[n++] = 0x80 | (cp & 63);
  } else if (cp < 0x10000) {
    out[n++] = 0xe0 | (cp >> 12);
    out[n++] = 0x80 | ((cp >> 6) & 63);
    out[n++] = 0x80 | (cp & 63);
  } else {
    out[n++] = 0xf0 | (cp >> 18);
    out[n++] = 0x80 | ((cp >> 12) & 63);
    out[n++] = 0x80 | ((cp >> 6) & 63);
    out[n++] = 0x80 | (cp & 63);
  }
  return n;
}
