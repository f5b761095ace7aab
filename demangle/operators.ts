// Demangler tables: the operator encodings (<operator-name>) and the builtin type codes.
// Part of demangle/demangle.ts.
import { Prec } from './nodes';

// Operator table
// ---------------------------------------------------------------------------

export const enum OpKind {
  Prefix,
  Postfix,
  Binary,
  Array,
  Member,
  New,
  Del,
  Call,
  CCast,
  Conditional,
  NameOnly,
  NamedCast,
  OfIdOp,
}

export interface OperatorInfo {
  kind: OpKind;
  flag: boolean;
  prec: Prec;
  name: string;
  /** The operator's spelling without "operator" (e.g. "+", "new"). */
  symbol: string;
}

export function op(kind: OpKind, flag: boolean, prec: Prec, name: string): OperatorInfo {
  let symbol = name;
  if (kind < OpKind.NamedCast) {
    symbol = name.slice('operator'.length);
    if (symbol.startsWith(' ')) symbol = symbol.slice(1);
  }
  return { kind, flag, prec, name, symbol };
}

export const OPERATORS: Record<string, OperatorInfo> = {
  aN: op(OpKind.Binary, false, Prec.Assign, 'operator&='),
  aS: op(OpKind.Binary, false, Prec.Assign, 'operator='),
  aa: op(OpKind.Binary, false, Prec.AndIf, 'operator&&'),
  ad: op(OpKind.Prefix, false, Prec.Unary, 'operator&'),
  an: op(OpKind.Binary, false, Prec.And, 'operator&'),
  at: op(OpKind.OfIdOp, true, Prec.Unary, 'alignof '),
  aw: op(OpKind.NameOnly, false, Prec.Primary, 'operator co_await'),
  az: op(OpKind.OfIdOp, false, Prec.Unary, 'alignof '),
  cc: op(OpKind.NamedCast, false, Prec.Postfix, 'const_cast'),
  cl: op(OpKind.Call, false, Prec.Postfix, 'operator()'),
  cm: op(OpKind.Binary, false, Prec.Comma, 'operator,'),
  co: op(OpKind.Prefix, false, Prec.Unary, 'operator~'),
  cp: op(OpKind.Call, true, Prec.Postfix, 'operator()'),
  cv: op(OpKind.CCast, false, Prec.Cast, 'operator'),
  dV: op(OpKind.Binary, false, Prec.Assign, 'operator/='),
  da: op(OpKind.Del, true, Prec.Unary, 'operator delete[]'),
  dc: op(OpKind.NamedCast, false, Prec.Postfix, 'dynamic_cast'),
  de: op(OpKind.Prefix, false, Prec.Unary, 'operator*'),
  dl: op(OpKind.Del, false, Prec.Unary, 'operator delete'),
  ds: op(OpKind.Member, false, Prec.PtrMem, 'operator.*'),
  dt: op(OpKind.Member, false, Prec.Postfix, 'operator.'),
  dv: op(OpKind.Binary, false, Prec.Assign, 'operator/'),
  eO: op(OpKind.Binary, false, Prec.Assign, 'operator^='),
  eo: op(OpKind.Binary, false, Prec.Xor, 'operator^'),
  eq: op(OpKind.Binary, false, Prec.Equality, 'operator=='),
  ge: op(OpKind.Binary, false, Prec.Relational, 'operator>='),
  gt: op(OpKind.Binary, false, Prec.Relational, 'operator>'),
  ix: op(OpKind.Array, false, Prec.Postfix, 'operator[]'),
  lS: op(OpKind.Binary, false, Prec.Assign, 'operator<<='),
  le: op(OpKind.Binary, false, Prec.Relational, 'operator<='),
  ls: op(OpKind.Binary, false, Prec.Shift, 'operator<<'),
  lt: op(OpKind.Binary, false, Prec.Relational, 'operator<'),
  mI: op(OpKind.Binary, false, Prec.Assign, 'operator-='),
  mL: op(OpKind.Binary, false, Prec.Assign, 'operator*='),
  mi: op(OpKind.Binary, false, Prec.Additive, 'operator-'),
  ml: op(OpKind.Binary, false, Prec.Multiplicative, 'operator*'),
  mm: op(OpKind.Postfix, false, Prec.Postfix, 'operator--'),
  na: op(OpKind.New, true, Prec.Unary, 'operator new[]'),
  ne: op(OpKind.Binary, false, Prec.Equality, 'operator!='),
  ng: op(OpKind.Prefix, false, Prec.Unary, 'operator-'),
  nt: op(OpKind.Prefix, false, Prec.Unary, 'operator!'),
  nw: op(OpKind.New, false, Prec.Unary, 'operator new'),
  oR: op(OpKind.Binary, false, Prec.Assign, 'operator|='),
  oo: op(OpKind.Binary, false, Prec.OrIf, 'operator||'),
  or: op(OpKind.Binary, false, Prec.Ior, 'operator|'),
  pL: op(OpKind.Binary, false, Prec.Assign, 'operator+='),
  pl: op(OpKind.Binary, false, Prec.Additive, 'operator+'),
  pm: op(OpKind.Member, true, Prec.PtrMem, 'operator->*'),
  pp: op(OpKind.Postfix, false, Prec.Postfix, 'operator++'),
  ps: op(OpKind.Prefix, false, Prec.Unary, 'operator+'),
  pt: op(OpKind.Member, true, Prec.Postfix, 'operator->'),
  qu: op(OpKind.Conditional, false, Prec.Conditional, 'operator?'),
  rM: op(OpKind.Binary, false, Prec.Assign, 'operator%='),
  rS: op(OpKind.Binary, false, Prec.Assign, 'operator>>='),
  rc: op(OpKind.NamedCast, false, Prec.Postfix, 'reinterpret_cast'),
  rm: op(OpKind.Binary, false, Prec.Multiplicative, 'operator%'),
  rs: op(OpKind.Binary, false, Prec.Shift, 'operator>>'),
  sc: op(OpKind.NamedCast, false, Prec.Postfix, 'static_cast'),
  ss: op(OpKind.Binary, false, Prec.Spaceship, 'operator<=>'),
  st: op(OpKind.OfIdOp, true, Prec.Unary, 'sizeof '),
  sz: op(OpKind.OfIdOp, false, Prec.Unary, 'sizeof '),
  te: op(OpKind.OfIdOp, false, Prec.Postfix, 'typeid '),
  ti: op(OpKind.OfIdOp, true, Prec.Postfix, 'typeid '),
};

// ---------------------------------------------------------------------------
// Builtin types
// ---------------------------------------------------------------------------

export const BUILTIN_TYPES: Record<string, string> = {
  v: 'void',
  w: 'wchar_t',
  b: 'bool',
  c: 'char',
  a: 'signed char',
  h: 'unsigned char',
  s: 'short',
  t: 'unsigned short',
  i: 'int',
  j: 'unsigned int',
  l: 'long',
  m: 'unsigned long',
  x: 'long long',
  y: 'unsigned long long',
  n: '__int128',
  o: 'unsigned __int128',
  f: 'float',
  d: 'double',
  e: 'long double',
  g: '__float128',
  z: '...',
};

/** Two-letter builtins starting with 'D'. */
export const D_BUILTIN_TYPES: Record<string, string> = {
  d: 'decimal64',
  e: 'decimal128',
  f: 'decimal32',
  h: 'half',
  i: 'char32_t',
  s: 'char16_t',
  u: 'char8_t',
  a: 'auto',
  c: 'decltype(auto)',
  n: 'std::nullptr_t',
};

export const FIXED_POINT_SIZES: Record<string, string> = {
  s: 'short ',
  t: 'unsigned short ',
  i: '',
  j: 'unsigned ',
  l: 'long ',
  m: 'unsigned long ',
};

/** Literal suffixes / type names for integer literals `L<type><value>E`. */
export const INTEGER_LITERAL_TYPES: Record<string, string> = {
  w: 'wchar_t',
  c: 'char',
  a: 'signed char',
  h: 'unsigned char',
  s: 'short',
  t: 'unsigned short',
  i: '',
  j: 'u',
  l: 'l',
  m: 'ul',
  x: 'll',
  y: 'ull',
  n: '__int128',
  o: 'unsigned __int128',
};

// ---------------------------------------------------------------------------
