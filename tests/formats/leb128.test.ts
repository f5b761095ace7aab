import {
  FormatError, putPadded64, putPaddedS32, putPaddedU32, putS32, putU32, readS32, readS64, readU32, readU64, sizeS32, sizeU32, skipLeb,
} from '../../formats/leb128';

const U32_CASES = [0, 1, 127, 128, 255, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1];
const S32_CASES = [0, 1, -1, 63, 64, -64, -65, 8191, -8192, 2 ** 31 - 1, -(2 ** 31), 123456, -123456];

describe('u32 LEB128', () => {
  test.each(U32_CASES)('%d round-trips compact and padded', (v) => {
    const b = new Uint8Array(10);
    const end = putU32(b, 0, v);
    expect(end).toBe(sizeU32(v));
    expect(readU32(b, 0)).toBe(v);
    expect(skipLeb(b, 0)).toBe(end);
    expect(putPaddedU32(b, 0, v)).toBe(5);
    expect(readU32(b, 0)).toBe(v);
    expect(skipLeb(b, 0)).toBe(5);
  });
  test('rejects truncated, overlong and out-of-range encodings', () => {
    expect(() => readU32(new Uint8Array([0x80, 0x80]), 0)).toThrow(FormatError);
    expect(() => readU32(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), 0)).toThrow('too long');
    expect(() => readU32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x1f]), 0)).toThrow('out of range');
  });
  test('errors carry the offset where the LEB starts', () => {
    try {
      readU32(new Uint8Array([0, 0, 0x80]), 2);
      throw new Error('no error');
    } catch (e) {
      expect((e as FormatError).offset).toBe(2);
    }
  });
});

describe('s32 LEB128', () => {
  test.each(S32_CASES)('%d round-trips compact and padded', (v) => {
    const b = new Uint8Array(10);
    const end = putS32(b, 0, v);
    expect(end).toBe(sizeS32(v));
    expect(readS32(b, 0)).toBe(v);
    expect(putPaddedS32(b, 0, v)).toBe(5);
    expect(readS32(b, 0)).toBe(v);
    expect(skipLeb(b, 0)).toBe(5);
  });
  test('compact encodings are minimal', () => {
    expect(sizeS32(63)).toBe(1);
    expect(sizeS32(64)).toBe(2);
    expect(sizeS32(-64)).toBe(1);
    expect(sizeS32(-65)).toBe(2);
    expect(sizeU32(127)).toBe(1);
    expect(sizeU32(128)).toBe(2);
  });
});

describe('64-bit LEB128', () => {
  test('reads u64 and s64 values beyond 2^53', () => {
    // 2^63 - 1 as unsigned, -2^63 as signed.
    expect(readU64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), 0)).toBe(2n ** 63n - 1n);
    expect(readS64(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]), 0)).toBe(-(2n ** 63n));
  });
});

describe('10-byte padded LEBs (the field of a 64-bit LEB relocation)', () => {
  test.each([...U32_CASES, ...S32_CASES])('%d round-trips, sign-extended when negative', (v) => {
    const b = new Uint8Array(12).fill(0xee);
    expect(putPadded64(b, 1, v)).toBe(11);
    expect(skipLeb(b, 1)).toBe(11);
    expect(b[11]).toBe(0xee);
    if (v >= 0) expect(readU64(b, 1)).toBe(BigInt(v));
    expect(readS64(b, 1)).toBe(BigInt(v));
  });
});
