// Merging of NUL-terminated strings, as wasm-ld does at -O1 and above for data segments flagged
// STRINGS and for `.debug_str`: identical strings are stored once, and a string that is the tail
// of another ("bar\0" in "foobar\0") points into it. Each input chunk gets a piece map (input
// offset of every string → its output offset) used to relocate references into it.
//
// Strings are compared as bytes where they lie (byte-strings.ts), and the piece maps of all
// chunks share the merger's arrays: a large link adds ~20k chunks of one or two strings each, and
// a string key and two typed arrays per chunk made this ~5% of it.
import { resized } from '../../formats/columns';
import { ByteStrings } from './byte-strings';

/** The pieces of one chunk: pieces [first, first+count) of its merger. */
export interface StringPieces {
  merger: StringMerger;
  first: number;
  count: number;
}

export class StringMerger {
  private strings = new ByteStrings();
  /** Per piece: input offset within its chunk, string id, and (after finish) output offset. */
  pieceStart = new Uint32Array(256);
  private pieceString = new Int32Array(256);
  pieceOut = new Uint32Array(0);
  private pieceCount = 0;

  /** Adds chunk `bytes[start, start+size)`; returns null if its last string lacks a NUL. */
  add(bytes: Uint8Array, start: number, size: number): StringPieces | null {
    const end = start + size;
    const src = this.strings.source(bytes);
    const first = this.pieceCount;
    let p = start;
    while (p < end) {
      let q = p;
      while (q < end && bytes[q] !== 0) q++;
      if (q === end) {
        this.pieceCount = first;
        return null;
      }
      this.addPiece(p - start, this.strings.intern(src, p, q + 1 - p));
      p = q + 1;
    }
    return { merger: this, first, count: this.pieceCount - first };
  }

  /** Lays out the unique strings with tail sharing; fills every piece map; returns the bytes. */
  finish(): Uint8Array {
    const s = this.strings;
    const order = Array.from({ length: s.count }, (_, i) => i).sort((a, b) => this.compareReversed(b, a));
    const offsets = new Uint32Array(s.count);
    const placed: number[] = []; // strings that own their bytes; the others are tails of these
    let size = 0;
    let prev = -1;
    for (const id of order) {
      if (prev >= 0 && this.isTailOf(id, prev)) {
        offsets[id] = offsets[prev] + s.lengthOf(prev) - s.lengthOf(id);
        continue;
      }
      offsets[id] = size;
      size += s.lengthOf(id);
      placed.push(id);
      prev = id;
    }
    const out = new Uint8Array(size);
    for (const id of placed) out.set(s.bytesOf(id).subarray(s.startOf(id), s.startOf(id) + s.lengthOf(id)), offsets[id]);
    this.pieceOut = new Uint32Array(this.pieceCount);
    for (let i = 0; i < this.pieceCount; i++) this.pieceOut[i] = offsets[this.pieceString[i]];
    return out;
  }

  private addPiece(start: number, string: number): void {
    const n = this.pieceCount++;
    if (n === this.pieceStart.length) {
      this.pieceStart = resized(this.pieceStart, n * 2);
      this.pieceString = resized(this.pieceString, n * 2);
    }
    this.pieceStart[n] = start;
    this.pieceString[n] = string;
  }

  /** Orders strings by their bytes read from the end (so that tails sort next to each other). */
  private compareReversed(a: number, b: number): number {
    const s = this.strings;
    const ab = s.bytesOf(a), bb = s.bytesOf(b);
    let i = s.startOf(a) + s.lengthOf(a) - 1, j = s.startOf(b) + s.lengthOf(b) - 1;
    for (const ai = s.startOf(a), bj = s.startOf(b); i >= ai && j >= bj; i--, j--) {
      const d = ab[i] - bb[j];
      if (d !== 0) return d;
    }
    return s.lengthOf(a) - s.lengthOf(b);
  }

  private isTailOf(id: number, of: number): boolean {
    const s = this.strings;
    const n = s.lengthOf(id), m = s.lengthOf(of);
    if (n > m) return false;
    const a = s.bytesOf(id), b = s.bytesOf(of);
    const ai = s.startOf(id), bi = s.startOf(of) + m - n;
    for (let k = 0; k < n; k++) if (a[ai + k] !== b[bi + k]) return false;
    return true;
  }
}

/** Output offset of input offset `off` of a merged chunk (inside a string keeps its distance). */
export function mapPieceOffset(p: StringPieces, off: number): number {
  const s = p.merger.pieceStart;
  let lo = p.first, hi = p.first + p.count - 1;
  if (hi < lo) return off;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return p.merger.pieceOut[lo] + (off - s[lo]);
}
