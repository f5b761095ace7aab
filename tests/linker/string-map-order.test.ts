// xxh3_64 against the reference implementation (Python's xxhash 4.0.1, xxh3_64_intdigest), inputs of
// each of its length classes, including several blocks of the long-input path; the StringSet order
// itself is checked against wasm-ld by the golden program export_order.
import { xxh3_64 } from '../../formats/xxh3';
import { stringSetOrder } from '../../linker/resolve/string-map-order';

const bytes = (s: string) => new TextEncoder().encode(s);

test.each([
  ['', 0x2d06800538d394c2n],
  ['a', 0xe6c632b61e964e1fn],
  ['abc', 0x78af5f94892f3950n],
  ['crc32', 0x6a523b46f6e69a10n],
  ['zlibVersion', 0x9241d4f931a2d5b7n],
  ['hello world!!', 0x93868c6e5c5f88cen],
  ['x'.repeat(17), 0x89975e6b7d2f5a11n],
  ['x'.repeat(100), 0xc90984ffdf50ce42n],
  ['y'.repeat(129), 0xed2ac973732f0769n],
  ['z'.repeat(240), 0xbf0e0b40af0c6df2n],
  ['w'.repeat(241), 0xe4522033e988b656n],
  ['v'.repeat(1000), 0xd8a0bd674ac55a83n],
  ['u'.repeat(5000), 0xd0c4db910833083n],
])('xxh3_64 of a %#-th input', (input, expected) => {
  expect(xxh3_64(bytes(input))).toBe(expected);
});

/** A byte pattern that is not periodic over a stripe: ((i * 31 + 7) ^ (i >> 8)) & 0xff. */
const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => ((i * 31 + 7) ^ (i >> 8)) & 0xff);

test.each([
  [241, 0xb3b630948ce4a00n],
  [1025, 0x38f5f1f86ddfa599n],
  [4113, 0xb4738b19be702752n],
  [100000, 0x3af21d5f4869b6ecn],
])('xxh3_64 of a %i-byte pattern (long-input path)', (n, expected) => {
  expect(xxh3_64(pattern(n))).toBe(expected);
});

test('StringSet order: each name once, all of them, through table growth', () => {
  const names = Array.from({ length: 100 }, (_, i) => `sym${i}`);
  const order = stringSetOrder([...names, ...names.slice(0, 10)]);
  expect([...order].sort()).toEqual([...names].sort());
  expect(order).not.toEqual(names); // hash order, not insertion order
});
