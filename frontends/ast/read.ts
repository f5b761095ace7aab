// Checked reading of @webassemblyjs/ast nodes. The front end takes its input as `unknown`: every
// field is read through these helpers, which throw a CodegenError naming the unit (and the
// function being lowered) on a missing field, a wrong type or an out-of-range literal, so that a
// malformed AST never ends in a TypeError.
import { ValType, VALTYPE_NAMES } from '../../formats/wasm';
import { CodegenError } from '../../codegen/errors';

/** Any object with a string `type`; fields are read through Reader. */
export interface AstNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

export function isNode(x: unknown): x is AstNode {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { type?: unknown }).type === 'string';
}

/** What `x` is, for error messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'an array';
  if (isNode(x)) return `a ${x.type.slice(0, 40)}`;
  if (typeof x === 'object') return 'an object without a type';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  return `${typeof x} ${String(x)}`;
}

/** Value type names (and @webassemblyjs's `anyfunc`) → ValType. */
const VALTYPES = new Map<unknown, ValType>([['anyfunc', ValType.FuncRef]]);
for (const [code, name] of Object.entries(VALTYPE_NAMES)) VALTYPES.set(name, Number(code));

/** Float ↔ bits conversion (little-endian, bits in words 0 and 1). */
export const floatScratch = new DataView(new ArrayBuffer(8));

/** A symbolic reference: `name`, `name+N` or `name-N` (decimal or 0x hex). */
export const ADDEND = /^(.+?)([+-])(0x[0-9a-f]+|\d+)$/i;

export class Reader {
  /** The function being lowered, as it appears in errors (`$main`); undefined at module level. */
  func: string | undefined;

  constructor(readonly unitName: string) {}

  fail(detail: string): CodegenError {
    return new CodegenError(this.unitName, this.func, detail);
  }

  /** `x` as a node of one of `types` (any type when none is given). */
  node(x: unknown, what: string, ...types: string[]): AstNode {
    if (!isNode(x) || (types.length > 0 && !types.includes(x.type))) {
      throw this.fail(`${what}: expected ${types.length > 0 ? types.join(' or ') : 'a node'}, got ${describe(x)}`);
    }
    return x;
  }

  /** An array field, as a dense copy: a hole reads as undefined (and fails where a node is due). */
  list(x: unknown, what: string): readonly unknown[] {
    if (!Array.isArray(x)) throw this.fail(`${what}: expected an array, got ${describe(x)}`);
    return Array.from(x);
  }

  /** An optional array field: null and undefined are empty. */
  optList(x: unknown, what: string): readonly unknown[] {
    return x === undefined || x === null ? [] : this.list(x, what);
  }

  str(x: unknown, what: string): string {
    if (typeof x !== 'string') throw this.fail(`${what}: expected a string, got ${describe(x)}`);
    return x;
  }

  /** An Identifier's value, a StringLiteral's, or a plain string. */
  name(x: unknown, what: string): string {
    if (typeof x === 'string') return x;
    return this.str(this.node(x, what, 'Identifier', 'StringLiteral').value, `${what} value`);
  }

  /** The name of an optional Identifier (label, function, global); undefined when absent. */
  optIdent(x: unknown, what: string): string | undefined {
    if (x === undefined || x === null) return undefined;
    return this.str(this.node(x, what, 'Identifier').value, `${what} value`);
  }

  /** A NumberLiteral (or a plain number) holding an integer in [min, max]. */
  int(x: unknown, what: string, min = 0, max = 0xffffffff): number {
    const v = typeof x === 'number' ? x : this.node(x, what, 'NumberLiteral').value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw this.fail(`${what}: ${typeof v === 'number' ? v : describe(v)} is not an integer in [${min}, ${max}]`);
    }
    return v;
  }

  /** An index immediate: an Identifier's name or a NumberLiteral's value. */
  index(x: unknown, what: string): string | number {
    const n = this.node(x, what, 'Identifier', 'NumberLiteral');
    return n.type === 'Identifier' ? this.str(n.value, `${what} value`) : this.int(n, what);
  }

  valtype(x: unknown, what: string): ValType {
    const name = isNode(x) && x.type === 'ValtypeLiteral' ? x.name : x;
    const t = VALTYPES.get(name);
    if (t === undefined) throw this.fail(`${what}: expected a value type, got ${describe(name)}`);
    return t;
  }

  /** i64 literal: a LongNumberLiteral ({high, low}), or a NumberLiteral with a safe integer or bigint value. */
  i64(x: unknown, what: string): bigint {
    const n = this.node(x, what, 'LongNumberLiteral', 'NumberLiteral');
    const v = n.value;
    if (typeof v === 'bigint' && v >= -(1n << 63n) && v < 1n << 64n) return v;
    if (n.type === 'NumberLiteral') {
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      throw this.fail(`${what}: ${describe(v)} is not an i64 (use a LongNumberLiteral)`);
    }
    const o = typeof v === 'object' && v !== null ? (v as { high?: unknown; low?: unknown }) : {};
    const word = (w: unknown) => typeof w === 'number' && Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff;
    if (!word(o.high) || !word(o.low)) throw this.fail(`${what}: expected {high, low} 32-bit words, got ${describe(v)}`);
    return (BigInt((o.high as number) >>> 0) << 32n) | BigInt((o.low as number) >>> 0);
  }

  /** f32 bits of a FloatLiteral (with the `nan` payload and `inf` forms) or NumberLiteral. */
  f32(x: unknown, what: string): number {
    const n = this.node(x, what, 'FloatLiteral', 'NumberLiteral');
    const v = this.floatValue(n, what);
    if (n.nan === true) return ((v < 0 ? 0x80000000 : 0) | 0x7f800000 | this.nanPayload(v, 0x7fffff, 0x400000, what)) >>> 0;
    floatScratch.setFloat32(0, n.inf === true ? (v < 0 ? -Infinity : Infinity) : v, true);
    return floatScratch.getUint32(0, true);
  }

  /** f64 bits [lo, hi] of a FloatLiteral or NumberLiteral. */
  f64(x: unknown, what: string): [number, number] {
    const n = this.node(x, what, 'FloatLiteral', 'NumberLiteral');
    const v = this.floatValue(n, what);
    if (n.nan === true) {
      const p = this.nanPayload(v, 2 ** 52 - 1, 2 ** 51, what);
      return [p >>> 0, ((v < 0 ? 0x80000000 : 0) | 0x7ff00000 | Math.floor(p / 2 ** 32)) >>> 0];
    }
    floatScratch.setFloat64(0, n.inf === true ? (v < 0 ? -Infinity : Infinity) : v, true);
    return [floatScratch.getUint32(0, true), floatScratch.getUint32(4, true)];
  }

  private floatValue(n: AstNode, what: string): number {
    if (typeof n.value !== 'number') throw this.fail(`${what}: expected a number value, got ${describe(n.value)}`);
    return n.value;
  }

  /** The payload of a `nan` literal: @webassemblyjs stores ±payload as the value (NaN: the canonical one). */
  private nanPayload(v: number, max: number, canonical: number, what: string): number {
    if (Number.isNaN(v)) return canonical;
    const p = Math.abs(v);
    if (!(Number.isInteger(p) && p >= 1 && p <= max)) throw this.fail(`${what}: NaN payload ${v} out of range [1, ${max}]`);
    return p;
  }
}
