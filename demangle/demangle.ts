/**
 * Itanium C++ ABI demangler, producing exactly the strings of LLVM's
 * `llvm::demangle` (as used by wasm-ld for the `name` section and for
 * diagnostics) and `llvm-cxxfilt`.
 *
 * Structure (modelled on the behaviour of LLVM's ItaniumDemangle.h, written
 * from scratch in TypeScript), one file per job under demangle/:
 *   - `parser.ts`: `Parser` is a recursive-descent parser over the mangled string with an
 *     index. It builds an AST of `Node`s, maintaining the substitution table
 *     (S_, S0_, ...) and the template parameter tables (T_, T0_, TL0__, ...).
 *   - `nodes.ts` (names, types, literals) and `expressions.ts`: each `Node` prints itself into an `OutputBuffer` in two halves
 *     (`printLeft` / `printRight`) so that C declarator syntax (function
 *     pointers, arrays, pointers to members) comes out right.
 *   - `operators.ts`: operator and builtin-type tables.
 *   - this file: `demangle` implements the top-level dispatch of `llvm::demangle`:
 *     an optional leading '.', names with 1-4 leading underscores before 'Z'
 *     ("_Z", "__Z", "___Z..._block_invoke"), and a retry with one leading
 *     underscore stripped. Rust ("_R"), D ("_D") and Microsoft ("?") manglings
 *     are not demangled: such names are returned unchanged.
 *
 * Never throws: anything that cannot be demangled is returned unchanged, and so
 * is hostile input that would make LLVM exhaust its stack or memory (nesting
 * deeper than MAX_DEPTH, output longer than MAX_OUTPUT).
 *
 * Lengths in manglings count UTF-8 bytes, so non-ASCII names are demangled as
 * their UTF-8 byte strings and the result is decoded back from UTF-8.
 *
 * Floating-point literals of type `long double` (`Le...E`) are decoded as IEEE
 * binary128 (32 hex digits), as LLVM does on hosts where long double is quad
 * precision (wasm32, AArch64 Linux).
 */

import type * as Nodes from './nodes';
import type * as ParserModule from './parser';

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/** Demangles an Itanium name (as llvm::itaniumDemangle); null if it cannot be demangled. */
function itaniumDemangle(name: string): string | null {
  if (name.length === 0) return null;
  // Loaded when the first mangled name comes: a C program's link never needs the parser (~150 KB).
  const { Parser } = require('./parser') as typeof ParserModule;
  const { OutputBuffer } = require('./nodes') as typeof Nodes;
  try {
    const ast = new Parser(name).parse();
    if (!ast) return null;
    const ob = new OutputBuffer();
    ast.print(ob);
    return ob.toString();
  } catch {
    // A safety limit (DemangleError) or the engine's own stack limit (RangeError) was hit.
    return null;
  }
}

/** 1-4 underscores followed by 'Z'. */
function isItaniumEncoding(s: string): boolean {
  let pos = 0;
  while (pos < s.length && s[pos] === '_') pos++;
  return pos > 0 && pos <= 4 && s[pos] === 'Z';
}

/** llvm::nonMicrosoftDemangle restricted to Itanium; null when not demangled. */
function nonMicrosoftDemangle(name: string, canHaveLeadingDot: boolean): string | null {
  let prefix = '';
  if (canHaveLeadingDot && name.length > 0 && name[0] === '.') {
    name = name.slice(1);
    prefix = '.';
  }
  if (!isItaniumEncoding(name)) return null;
  const demangled = itaniumDemangle(name);
  return demangled === null ? null : prefix + demangled;
}

/** Whether every character is ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** UTF-8 bytes of `s`, one char per byte: lengths in manglings count bytes. */
function toByteString(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let r = '';
  for (const b of bytes) r += String.fromCharCode(b);
  return r;
}

/** Inverse of toByteString (invalid UTF-8, e.g. from string literal arguments, becomes U+FFFD). */
function fromByteString(s: string): string {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i) & 0xff;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * Demangles an Itanium-mangled name ("_Z..."), as llvm::demangle does; returns
 * the input unchanged if it is not mangled or cannot be demangled.
 */
export function demangle(name: string): string {
  if (typeof name !== 'string') return name;
  const bytes = isAscii(name) ? name : toByteString(name);
  let r = nonMicrosoftDemangle(bytes, true);
  if (r === null && bytes.startsWith('_')) r = nonMicrosoftDemangle(bytes.slice(1), false);
  if (r === null) return name;
  return isAscii(r) ? r : fromByteString(r);
}

/**
 * A symbol name as wasm-ld shows it (its maybeDemangleSymbol): demangled when `demangleNames`
 * (--demangle, the default), and clang's `__main_argc_argv` (main with argc/argv) as `main`.
 */
export function displayName(name: string, demangleNames: boolean): string {
  return name === '__main_argc_argv' ? 'main' : demangleNames ? demangle(name) : name;
}
