// Interning of byte strings where they lie: each distinct string (symbol names, merged string
// constants) gets a dense id, found by hashing and comparing its bytes in the input buffers, so
// that no JS string is made for each occurrence (profiled: decoding occurrences to strings and
// looking them up in a Map was ~10% of the large link, plus the GC of those strings).
import { resized } from '../formats/columns';

/**
 * Hash of bytes [start, start+length) of `bytes` (`view` is a DataView of the same bytes): four
 * bytes at a time (names average ~14 bytes; byte by byte, hashing was ~10 ms of the large link).
 */
function hashBytes(view: DataView, bytes: Uint8Array, start: number, length: number): number {
  let h = length ^ 0x811c9dc5;
  let i = start;
  const end = start + length;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ view.getUint32(i, true), 0x9e3779b1);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h ^ (h >>> 13);
}

export class ByteStrings {
  count = 0;
  /** Buffers the strings lie in: string `id` is sources[strSource[id]] at [strStart[id], +strLength[id]). */
  private sources: Uint8Array[] = [];
  /** A DataView of each source, for reading four bytes at a time. */
  private views: DataView[] = [];
  private sourceIds = new Map<Uint8Array, number>();
  private strSource = new Int32Array(256);
  private strStart = new Uint32Array(256);
  private strLength = new Uint32Array(256);
  private strHash = new Int32Array(256);
  /** The string (source, start, length) the last find did not find, and its hash. */
  private missSource = -1;
  private missStart = 0;
  private missLength = 0;
  private missHash = 0;
  /** Open addressing: id, or -1 for an empty slot. Kept at most half full. */
  private slots = new Int32Array(1024).fill(-1);

  /** The index under which `bytes` is known as a source; registered once. */
  source(bytes: Uint8Array): number {
    let src = this.sourceIds.get(bytes);
    if (src === undefined) {
      src = this.sources.length;
      this.sources.push(bytes);
      this.views.push(new DataView(bytes.buffer, bytes.byteOffset, bytes.length));
      this.sourceIds.set(bytes, src);
    }
    return src;
  }

  /** Id of the string equal to bytes [start, start+length) of source `src`, or -1. */
  find(src: number, start: number, length: number): number {
    const bytes = this.sources[src];
    const view = this.views[src];
    const h = hashBytes(view, bytes, start, length);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id < 0) {
        // Kept for add(), which usually follows a failed find of the same string.
        this.missSource = src;
        this.missStart = start;
        this.missLength = length;
        this.missHash = h;
        return -1;
      }
      if (this.strHash[id] === h && this.strLength[id] === length && this.equals(id, view, bytes, start, length)) return id;
    }
  }

  /** Adds a string not in the table yet; returns its id. */
  add(src: number, start: number, length: number): number {
    if (this.count === this.strHash.length) this.grow();
    const id = this.count++;
    this.strSource[id] = src;
    this.strStart[id] = start;
    this.strLength[id] = length;
    this.strHash[id] = src === this.missSource && start === this.missStart && length === this.missLength ? this.missHash
      : hashBytes(this.views[src], this.sources[src], start, length);
    this.missSource = -1;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 4);
    else this.place(id);
    return id;
  }

  /** Bytes of a source were rewritten (a reused buffer): a hash kept from find() may no longer hold. */
  forgetMiss(): void {
    this.missSource = -1;
  }

  intern(src: number, start: number, length: number): number {
    const id = this.find(src, start, length);
    return id >= 0 ? id : this.add(src, start, length);
  }

  /** The buffer registered as source `src`. */
  sourceBytes(src: number): Uint8Array {
    return this.sources[src];
  }

  /** The buffer string `id` lies in (at startOf(id), for lengthOf(id) bytes). */
  bytesOf(id: number): Uint8Array {
    return this.sources[this.strSource[id]];
  }

  startOf(id: number): number {
    return this.strStart[id];
  }

  lengthOf(id: number): number {
    return this.strLength[id];
  }

  private equals(id: number, view: DataView, bytes: Uint8Array, start: number, length: number): boolean {
    const src = this.strSource[id];
    const otherView = this.views[src];
    const o = this.strStart[id];
    let i = 0;
    for (; i + 4 <= length; i += 4) if (otherView.getUint32(o + i, true) !== view.getUint32(start + i, true)) return false;
    const other = this.sources[src];
    for (; i < length; i++) if (other[o + i] !== bytes[start + i]) return false;
    return true;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = this.strHash[id] & mask;
    while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = id;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let id = 0; id < this.count; id++) this.place(id);
  }

  private grow(): void {
    const cap = this.strHash.length * 4; // fourfold, as Symbols grows (fewer copies)
    this.strSource = resized(this.strSource, cap);
    this.strStart = resized(this.strStart, cap);
    this.strLength = resized(this.strLength, cap);
    this.strHash = resized(this.strHash, cap);
  }
}
