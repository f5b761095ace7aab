// A zero-copy cursor over a Uint8Array: LEBs are decoded inline and `pos` moves past what was read.
// Every read checks bounds against `end` and throws FormatError with the absolute byte offset, so
// callers turn malformed input into one clear error.
import { FormatError } from './leb128';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class Reader {
  pos: number;
  end: number;

  constructor(readonly bytes: Uint8Array, start = 0, end = bytes.length) {
    this.pos = start;
    this.end = end;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, offset = this.pos): never {
    throw new FormatError(offset, message);
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.fail(`unexpected end of section or data (need ${n} bytes)`);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of section or data');
    return this.bytes[this.pos++];
  }

  u32le(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  u32(): number {
    // Inline decode bounded by `end` (no subarray per read: this is the parser's hot path).
    const b = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) this.fail('unexpected end of section or data in LEB128', this.pos);
      const byte = b[pos++];
      if (shift === 28 && (byte & 0x70) !== 0) this.fail('LEB128 value out of range for u32', this.pos);
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) this.fail('LEB128 too long for u32', this.pos);
    }
    this.pos = pos;
    return result >>> 0;
  }

  s32(): number {
    const b = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    let shift = 0;
    let byte = 0;
    do {
      if (pos >= end) this.fail('unexpected end of section or data in LEB128', this.pos);
      if (shift > 28) this.fail('LEB128 too long for i32', this.pos);
      byte = b[pos++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (shift < 32 && (byte & 0x40) !== 0) result |= -1 << shift;
    this.pos = pos;
    return result | 0;
  }

  // 64-bit values (memory64 limits, i64.const, 64-bit addends) are rare: decoded as bigints,
  // with the messages of readU64/readS64 and the LEB's start as the error offset.
  u64(): bigint {
    const b = this.bytes;
    const end = this.end;
    const start = this.pos;
    let pos = start;
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= end) this.fail('unexpected end of data in LEB128', start);
      const byte = b[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
      if (shift > 63n) this.fail('LEB128 too long for u64', start);
    }
    this.pos = pos;
    return BigInt.asUintN(64, result);
  }

  s64(): bigint {
    const b = this.bytes;
    const end = this.end;
    const start = this.pos;
    let pos = start;
    let result = 0n;
    let shift = 0n;
    let byte: number;
    for (;;) {
      if (pos >= end) this.fail('unexpected end of data in LEB128', start);
      byte = b[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
      if (shift > 63n) this.fail('LEB128 too long for i64', start);
    }
    if (shift < 64n && (byte & 0x40) !== 0) result |= -1n << shift;
    this.pos = pos;
    return BigInt.asIntN(64, result);
  }

  /**
   * A count of entries that each take at least one byte, checked against the bytes left before
   * anything is sized by it: a corrupt count is this error, not a huge allocation or a long loop.
   */
  count(what: string): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.fail(`${what} count ${n} exceeds section size`, at);
    return n;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** A view (no copy) of the next n bytes. */
  view(n: number): Uint8Array {
    this.need(n);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** Skips a length-prefixed name and returns its length: its bytes end at `pos`. */
  skipName(): number {
    const n = this.u32();
    this.need(n);
    this.pos += n;
    return n;
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const n = this.u32();
    this.need(n);
    const s = utf8.decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
}

export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}
