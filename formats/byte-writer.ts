// A growable byte buffer with fast LEB writes. Callers that know the final size pass it up front
// so the buffer is allocated once.
import { putPaddedS32, putPaddedU32, putS32, putS64, putU32, putU64, sizeU32 } from './leb128';

const utf8 = new TextEncoder();

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private dataView: DataView | null = null;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.dataView = null;
  }

  /** A DataView of `buf` (valid until the buffer grows), for word-sized copies. */
  get view(): DataView {
    return (this.dataView ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length));
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.reserve(5);
    this.pos = putU32(this.buf, this.pos, v);
  }

  s32(v: number): void {
    this.reserve(5);
    this.pos = putS32(this.buf, this.pos, v);
  }

  u64(v: bigint): void {
    this.reserve(10);
    this.pos = putU64(this.buf, this.pos, v);
  }

  s64(v: bigint): void {
    this.reserve(10);
    this.pos = putS64(this.buf, this.pos, v);
  }

  paddedU32(v: number): void {
    this.reserve(5);
    this.pos = putPaddedU32(this.buf, this.pos, v);
  }

  paddedS32(v: number): void {
    this.reserve(5);
    this.pos = putPaddedS32(this.buf, this.pos, v);
  }

  u32le(v: number): void {
    this.reserve(4);
    const b = this.buf;
    b[this.pos++] = v & 0xff;
    b[this.pos++] = (v >>> 8) & 0xff;
    b[this.pos++] = (v >>> 16) & 0xff;
    b[this.pos++] = (v >>> 24) & 0xff;
  }

  bytes(src: Uint8Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** Copies src[start, end) without making a subarray (cheaper for the many short gaps between relocations). */
  range(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    if (n < 64) {
      const b = this.buf;
      let p = this.pos;
      for (let i = start; i < end; i++) b[p++] = src[i];
    } else {
      this.buf.set(src.subarray(start, end), this.pos);
    }
    this.pos += n;
  }

  name(s: string): void {
    const b = utf8.encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  /**
   * Keeps room for a u32 LEB whose value is known only once what follows it is written (a size
   * or a count); fillU32 writes it. Returns its position.
   */
  reserveU32(): number {
    this.reserve(5);
    const at = this.pos;
    this.pos += 5;
    return at;
  }

  /**
   * Writes `v` at a position kept by reserveU32. When its LEB is shorter than the 5 bytes kept,
   * what was written after it moves down (a memmove: cheaper than writing it to a second buffer
   * and copying that over); positions after `at` then shift by the difference.
   */
  fillU32(at: number, v: number): void {
    const lebSize = sizeU32(v);
    if (lebSize < 5) this.buf.copyWithin(at + lebSize, at + 5, this.pos);
    putU32(this.buf, at, v);
    this.pos -= 5 - lebSize;
  }

  /** Starts a section or subsection (id, size, payload) written in place; endSection ends it. */
  beginSection(id: number): number {
    this.u8(id);
    return this.reserveU32();
  }

  /** Ends the section whose size LEB beginSection kept at `sizeAt`. */
  endSection(sizeAt: number): void {
    this.fillU32(sizeAt, this.pos - sizeAt - 5);
  }

  /** A length-prefixed name whose UTF-8 bytes are src[start, start+length). */
  rawName(src: Uint8Array, start: number, length: number): void {
    this.u32(length);
    this.range(src, start, start + length);
  }

  /** Writes `section id, size, payload` taking the payload from another writer. */
  section(id: number, payload: ByteWriter): void {
    this.u8(id);
    this.u32(payload.pos);
    this.bytes(payload.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
