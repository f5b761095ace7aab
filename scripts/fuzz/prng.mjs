// The fuzzer's seeded randomness. Every iteration draws from its own generator, made from the run's
// seed and the iteration number alone, so that the same seed and iteration give the same mutated
// input whatever the number of workers, the order results come back in, or the time box.
//
// The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, 32-bit), seeded through
// splitmix32 so that neighbouring seeds and iterations give unrelated streams.

function splitmix32(state) {
  let z = (state + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  /** A generator for (seed, stream): both are 32-bit unsigned integers. */
  constructor(seed, stream = 0) {
    const s0 = splitmix32(seed >>> 0);
    this.a = splitmix32(s0 ^ 0x1234567);
    this.b = splitmix32(s0 + (stream >>> 0));
    this.c = splitmix32(this.b ^ 0x5bd1e995);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [0, n) (n >= 1). */
  int(n) {
    return Math.floor((this.u32() / 0x100000000) * n);
  }

  /** An integer in [lo, hi] inclusive. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p) {
    return this.u32() / 0x100000000 < p;
  }

  /** One element of a non-empty array. */
  pick(items) {
    return items[this.int(items.length)];
  }

  /** One key of { key: weight } with probability proportional to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights).filter(([, w]) => w > 0);
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = (this.u32() / 0x100000000) * total;
    for (const [key, w] of entries) {
      if (r < w) return key;
      r -= w;
    }
    return entries[entries.length - 1][0];
  }
}

/** The generator of one iteration of a run. */
export function iterationRng(seed, iteration) {
  return new Rng(seed, iteration);
}
