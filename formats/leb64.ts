// 64-bit signed LEB128 writers that take the value as two u32 halves (or a number below 2^53),
// so that lowering i64 immediates and wasm64 addresses (codegen's Emit, the linker's relocations of
// wasm64 code and data) never allocates a bigint.

/** Compact signed LEB of the 64-bit value hi:lo. Returns the new position. */
export function putS64Halves(b: Uint8Array, pos: number, lo: number, hi: number): number {
  lo |= 0;
  hi |= 0;
  for (;;) {
    const byte = lo & 0x7f;
    // Arithmetic shift right by 7 of the 64-bit pair.
    lo = (lo >>> 7) | (hi << 25);
    hi >>= 7;
    if ((hi === 0 && lo === 0 && (byte & 0x40) === 0) || (hi === -1 && lo === -1 && (byte & 0x40) !== 0)) {
      b[pos++] = byte;
      return pos;
    }
    b[pos++] = byte | 0x80;
  }
}

/** 10-byte padded signed LEB of hi:lo (the relocatable form of 64-bit immediates). */
export function putPaddedS64Halves(b: Uint8Array, pos: number, lo: number, hi: number): number {
  lo |= 0;
  hi |= 0;
  for (let i = 0; i < 9; i++) {
    b[pos++] = (lo & 0x7f) | 0x80;
    lo = (lo >>> 7) | (hi << 25);
    hi >>= 7;
  }
  b[pos++] = lo & 0x7f;
  return pos;
}

/** Low and high u32 halves of an integer number (two's complement for negatives). */
export function lo32(v: number): number {
  return v >>> 0;
}

export function hi32(v: number): number {
  return Math.floor(v / 4294967296) | 0;
}
