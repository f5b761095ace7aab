// formats/sha1.ts against node's OpenSSL SHA-1: empty input, the padding boundaries (55, 56, 63, 64
// bytes), random lengths, and input split into parts at random places.
import { createHash } from 'node:crypto';
import { sha1 } from '../../formats/sha1';

const reference = (...parts: Uint8Array[]) => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return Uint8Array.from(h.digest());
};

/** Deterministic bytes (xorshift), so a failure can be replayed. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

test('known digests', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
});

test('every length up to 300 bytes, and larger ones, as OpenSSL computes them', () => {
  for (let n = 0; n <= 300; n++) expect(sha1(bytes(n, n + 1))).toEqual(reference(bytes(n, n + 1)));
  for (const n of [1 << 10, (1 << 20) + 7, 3 << 20]) expect(sha1(bytes(n, n))).toEqual(reference(bytes(n, n)));
});

test('input in parts hashes as the concatenation', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const data = bytes(seed * 7, seed);
    const cuts = [0, (seed * 13) % (data.length + 1), (seed * 31) % (data.length + 1), data.length].sort((a, b) => a - b);
    const parts = cuts.slice(1).map((end, i) => data.subarray(cuts[i], end));
    expect(sha1(...parts)).toEqual(reference(data));
  }
});
