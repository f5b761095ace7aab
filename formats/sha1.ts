// SHA-1 (FIPS 180-4), synchronous and in plain JavaScript, for --build-id (sha1, and the name-based
// UUID of `fast`). Web Crypto's digest is asynchronous and the link is not, and node:crypto does
// not exist in a browser, so the linker carries its own. Not for security: a build id only has to
// be the same for the same module.

/** The 20-byte SHA-1 digest of the concatenation of `parts`. */
export function sha1(...parts: Uint8Array[]): Uint8Array {
  const state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);
  const w = new Int32Array(80);
  const block = new Uint8Array(64);
  let filled = 0;
  let total = 0;
  for (const data of parts) {
    total += data.length;
    let i = 0;
    if (filled > 0) {
      const n = Math.min(64 - filled, data.length);
      block.set(data.subarray(0, n), filled);
      filled += n;
      i = n;
      if (filled < 64) continue;
      compress(state, w, block, 0);
      filled = 0;
    }
    for (; i + 64 <= data.length; i += 64) compress(state, w, data, i);
    block.set(data.subarray(i), 0);
    filled = data.length - i;
  }
  // Padding: 0x80, zeros, and the length in bits as a big-endian 64-bit number.
  block.fill(0, filled);
  block[filled] = 0x80;
  if (filled >= 56) {
    compress(state, w, block, 0);
    block.fill(0);
  }
  const bits = total * 8;
  const high = Math.floor(bits / 0x100000000);
  for (let k = 0; k < 4; k++) {
    block[56 + k] = (high >>> (24 - 8 * k)) & 0xff;
    block[60 + k] = (bits >>> (24 - 8 * k)) & 0xff;
  }
  compress(state, w, block, 0);
  const out = new Uint8Array(20);
  for (let k = 0; k < 5; k++) {
    out[4 * k] = state[k] >>> 24;
    out[4 * k + 1] = (state[k] >>> 16) & 0xff;
    out[4 * k + 2] = (state[k] >>> 8) & 0xff;
    out[4 * k + 3] = state[k] & 0xff;
  }
  return out;
}

/** One 64-byte block of `data` at `at` into `state`; `w` is the message schedule's scratch. */
function compress(state: Int32Array, w: Int32Array, data: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++, at += 4) w[t] = (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
  for (let t = 0; t < 80; t++) {
    let f: number, k: number;
    if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
    else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
    else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc | 0; }
    else { f = b ^ c ^ d; k = 0xca62c1d6 | 0; }
    const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}
