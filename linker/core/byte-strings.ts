// Interning of byte strings: each distinct string (symbol names, merged string constants) gets a
// dense id, found by hashing an occurrence's bytes where they lie in the input and comparing them
// with a copy of each interned string, so that no JS string is made for each occurrence (profiled:
// decoding occurrences to strings and looking them up in a Map was ~10% of the large link, plus
// the GC of those strings).
import { resized } from '../../formats/columns';

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
  /** Buffers strings are looked up from (input files, name pools), by the index `source` gives. */
  private sources: Uint8Array[] = [];
  /** A DataView of each source, for reading four bytes at a time. */
  private views: DataView[] = [];
  private sourceIds = new Map<Uint8Array, number>();
  /**
   * A copy of every string added, one after another. A lookup compares against these rather than
   * against the input the string first came from: profiled on the large link, those comparisons
   * were cache misses into inputs read long before (~20 ms of resolution).
   */
  private arena = new Uint8Array(1 << 16);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  /** Where string `id` lies in the arena. */
  private strStart = new Uint32Array(1024);
  private strLength = new Uint32Array(1024);
  /** The string (source, start, length) the last find did not find, and its hash. */
  private missSource = -1;
  private missStart = 0;
  private missLength = 0;
  private missHash = 0;
  /**
   * Open addressing, SLOT words a slot: hash, id + 1 (0: empty), arena start, length, so that a
   * probe reads one slot and, when the hash matches, the arena. At most half full.
   */
  private slots: Int32Array;

  /**
   * `expected`: how many strings to make room for before the table first grows. The table grows
   * fourfold: growing rehashes every string in a loop that runs too seldom to be optimized
   * (doubling from 512 was ~9 ms of the large link's 60k names). Starting at 64k made hello
   * world 7 ms slower (a 2 MB table, its pages touched at random).
   */
  constructor(expected = 512) {
    this.slots = new Int32Array(SLOT * 2 * 2 ** Math.ceil(Math.log2(Math.max(expected, 256))));
  }

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
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const id1 = slots[at + 1];
      if (id1 === 0) {
        // Kept for add(), which usually follows a failed find of the same string.
        this.missSource = src;
        this.missStart = start;
        this.missLength = length;
        this.missHash = h;
        return -1;
      }
      if (slots[at] === h && slots[at + 3] === length && this.equals(slots[at + 2], view, bytes, start, length)) return id1 - 1;
    }
  }

  /** Adds a string not in the table yet; returns its id. */
  add(src: number, start: number, length: number): number {
    if (this.count === this.strStart.length) this.grow();
    const id = this.count++;
    const bytes = this.sources[src];
    const h = src === this.missSource && start === this.missStart && length === this.missLength ? this.missHash
      : hashBytes(this.views[src], bytes, start, length);
    this.missSource = -1;
    if (this.arenaUsed + length > this.arena.length) {
      this.arena = resized(this.arena, Math.max(this.arena.length * 4, this.arenaUsed + length));
      this.arenaView = new DataView(this.arena.buffer);
    }
    const at = this.arenaUsed;
    const arena = this.arena;
    for (let i = 0; i < length; i++) arena[at + i] = bytes[start + i]; // names are short: no subarray object
    this.arenaUsed += length;
    this.strStart[id] = at;
    this.strLength[id] = length;
    if (this.count * 2 * SLOT > this.slots.length) this.rehash(this.slots.length * 4);
    this.place(h, id + 1, at, length);
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

  /** The buffer string `id` lies in (at startOf(id), for lengthOf(id) bytes); valid until the next add. */
  bytesOf(_id: number): Uint8Array {
    return this.arena;
  }

  startOf(id: number): number {
    return this.strStart[id];
  }

  lengthOf(id: number): number {
    return this.strLength[id];
  }

  private equals(at: number, view: DataView, bytes: Uint8Array, start: number, length: number): boolean {
    const arenaView = this.arenaView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (arenaView.getUint32(at + i, true) !== view.getUint32(start + i, true)) return false;
    const arena = this.arena;
    for (; i < length; i++) if (arena[at + i] !== bytes[start + i]) return false;
    return true;
  }

  private place(hash: number, id1: number, at: number, length: number): void {
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    let slot = hash & mask;
    while (slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
    const s = slot * SLOT;
    slots[s] = hash;
    slots[s + 1] = id1;
    slots[s + 2] = at;
    slots[s + 3] = length;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    for (let s = 0; s < old.length; s += SLOT) if (old[s + 1] !== 0) this.place(old[s], old[s + 1], old[s + 2], old[s + 3]);
  }

  private grow(): void {
    const cap = this.strStart.length * 4; // fourfold, as Symbols grows (fewer copies)
    this.strStart = resized(this.strStart, cap);
    this.strLength = resized(this.strLength, cap);
  }
}

/** Words per hash-table slot (ByteStrings.slots). */
const SLOT = 4;
