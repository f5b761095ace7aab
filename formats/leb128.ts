// LEB128 reading and writing. 32-bit values are plain numbers; 64-bit values are bigints.
// Readers take (bytes, pos) and return the value; skipLeb gives the position after a LEB, and the
// writers return the new position. These helpers are for occasional reads (section headers of a
// written module, tests); parsers use Reader, which decodes inline and keeps its own position.
// Errors surface as FormatError with the byte offset.

export class FormatError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function readU32(b: Uint8Array, pos: number): number {
  let result = 0;
  let shift = 0;
  const start = pos;
  for (;;) {
    if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
    const byte = b[pos++];
    if (shift === 28 && (byte & 0x70) !== 0) throw new FormatError(start, 'LEB128 value out of range for u32');
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new FormatError(start, 'LEB128 too long for u32');
  }
  return result >>> 0;
}

export function readS32(b: Uint8Array, pos: number): number {
  let result = 0;
  let shift = 0;
  const start = pos;
  let byte: number;
  for (;;) {
    if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
    byte = b[pos++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
    if ((byte & 0x80) === 0) break;
    if (shift > 28) {
      if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
      byte = b[pos++];
      if (byte & 0x80) throw new FormatError(start, 'LEB128 too long for i32');
      result |= byte << 28;
      return result | 0;
    }
  }
  if (shift < 32 && (byte & 0x40) !== 0) result |= -1 << shift;
  return result | 0;
}

export function readU64(b: Uint8Array, pos: number): bigint {
  let result = 0n;
  let shift = 0n;
  const start = pos;
  for (;;) {
    if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
    const byte = b[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) break;
    if (shift > 63n) throw new FormatError(start, 'LEB128 too long for u64');
  }
  return BigInt.asUintN(64, result);
}

export function readS64(b: Uint8Array, pos: number): bigint {
  let result = 0n;
  let shift = 0n;
  const start = pos;
  let byte: number;
  for (;;) {
    if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
    byte = b[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) break;
    if (shift > 63n) throw new FormatError(start, 'LEB128 too long for i64');
  }
  if (shift < 64n && (byte & 0x40) !== 0) result |= -1n << shift;
  return BigInt.asIntN(64, result);
}

/**
 * Position just after the LEB128 that starts at pos (what a read* function consumed there). Only
 * the continuation bits are looked at: the value itself is checked by the read* functions.
 */
export function skipLeb(b: Uint8Array, pos: number): number {
  const start = pos;
  for (;;) {
    if (pos >= b.length) throw new FormatError(start, 'unexpected end of data in LEB128');
    if ((b[pos++] & 0x80) === 0) return pos;
    if (pos - start >= 10) throw new FormatError(start, 'LEB128 too long');
  }
}

/** Number of bytes of the compact unsigned LEB128 encoding of v (u32). */
export function sizeU32(v: number): number {
  v >>>= 0;
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Number of bytes of the compact signed LEB128 encoding of v (i32). */
export function sizeS32(v: number): number {
  v |= 0;
  let n = 1;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return n;
    n++;
  }
}

/** Writes compact unsigned LEB at pos; returns the new position. */
export function putU32(b: Uint8Array, pos: number, v: number): number {
  v >>>= 0;
  while (v >= 0x80) {
    b[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  b[pos++] = v;
  return pos;
}

/** Writes compact signed LEB at pos; returns the new position. */
export function putS32(b: Uint8Array, pos: number, v: number): number {
  v |= 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      b[pos++] = byte;
      return pos;
    }
    b[pos++] = byte | 0x80;
  }
}

/** Writes a 5-byte padded unsigned LEB (the relocatable form). */
export function putPaddedU32(b: Uint8Array, pos: number, v: number): number {
  v >>>= 0;
  b[pos] = (v & 0x7f) | 0x80;
  b[pos + 1] = ((v >>> 7) & 0x7f) | 0x80;
  b[pos + 2] = ((v >>> 14) & 0x7f) | 0x80;
  b[pos + 3] = ((v >>> 21) & 0x7f) | 0x80;
  b[pos + 4] = (v >>> 28) & 0x0f;
  return pos + 5;
}

/** Writes a 5-byte padded signed LEB. */
export function putPaddedS32(b: Uint8Array, pos: number, v: number): number {
  v |= 0;
  b[pos] = (v & 0x7f) | 0x80;
  b[pos + 1] = ((v >> 7) & 0x7f) | 0x80;
  b[pos + 2] = ((v >> 14) & 0x7f) | 0x80;
  b[pos + 3] = ((v >> 21) & 0x7f) | 0x80;
  b[pos + 4] = (v >> 28) & 0x7f;
  return pos + 5;
}

/**
 * Writes a 10-byte padded LEB (the field of a 64-bit LEB relocation) of `v`, an integer of 32 bits:
 * sign-extended to 64 bits when negative (signed fields), zero-extended otherwise.
 */
export function putPadded64(b: Uint8Array, pos: number, v: number): number {
  const fill = v < 0 ? 0x7f : 0;
  b[pos] = (v & 0x7f) | 0x80;
  b[pos + 1] = ((v >>> 7) & 0x7f) | 0x80;
  b[pos + 2] = ((v >>> 14) & 0x7f) | 0x80;
  b[pos + 3] = ((v >>> 21) & 0x7f) | 0x80;
  b[pos + 4] = ((v >>> 28) & 0x0f) | (fill & 0x70) | 0x80;
  for (let k = 5; k < 9; k++) b[pos + k] = fill | 0x80;
  b[pos + 9] = fill;
  return pos + 10;
}

/** Writes the compact unsigned LEB of `v`, a whole number from 0 to 2^53 (a wasm64 address). */
export function putU53(b: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    b[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  b[pos++] = v;
  return pos;
}

export function putU64(b: Uint8Array, pos: number, v: bigint): number {
  v = BigInt.asUintN(64, v);
  while (v >= 0x80n) {
    b[pos++] = Number(v & 0x7fn) | 0x80;
    v >>= 7n;
  }
  b[pos++] = Number(v);
  return pos;
}

export function putS64(b: Uint8Array, pos: number, v: bigint): number {
  v = BigInt.asIntN(64, v);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      b[pos++] = byte;
      return pos;
    }
    b[pos++] = byte | 0x80;
  }
}
