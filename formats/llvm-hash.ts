// llvm::hash_value of a byte string (hash_combine_range over chars, LLVM 19's CityHash-derived
// hash_short and hash_state) with the fixed seed of a release build (0xff51afd7ed558ccd; builds with
// LLVM_ENABLE_ABI_BREAKING_CHECKS seed it with a function's address instead). DenseMap<StringRef>
// hashes keys with it, truncated to 32 bits, which decides that map's iteration order (wasm-ld's stub
// libraries, linker/resolve/string-map-order.ts). BigInt arithmetic: a few names per stub line.

const M64 = (1n << 64n) - 1n;
/** CityHash's k0-k3 and the seed. */
const [K0, K1, K2, K3, SEED] = [0xc3a5c85c97cb3127n, 0xb492b66fbe98f273n, 0x9ae16a3b2f90404fn, 0xc949d7c7509e6557n, 0xff51afd7ed558ccdn];

const mul = (a: bigint, b: bigint): bigint => (a * b) & M64;
const add = (...v: bigint[]): bigint => v.reduce((s, x) => s + x, 0n) & M64;
const rotr = (v: bigint, s: number): bigint => (s === 0 ? v : ((v >> BigInt(s)) | (v << BigInt(64 - s))) & M64);
const shiftMix = (v: bigint): bigint => v ^ (v >> 47n);
const fetch32 = (b: Uint8Array, i: number): bigint => BigInt((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0);
const fetch64 = (b: Uint8Array, i: number): bigint => fetch32(b, i) | (fetch32(b, i + 4) << 32n);

function hash16(low: bigint, high: bigint): bigint {
  const kMul = 0x9ddfea08eb382d69n;
  let a = mul(low ^ high, kMul);
  a ^= a >> 47n;
  let b = mul(high ^ a, kMul);
  b ^= b >> 47n;
  return mul(b, kMul);
}

function hashShort(s: Uint8Array, seed: bigint): bigint {
  const len = s.length, n = BigInt(len);
  if (len >= 4 && len <= 8) return hash16(add(n, fetch32(s, 0) << 3n), seed ^ fetch32(s, len - 4));
  if (len > 8 && len <= 16) {
    const a = fetch64(s, 0), b = fetch64(s, len - 8);
    return hash16(seed ^ a, rotr(add(b, n), len)) ^ b;
  }
  if (len > 16 && len <= 32) {
    const a = mul(fetch64(s, 0), K1), b = fetch64(s, 8), c = mul(fetch64(s, len - 8), K2), d = mul(fetch64(s, len - 16), K0);
    return hash16(add(rotr((a - b) & M64, 43), rotr(c ^ seed, 30), d), (add(a, rotr(b ^ K3, 20), n, seed) - c) & M64);
  }
  if (len > 32) {
    let z = fetch64(s, 24);
    let a = add(fetch64(s, 0), mul(add(n, fetch64(s, len - 16)), K0));
    let b = rotr(add(a, z), 52);
    let c = rotr(a, 37);
    a = add(a, fetch64(s, 8));
    c = add(c, rotr(a, 7));
    a = add(a, fetch64(s, 16));
    const vf = add(a, z);
    const vs = add(b, rotr(a, 31), c);
    a = add(fetch64(s, 16), fetch64(s, len - 32));
    z = fetch64(s, len - 8);
    b = rotr(add(a, z), 52);
    c = rotr(a, 37);
    a = add(a, fetch64(s, len - 24));
    c = add(c, rotr(a, 7));
    a = add(a, fetch64(s, len - 16));
    const wf = add(a, z);
    const ws = add(b, rotr(a, 31), c);
    const r = shiftMix(add(mul(add(vf, ws), K2), mul(add(wf, vs), K0)));
    return mul(shiftMix(add(seed ^ mul(r, K0), vs)), K2);
  }
  if (len !== 0) {
    const y = BigInt(s[0] + (s[len >> 1] << 8));
    const z = BigInt(len + (s[len - 1] << 2));
    return mul(shiftMix(mul(y, K2) ^ mul(z, K3) ^ seed), K2);
  }
  return K2 ^ seed;
}

/** The 64-byte state of hash_combine_range for inputs longer than 64 bytes. */
class HashState {
  h = new Array<bigint>(7).fill(0n);

  constructor(s: Uint8Array, seed: bigint) {
    const h = this.h;
    h[1] = seed;
    h[2] = hash16(seed, K1);
    h[3] = rotr(seed ^ K1, 49);
    h[4] = mul(seed, K1);
    h[5] = shiftMix(seed);
    h[6] = hash16(h[4], h[5]);
    this.mix(s, 0);
  }

  /** mix_32_bytes on (h[ia], h[ib]). */
  private mix32(s: Uint8Array, at: number, ia: number, ib: number): void {
    const h = this.h;
    h[ia] = add(h[ia], fetch64(s, at));
    const c = fetch64(s, at + 24);
    h[ib] = rotr(add(h[ib], h[ia], c), 21);
    const d = h[ia];
    h[ia] = add(h[ia], fetch64(s, at + 8), fetch64(s, at + 16));
    h[ib] = add(h[ib], rotr(h[ia], 44), d);
    h[ia] = add(h[ia], c);
  }

  mix(s: Uint8Array, at: number): void {
    const h = this.h;
    h[0] = mul(rotr(add(h[0], h[1], h[3], fetch64(s, at + 8)), 37), K1);
    h[1] = mul(rotr(add(h[1], h[4], fetch64(s, at + 48)), 42), K1);
    h[0] ^= h[6];
    h[1] = add(h[1], h[3], fetch64(s, at + 40));
    h[2] = mul(rotr(add(h[2], h[5]), 33), K1);
    h[3] = mul(h[4], K1);
    h[4] = add(h[0], h[5]);
    this.mix32(s, at, 3, 4);
    h[5] = add(h[2], h[6]);
    h[6] = add(h[1], fetch64(s, at + 16));
    this.mix32(s, at + 32, 5, 6);
    [h[2], h[0]] = [h[0], h[2]];
  }

  finalize(length: number): bigint {
    const h = this.h;
    return hash16(add(hash16(h[3], h[5]), mul(shiftMix(h[1]), K1), h[2]),
      add(hash16(h[4], h[6]), mul(shiftMix(BigInt(length)), K1), h[0]));
  }
}

/** llvm::hash_value(StringRef) of `s` in a release build of LLVM 19. */
export function llvmHashValue(s: Uint8Array): bigint {
  if (s.length <= 64) return hashShort(s, SEED);
  const state = new HashState(s, SEED);
  const end = s.length & ~63;
  for (let at = 64; at < end; at += 64) state.mix(s, at);
  if (s.length & 63) state.mix(s, s.length - 64);
  return state.finalize(s.length);
}
