// Numeric literals of the text format: integers (decimal or 0x hex, `_` between digits, a sign
// where the type allows one) and floats (decimal, hex `0x1.8p3`, `inf`, `nan`, `nan:0x...`).
// Floats are rounded exactly once, to nearest-even in the target format: decimal f64 through
// Number() (correctly rounded); decimal f32 and every hex float through exact BigInt arithmetic
// when the value is not already representable. A literal that rounds to infinity is malformed.
// Each function returns undefined for a malformed or out-of-range literal.
import { hexDigit } from './tokens';

/** Value of the digits t[p..end) (decimal or hex), `_` allowed between digits; NaN if malformed. */
function digitsValue(t: string, p: number, end: number, hex: boolean): number {
  if (p >= end) return NaN;
  let v = 0;
  let digit = false;
  for (; p < end; p++) {
    const c = t.charCodeAt(p);
    if (c === 95) {
      if (!digit) return NaN;
      digit = false;
      continue;
    }
    const d = hex ? hexDigit(c) : c >= 48 && c <= 57 ? c - 48 : -1;
    if (d < 0) return NaN;
    v = v * (hex ? 16 : 10) + d;
    digit = true;
  }
  return digit ? v : NaN;
}

/** The digits of t[p..end) without underscores, or undefined when malformed. */
function cleanDigits(t: string, p: number, end: number, hex: boolean): string | undefined {
  if (Number.isNaN(digitsValue(t, p, end, hex))) return undefined;
  const d = t.slice(p, end);
  return d.includes('_') ? d.split('_').join('') : d;
}

/** An unsigned integer (no sign) up to 2^32-1: indexes, offsets, alignments, lanes. */
export function u32Lit(t: string): number | undefined {
  const hex = t.startsWith('0x');
  const v = digitsValue(t, hex ? 2 : 0, t.length, hex);
  return v <= 0xffffffff ? v : undefined;
}

/**
 * An integer of `bits` (8, 16 or 32) bits: signed or unsigned, in [-2^(bits-1), 2^bits). Returns
 * the value as written (negative values stay negative).
 */
export function intLit(t: string, bits: number): number | undefined {
  const c = t.charCodeAt(0);
  const sign = c === 45 || c === 43 ? 1 : 0;
  const hex = t.startsWith('0x', sign);
  const v = digitsValue(t, sign + (hex ? 2 : 0), t.length, hex);
  if (c === 45) return v <= 2 ** (bits - 1) ? -v : undefined;
  return v < 2 ** bits ? v : undefined;
}

/** An i64 literal in [-2^63, 2^64). */
export function i64Lit(t: string): bigint | undefined {
  const c = t.charCodeAt(0);
  const sign = c === 45 || c === 43 ? 1 : 0;
  const hex = t.startsWith('0x', sign);
  const d = cleanDigits(t, sign + (hex ? 2 : 0), t.length, hex);
  if (d === undefined) return undefined;
  const v = BigInt(hex ? `0x${d}` : d);
  if (c === 45) return v <= 1n << 63n ? -v : undefined;
  return v < 1n << 64n ? v : undefined;
}

interface Format {
  /** Significand bits including the implicit one. */
  p: number;
  emin: number;
  emax: number;
  /** Largest NaN payload + 1. */
  payloadLimit: number;
}

const F32: Format = { p: 24, emin: -126, emax: 127, payloadLimit: 2 ** 23 };
const F64: Format = { p: 53, emin: -1022, emax: 1023, payloadLimit: 2 ** 52 };

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new Uint32Array(f64.buffer);

/** f32 literal → its bit pattern. */
export function f32Lit(t: string): number | undefined {
  const v = floatLit(t, F32);
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    f32[0] = v;
    return f32Bits[0];
  }
  return ((v.neg ? 0x80000000 : 0) | 0x7f800000 | v.payload) >>> 0;
}

/** f64 literal → its bit pattern as [low, high] words. */
export function f64Lit(t: string): [number, number] | undefined {
  const v = floatLit(t, F64);
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    f64[0] = v;
    return [f64Bits[0], f64Bits[1]];
  }
  return [v.payload >>> 0, ((v.neg ? 0x80000000 : 0) | 0x7ff00000 | Math.floor(v.payload / 2 ** 32)) >>> 0];
}

/** The value (a number already rounded to the format), or a NaN with its payload. */
function floatLit(t: string, f: Format): number | { neg: boolean; payload: number } | undefined {
  const c = t.charCodeAt(0);
  const neg = c === 45;
  const p = neg || c === 43 ? 1 : 0;
  let v: number | undefined;
  if (t.startsWith('nan', p)) {
    if (t.length === p + 3) return { neg, payload: f.payloadLimit / 2 };
    if (!t.startsWith(':0x', p + 3)) return undefined;
    const payload = digitsValue(t, p + 6, t.length, true);
    return payload >= 1 && payload < f.payloadLimit ? { neg, payload } : undefined;
  }
  if (t.startsWith('inf', p) && t.length === p + 3) v = Infinity;
  else if (t.startsWith('0x', p)) v = hexFloat(t, p + 2, f);
  else v = decimalFloat(t, p, f);
  if (v === undefined) return undefined;
  return neg ? -v : v;
}

/** Splits `int[.frac][<e>[sign]exp]`; undefined when a part is malformed. */
function parts(t: string, p: number, hex: boolean): { int: string; frac: string; exp: number } | undefined {
  const n = t.length;
  const expChar = hex ? 112 : 101; // p or e, either case
  let e = n;
  for (let i = p; i < n; i++) {
    if ((t.charCodeAt(i) | 0x20) === expChar) {
      e = i;
      break;
    }
  }
  const dot = t.indexOf('.', p);
  const intEnd = dot >= 0 && dot < e ? dot : e;
  const int = cleanDigits(t, p, intEnd, hex);
  if (int === undefined) return undefined;
  let frac = '';
  if (intEnd < e && intEnd + 1 < e) {
    const fr = cleanDigits(t, intEnd + 1, e, hex);
    if (fr === undefined) return undefined;
    frac = fr;
  }
  let exp = 0;
  if (e < n) {
    let q = e + 1;
    const s = t.charCodeAt(q);
    if (s === 43 || s === 45) q++;
    exp = digitsValue(t, q, n, false);
    if (Number.isNaN(exp)) return undefined;
    exp = Math.min(exp, 1e9); // beyond any format: rounds to 0 or overflows either way
    if (s === 45) exp = -exp;
  }
  return { int, frac, exp };
}

function decimalFloat(t: string, p: number, f: Format): number | undefined {
  const x = parts(t, p, false);
  if (x === undefined) return undefined;
  const d = Number(`${x.int}.${x.frac}e${x.exp}`);
  if (!Number.isFinite(d)) return undefined;
  if (f === F64) return d;
  const r = Math.fround(d);
  if (r === d || d === 0) return r;
  // d is rounded once already; round the exact decimal value instead (no double rounding).
  const e10 = x.exp - x.frac.length;
  if (Math.abs(e10) > 2000) return Number.isFinite(r) ? r : undefined;
  const m = BigInt(x.int + x.frac);
  return e10 >= 0 ? roundBinary(m * 10n ** BigInt(e10), 1n, 0, f) : roundBinary(m, 10n ** BigInt(-e10), 0, f);
}

function hexFloat(t: string, p: number, f: Format): number | undefined {
  const x = parts(t, p, true);
  if (x === undefined) return undefined;
  return roundBinary(BigInt(`0x${x.int}${x.frac}`), 1n, x.exp - 4 * x.frac.length, f);
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** num/den * 2^e2 rounded to nearest-even in format f; undefined when it rounds to infinity. */
function roundBinary(num: bigint, den: bigint, e2: number, f: Format): number | undefined {
  if (num === 0n) return 0;
  const nb = bitLength(num);
  const db = bitLength(den);
  const approx = nb - db + e2; // exponent of the leading bit, within one
  if (approx > f.emax + 2) return undefined;
  if (approx < f.emin - f.p - 2) return 0;
  // Quotient with p+3 or so bits, plus a sticky remainder.
  const shift = f.p + 3 - (nb - db);
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    const n2 = num << BigInt(shift);
    q = n2 / den;
    r = n2 % den;
  } else {
    const d2 = den << BigInt(-shift);
    q = num / d2;
    r = num % d2;
  }
  const e = e2 - shift;
  const qb = bitLength(q);
  const lead = qb - 1 + e;
  const keep = lead < f.emin ? f.p - (f.emin - lead) : f.p;
  const drop = qb - keep;
  const D = BigInt(drop);
  let m = q >> D;
  const rem = q - (m << D);
  const half = 1n << (D - 1n);
  if (rem > half || (rem === half && (r !== 0n || (m & 1n) === 1n))) m += 1n;
  const v = ldexp(Number(m), e + drop);
  return v >= 2 ** (f.emax + 1) ? undefined : v;
}

/** x * 2^n without intermediate overflow or underflow (exact when the result is representable). */
function ldexp(x: number, n: number): number {
  while (n > 1000) {
    x *= 2 ** 1000;
    n -= 1000;
  }
  while (n < -1000) {
    x *= 2 ** -1000;
    n += 1000;
  }
  return x * 2 ** n;
}
