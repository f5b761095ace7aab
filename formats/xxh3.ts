// XXH3 64-bit, seed 0, default secret: what llvm::xxh3_64bits computes (LLVM's StringMap hash, and
// wasm-ld's --build-id=fast). Short inputs (<= 240 bytes) use BigInt arithmetic; long ones run the
// stripe loop in 32-bit halves (hashLong), fast enough to hash a whole output module.

const M64 = (1n << 64n) - 1n;
const PRIME32_1 = 0x9e3779b1n;
const PRIME32_2 = 0x85ebca77n;
const PRIME32_3 = 0xc2b2ae3dn;
const PRIME64_1 = 0x9e3779b185ebca87n;
const PRIME64_2 = 0xc2b2ae3d27d4eb4fn;
const PRIME64_3 = 0x165667b19e3779f9n;
const PRIME64_4 = 0x85ebca77c2b2ae63n;
const PRIME64_5 = 0x27d4eb2f165667c5n;
const PRIME_MX1 = 0x165667919e3779f9n;
const PRIME_MX2 = 0x9fb21c651e98df25n;

const SECRET = Uint8Array.from([
  0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
  0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
  0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
  0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
  0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
  0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
  0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
  0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
  0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
  0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
  0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
  0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
]);

function le64(b: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i]);
  return v;
}

function le32(b: Uint8Array, at: number): bigint {
  return BigInt((b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0);
}

const mul = (a: bigint, b: bigint) => (a * b) & M64;
const rotl = (v: bigint, r: bigint) => ((v << r) | (v >> (64n - r))) & M64;
const swap64 = (v: bigint) => {
  let out = 0n;
  for (let i = 0; i < 8; i++) out = (out << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return out;
};

function mulFold(a: bigint, b: bigint): bigint {
  const p = a * b;
  return (p & M64) ^ (p >> 64n);
}

function avalanche(h: bigint): bigint {
  h ^= h >> 37n;
  h = mul(h, PRIME_MX1);
  return h ^ (h >> 32n);
}

function xxh64Avalanche(h: bigint): bigint {
  h ^= h >> 33n;
  h = mul(h, PRIME64_2);
  h ^= h >> 29n;
  h = mul(h, PRIME64_3);
  return h ^ (h >> 32n);
}

function mix16(b: Uint8Array, at: number, secretAt: number): bigint {
  return mulFold(le64(b, at) ^ le64(SECRET, secretAt), le64(b, at + 8) ^ le64(SECRET, secretAt + 8));
}

export function xxh3_64(b: Uint8Array): bigint {
  const len = b.length;
  const n = BigInt(len);
  if (len === 0) return xxh64Avalanche(le64(SECRET, 56) ^ le64(SECRET, 64));
  if (len <= 3) {
    const combined = (BigInt(b[0]) << 16n) | (BigInt(b[len >> 1]) << 24n) | BigInt(b[len - 1]) | (n << 8n);
    return xxh64Avalanche(combined ^ (le32(SECRET, 0) ^ le32(SECRET, 4)));
  }
  if (len <= 8) {
    const keyed = (le32(b, len - 4) + (le32(b, 0) << 32n)) ^ (le64(SECRET, 8) ^ le64(SECRET, 16));
    let h = keyed ^ rotl(keyed, 49n) ^ rotl(keyed, 24n);
    h = mul(h, PRIME_MX2);
    h ^= ((h >> 35n) + n) & M64;
    h = mul(h, PRIME_MX2);
    return h ^ (h >> 28n);
  }
  if (len <= 16) {
    const lo = le64(b, 0) ^ (le64(SECRET, 24) ^ le64(SECRET, 32));
    const hi = le64(b, len - 8) ^ (le64(SECRET, 40) ^ le64(SECRET, 48));
    return avalanche((n + swap64(lo) + hi + mulFold(lo, hi)) & M64);
  }
  let acc = mul(n, PRIME64_1);
  if (len <= 128) {
    const pairs = len > 96 ? 4 : len > 64 ? 3 : len > 32 ? 2 : 1;
    for (let i = 0; i < pairs; i++) acc += mix16(b, 16 * i, 32 * i) + mix16(b, len - 16 * (i + 1), 32 * i + 16);
    return avalanche(acc & M64);
  }
  if (len <= 240) {
    for (let i = 0; i < 8; i++) acc += mix16(b, 16 * i, 16 * i);
    acc = avalanche(acc & M64);
    for (let i = 8; i < len >> 4; i++) acc += mix16(b, 16 * i, 16 * (i - 8) + 3);
    acc += mix16(b, len - 16, 136 - 17);
    return avalanche(acc & M64);
  }
  return hashLong(b);
}

/** High 32 bits of the 64-bit product of two u32s (16-bit halves keep every step exact in a double). */
function mulHigh(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const mid = a0 * b1 + a1 * b0 + ((a0 * b0) >>> 16);
  return (a1 * b1 + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Inputs over 240 bytes: eight 64-bit accumulators, kept as (lo, hi) u32 pairs in `acc`, take one
 * 64-byte stripe at a time; every 16 stripes they are scrambled; at the end they are merged (BigInt).
 */
function hashLong(b: Uint8Array): bigint {
  const len = b.length;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sec = new DataView(SECRET.buffer);
  const init = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];
  const acc = new Uint32Array(16); // lane i: acc[2i] low half, acc[2i + 1] high half
  init.forEach((v, i) => { acc[2 * i] = Number(v & 0xffffffffn); acc[2 * i + 1] = Number(v >> 32n); });
  const stripe = (at: number, secretAt: number) => {
    for (let i = 0; i < 8; i++) {
      const dlo = view.getUint32(at + 8 * i, true), dhi = view.getUint32(at + 8 * i + 4, true);
      const klo = (dlo ^ sec.getUint32(secretAt + 8 * i, true)) >>> 0;
      const khi = (dhi ^ sec.getUint32(secretAt + 8 * i + 4, true)) >>> 0;
      // acc[i ^ 1] += data
      const j = 2 * (i ^ 1);
      let lo = acc[j] + dlo;
      acc[j] = lo;
      acc[j + 1] = acc[j + 1] + dhi + (lo > 0xffffffff ? 1 : 0);
      // acc[i] += (key & 0xffffffff) * (key >> 32)
      const plo = Math.imul(klo, khi) >>> 0, phi = mulHigh(klo, khi);
      lo = acc[2 * i] + plo;
      acc[2 * i] = lo;
      acc[2 * i + 1] = acc[2 * i + 1] + phi + (lo > 0xffffffff ? 1 : 0);
    }
  };
  const scramble = () => {
    const at = SECRET.length - 64;
    for (let i = 0; i < 8; i++) {
      let lo = acc[2 * i], hi = acc[2 * i + 1];
      lo = (lo ^ (hi >>> 15)) >>> 0; // ^= acc >> 47
      lo = (lo ^ sec.getUint32(at + 8 * i, true)) >>> 0;
      hi = (hi ^ sec.getUint32(at + 8 * i + 4, true)) >>> 0;
      const p = Number(PRIME32_1); // *= PRIME32_1, modulo 2^64
      acc[2 * i] = Math.imul(lo, p);
      acc[2 * i + 1] = mulHigh(lo, p) + Math.imul(hi, p);
    }
  };
  const stripesPerBlock = (SECRET.length - 64) / 8;
  const blockLen = 64 * stripesPerBlock;
  const blocks = Math.floor((len - 1) / blockLen);
  for (let k = 0; k < blocks; k++) {
    for (let s = 0; s < stripesPerBlock; s++) stripe(k * blockLen + 64 * s, 8 * s);
    scramble();
  }
  const stripes = Math.floor((len - 1 - blockLen * blocks) / 64);
  for (let s = 0; s < stripes; s++) stripe(blocks * blockLen + 64 * s, 8 * s);
  stripe(len - 64, SECRET.length - 64 - 7);
  const lane = (i: number) => (BigInt(acc[2 * i + 1]) << 32n) | BigInt(acc[2 * i]);
  let result = mul(BigInt(len), PRIME64_1);
  for (let i = 0; i < 4; i++) result += mulFold(lane(2 * i) ^ le64(SECRET, 11 + 16 * i), lane(2 * i + 1) ^ le64(SECRET, 11 + 16 * i + 8));
  return avalanche(result & M64);
}
