// The few instructions the linker's own function bodies and constant expressions are made of
// (output/module.ts, output/memory-bodies.ts, output/pic-bodies.ts), written straight into a
// ByteWriter: constants, additions and stores of the address type (i64 in a wasm64 link), global.get
// and global.set.
import { ByteWriter } from '../../formats/byte-writer';

/** A constant address (or size in memory): `i64.const` in a wasm64 link, else `i32.const`. */
export function ptrConst(w: ByteWriter, wasm64: boolean, v: number): void {
  if (wasm64) {
    w.u8(0x42);
    w.s64(BigInt(v));
  } else {
    w.u8(0x41);
    w.s32(v);
  }
}

/** `i64.add` when `wasm64`, else `i32.add`. */
export function ptrAdd(w: ByteWriter, wasm64: boolean): void {
  w.u8(wasm64 ? 0x7c : 0x6a);
}

/** `i64.store` when `wide`, else `i32.store`, with wasm-ld's memarg (align 4, offset 0). */
export function ptrStore(w: ByteWriter, wide: boolean): void {
  w.u8(wide ? 0x37 : 0x36);
  w.u8(2);
  w.u8(0);
}

export function i32Const(w: ByteWriter, v: number): void {
  w.u8(0x41);
  w.s32(v | 0);
}

export function globalGet(w: ByteWriter, index: number): void {
  w.u8(0x23);
  w.u32(index);
}

export function globalSet(w: ByteWriter, index: number): void {
  w.u8(0x24);
  w.u32(index);
}

export function localGet(w: ByteWriter, index: number): void {
  w.u8(0x20);
  w.u32(index);
}

export function call(w: ByteWriter, index: number): void {
  w.u8(0x10);
  w.u32(index);
}
