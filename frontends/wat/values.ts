// Values of the text format below the instruction level, shared by module.ts and body.ts: value
// types, number-like tokens, v128 constants, global initializers, and the byte buffer that data
// contents are written into.
import { ValType } from '../../formats/wasm';
import { f32Lit, f64Lit, i64Lit, intLit } from './numbers';
import { Tok, Tokens } from './tokens';

const VALTYPES: Record<string, ValType> = {
  i32: ValType.I32, i64: ValType.I64, f32: ValType.F32, f64: ValType.F64, v128: ValType.V128,
  funcref: ValType.FuncRef, externref: ValType.ExternRef, exnref: ValType.ExnRef,
};

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new Uint32Array(f64.buffer);

/** The text of a number-like token (numbers, `inf`, `nan`...), or an error naming `what`. */
export function literal(t: Tokens, i: number, what: string): string {
  if (t.kind[i] !== Tok.Num && t.kind[i] !== Tok.Keyword) t.fail(i, `expected ${what} literal, found ${t.describe(i)}`);
  return t.text(i);
}

/** A value type at the cursor. */
export function valType(t: Tokens): ValType {
  const i = t.pos;
  if (t.kind[i] === Tok.Keyword) {
    const v = VALTYPES[t.text(i)];
    if (v !== undefined) {
      t.pos++;
      return v;
    }
  } else if (t.isGroup(i, 'ref') && t.isKw(i + 2, 'null') && t.match[i] === i + 4) {
    if (t.isKw(i + 3, 'func')) {
      t.pos = i + 5;
      return ValType.FuncRef;
    }
    if (t.isKw(i + 3, 'extern')) {
      t.pos = i + 5;
      return ValType.ExternRef;
    }
  }
  return t.fail(i, `expected a value type, found ${t.describe(i)}`);
}

/** `shape lanes...` of v128.const into out[0..16). */
export function v128Const(t: Tokens, out: Uint8Array): void {
  const s = t.pos;
  const shape = t.kind[s] === Tok.Keyword ? t.text(s) : '';
  t.pos++;
  const lanes = shape === 'i8x16' ? 16 : shape === 'i16x8' ? 8 : shape === 'i32x4' || shape === 'f32x4' ? 4
    : shape === 'i64x2' || shape === 'f64x2' ? 2 : 0;
  if (lanes === 0) t.fail(s, `expected a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2), found ${t.describe(s)}`);
  const width = 16 / lanes;
  for (let l = 0; l < lanes; l++) {
    const i = t.pos++;
    const text = literal(t, i, `a ${shape} lane`);
    const o = out.subarray(l * width, (l + 1) * width);
    let ok = true;
    if (shape === 'f32x4') {
      const v = f32Lit(text);
      if (v === undefined) ok = false;
      else le64(o, v, 0);
    } else if (shape === 'f64x2') {
      const v = f64Lit(text);
      if (v === undefined) ok = false;
      else le64(o, v[0], v[1]);
    } else if (shape === 'i64x2') {
      const v = i64Lit(text);
      if (v === undefined) ok = false;
      else le64(o, Number(BigInt.asUintN(32, v)), Number(BigInt.asUintN(32, v >> 32n)));
    } else {
      const v = intLit(text, width * 8);
      if (v === undefined) ok = false;
      else for (let k = 0; k < width; k++) o[k] = v >>> (8 * k);
    }
    if (!ok) t.fail(i, `invalid ${shape} lane ${t.describe(i)}`);
  }
}

/** A global's initializer: one constant instruction, flat or folded, then the field's `)`. */
export function constExpr(t: Tokens, type: ValType, field: number): number | bigint {
  const folded = t.kind[t.pos] === Tok.LParen;
  const open = t.pos;
  if (folded) t.pos++;
  const i = t.pos;
  if (t.kind[i] !== Tok.Keyword) t.fail(i, `expected a constant initializer, found ${t.describe(i)}`);
  const op = t.text(i);
  t.pos++;
  let init: number | bigint = 0;
  let got: ValType;
  const j = t.pos;
  if ((op === 'i32.const' || op === 'i64.const') && t.isId(j)) {
    t.fail(j, 'an address in a global initializer is not supported: store it from code, or put it in data');
  }
  switch (op) {
    case 'i32.const': got = ValType.I32; init = intLit(literal(t, j, 'an i32'), 32) ?? t.fail(j, 'invalid i32 literal'); break;
    case 'i64.const': got = ValType.I64; init = i64Lit(literal(t, j, 'an i64')) ?? t.fail(j, 'invalid i64 literal'); break;
    case 'f32.const': {
      got = ValType.F32;
      f32Bits[0] = f32Lit(literal(t, j, 'an f32')) ?? t.fail(j, 'invalid f32 literal');
      if (Number.isNaN(f32[0]) && (f32Bits[0] & 0x7fffffff) !== 0x7fc00000) t.fail(j, 'NaN payloads are not kept in global initializers');
      init = f32[0];
      break;
    }
    case 'f64.const': {
      got = ValType.F64;
      const b = f64Lit(literal(t, j, 'an f64')) ?? t.fail(j, 'invalid f64 literal');
      f64Bits[0] = b[0];
      f64Bits[1] = b[1];
      if (Number.isNaN(f64[0]) && (b[0] !== 0 || (b[1] & 0x7fffffff) !== 0x7ff80000)) {
        t.fail(j, 'NaN payloads are not kept in global initializers');
      }
      init = f64[0];
      break;
    }
    case 'v128.const': {
      got = ValType.V128;
      const b = new Uint8Array(16);
      v128Const(t, b);
      if (b.some((x) => x !== 0)) t.fail(j, 'a v128 global starts as zero: other initializers are not supported');
      t.pos--;
      break;
    }
    case 'ref.null':
      got = t.isKw(j, 'func') ? ValType.FuncRef : t.isKw(j, 'extern') ? ValType.ExternRef : t.fail(j, 'expected func or extern');
      break;
    default:
      t.fail(i, 'a global initializer must be one constant (t.const or ref.null)');
  }
  t.pos++;
  if (got !== type) t.fail(i, 'the initializer\'s type differs from the global\'s');
  if (folded) t.close(open);
  if (t.pos !== t.match[field]) t.fail(t.pos, 'a global initializer must be one constant (t.const or ref.null)');
  return init;
}

/** A growable byte buffer for data contents. */
export class Bytes {
  buf = new Uint8Array(64);
  n = 0;

  /** Reserves `k` zeroed bytes and returns them. */
  room(k: number): Uint8Array {
    if (this.n + k > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
      next.set(this.buf.subarray(0, this.n));
      this.buf = next;
    }
    const r = this.buf.subarray(this.n, this.n + k);
    this.n += k;
    return r;
  }

  append(b: Uint8Array): void {
    this.room(b.length).set(b);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** Writes `lo` (and, for 8-byte slots, `hi`) little-endian at o[0..). */
export function le64(o: Uint8Array, lo: number, hi: number): void {
  for (let k = 0; k < Math.min(o.length, 8); k++) o[k] = (k < 4 ? lo : hi) >>> (8 * (k & 3));
}
