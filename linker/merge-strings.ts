// Merging of NUL-terminated strings, as wasm-ld does at -O1 and above for data segments flagged
// STRINGS and for `.debug_str`: identical strings are stored once, and a string that is the tail
// of another ("bar\0" in "foobar\0") points into it. Each input chunk gets a piece map (input
// offset of every string → its output offset) used to relocate references into it.

export interface StringPieces {
  /** Input offset (within the chunk) of each string. */
  starts: Uint32Array;
  /** Output offset (within the merged chunk) of each string, filled by finish(). */
  outs: Uint32Array;
}

export class StringMerger {
  private keys: string[] = [];
  private pieces: StringPieces[] = [];
  private pieceKeys: number[][] = [];
  private index = new Map<string, number>();

  /** Adds chunk `bytes[start, start+size)`; returns null if its last string lacks a NUL. */
  add(bytes: Uint8Array, start: number, size: number): StringPieces | null {
    const end = start + size;
    const starts: number[] = [];
    const ids: number[] = [];
    let p = start;
    while (p < end) {
      let q = p;
      while (q < end && bytes[q] !== 0) q++;
      if (q === end) return null;
      const key = latin1(bytes, p, q + 1);
      let id = this.index.get(key);
      if (id === undefined) {
        id = this.keys.length;
        this.keys.push(key);
        this.index.set(key, id);
      }
      starts.push(p - start);
      ids.push(id);
      p = q + 1;
    }
    const pieces = { starts: Uint32Array.from(starts), outs: new Uint32Array(starts.length) };
    this.pieces.push(pieces);
    this.pieceKeys.push(ids);
    return pieces;
  }

  /** Lays out the unique strings with tail sharing; fills every piece map; returns the bytes. */
  finish(): Uint8Array {
    const keys = this.keys;
    const order = keys.map((_, i) => i).sort((a, b) => compareReversed(keys[b], keys[a]));
    const offsets = new Uint32Array(keys.length);
    const placed: number[] = []; // strings that own their bytes; the others are tails of these
    let size = 0;
    let prev = -1;
    for (const id of order) {
      const k = keys[id];
      if (prev >= 0 && keys[prev].endsWith(k)) {
        offsets[id] = offsets[prev] + keys[prev].length - k.length;
        continue;
      }
      offsets[id] = size;
      size += k.length;
      placed.push(id);
      prev = id;
    }
    const out = new Uint8Array(size);
    for (const id of placed) {
      const k = keys[id];
      const at = offsets[id];
      for (let i = 0; i < k.length; i++) out[at + i] = k.charCodeAt(i);
    }
    for (let c = 0; c < this.pieces.length; c++) {
      const ids = this.pieceKeys[c];
      const outs = this.pieces[c].outs;
      for (let i = 0; i < ids.length; i++) outs[i] = offsets[ids[i]];
    }
    return out;
  }
}

/** Output offset of input offset `off` of a merged chunk (inside a string keeps its distance). */
export function mapPieceOffset(p: StringPieces, off: number): number {
  const s = p.starts;
  let lo = 0, hi = s.length - 1;
  if (hi < 0) return off;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return p.outs[lo] + (off - s[lo]);
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(end, i + 4096)));
  return s;
}

/** Orders strings by their characters read from the end (so that tails sort next to each other). */
function compareReversed(a: string, b: string): number {
  let i = a.length - 1, j = b.length - 1;
  while (i >= 0 && j >= 0) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d;
    i--; j--;
  }
  return a.length - b.length;
}
