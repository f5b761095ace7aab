/**
 * Itanium C++ ABI demangler, producing exactly the strings of LLVM's
 * `llvm::demangle` (as used by wasm-ld for the `name` section and for
 * diagnostics) and `llvm-cxxfilt`.
 *
 * Structure (modelled on the behaviour of LLVM's ItaniumDemangle.h, written
 * from scratch in TypeScript):
 *   - `Parser` is a recursive-descent parser over the mangled string with an
 *     index. It builds an AST of `Node`s, maintaining the substitution table
 *     (S_, S0_, ...) and the template parameter tables (T_, T0_, TL0__, ...).
 *   - Each `Node` prints itself into an `OutputBuffer` in two halves
 *     (`printLeft` / `printRight`) so that C declarator syntax (function
 *     pointers, arrays, pointers to members) comes out right.
 *   - `demangle` implements the top-level dispatch of `llvm::demangle`:
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

// ---------------------------------------------------------------------------
// Precedence and caches
// ---------------------------------------------------------------------------

const enum Prec {
  Primary,
  Postfix,
  Unary,
  Cast,
  PtrMem,
  Multiplicative,
  Additive,
  Shift,
  Spaceship,
  Relational,
  Equality,
  And,
  Xor,
  Ior,
  AndIf,
  OrIf,
  Conditional,
  Assign,
  Comma,
  Default,
}

const enum Cache {
  Yes,
  No,
  Unknown,
}

const enum Qual {
  None = 0,
  Const = 1,
  Volatile = 2,
  Restrict = 4,
}

const enum RefQual {
  None,
  LValue,
  RValue,
}

const UNSET = 0xffffffff;

/**
 * Safety limits against hostile input (LLVM itself would exhaust its stack or memory there):
 * nesting depth of the parser, and length of the demangled string (substitutions can make the
 * output exponentially longer than the input).
 */
const MAX_DEPTH = 2000;
const MAX_OUTPUT = 1 << 20;

/** Bail-out used when a safety limit is hit. */
class DemangleError extends Error {}

// ---------------------------------------------------------------------------
// Output buffer
// ---------------------------------------------------------------------------

class OutputBuffer {
  private s = '';
  /** Index of the pack element being printed by a ParameterPackExpansion. */
  currentPackIndex = UNSET;
  currentPackMax = UNSET;
  /** Zero while printing template arguments outside parentheses ('>' must be parenthesized). */
  gtIsGt = 1;

  add(text: string): void {
    this.s += text;
    if (this.s.length > MAX_OUTPUT) throw new DemangleError('output too long');
  }
  printOpen(c = '('): void {
    this.gtIsGt++;
    this.add(c);
  }
  printClose(c = ')'): void {
    this.gtIsGt--;
    this.add(c);
  }
  isGtInsideTemplateArgs(): boolean {
    return this.gtIsGt === 0;
  }
  get position(): number {
    return this.s.length;
  }
  set position(p: number) {
    if (p < this.s.length) this.s = this.s.slice(0, p);
  }
  back(): string {
    return this.s.length === 0 ? '\0' : this.s[this.s.length - 1];
  }
  toString(): string {
    return this.s;
  }
}

// ---------------------------------------------------------------------------
// AST nodes
// ---------------------------------------------------------------------------

abstract class Node {
  // Declared rather than initialized as class fields: with ES2022 field semantics, a field
  // initializer shared by ~100 node classes is megamorphic and dominated the run time.
  declare readonly prec: Prec;
  declare rhsCache: Cache;
  declare arrayCache: Cache;
  declare functionCache: Cache;

  constructor(prec: Prec = Prec.Primary, rhsCache = Cache.No, arrayCache = Cache.No, functionCache = Cache.No) {
    this.prec = prec;
    this.rhsCache = rhsCache;
    this.arrayCache = arrayCache;
    this.functionCache = functionCache;
  }

  hasRHSComponent(ob: OutputBuffer): boolean {
    if (this.rhsCache !== Cache.Unknown) return this.rhsCache === Cache.Yes;
    return this.hasRHSComponentSlow(ob);
  }
  hasArray(ob: OutputBuffer): boolean {
    if (this.arrayCache !== Cache.Unknown) return this.arrayCache === Cache.Yes;
    return this.hasArraySlow(ob);
  }
  hasFunction(ob: OutputBuffer): boolean {
    if (this.functionCache !== Cache.Unknown) return this.functionCache === Cache.Yes;
    return this.hasFunctionSlow(ob);
  }
  hasRHSComponentSlow(_ob: OutputBuffer): boolean {
    return false;
  }
  hasArraySlow(_ob: OutputBuffer): boolean {
    return false;
  }
  hasFunctionSlow(_ob: OutputBuffer): boolean {
    return false;
  }
  /** Digs through glue nodes (packs, forward references) to the concrete syntax. */
  getSyntaxNode(_ob: OutputBuffer): Node {
    return this;
  }

  /** Prints as an expression operand, parenthesized if weaker than `p`. */
  printAsOperand(ob: OutputBuffer, p: Prec = Prec.Default, strictlyWorse = false): void {
    const paren = this.prec >= p + (strictlyWorse ? 1 : 0);
    if (paren) ob.printOpen();
    this.print(ob);
    if (paren) ob.printClose();
  }

  print(ob: OutputBuffer): void {
    this.printLeft(ob);
    if (this.rhsCache !== Cache.No) this.printRight(ob);
  }

  printInitListAsType(_ob: OutputBuffer, _elements: Node[]): boolean {
    return false;
  }

  getBaseName(): string {
    return '';
  }

  abstract printLeft(ob: OutputBuffer): void;
  printRight(_ob: OutputBuffer): void {}
}

/** Prints nodes separated by ", ", dropping the separator for empty pack expansions. */
function printWithComma(ob: OutputBuffer, nodes: Node[]): void {
  let first = true;
  for (const n of nodes) {
    const beforeComma = ob.position;
    if (!first) ob.add(', ');
    const afterComma = ob.position;
    n.printAsOperand(ob, Prec.Comma);
    if (afterComma === ob.position) {
      ob.position = beforeComma;
      continue;
    }
    first = false;
  }
}

function printQuals(ob: OutputBuffer, q: Qual): void {
  if (q & Qual.Const) ob.add(' const');
  if (q & Qual.Volatile) ob.add(' volatile');
  if (q & Qual.Restrict) ob.add(' restrict');
}

function printRefQual(ob: OutputBuffer, r: RefQual): void {
  if (r === RefQual.LValue) ob.add(' &');
  else if (r === RefQual.RValue) ob.add(' &&');
}

class NodeArrayNode extends Node {
  constructor(readonly array: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    printWithComma(ob, this.array);
  }
}

class DotSuffix extends Node {
  constructor(readonly prefix: Node, readonly suffix: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.prefix.print(ob);
    ob.add(' (');
    ob.add(this.suffix);
    ob.add(')');
  }
}

class VendorExtQualType extends Node {
  constructor(readonly ty: Node, readonly ext: string, readonly ta: Node | null) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.ty.print(ob);
    ob.add(' ');
    ob.add(this.ext);
    if (this.ta) this.ta.print(ob);
  }
}

class QualType extends Node {
  constructor(readonly child: Node, readonly quals: Qual) {
    super(Prec.Primary, child.rhsCache, child.arrayCache, child.functionCache);
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    return this.child.hasRHSComponent(ob);
  }
  hasArraySlow(ob: OutputBuffer): boolean {
    return this.child.hasArray(ob);
  }
  hasFunctionSlow(ob: OutputBuffer): boolean {
    return this.child.hasFunction(ob);
  }
  printLeft(ob: OutputBuffer): void {
    this.child.printLeft(ob);
    printQuals(ob, this.quals);
  }
  printRight(ob: OutputBuffer): void {
    this.child.printRight(ob);
  }
}

class ConversionOperatorType extends Node {
  constructor(readonly ty: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('operator ');
    this.ty.print(ob);
  }
}

class PostfixQualifiedType extends Node {
  constructor(readonly ty: Node, readonly postfix: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.ty.printLeft(ob);
    ob.add(this.postfix);
  }
}

class NameType extends Node {
  constructor(readonly name: string) {
    super();
  }
  getBaseName(): string {
    return this.name;
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.name);
  }
}

class BitIntType extends Node {
  constructor(readonly size: Node, readonly signed: boolean) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (!this.signed) ob.add('unsigned ');
    ob.add('_BitInt');
    ob.printOpen();
    this.size.printAsOperand(ob);
    ob.printClose();
  }
}

class ElaboratedTypeSpefType extends Node {
  constructor(readonly kindName: string, readonly child: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.kindName);
    ob.add(' ');
    this.child.print(ob);
  }
}

class TransformedType extends Node {
  constructor(readonly transform: string, readonly baseType: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.transform);
    ob.add('(');
    this.baseType.print(ob);
    ob.add(')');
  }
}

class AbiTagAttr extends Node {
  constructor(readonly base: Node, readonly tag: string) {
    super(Prec.Primary, base.rhsCache, base.arrayCache, base.functionCache);
  }
  getBaseName(): string {
    return this.base.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.base.printLeft(ob);
    ob.add('[abi:');
    ob.add(this.tag);
    ob.add(']');
  }
}

class EnableIfAttr extends Node {
  constructor(readonly conditions: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' [enable_if:');
    printWithComma(ob, this.conditions);
    ob.add(']');
  }
}

class ObjCProtoName extends Node {
  constructor(readonly ty: Node, readonly protocol: string) {
    super();
  }
  isObjCObject(): boolean {
    return this.ty instanceof NameType && this.ty.name === 'objc_object';
  }
  printLeft(ob: OutputBuffer): void {
    this.ty.print(ob);
    ob.add('<');
    ob.add(this.protocol);
    ob.add('>');
  }
}

function isObjCId(n: Node): n is ObjCProtoName {
  return n instanceof ObjCProtoName && n.isObjCObject();
}

class PointerType extends Node {
  constructor(readonly pointee: Node) {
    super(Prec.Primary, pointee.rhsCache);
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    return this.pointee.hasRHSComponent(ob);
  }
  printLeft(ob: OutputBuffer): void {
    const p = this.pointee;
    if (isObjCId(p)) {
      ob.add('id<');
      ob.add(p.protocol);
      ob.add('>');
      return;
    }
    p.printLeft(ob);
    if (p.hasArray(ob)) ob.add(' ');
    if (p.hasArray(ob) || p.hasFunction(ob)) ob.add('(');
    ob.add('*');
  }
  printRight(ob: OutputBuffer): void {
    const p = this.pointee;
    if (isObjCId(p)) return;
    if (p.hasArray(ob) || p.hasFunction(ob)) ob.add(')');
    p.printRight(ob);
  }
}

const enum RefKind {
  LValue,
  RValue,
}

class ReferenceType extends Node {
  private printing = false;
  constructor(readonly pointee: Node, readonly rk: RefKind) {
    super(Prec.Primary, pointee.rhsCache);
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    return this.pointee.hasRHSComponent(ob);
  }
  /** Collapses references to references (&& + && = &&, anything else = &), with cycle detection. */
  private collapse(ob: OutputBuffer): [RefKind, Node | null] {
    let kind = this.rk;
    let node: Node | null = this.pointee;
    const prev: Node[] = [];
    for (;;) {
      const sn: Node = node!.getSyntaxNode(ob);
      if (!(sn instanceof ReferenceType)) break;
      node = sn.pointee;
      kind = Math.min(kind, sn.rk);
      prev.push(node);
      if (prev.length > 1 && node === prev[(prev.length - 1) >> 1]) {
        node = null;
        break;
      }
    }
    return [kind, node];
  }
  printLeft(ob: OutputBuffer): void {
    if (this.printing) return;
    this.printing = true;
    try {
      const [kind, n] = this.collapse(ob);
      if (!n) return;
      n.printLeft(ob);
      if (n.hasArray(ob)) ob.add(' ');
      if (n.hasArray(ob) || n.hasFunction(ob)) ob.add('(');
      ob.add(kind === RefKind.LValue ? '&' : '&&');
    } finally {
      this.printing = false;
    }
  }
  printRight(ob: OutputBuffer): void {
    if (this.printing) return;
    this.printing = true;
    try {
      const [, n] = this.collapse(ob);
      if (!n) return;
      if (n.hasArray(ob) || n.hasFunction(ob)) ob.add(')');
      n.printRight(ob);
    } finally {
      this.printing = false;
    }
  }
}

class PointerToMemberType extends Node {
  constructor(readonly classType: Node, readonly memberType: Node) {
    super(Prec.Primary, memberType.rhsCache);
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    return this.memberType.hasRHSComponent(ob);
  }
  printLeft(ob: OutputBuffer): void {
    const m = this.memberType;
    m.printLeft(ob);
    if (m.hasArray(ob) || m.hasFunction(ob)) ob.add('(');
    else ob.add(' ');
    this.classType.print(ob);
    ob.add('::*');
  }
  printRight(ob: OutputBuffer): void {
    const m = this.memberType;
    if (m.hasArray(ob) || m.hasFunction(ob)) ob.add(')');
    m.printRight(ob);
  }
}

class ArrayType extends Node {
  constructor(readonly base: Node, readonly dimension: Node | null) {
    super(Prec.Primary, Cache.Yes, Cache.Yes);
  }
  hasRHSComponentSlow(): boolean {
    return true;
  }
  hasArraySlow(): boolean {
    return true;
  }
  printLeft(ob: OutputBuffer): void {
    this.base.printLeft(ob);
  }
  printRight(ob: OutputBuffer): void {
    if (ob.back() !== ']') ob.add(' ');
    ob.add('[');
    if (this.dimension) this.dimension.print(ob);
    ob.add(']');
    this.base.printRight(ob);
  }
  printInitListAsType(ob: OutputBuffer, elements: Node[]): boolean {
    if (this.base instanceof NameType && this.base.name === 'char') return printAsString(ob, elements);
    return false;
  }
}

class FunctionType extends Node {
  constructor(
    readonly ret: Node,
    readonly params: Node[],
    readonly cvQuals: Qual,
    readonly refQual: RefQual,
    readonly exceptionSpec: Node | null,
  ) {
    super(Prec.Primary, Cache.Yes, Cache.No, Cache.Yes);
  }
  hasRHSComponentSlow(): boolean {
    return true;
  }
  hasFunctionSlow(): boolean {
    return true;
  }
  printLeft(ob: OutputBuffer): void {
    this.ret.printLeft(ob);
    ob.add(' ');
  }
  printRight(ob: OutputBuffer): void {
    ob.printOpen();
    printWithComma(ob, this.params);
    ob.printClose();
    this.ret.printRight(ob);
    printQuals(ob, this.cvQuals);
    printRefQual(ob, this.refQual);
    if (this.exceptionSpec) {
      ob.add(' ');
      this.exceptionSpec.print(ob);
    }
  }
}

class NoexceptSpec extends Node {
  constructor(readonly e: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('noexcept');
    ob.printOpen();
    this.e.printAsOperand(ob);
    ob.printClose();
  }
}

class DynamicExceptionSpec extends Node {
  constructor(readonly types: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('throw');
    ob.printOpen();
    printWithComma(ob, this.types);
    ob.printClose();
  }
}

class ExplicitObjectParameter extends Node {
  constructor(readonly base: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('this ');
    this.base.print(ob);
  }
}

class FunctionEncoding extends Node {
  constructor(
    readonly ret: Node | null,
    readonly name: Node,
    readonly params: Node[],
    readonly attrs: Node | null,
    readonly requires: Node | null,
    readonly cvQuals: Qual,
    readonly refQual: RefQual,
  ) {
    super(Prec.Primary, Cache.Yes, Cache.No, Cache.Yes);
  }
  hasRHSComponentSlow(): boolean {
    return true;
  }
  hasFunctionSlow(): boolean {
    return true;
  }
  printLeft(ob: OutputBuffer): void {
    if (this.ret) {
      this.ret.printLeft(ob);
      if (!this.ret.hasRHSComponent(ob)) ob.add(' ');
    }
    this.name.print(ob);
  }
  printRight(ob: OutputBuffer): void {
    ob.printOpen();
    printWithComma(ob, this.params);
    ob.printClose();
    if (this.ret) this.ret.printRight(ob);
    printQuals(ob, this.cvQuals);
    printRefQual(ob, this.refQual);
    if (this.attrs) this.attrs.print(ob);
    if (this.requires) {
      ob.add(' requires ');
      this.requires.print(ob);
    }
  }
}

class LiteralOperator extends Node {
  constructor(readonly opName: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('operator"" ');
    this.opName.print(ob);
  }
}

class SpecialName extends Node {
  constructor(readonly special: string, readonly child: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.special);
    this.child.print(ob);
  }
}

class CtorVtableSpecialName extends Node {
  constructor(readonly firstType: Node, readonly secondType: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('construction vtable for ');
    this.firstType.print(ob);
    ob.add('-in-');
    this.secondType.print(ob);
  }
}

class NestedName extends Node {
  constructor(readonly qual: Node, readonly name: Node) {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.qual.print(ob);
    ob.add('::');
    this.name.print(ob);
  }
}

class MemberLikeFriendName extends Node {
  constructor(readonly qual: Node, readonly name: Node) {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.qual.print(ob);
    ob.add('::friend ');
    this.name.print(ob);
  }
}

class ModuleName extends Node {
  constructor(readonly parent: ModuleName | null, readonly name: Node, readonly isPartition = false) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.parent) this.parent.print(ob);
    if (this.parent || this.isPartition) ob.add(this.isPartition ? ':' : '.');
    this.name.print(ob);
  }
}

class ModuleEntity extends Node {
  constructor(readonly module: ModuleName, readonly name: Node) {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.name.print(ob);
    ob.add('@');
    this.module.print(ob);
  }
}

class LocalName extends Node {
  constructor(readonly encoding: Node, readonly entity: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.encoding.print(ob);
    ob.add('::');
    this.entity.print(ob);
  }
}

class QualifiedName extends Node {
  constructor(readonly qualifier: Node, readonly name: Node) {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.qualifier.print(ob);
    ob.add('::');
    this.name.print(ob);
  }
}

class VectorType extends Node {
  constructor(readonly baseType: Node, readonly dimension: Node | null) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.baseType.print(ob);
    ob.add(' vector[');
    if (this.dimension) this.dimension.print(ob);
    ob.add(']');
  }
}

class PixelVectorType extends Node {
  constructor(readonly dimension: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('pixel vector[');
    this.dimension.print(ob);
    ob.add(']');
  }
}

class BinaryFPType extends Node {
  constructor(readonly dimension: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('_Float');
    this.dimension.print(ob);
  }
}

const enum TemplateParamKind {
  Type,
  NonType,
  Template,
}

class SyntheticTemplateParamName extends Node {
  constructor(readonly paramKind: TemplateParamKind, readonly index: number) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.paramKind === TemplateParamKind.Type) ob.add('$T');
    else if (this.paramKind === TemplateParamKind.NonType) ob.add('$N');
    else ob.add('$TT');
    if (this.index > 0) ob.add(String(this.index - 1));
  }
}

class TemplateParamQualifiedArg extends Node {
  constructor(readonly param: Node, readonly arg: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.arg.print(ob);
  }
}

class TypeTemplateParamDecl extends Node {
  constructor(readonly name: Node) {
    super(Prec.Primary, Cache.Yes);
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('typename ');
  }
  printRight(ob: OutputBuffer): void {
    this.name.print(ob);
  }
}

class ConstrainedTypeTemplateParamDecl extends Node {
  constructor(readonly constraint: Node, readonly name: Node) {
    super(Prec.Primary, Cache.Yes);
  }
  printLeft(ob: OutputBuffer): void {
    this.constraint.print(ob);
    ob.add(' ');
  }
  printRight(ob: OutputBuffer): void {
    this.name.print(ob);
  }
}

class NonTypeTemplateParamDecl extends Node {
  constructor(readonly name: Node, readonly type: Node) {
    super(Prec.Primary, Cache.Yes);
  }
  printLeft(ob: OutputBuffer): void {
    this.type.printLeft(ob);
    if (!this.type.hasRHSComponent(ob)) ob.add(' ');
  }
  printRight(ob: OutputBuffer): void {
    this.name.print(ob);
    this.type.printRight(ob);
  }
}

class TemplateTemplateParamDecl extends Node {
  constructor(readonly name: Node, readonly params: Node[], readonly requires: Node | null) {
    super(Prec.Primary, Cache.Yes);
  }
  printLeft(ob: OutputBuffer): void {
    const saved = ob.gtIsGt;
    ob.gtIsGt = 0;
    ob.add('template<');
    printWithComma(ob, this.params);
    ob.add('> typename ');
    ob.gtIsGt = saved;
  }
  printRight(ob: OutputBuffer): void {
    this.name.print(ob);
    if (this.requires) {
      ob.add(' requires ');
      this.requires.print(ob);
    }
  }
}

class TemplateParamPackDecl extends Node {
  constructor(readonly param: Node) {
    super(Prec.Primary, Cache.Yes);
  }
  printLeft(ob: OutputBuffer): void {
    this.param.printLeft(ob);
    ob.add('...');
  }
  printRight(ob: OutputBuffer): void {
    this.param.printRight(ob);
  }
}

/** An unexpanded parameter pack: prints the element selected by the enclosing expansion. */
class ParameterPack extends Node {
  constructor(readonly data: Node[]) {
    super(Prec.Primary, Cache.Unknown, Cache.Unknown, Cache.Unknown);
    if (data.every((p) => p.arrayCache === Cache.No)) this.arrayCache = Cache.No;
    if (data.every((p) => p.functionCache === Cache.No)) this.functionCache = Cache.No;
    if (data.every((p) => p.rhsCache === Cache.No)) this.rhsCache = Cache.No;
  }
  private current(ob: OutputBuffer): Node | null {
    if (ob.currentPackMax === UNSET) {
      ob.currentPackMax = this.data.length;
      ob.currentPackIndex = 0;
    }
    const idx = ob.currentPackIndex;
    return idx < this.data.length ? this.data[idx] : null;
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    const n = this.current(ob);
    return n !== null && n.hasRHSComponent(ob);
  }
  hasArraySlow(ob: OutputBuffer): boolean {
    const n = this.current(ob);
    return n !== null && n.hasArray(ob);
  }
  hasFunctionSlow(ob: OutputBuffer): boolean {
    const n = this.current(ob);
    return n !== null && n.hasFunction(ob);
  }
  getSyntaxNode(ob: OutputBuffer): Node {
    const n = this.current(ob);
    return n !== null ? n.getSyntaxNode(ob) : this;
  }
  printLeft(ob: OutputBuffer): void {
    const n = this.current(ob);
    if (n) n.printLeft(ob);
  }
  printRight(ob: OutputBuffer): void {
    const n = this.current(ob);
    if (n) n.printRight(ob);
  }
}

class TemplateArgumentPack extends Node {
  constructor(readonly elements: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    printWithComma(ob, this.elements);
  }
}

class ParameterPackExpansion extends Node {
  constructor(readonly child: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    const savedIdx = ob.currentPackIndex;
    const savedMax = ob.currentPackMax;
    ob.currentPackIndex = UNSET;
    ob.currentPackMax = UNSET;
    try {
      const streamPos = ob.position;
      this.child.print(ob);
      if (ob.currentPackMax === UNSET) {
        ob.add('...');
        return;
      }
      if (ob.currentPackMax === 0) {
        ob.position = streamPos;
        return;
      }
      for (let i = 1, e = ob.currentPackMax; i < e; ++i) {
        ob.add(', ');
        ob.currentPackIndex = i;
        this.child.print(ob);
      }
    } finally {
      ob.currentPackIndex = savedIdx;
      ob.currentPackMax = savedMax;
    }
  }
}

class TemplateArgs extends Node {
  constructor(readonly params: Node[], readonly requires: Node | null) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    const saved = ob.gtIsGt;
    ob.gtIsGt = 0;
    ob.add('<');
    printWithComma(ob, this.params);
    ob.add('>');
    ob.gtIsGt = saved;
  }
}

/** A template parameter used before its template arguments are known (conversion operators). */
class ForwardTemplateReference extends Node {
  ref: Node | null = null;
  private printing = false;
  constructor(readonly index: number) {
    super(Prec.Primary, Cache.Unknown, Cache.Unknown, Cache.Unknown);
  }
  private guarded<T>(fallback: T, f: (r: Node) => T): T {
    if (this.printing || !this.ref) return fallback;
    this.printing = true;
    try {
      return f(this.ref);
    } finally {
      this.printing = false;
    }
  }
  hasRHSComponentSlow(ob: OutputBuffer): boolean {
    return this.guarded(false, (r) => r.hasRHSComponent(ob));
  }
  hasArraySlow(ob: OutputBuffer): boolean {
    return this.guarded(false, (r) => r.hasArray(ob));
  }
  hasFunctionSlow(ob: OutputBuffer): boolean {
    return this.guarded(false, (r) => r.hasFunction(ob));
  }
  getSyntaxNode(ob: OutputBuffer): Node {
    return this.guarded<Node>(this, (r) => r.getSyntaxNode(ob));
  }
  printLeft(ob: OutputBuffer): void {
    this.guarded(undefined, (r) => r.printLeft(ob));
  }
  printRight(ob: OutputBuffer): void {
    this.guarded(undefined, (r) => r.printRight(ob));
  }
}

class NameWithTemplateArgs extends Node {
  constructor(readonly name: Node, readonly templateArgs: Node) {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.name.print(ob);
    this.templateArgs.print(ob);
  }
}

class GlobalQualifiedName extends Node {
  constructor(readonly child: Node) {
    super();
  }
  getBaseName(): string {
    return this.child.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('::');
    this.child.print(ob);
  }
}

const enum SpecialSubKind {
  allocator,
  basic_string,
  string,
  istream,
  ostream,
  iostream,
}

const SPECIAL_SUB_NAMES = ['allocator', 'basic_string', 'basic_string', 'basic_istream', 'basic_ostream', 'basic_iostream'];

/** std::allocator etc. as written in a ctor/dtor context (full template name). */
class ExpandedSpecialSubstitution extends Node {
  constructor(readonly ssk: SpecialSubKind) {
    super();
  }
  protected isInstantiation(): boolean {
    return this.ssk >= SpecialSubKind.string;
  }
  getBaseName(): string {
    return SPECIAL_SUB_NAMES[this.ssk];
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('std::');
    ob.add(SPECIAL_SUB_NAMES[this.ssk]);
    if (this.isInstantiation()) {
      ob.add('<char, std::char_traits<char>');
      if (this.ssk === SpecialSubKind.string) ob.add(', std::allocator<char>');
      ob.add('>');
    }
  }
}

/** Sa, Sb, Ss, Si, So, Sd as typedef names (std::string, std::ostream, ...). */
class SpecialSubstitution extends ExpandedSpecialSubstitution {
  getBaseName(): string {
    const sv = SPECIAL_SUB_NAMES[this.ssk];
    return this.isInstantiation() ? sv.slice('basic_'.length) : sv;
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('std::');
    ob.add(this.getBaseName());
  }
}

class CtorDtorName extends Node {
  constructor(readonly basename: Node, readonly isDtor: boolean, readonly variant: number) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isDtor) ob.add('~');
    ob.add(this.basename.getBaseName());
  }
}

class DtorName extends Node {
  constructor(readonly base: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('~');
    this.base.printLeft(ob);
  }
}

class UnnamedTypeName extends Node {
  constructor(readonly count: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add("'unnamed");
    ob.add(this.count);
    ob.add("'");
  }
}

class ClosureTypeName extends Node {
  constructor(
    readonly templateParams: Node[],
    readonly requires1: Node | null,
    readonly params: Node[],
    readonly requires2: Node | null,
    readonly count: string,
  ) {
    super();
  }
  printDeclarator(ob: OutputBuffer): void {
    if (this.templateParams.length > 0) {
      const saved = ob.gtIsGt;
      ob.gtIsGt = 0;
      ob.add('<');
      printWithComma(ob, this.templateParams);
      ob.add('>');
      ob.gtIsGt = saved;
    }
    if (this.requires1) {
      ob.add(' requires ');
      this.requires1.print(ob);
      ob.add(' ');
    }
    ob.printOpen();
    printWithComma(ob, this.params);
    ob.printClose();
    if (this.requires2) {
      ob.add(' requires ');
      this.requires2.print(ob);
    }
  }
  printLeft(ob: OutputBuffer): void {
    ob.add("'lambda");
    ob.add(this.count);
    ob.add("'");
    this.printDeclarator(ob);
  }
}

class StructuredBindingName extends Node {
  constructor(readonly bindings: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.printOpen('[');
    printWithComma(ob, this.bindings);
    ob.printClose(']');
  }
}

// -- Expression nodes --

class BinaryExpr extends Node {
  constructor(readonly lhs: Node, readonly infixOperator: string, readonly rhs: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    const op = this.infixOperator;
    const parenAll = ob.isGtInsideTemplateArgs() && (op === '>' || op === '>>');
    if (parenAll) ob.printOpen();
    const isAssign = this.prec === Prec.Assign;
    this.lhs.printAsOperand(ob, isAssign ? Prec.OrIf : this.prec, !isAssign);
    if (op !== ',') ob.add(' ');
    ob.add(op);
    ob.add(' ');
    this.rhs.printAsOperand(ob, this.prec, isAssign);
    if (parenAll) ob.printClose();
  }
}

class ArraySubscriptExpr extends Node {
  constructor(readonly op1: Node, readonly op2: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.op1.printAsOperand(ob, this.prec);
    ob.printOpen('[');
    this.op2.printAsOperand(ob);
    ob.printClose(']');
  }
}

class PostfixExpr extends Node {
  constructor(readonly child: Node, readonly operator: string, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.child.printAsOperand(ob, this.prec, true);
    ob.add(this.operator);
  }
}

class ConditionalExpr extends Node {
  constructor(readonly cond: Node, readonly then: Node, readonly else_: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.cond.printAsOperand(ob, this.prec);
    ob.add(' ? ');
    this.then.printAsOperand(ob);
    ob.add(' : ');
    this.else_.printAsOperand(ob, Prec.Assign, true);
  }
}

class MemberExpr extends Node {
  constructor(readonly lhs: Node, readonly kindName: string, readonly rhs: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.lhs.printAsOperand(ob, this.prec, true);
    ob.add(this.kindName);
    this.rhs.printAsOperand(ob, this.prec, false);
  }
}

class SubobjectExpr extends Node {
  constructor(
    readonly type: Node,
    readonly subExpr: Node,
    readonly offset: string,
    readonly unionSelectors: Node[],
    readonly onePastTheEnd: boolean,
  ) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.subExpr.print(ob);
    ob.add('.<');
    this.type.print(ob);
    ob.add(' at offset ');
    if (this.offset === '') ob.add('0');
    else if (this.offset[0] === 'n') ob.add('-' + this.offset.slice(1));
    else ob.add(this.offset);
    ob.add('>');
  }
}

class EnclosingExpr extends Node {
  constructor(readonly prefix: string, readonly infix: Node, prec: Prec = Prec.Primary) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.prefix);
    ob.printOpen();
    this.infix.print(ob);
    ob.printClose();
  }
}

class CastExpr extends Node {
  constructor(readonly castKind: string, readonly to: Node, readonly from: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.castKind);
    const saved = ob.gtIsGt;
    ob.gtIsGt = 0;
    ob.add('<');
    this.to.printLeft(ob);
    ob.add('>');
    ob.gtIsGt = saved;
    ob.printOpen();
    this.from.printAsOperand(ob);
    ob.printClose();
  }
}

class SizeofParamPackExpr extends Node {
  constructor(readonly pack: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('sizeof...');
    ob.printOpen();
    new ParameterPackExpansion(this.pack).printLeft(ob);
    ob.printClose();
  }
}

class CallExpr extends Node {
  constructor(readonly callee: Node, readonly args: Node[], readonly isParen: boolean, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isParen) ob.printOpen();
    this.callee.print(ob);
    if (this.isParen) ob.printClose();
    ob.printOpen();
    printWithComma(ob, this.args);
    ob.printClose();
  }
}

class NewExpr extends Node {
  constructor(
    readonly exprList: Node[],
    readonly type: Node,
    readonly initList: Node[],
    readonly isGlobal: boolean,
    readonly isArray: boolean,
    prec: Prec,
  ) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isGlobal) ob.add('::');
    ob.add('new');
    if (this.isArray) ob.add('[]');
    if (this.exprList.length > 0) {
      ob.printOpen();
      printWithComma(ob, this.exprList);
      ob.printClose();
    }
    ob.add(' ');
    this.type.print(ob);
    if (this.initList.length > 0) {
      ob.printOpen();
      printWithComma(ob, this.initList);
      ob.printClose();
    }
  }
}

class DeleteExpr extends Node {
  constructor(readonly op: Node, readonly isGlobal: boolean, readonly isArray: boolean, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isGlobal) ob.add('::');
    ob.add('delete');
    if (this.isArray) ob.add('[]');
    ob.add(' ');
    this.op.print(ob);
  }
}

class PrefixExpr extends Node {
  constructor(readonly prefix: string, readonly child: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.prefix);
    this.child.printAsOperand(ob, this.prec);
  }
}

class FunctionParam extends Node {
  constructor(readonly number: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('fp');
    ob.add(this.number);
  }
}

class ConversionExpr extends Node {
  constructor(readonly type: Node, readonly expressions: Node[], prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.printOpen();
    this.type.print(ob);
    ob.printClose();
    ob.printOpen();
    printWithComma(ob, this.expressions);
    ob.printClose();
  }
}

class PointerToMemberConversionExpr extends Node {
  constructor(readonly type: Node, readonly subExpr: Node, readonly offset: string, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.printOpen();
    this.type.print(ob);
    ob.printClose();
    ob.printOpen();
    this.subExpr.print(ob);
    ob.printClose();
  }
}

class InitListExpr extends Node {
  constructor(readonly ty: Node | null, readonly inits: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.ty) {
      if (this.ty.printInitListAsType(ob, this.inits)) return;
      this.ty.print(ob);
    }
    ob.add('{');
    printWithComma(ob, this.inits);
    ob.add('}');
  }
}

function isBraced(n: Node): boolean {
  return n instanceof BracedExpr || n instanceof BracedRangeExpr;
}

class BracedExpr extends Node {
  constructor(readonly elem: Node, readonly init: Node, readonly isArray: boolean) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isArray) {
      ob.add('[');
      this.elem.print(ob);
      ob.add(']');
    } else {
      ob.add('.');
      this.elem.print(ob);
    }
    if (!isBraced(this.init)) ob.add(' = ');
    this.init.print(ob);
  }
}

class BracedRangeExpr extends Node {
  constructor(readonly first: Node, readonly last: Node, readonly init: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('[');
    this.first.print(ob);
    ob.add(' ... ');
    this.last.print(ob);
    ob.add(']');
    if (!isBraced(this.init)) ob.add(' = ');
    this.init.print(ob);
  }
}

class FoldExpr extends Node {
  constructor(
    readonly isLeftFold: boolean,
    readonly operatorName: string,
    readonly pack: Node,
    readonly init: Node | null,
  ) {
    super();
  }
  private printPack(ob: OutputBuffer): void {
    ob.printOpen();
    new ParameterPackExpansion(this.pack).print(ob);
    ob.printClose();
  }
  printLeft(ob: OutputBuffer): void {
    ob.printOpen();
    if (!this.isLeftFold || this.init) {
      if (this.isLeftFold) this.init!.printAsOperand(ob, Prec.Cast, true);
      else this.printPack(ob);
      ob.add(' ' + this.operatorName + ' ');
    }
    ob.add('...');
    if (this.isLeftFold || this.init) {
      ob.add(' ' + this.operatorName + ' ');
      if (this.isLeftFold) this.printPack(ob);
      else this.init!.printAsOperand(ob, Prec.Cast, true);
    }
    ob.printClose();
  }
}

class ThrowExpr extends Node {
  constructor(readonly op: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('throw ');
    this.op.print(ob);
  }
}

class BoolExpr extends Node {
  constructor(readonly value: boolean) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.value ? 'true' : 'false');
  }
}

class StringLiteral extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('"<');
    this.type.print(ob);
    ob.add('>"');
  }
}

class LambdaExpr extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('[]');
    if (this.type instanceof ClosureTypeName) this.type.printDeclarator(ob);
    ob.add('{...}');
  }
}

class EnumLiteral extends Node {
  constructor(readonly ty: Node, readonly integer: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.printOpen();
    this.ty.print(ob);
    ob.printClose();
    if (this.integer[0] === 'n') ob.add('-' + this.integer.slice(1));
    else ob.add(this.integer);
  }
}

class IntegerLiteral extends Node {
  constructor(readonly type: string, readonly value: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.type.length > 3) {
      ob.printOpen();
      ob.add(this.type);
      ob.printClose();
    }
    if (this.value[0] === 'n') ob.add('-' + this.value.slice(1));
    else ob.add(this.value);
    if (this.type.length <= 3) ob.add(this.type);
  }
}

class RequiresExpr extends Node {
  constructor(readonly parameters: Node[], readonly requirements: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('requires');
    if (this.parameters.length > 0) {
      ob.add(' ');
      ob.printOpen();
      printWithComma(ob, this.parameters);
      ob.printClose();
    }
    ob.add(' ');
    ob.printOpen('{');
    for (const req of this.requirements) req.print(ob);
    ob.add(' ');
    ob.printClose('}');
  }
}

class ExprRequirement extends Node {
  constructor(readonly expr: Node, readonly isNoexcept: boolean, readonly typeConstraint: Node | null) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' ');
    const braced = this.isNoexcept || this.typeConstraint !== null;
    if (braced) ob.printOpen('{');
    this.expr.print(ob);
    if (braced) ob.printClose('}');
    if (this.isNoexcept) ob.add(' noexcept');
    if (this.typeConstraint) {
      ob.add(' -> ');
      this.typeConstraint.print(ob);
    }
    ob.add(';');
  }
}

class TypeRequirement extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' typename ');
    this.type.print(ob);
    ob.add(';');
  }
}

class NestedRequirement extends Node {
  constructor(readonly constraint: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' requires ');
    this.constraint.print(ob);
    ob.add(';');
  }
}

const enum FloatKind {
  Float,
  Double,
  LongDouble,
}

/** Number of hex digits in the mangling of each floating-point type. */
const FLOAT_MANGLED_SIZE = [8, 16, 32];

class FloatLiteral extends Node {
  constructor(readonly floatKind: FloatKind, readonly contents: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(formatFloatLiteral(this.floatKind, this.contents));
  }
}

// ---------------------------------------------------------------------------
// Printing helpers for literals
// ---------------------------------------------------------------------------

/** Prints integer literals as a C string literal; returns false (printing nothing) if impossible. */
function printAsString(ob: OutputBuffer, elements: Node[]): boolean {
  const start = ob.position;
  const fail = (): boolean => {
    ob.position = start;
    return false;
  };
  ob.add('"');
  let lastWasNumericEscape = false;
  for (const el of elements) {
    if (!(el instanceof IntegerLiteral)) return fail();
    let v = 0;
    for (const c of el.value) {
      if (c < '0' || c > '9' || v > 25) return fail();
      v = v * 10 + (c.charCodeAt(0) - 48);
    }
    if (v > 255) return fail();
    if (lastWasNumericEscape && isHexDigitCode(v)) ob.add('""');
    lastWasNumericEscape = false;
    const esc = CHAR_ESCAPES[v];
    if (esc !== undefined) ob.add(esc);
    else if (v < 32 || v === 127) {
      ob.add('\\' + (v > 7 ? 'x' : '') + (v >= 16 ? HEX_UPPER[v >> 4] : '') + HEX_UPPER[v & 15]);
      lastWasNumericEscape = true;
    } else ob.add(String.fromCharCode(v));
  }
  ob.add('"');
  return true;
}

const HEX_UPPER = '0123456789ABCDEF';

const CHAR_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
  34: '\\"',
  92: '\\\\',
};

function isHexDigitCode(v: number): boolean {
  return (v >= 48 && v <= 57) || (v >= 97 && v <= 102) || (v >= 65 && v <= 70);
}

/**
 * Formats the hex image of a float/double/long double literal as printf's
 * "%af" / "%a" / "%LaL" would (normalized "0x1.<hex>p<exp>").
 */
function formatFloatLiteral(kind: FloatKind, contents: string): string {
  const n = FLOAT_MANGLED_SIZE[kind];
  if (contents.length < n) return '';
  const bits = BigInt('0x' + contents.slice(0, n));
  const [expBits, mantBits] = kind === FloatKind.Float ? [8, 23] : kind === FloatKind.Double ? [11, 52] : [15, 112];
  const body = formatHexFloat(bits, expBits, mantBits);
  return kind === FloatKind.Float ? body + 'f' : kind === FloatKind.LongDouble ? body + 'L' : body;
}

function formatHexFloat(bits: bigint, expBits: number, mantBits: number): string {
  const mantMask = (1n << BigInt(mantBits)) - 1n;
  const expMask = (1 << expBits) - 1;
  const sign = (bits >> BigInt(expBits + mantBits)) & 1n ? '-' : '';
  const exp = Number((bits >> BigInt(mantBits)) & BigInt(expMask));
  let mant = bits & mantMask;
  if (exp === expMask) return sign + (mant === 0n ? 'inf' : 'nan');
  if (exp === 0 && mant === 0n) return sign + '0x0p+0';
  const bias = (1 << (expBits - 1)) - 1;
  let e = exp - bias;
  if (exp === 0) {
    // Subnormal: normalize so that the leading digit is 1.
    e = 1 - bias;
    while (!((mant >> BigInt(mantBits)) & 1n)) {
      mant <<= 1n;
      e--;
    }
    mant &= mantMask;
  }
  // Pad the fraction to a whole number of hex digits.
  const padBits = (4 - (mantBits % 4)) % 4;
  let frac = (mant << BigInt(padBits)).toString(16).padStart((mantBits + padBits) / 4, '0');
  frac = frac.replace(/0+$/, '');
  return sign + '0x1' + (frac ? '.' + frac : '') + 'p' + (e < 0 ? '-' : '+') + Math.abs(e);
}

// ---------------------------------------------------------------------------
// Operator table
// ---------------------------------------------------------------------------

const enum OpKind {
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

interface OperatorInfo {
  kind: OpKind;
  flag: boolean;
  prec: Prec;
  name: string;
  /** The operator's spelling without "operator" (e.g. "+", "new"). */
  symbol: string;
}

function op(kind: OpKind, flag: boolean, prec: Prec, name: string): OperatorInfo {
  let symbol = name;
  if (kind < OpKind.NamedCast) {
    symbol = name.slice('operator'.length);
    if (symbol.startsWith(' ')) symbol = symbol.slice(1);
  }
  return { kind, flag, prec, name, symbol };
}

const OPERATORS: Record<string, OperatorInfo> = {
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

const BUILTIN_TYPES: Record<string, string> = {
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
const D_BUILTIN_TYPES: Record<string, string> = {
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

const FIXED_POINT_SIZES: Record<string, string> = {
  s: 'short ',
  t: 'unsigned short ',
  i: '',
  j: 'unsigned ',
  l: 'long ',
  m: 'unsigned long ',
};

/** Literal suffixes / type names for integer literals `L<type><value>E`. */
const INTEGER_LITERAL_TYPES: Record<string, string> = {
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
// Parser
// ---------------------------------------------------------------------------

/** Information about a <name> that matters when it names a function (<encoding>). */
interface NameState {
  ctorDtorConversion: boolean;
  endsWithTemplateArgs: boolean;
  cvQualifiers: Qual;
  referenceQualifier: RefQual;
  forwardTemplateRefsBegin: number;
  hasExplicitObjectParameter: boolean;
}

type TemplateParamList = Node[];


function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Value of a decimal digit (base 10) or a <seq-id> digit 0-9A-Z (base 36); -1 otherwise. */
function digitValue(c: string, base: number): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (base === 36 && c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  return -1;
}

/** Beyond this, numbers continue as BigInt wrapping at 2^64 like LLVM's size_t arithmetic. */
const SAFE_ACCUMULATOR = 2 ** 48;

class Parser {
  private pos: number;
  private end: number;
  private depth = 0;
  /** Temporary stack of nodes being collected into arrays. */
  private names: Node[] = [];
  /** Substitution table (S_, S0_, ...). */
  private subs: Node[] = [];
  /** Template argument tables indexed by level (T_, TL0__...). */
  private templateParams: (TemplateParamList | null)[] = [];
  private outerTemplateParams: TemplateParamList = [];
  private forwardTemplateRefs: ForwardTemplateReference[] = [];
  private tryToParseTemplateArgs = true;
  private permitForwardTemplateReferences = false;
  private hasIncompleteTemplateParameterTracking = false;
  private parsingLambdaParamsAtLevel = -1;
  private numSyntheticTemplateParameters = [0, 0, 0];

  constructor(private readonly s: string) {
    this.pos = 0;
    this.end = s.length;
  }

  // -- Lexing helpers --

  private look(ahead = 0): string {
    const i = this.pos + ahead;
    return i < this.end ? this.s[i] : '\0';
  }
  private numLeft(): number {
    return this.end - this.pos;
  }
  private consume(): string {
    return this.pos < this.end ? this.s[this.pos++] : '\0';
  }
  private consumeIf(str: string): boolean {
    if (str.length === 1) {
      if (this.pos < this.end && this.s[this.pos] === str) {
        this.pos++;
        return true;
      }
      return false;
    }
    if (this.numLeft() >= str.length && this.s.startsWith(str, this.pos)) {
      this.pos += str.length;
      return true;
    }
    return false;
  }

  /** <number> ::= [n] <decimal digits>; returns "" if there is none. */
  private parseNumber(allowNegative = false): string {
    const start = this.pos;
    if (allowNegative) this.consumeIf('n');
    if (this.numLeft() === 0 || !isDigit(this.s[this.pos])) return '';
    while (this.numLeft() !== 0 && isDigit(this.s[this.pos])) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Returns the value (wrapping like a 64-bit size_t), or -1 if there are no digits. */
  private parsePositiveInteger(): number {
    if (!isDigit(this.look())) return -1;
    let n = 0;
    while (isDigit(this.look())) {
      n = n * 10 + (this.consume().charCodeAt(0) - 48);
      if (n > SAFE_ACCUMULATOR) return this.continueWrapped(BigInt(n), 10);
    }
    return n;
  }

  /** Finishes a number that no longer fits a double exactly, modulo 2^64. */
  private continueWrapped(acc: bigint, base: number): number {
    const b = BigInt(base);
    for (;;) {
      const d = digitValue(this.look(), base);
      if (d < 0) return Number(acc);
      acc = BigInt.asUintN(64, acc * b + BigInt(d));
      this.pos++;
    }
  }

  private parseBareSourceName(): string {
    const len = this.parsePositiveInteger();
    if (len < 0 || this.numLeft() < len) return '';
    const r = this.s.slice(this.pos, this.pos + len);
    this.pos += len;
    return r;
  }

  private parseCVQualifiers(): Qual {
    let q = Qual.None;
    if (this.consumeIf('r')) q |= Qual.Restrict;
    if (this.consumeIf('V')) q |= Qual.Volatile;
    if (this.consumeIf('K')) q |= Qual.Const;
    return q;
  }

  /** Moves names[from..] into a new array. */
  private popTrailing(from: number): Node[] {
    return this.names.splice(from);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new DemangleError('too deep');
  }

  private newNameState(): NameState {
    return {
      ctorDtorConversion: false,
      endsWithTemplateArgs: false,
      cvQualifiers: Qual.None,
      referenceQualifier: RefQual.None,
      forwardTemplateRefsBegin: this.forwardTemplateRefs.length,
      hasExplicitObjectParameter: false,
    };
  }

  /** Runs `f` with template parameter tables saved and cleared (SaveTemplateParams). */
  private withSavedTemplateParams<T>(f: () => T): T {
    const oldParams = this.templateParams;
    const oldOuter = this.outerTemplateParams;
    this.templateParams = [];
    this.outerTemplateParams = [];
    try {
      return f();
    } finally {
      this.templateParams = oldParams;
      this.outerTemplateParams = oldOuter;
    }
  }

  /** Pushes a fresh template parameter list for the duration of `f` (ScopedTemplateParamList). */
  private withScopedTemplateParamList<T>(f: (params: TemplateParamList) => T): T {
    const oldSize = this.templateParams.length;
    const params: TemplateParamList = [];
    this.templateParams.push(params);
    try {
      return f(params);
    } finally {
      if (this.templateParams.length > oldSize) this.templateParams.length = oldSize;
    }
  }

  private resolveForwardTemplateRefs(state: NameState): boolean {
    const refs = this.forwardTemplateRefs;
    for (let i = state.forwardTemplateRefsBegin; i < refs.length; ++i) {
      const idx = refs[i].index;
      const top = this.templateParams[0];
      if (this.templateParams.length === 0 || !top || idx >= top.length) return true;
      refs[i].ref = top[idx];
    }
    refs.length = state.forwardTemplateRefsBegin;
    return false;
  }

  // -- Top level --

  /** <mangled-name> ::= _Z <encoding> [.<suffix>] | ___Z <encoding> _block_invoke[_]<n> */
  parse(): Node | null {
    if (this.consumeIf('_Z') || this.consumeIf('__Z')) {
      let encoding = this.parseEncoding();
      if (!encoding) return null;
      if (this.look() === '.') {
        encoding = new DotSuffix(encoding, this.s.slice(this.pos, this.end));
        this.pos = this.end;
      }
      return this.numLeft() === 0 ? encoding : null;
    }
    if (this.consumeIf('___Z') || this.consumeIf('____Z')) {
      const encoding = this.parseEncoding();
      if (!encoding || !this.consumeIf('_block_invoke')) return null;
      const requireNumber = this.consumeIf('_');
      if (this.parseNumber() === '' && requireNumber) return null;
      if (this.look() === '.') this.pos = this.end;
      if (this.numLeft() !== 0) return null;
      return new SpecialName('invocation function for block in ', encoding);
    }
    const ty = this.parseType();
    return this.numLeft() === 0 ? ty : null;
  }

  // -- Encodings and names --

  /** <encoding> ::= <function name> <bare-function-type> | <data name> | <special-name> */
  private parseEncoding(): Node | null {
    this.enter();
    try {
      return this.withSavedTemplateParams(() => this.parseEncodingInner());
    } finally {
      this.depth--;
    }
  }

  private isEndOfEncoding(): boolean {
    const c = this.look();
    return this.numLeft() === 0 || c === 'E' || c === '.' || c === '_';
  }

  private parseEncodingInner(): Node | null {
    if (this.look() === 'G' || this.look() === 'T') return this.parseSpecialName();

    const state = this.newNameState();
    const name = this.parseName(state);
    if (!name) return null;
    if (this.resolveForwardTemplateRefs(state)) return null;
    if (this.isEndOfEncoding()) return name;

    let attrs: Node | null = null;
    if (this.consumeIf('Ua9enable_ifI')) {
      const before = this.names.length;
      while (!this.consumeIf('E')) {
        const arg = this.parseTemplateArg();
        if (!arg) return null;
        this.names.push(arg);
      }
      attrs = new EnableIfAttr(this.popTrailing(before));
    }

    let ret: Node | null = null;
    if (!state.ctorDtorConversion && state.endsWithTemplateArgs) {
      ret = this.parseType();
      if (!ret) return null;
    }

    let params: Node[] = [];
    if (!this.consumeIf('v')) {
      const begin = this.names.length;
      do {
        let ty = this.parseType();
        if (!ty) return null;
        if (state.hasExplicitObjectParameter && begin === this.names.length) ty = new ExplicitObjectParameter(ty);
        this.names.push(ty);
      } while (!this.isEndOfEncoding() && this.look() !== 'Q');
      params = this.popTrailing(begin);
    }

    let requires: Node | null = null;
    if (this.consumeIf('Q')) {
      requires = this.parseConstraintExpr();
      if (!requires) return null;
    }
    return new FunctionEncoding(ret, name, params, attrs, requires, state.cvQualifiers, state.referenceQualifier);
  }

  /** <call-offset> ::= h <nv-offset> _ | v <v-offset> _ ; returns true on failure. */
  private parseCallOffset(): boolean {
    if (this.consumeIf('h')) return this.parseNumber(true) === '' || !this.consumeIf('_');
    if (this.consumeIf('v'))
      return (
        this.parseNumber(true) === '' || !this.consumeIf('_') || this.parseNumber(true) === '' || !this.consumeIf('_')
      );
    return true;
  }

  private specialWithType(prefix: string): Node | null {
    this.pos += 2;
    const ty = this.parseType();
    return ty ? new SpecialName(prefix, ty) : null;
  }

  private specialWithName(prefix: string): Node | null {
    this.pos += 2;
    const name = this.parseName();
    return name ? new SpecialName(prefix, name) : null;
  }

  /** <special-name>: vtables, typeinfo, thunks, guard variables, ... */
  private parseSpecialName(): Node | null {
    if (this.look() === 'T') return this.parseSpecialNameT();
    if (this.look() === 'G') return this.parseSpecialNameG();
    return null;
  }

  private parseSpecialNameT(): Node | null {
    switch (this.look(1)) {
      case 'A': {
        this.pos += 2;
        const arg = this.parseTemplateArg();
        return arg ? new SpecialName('template parameter object for ', arg) : null;
      }
      case 'V':
        return this.specialWithType('vtable for ');
      case 'T':
        return this.specialWithType('VTT for ');
      case 'I':
        return this.specialWithType('typeinfo for ');
      case 'S':
        return this.specialWithType('typeinfo name for ');
      case 'c': {
        this.pos += 2;
        if (this.parseCallOffset() || this.parseCallOffset()) return null;
        const enc = this.parseEncoding();
        return enc ? new SpecialName('covariant return thunk to ', enc) : null;
      }
      case 'C': {
        this.pos += 2;
        const firstType = this.parseType();
        if (!firstType) return null;
        if (this.parseNumber(true) === '' || !this.consumeIf('_')) return null;
        const secondType = this.parseType();
        return secondType ? new CtorVtableSpecialName(secondType, firstType) : null;
      }
      case 'W':
        return this.specialWithName('thread-local wrapper routine for ');
      case 'H':
        return this.specialWithName('thread-local initialization routine for ');
      default: {
        this.pos++;
        const isVirt = this.look() === 'v';
        if (this.parseCallOffset()) return null;
        const base = this.parseEncoding();
        if (!base) return null;
        return new SpecialName(isVirt ? 'virtual thunk to ' : 'non-virtual thunk to ', base);
      }
    }
  }

  private parseSpecialNameG(): Node | null {
    switch (this.look(1)) {
      case 'V':
        return this.specialWithName('guard variable for ');
      case 'R': {
        this.pos += 2;
        const name = this.parseName();
        if (!name) return null;
        const parsedSeqId = this.parseSeqId() >= 0;
        if (!this.consumeIf('_') && parsedSeqId) return null;
        return new SpecialName('reference temporary for ', name);
      }
      case 'I': {
        this.pos += 2;
        const m = this.parseModuleNameOpt(null);
        if (m === false || m === null) return null;
        return new SpecialName('initializer for module ', m);
      }
      default:
        return null;
    }
  }

  /** <name> ::= <nested-name> | <local-name> | <unscoped-template-name> <template-args> | <unscoped-name> */
  private parseName(state: NameState | null = null): Node | null {
    this.enter();
    try {
      return this.parseNameInner(state);
    } finally {
      this.depth--;
    }
  }

  private parseNameInner(state: NameState | null): Node | null {
    if (this.look() === 'N') return this.parseNestedName(state);
    if (this.look() === 'Z') return this.parseLocalName(state);

    const subst = { isSubst: false };
    let result = this.parseUnscopedName(state, subst);
    if (!result) return null;
    if (this.look() === 'I') {
      if (!subst.isSubst) this.subs.push(result);
      const ta = this.parseTemplateArgs(state !== null);
      if (!ta) return null;
      if (state) state.endsWithTemplateArgs = true;
      result = new NameWithTemplateArgs(result, ta);
    } else if (subst.isSubst) {
      return null;
    }
    return result;
  }

  /** <local-name> := Z <function encoding> E <entity name> [<discriminator>] | ... E s | ... Ed [n] _ <name> */
  private parseLocalName(state: NameState | null): Node | null {
    if (!this.consumeIf('Z')) return null;
    const encoding = this.parseEncoding();
    if (!encoding || !this.consumeIf('E')) return null;

    if (this.consumeIf('s')) {
      this.parseDiscriminator();
      return new LocalName(encoding, new NameType('string literal'));
    }
    return this.withSavedTemplateParams(() => {
      if (this.consumeIf('d')) {
        this.parseNumber(true);
        if (!this.consumeIf('_')) return null;
        const n = this.parseName(state);
        return n ? new LocalName(encoding, n) : null;
      }
      const entity = this.parseName(state);
      if (!entity) return null;
      this.parseDiscriminator();
      return new LocalName(encoding, entity);
    });
  }

  /** Skips a <discriminator>: _ <digit> | __ <number> _ | trailing digits. */
  private parseDiscriminator(): void {
    const s = this.s;
    const last = this.end;
    let first = this.pos;
    if (first === last) return;
    if (s[first] === '_') {
      let t1 = first + 1;
      if (t1 !== last) {
        if (isDigit(s[t1])) first = t1 + 1;
        else if (s[t1] === '_') {
          for (++t1; t1 !== last && isDigit(s[t1]); ++t1);
          if (t1 !== last && s[t1] === '_') first = t1 + 1;
        }
      }
    } else if (isDigit(s[first])) {
      let t1 = first + 1;
      for (; t1 !== last && isDigit(s[t1]); ++t1);
      if (t1 === last) first = last;
    }
    this.pos = first;
  }

  /** <unscoped-name> ::= <unqualified-name> | St <unqualified-name> */
  private parseUnscopedName(state: NameState | null, subst: { isSubst: boolean } | null): Node | null {
    let std: Node | null = null;
    if (this.consumeIf('St')) std = new NameType('std');

    let res: Node | null = null;
    let module: ModuleName | null = null;
    if (this.look() === 'S') {
      const s = this.parseSubstitution();
      if (!s) return null;
      if (s instanceof ModuleName) module = s;
      else if (subst && std === null) {
        res = s;
        subst.isSubst = true;
      } else return null;
    }
    if (res === null || std !== null) res = this.parseUnqualifiedName(state, std, module);
    return res;
  }

  /** <unqualified-name> ::= [<module-name>] [F] [L] (<operator-name> | <ctor-dtor-name> | <source-name> | ...) [<abi-tags>] */
  private parseUnqualifiedName(state: NameState | null, scope: Node | null, module: ModuleName | null): Node | null {
    const m = this.parseModuleNameOpt(module);
    if (m === false) return null;
    module = m;

    const isMemberLikeFriend = scope !== null && this.consumeIf('F');
    this.consumeIf('L');

    let result: Node | null;
    const c = this.look();
    if (c >= '1' && c <= '9') {
      result = this.parseSourceName();
    } else if (c === 'U') {
      result = this.parseUnnamedTypeName(state);
    } else if (this.consumeIf('DC')) {
      const begin = this.names.length;
      do {
        const binding = this.parseSourceName();
        if (!binding) return null;
        this.names.push(binding);
      } while (!this.consumeIf('E'));
      result = new StructuredBindingName(this.popTrailing(begin));
    } else if (c === 'C' || c === 'D') {
      if (scope === null || module !== null) return null;
      const holder = { node: scope };
      result = this.parseCtorDtorName(holder, state);
      scope = holder.node;
    } else {
      result = this.parseOperatorName(state);
    }

    if (result && module) result = new ModuleEntity(module, result);
    if (result) result = this.parseAbiTags(result);
    if (result && isMemberLikeFriend) result = new MemberLikeFriendName(scope!, result);
    else if (result && scope) result = new NestedName(scope, result);
    return result;
  }

  /** Parses W <source-name> module parts; returns false on failure, else the (possibly null) module. */
  private parseModuleNameOpt(module: ModuleName | null): ModuleName | null | false {
    while (this.consumeIf('W')) {
      const isPartition = this.consumeIf('P');
      const sub = this.parseSourceName();
      if (!sub) return false;
      module = new ModuleName(module, sub, isPartition);
      this.subs.push(module);
    }
    return module;
  }

  /** <unnamed-type-name> ::= Ut [<number>] _ | Ul <lambda-sig> E [<number>] _ | Ub [<number>] _ */
  private parseUnnamedTypeName(state: NameState | null): Node | null {
    if (state !== null) this.templateParams.length = 0;

    if (this.consumeIf('Ut')) {
      const count = this.parseNumber();
      if (!this.consumeIf('_')) return null;
      return new UnnamedTypeName(count);
    }
    if (this.consumeIf('Ul')) return this.parseClosureTypeName();
    if (this.consumeIf('Ub')) {
      this.parseNumber();
      if (!this.consumeIf('_')) return null;
      return new NameType("'block-literal'");
    }
    return null;
  }

  private parseClosureTypeName(): Node | null {
    const savedLevel = this.parsingLambdaParamsAtLevel;
    this.parsingLambdaParamsAtLevel = this.templateParams.length;
    try {
      return this.withScopedTemplateParamList((lambdaParams) => this.parseLambdaSig(lambdaParams));
    } finally {
      this.parsingLambdaParamsAtLevel = savedLevel;
    }
  }

  private parseLambdaSig(lambdaParams: TemplateParamList): Node | null {
    const begin = this.names.length;
    while (this.isTemplateParamDecl()) {
      const t = this.parseTemplateParamDecl(lambdaParams);
      if (!t) return null;
      this.names.push(t);
    }
    const tempParams = this.popTrailing(begin);
    if (tempParams.length === 0) this.templateParams.pop();

    let requires1: Node | null = null;
    if (this.consumeIf('Q')) {
      requires1 = this.parseConstraintExpr();
      if (!requires1) return null;
    }
    if (!this.consumeIf('v')) {
      do {
        const p = this.parseType();
        if (!p) return null;
        this.names.push(p);
      } while (this.look() !== 'E' && this.look() !== 'Q');
    }
    const params = this.popTrailing(begin);

    let requires2: Node | null = null;
    if (this.consumeIf('Q')) {
      requires2 = this.parseConstraintExpr();
      if (!requires2) return null;
    }
    if (!this.consumeIf('E')) return null;
    const count = this.parseNumber();
    if (!this.consumeIf('_')) return null;
    return new ClosureTypeName(tempParams, requires1, params, requires2, count);
  }

  /** <source-name> ::= <positive length number> <identifier> */
  private parseSourceName(): Node | null {
    const len = this.parsePositiveInteger();
    if (len < 0 || this.numLeft() < len || len === 0) return null;
    const name = this.s.slice(this.pos, this.pos + len);
    this.pos += len;
    if (name.startsWith('_GLOBAL__N')) return new NameType('(anonymous namespace)');
    return new NameType(name);
  }

  /** Consumes a two-letter operator encoding if present. */
  private parseOperatorEncoding(): OperatorInfo | null {
    if (this.numLeft() < 2) return null;
    const code = this.s.slice(this.pos, this.pos + 2);
    if (!Object.prototype.hasOwnProperty.call(OPERATORS, code)) return null;
    this.pos += 2;
    return OPERATORS[code];
  }

  /** <operator-name> ::= <two-letter code> | cv <type> | li <source-name> | v <digit> <source-name> */
  private parseOperatorName(state: NameState | null): Node | null {
    const info = this.parseOperatorEncoding();
    if (info) {
      if (info.kind === OpKind.CCast) return this.parseConversionOperatorName(state);
      if (info.kind >= OpKind.NamedCast) return null;
      if (info.kind === OpKind.Member && !info.flag) return null;
      return new NameType(info.name);
    }
    if (this.consumeIf('li')) {
      const sn = this.parseSourceName();
      return sn ? new LiteralOperator(sn) : null;
    }
    if (this.consumeIf('v')) {
      if (isDigit(this.look())) {
        this.pos++;
        const sn = this.parseSourceName();
        return sn ? new ConversionOperatorType(sn) : null;
      }
      return null;
    }
    return null;
  }

  private parseConversionOperatorName(state: NameState | null): Node | null {
    const savedTry = this.tryToParseTemplateArgs;
    const savedPermit = this.permitForwardTemplateReferences;
    this.tryToParseTemplateArgs = false;
    this.permitForwardTemplateReferences = savedPermit || state !== null;
    let ty: Node | null;
    try {
      ty = this.parseType();
    } finally {
      this.tryToParseTemplateArgs = savedTry;
      this.permitForwardTemplateReferences = savedPermit;
    }
    if (!ty) return null;
    if (state) state.ctorDtorConversion = true;
    return new ConversionOperatorType(ty);
  }

  /** <ctor-dtor-name> ::= C1-5 | CI1 <base class type> | D0-5 */
  private parseCtorDtorName(soFar: { node: Node }, state: NameState | null): Node | null {
    if (soFar.node instanceof SpecialSubstitution) soFar.node = new ExpandedSpecialSubstitution(soFar.node.ssk);

    if (this.consumeIf('C')) {
      const isInherited = this.consumeIf('I');
      const c = this.look();
      if (c < '1' || c > '5') return null;
      const variant = c.charCodeAt(0) - 48;
      this.pos++;
      if (state) state.ctorDtorConversion = true;
      if (isInherited && !this.parseName(state)) return null;
      return new CtorDtorName(soFar.node, false, variant);
    }
    const d = this.look(1);
    if (this.look() === 'D' && (d === '0' || d === '1' || d === '2' || d === '4' || d === '5')) {
      this.pos += 2;
      if (state) state.ctorDtorConversion = true;
      return new CtorDtorName(soFar.node, true, d.charCodeAt(0) - 48);
    }
    return null;
  }

  /** <nested-name> ::= N [<CV-qualifiers>] [<ref-qualifier>] <prefix> <unqualified-name> E */
  private parseNestedName(state: NameState | null): Node | null {
    if (!this.consumeIf('N')) return null;
    if (!this.consumeIf('H')) {
      const cv = this.parseCVQualifiers();
      if (state) state.cvQualifiers = cv;
      let rq = RefQual.None;
      if (this.consumeIf('O')) rq = RefQual.RValue;
      else if (this.consumeIf('R')) rq = RefQual.LValue;
      if (state) state.referenceQualifier = rq;
    } else if (state) {
      state.hasExplicitObjectParameter = true;
    }

    let soFar: Node | null = null;
    while (!this.consumeIf('E')) {
      if (state) state.endsWithTemplateArgs = false;
      const c = this.look();
      if (c === 'T') {
        if (soFar) return null;
        soFar = this.parseTemplateParam();
      } else if (c === 'I') {
        if (!soFar) return null;
        const ta = this.parseTemplateArgs(state !== null);
        if (!ta) return null;
        if (soFar instanceof NameWithTemplateArgs) return null;
        if (state) state.endsWithTemplateArgs = true;
        soFar = new NameWithTemplateArgs(soFar, ta);
      } else if (c === 'D' && (this.look(1) === 't' || this.look(1) === 'T')) {
        if (soFar) return null;
        soFar = this.parseDecltype();
      } else {
        let module: ModuleName | null = null;
        if (c === 'S') {
          let sub: Node | null;
          if (this.look(1) === 't') {
            this.pos += 2;
            sub = new NameType('std');
          } else {
            sub = this.parseSubstitution();
          }
          if (!sub) return null;
          if (sub instanceof ModuleName) module = sub;
          else if (soFar) return null;
          else {
            soFar = sub;
            continue;
          }
        }
        soFar = this.parseUnqualifiedName(state, soFar, module);
      }
      if (!soFar) return null;
      this.subs.push(soFar);
      this.consumeIf('M');
    }
    if (!soFar || this.subs.length === 0) return null;
    this.subs.pop();
    return soFar;
  }

  /** <simple-id> ::= <source-name> [<template-args>] */
  private parseSimpleId(): Node | null {
    const sn = this.parseSourceName();
    if (!sn) return null;
    if (this.look() === 'I') {
      const ta = this.parseTemplateArgs();
      return ta ? new NameWithTemplateArgs(sn, ta) : null;
    }
    return sn;
  }

  /** <destructor-name> ::= <unresolved-type> | <simple-id> */
  private parseDestructorName(): Node | null {
    const r = isDigit(this.look()) ? this.parseSimpleId() : this.parseUnresolvedType();
    return r ? new DtorName(r) : null;
  }

  /** <unresolved-type> ::= <template-param> | <decltype> | <substitution> */
  private parseUnresolvedType(): Node | null {
    if (this.look() === 'T') {
      const tp = this.parseTemplateParam();
      if (!tp) return null;
      this.subs.push(tp);
      return tp;
    }
    if (this.look() === 'D') {
      const dt = this.parseDecltype();
      if (!dt) return null;
      this.subs.push(dt);
      return dt;
    }
    return this.parseSubstitution();
  }

  /** <base-unresolved-name> ::= <simple-id> | [on] <operator-name> [<template-args>] | dn <destructor-name> */
  private parseBaseUnresolvedName(): Node | null {
    if (isDigit(this.look())) return this.parseSimpleId();
    if (this.consumeIf('dn')) return this.parseDestructorName();
    this.consumeIf('on');
    const oper = this.parseOperatorName(null);
    if (!oper) return null;
    if (this.look() === 'I') {
      const ta = this.parseTemplateArgs();
      return ta ? new NameWithTemplateArgs(oper, ta) : null;
    }
    return oper;
  }

  private withOptionalTemplateArgs(n: Node): Node | null {
    if (this.look() !== 'I') return n;
    const ta = this.parseTemplateArgs();
    return ta ? new NameWithTemplateArgs(n, ta) : null;
  }

  /** <unresolved-name> ::= [gs] <base-unresolved-name> | sr ... | srN ... */
  private parseUnresolvedName(global: boolean): Node | null {
    let soFar: Node | null = null;
    if (this.consumeIf('srN')) {
      soFar = this.parseUnresolvedType();
      if (!soFar) return null;
      soFar = this.withOptionalTemplateArgs(soFar);
      if (!soFar) return null;
      while (!this.consumeIf('E')) {
        const qual = this.parseSimpleId();
        if (!qual) return null;
        soFar = new QualifiedName(soFar, qual);
      }
      const base = this.parseBaseUnresolvedName();
      return base ? new QualifiedName(soFar, base) : null;
    }

    if (!this.consumeIf('sr')) {
      soFar = this.parseBaseUnresolvedName();
      if (!soFar) return null;
      return global ? new GlobalQualifiedName(soFar) : soFar;
    }

    if (isDigit(this.look())) {
      do {
        const qual = this.parseSimpleId();
        if (!qual) return null;
        if (soFar) soFar = new QualifiedName(soFar, qual);
        else if (global) soFar = new GlobalQualifiedName(qual);
        else soFar = qual;
      } while (!this.consumeIf('E'));
    } else {
      soFar = this.parseUnresolvedType();
      if (!soFar) return null;
      soFar = this.withOptionalTemplateArgs(soFar);
      if (!soFar) return null;
    }
    const base = this.parseBaseUnresolvedName();
    return base ? new QualifiedName(soFar!, base) : null;
  }

  /** <abi-tags> ::= (B <source-name>)* */
  private parseAbiTags(n: Node): Node | null {
    while (this.consumeIf('B')) {
      const sn = this.parseBareSourceName();
      if (sn === '') return null;
      n = new AbiTagAttr(n, sn);
    }
    return n;
  }

  // -- Types --

  /** <function-type> ::= [<CV-qualifiers>] [<exception-spec>] [Dx] F [Y] <bare-function-type> [<ref-qualifier>] E */
  private parseFunctionType(): Node | null {
    const cv = this.parseCVQualifiers();
    let exceptionSpec: Node | null = null;
    if (this.consumeIf('Do')) {
      exceptionSpec = new NameType('noexcept');
    } else if (this.consumeIf('DO')) {
      const e = this.parseExpr();
      if (!e || !this.consumeIf('E')) return null;
      exceptionSpec = new NoexceptSpec(e);
    } else if (this.consumeIf('Dw')) {
      const begin = this.names.length;
      while (!this.consumeIf('E')) {
        const t = this.parseType();
        if (!t) return null;
        this.names.push(t);
      }
      exceptionSpec = new DynamicExceptionSpec(this.popTrailing(begin));
    }
    this.consumeIf('Dx');
    if (!this.consumeIf('F')) return null;
    this.consumeIf('Y');
    const ret = this.parseType();
    if (!ret) return null;

    let refQual = RefQual.None;
    const begin = this.names.length;
    for (;;) {
      if (this.consumeIf('E')) break;
      if (this.consumeIf('v')) continue;
      if (this.consumeIf('RE')) {
        refQual = RefQual.LValue;
        break;
      }
      if (this.consumeIf('OE')) {
        refQual = RefQual.RValue;
        break;
      }
      const t = this.parseType();
      if (!t) return null;
      this.names.push(t);
    }
    return new FunctionType(ret, this.popTrailing(begin), cv, refQual, exceptionSpec);
  }

  /** <vector-type> ::= Dv <number> _ (<type> | p) | Dv [<expression>] _ <type> */
  private parseVectorType(): Node | null {
    if (!this.consumeIf('Dv')) return null;
    const c = this.look();
    if (c >= '1' && c <= '9') {
      const dim = new NameType(this.parseNumber());
      if (!this.consumeIf('_')) return null;
      if (this.consumeIf('p')) return new PixelVectorType(dim);
      const elem = this.parseType();
      return elem ? new VectorType(elem, dim) : null;
    }
    if (!this.consumeIf('_')) {
      const dimExpr = this.parseExpr();
      if (!dimExpr || !this.consumeIf('_')) return null;
      const elem = this.parseType();
      return elem ? new VectorType(elem, dimExpr) : null;
    }
    const elem = this.parseType();
    return elem ? new VectorType(elem, null) : null;
  }

  /** <decltype> ::= Dt <expression> E | DT <expression> E */
  private parseDecltype(): Node | null {
    if (!this.consumeIf('D')) return null;
    if (!this.consumeIf('t') && !this.consumeIf('T')) return null;
    const e = this.parseExpr();
    if (!e || !this.consumeIf('E')) return null;
    return new EnclosingExpr('decltype', e);
  }

  /** <array-type> ::= A <number> _ <type> | A [<expression>] _ <type> */
  private parseArrayType(): Node | null {
    if (!this.consumeIf('A')) return null;
    let dim: Node | null = null;
    if (isDigit(this.look())) {
      dim = new NameType(this.parseNumber());
      if (!this.consumeIf('_')) return null;
    } else if (!this.consumeIf('_')) {
      const e = this.parseExpr();
      if (!e || !this.consumeIf('_')) return null;
      dim = e;
    }
    const ty = this.parseType();
    return ty ? new ArrayType(ty, dim) : null;
  }

  /** <pointer-to-member-type> ::= M <class type> <member type> */
  private parsePointerToMemberType(): Node | null {
    if (!this.consumeIf('M')) return null;
    const cls = this.parseType();
    if (!cls) return null;
    const member = this.parseType();
    return member ? new PointerToMemberType(cls, member) : null;
  }

  /** <class-enum-type> ::= [Ts | Tu | Te] <name> */
  private parseClassEnumType(): Node | null {
    let elab = '';
    if (this.consumeIf('Ts')) elab = 'struct';
    else if (this.consumeIf('Tu')) elab = 'union';
    else if (this.consumeIf('Te')) elab = 'enum';
    const name = this.parseName();
    if (!name) return null;
    return elab ? new ElaboratedTypeSpefType(elab, name) : name;
  }

  /** <qualified-type> ::= <qualifiers> <type>, with U <source-name> [<template-args>] vendor qualifiers */
  private parseQualifiedType(): Node | null {
    if (this.consumeIf('U')) {
      const qual = this.parseBareSourceName();
      if (qual === '') return null;
      if (qual.startsWith('objcproto')) return this.parseObjCProto(qual);
      let ta: Node | null = null;
      if (this.look() === 'I') {
        ta = this.parseTemplateArgs();
        if (!ta) return null;
      }
      const child = this.parseQualifiedType();
      return child ? new VendorExtQualType(child, qual, ta) : null;
    }
    const quals = this.parseCVQualifiers();
    let ty = this.parseType();
    if (!ty) return null;
    if (quals !== Qual.None) ty = new QualType(ty, quals);
    return ty;
  }

  private parseObjCProto(qual: string): Node | null {
    // The protocol name is itself a <source-name> inside the qualifier text.
    const inner = new Parser(qual.slice('objcproto'.length));
    const proto = inner.parseBareSourceName();
    if (proto === '') return null;
    const child = this.parseQualifiedType();
    return child ? new ObjCProtoName(child, proto) : null;
  }

  /** <type> */
  private parseType(): Node | null {
    this.enter();
    try {
      return this.parseTypeInner();
    } finally {
      this.depth--;
    }
  }

  private isFunctionTypeStart(at: number): boolean {
    const c = this.look(at);
    const c1 = this.look(at + 1);
    return c === 'F' || (c === 'D' && (c1 === 'o' || c1 === 'O' || c1 === 'w' || c1 === 'x'));
  }

  private parseTypeInner(): Node | null {
    let result: Node | null = null;
    const c = this.look();
    const builtin = BUILTIN_TYPES[c];
    if (builtin !== undefined && c !== '\0') {
      this.pos++;
      return new NameType(builtin);
    }
    switch (c) {
      case 'r':
      case 'V':
      case 'K': {
        let after = 0;
        if (this.look(after) === 'r') ++after;
        if (this.look(after) === 'V') ++after;
        if (this.look(after) === 'K') ++after;
        result = this.isFunctionTypeStart(after) ? this.parseFunctionType() : this.parseQualifiedType();
        break;
      }
      case 'U':
        result = this.parseQualifiedType();
        break;
      case 'u':
        result = this.parseVendorType();
        break;
      case 'D': {
        const r = this.parseDType();
        if (r.done) return r.node;
        result = r.node;
        break;
      }
      case 'F':
        result = this.parseFunctionType();
        break;
      case 'A':
        result = this.parseArrayType();
        break;
      case 'M':
        result = this.parsePointerToMemberType();
        break;
      case 'T':
        result = this.parseTemplateParamType();
        break;
      case 'P':
      case 'R':
      case 'O':
      case 'C':
      case 'G':
        result = this.parseCompoundType(c);
        break;
      case 'S':
        if (this.look(1) !== 't') {
          const r = this.parseSubstitutionType();
          if (r.done) return r.node;
          result = r.node;
          break;
        }
        result = this.parseClassEnumType();
        break;
      default:
        result = this.parseClassEnumType();
        break;
    }
    if (result) this.subs.push(result);
    return result;
  }

  /** u <source-name> [I <type> E]: vendor extended type. */
  private parseVendorType(): Node | null {
    this.pos++;
    const res = this.parseBareSourceName();
    if (res === '') return null;
    if (this.consumeIf('I')) {
      const base = this.parseType();
      if (!base || !this.consumeIf('E')) return null;
      return new TransformedType(res, base);
    }
    return new NameType(res);
  }

  /** P/R/O/C/G <type>: pointer, references, complex, imaginary. */
  private parseCompoundType(c: string): Node | null {
    this.pos++;
    const t = this.parseType();
    if (!t) return null;
    switch (c) {
      case 'P':
        return new PointerType(t);
      case 'R':
        return new ReferenceType(t, RefKind.LValue);
      case 'O':
        return new ReferenceType(t, RefKind.RValue);
      case 'C':
        return new PostfixQualifiedType(t, ' complex');
      default:
        return new PostfixQualifiedType(t, ' imaginary');
    }
  }

  /** T...: elaborated type specifier, template param, or template template param with args. */
  private parseTemplateParamType(): Node | null {
    const c1 = this.look(1);
    if (c1 === 's' || c1 === 'u' || c1 === 'e') return this.parseClassEnumType();
    let result = this.parseTemplateParam();
    if (!result) return null;
    if (this.tryToParseTemplateArgs && this.look() === 'I') {
      this.subs.push(result);
      const ta = this.parseTemplateArgs();
      if (!ta) return null;
      result = new NameWithTemplateArgs(result, ta);
    }
    return result;
  }

  /** S... as a type: a substitution, possibly followed by template args. */
  private parseSubstitutionType(): { done: boolean; node: Node | null } {
    const subst = { isSubst: false };
    let result = this.parseUnscopedName(null, subst);
    if (!result) return { done: true, node: null };
    if (this.look() === 'I' && (!subst.isSubst || this.tryToParseTemplateArgs)) {
      if (!subst.isSubst) this.subs.push(result);
      const ta = this.parseTemplateArgs();
      if (!ta) return { done: true, node: null };
      result = new NameWithTemplateArgs(result, ta);
    } else if (subst.isSubst) {
      return { done: true, node: result };
    }
    return { done: false, node: result };
  }

  /** D... types. `done` means the result must not be added to the substitution table. */
  private parseDType(): { done: boolean; node: Node | null } {
    const c1 = this.look(1);
    const simple = D_BUILTIN_TYPES[c1];
    if (simple !== undefined && c1 !== '\0') {
      this.pos += 2;
      return { done: true, node: new NameType(simple) };
    }
    switch (c1) {
      case 'F':
        return { done: true, node: this.parseBinaryFloatType() };
      case 'A':
      case 'R':
        return { done: true, node: this.parseFixedPointType('') };
      case 'S':
        this.pos += 2;
        if (this.look() !== 'D' || (this.look(1) !== 'A' && this.look(1) !== 'R')) return { done: true, node: null };
        return { done: true, node: this.parseFixedPointType('_Sat ') };
      case 'B':
      case 'U':
        // Unlike other builtin types, _BitInt(N) is a substitution candidate.
        return { done: false, node: this.parseBitIntType() };
      case 'k':
      case 'K': {
        const kind = c1 === 'k' ? ' auto' : ' decltype(auto)';
        this.pos += 2;
        const constraint = this.parseName();
        return { done: true, node: constraint ? new PostfixQualifiedType(constraint, kind) : null };
      }
      case 't':
      case 'T':
        return { done: false, node: this.parseDecltype() };
      case 'v':
        return { done: false, node: this.parseVectorType() };
      case 'p': {
        this.pos += 2;
        const child = this.parseType();
        if (!child) return { done: true, node: null };
        return { done: false, node: new ParameterPackExpansion(child) };
      }
      case 'o':
      case 'O':
      case 'w':
      case 'x':
        return { done: false, node: this.parseFunctionType() };
      default:
        return { done: false, node: null };
    }
  }

  /** DF16b | DF <number> _ */
  private parseBinaryFloatType(): Node | null {
    this.pos += 2;
    if (this.consumeIf('16b')) return new NameType('std::bfloat16_t');
    const dim = new NameType(this.parseNumber());
    if (!this.consumeIf('_')) return null;
    return new BinaryFPType(dim);
  }

  /** DA<size> / DR<size>: fixed-point _Accum / _Fract. */
  private parseFixedPointType(sat: string): Node | null {
    const which = this.look(1);
    const c = this.look(2);
    this.pos += 3;
    const size = FIXED_POINT_SIZES[c];
    if (size === undefined || c === '\0') return null;
    return new NameType(sat + size + (which === 'A' ? '_Accum' : '_Fract'));
  }

  /** DB / DU (<number> | <expression>) _ : _BitInt(N) */
  private parseBitIntType(): Node | null {
    const signed = this.look(1) === 'B';
    this.pos += 2;
    const size = isDigit(this.look()) ? new NameType(this.parseNumber()) : this.parseExpr();
    if (!size || !this.consumeIf('_')) return null;
    return new BitIntType(size, signed);
  }

  // -- Substitutions and template parameters --

  /** <seq-id> ::= <0-9A-Z>+ ; returns -1 if absent. */
  private parseSeqId(): number {
    if (digitValue(this.look(), 36) < 0) return -1;
    let id = 0;
    for (;;) {
      const d = digitValue(this.look(), 36);
      if (d < 0) return id;
      id = id * 36 + d;
      this.pos++;
      if (id > SAFE_ACCUMULATOR) return this.continueWrapped(BigInt(id), 36);
    }
  }

  /** <substitution> ::= S_ | S <seq-id> _ | Sa | Sb | Ss | Si | So | Sd */
  private parseSubstitution(): Node | null {
    if (!this.consumeIf('S')) return null;
    const c = this.look();
    if (c >= 'a' && c <= 'z') {
      const kind = 'abdios'.indexOf(c);
      if (kind < 0) return null;
      const ssk = [
        SpecialSubKind.allocator,
        SpecialSubKind.basic_string,
        SpecialSubKind.iostream,
        SpecialSubKind.istream,
        SpecialSubKind.ostream,
        SpecialSubKind.string,
      ][kind];
      this.pos++;
      const special = new SpecialSubstitution(ssk);
      const withTags = this.parseAbiTags(special);
      if (withTags !== special) {
        if (withTags) this.subs.push(withTags);
        return withTags;
      }
      return special;
    }
    if (this.consumeIf('_')) return this.subs.length === 0 ? null : this.subs[0];
    let index = this.parseSeqId();
    if (index < 0) return null;
    ++index;
    if (!this.consumeIf('_') || index >= this.subs.length) return null;
    return this.subs[index];
  }

  /** <template-param> ::= T_ | T <number> _ | TL <level> __ | TL <level> _ <number> _ */
  private parseTemplateParam(): Node | null {
    const begin = this.pos;
    if (!this.consumeIf('T')) return null;
    let level = 0;
    if (this.consumeIf('L')) {
      const l = this.parsePositiveInteger();
      if (l < 0) return null;
      level = l + 1;
      if (!this.consumeIf('_')) return null;
    }
    let index = 0;
    if (!this.consumeIf('_')) {
      const i = this.parsePositiveInteger();
      if (i < 0) return null;
      index = i + 1;
      if (!this.consumeIf('_')) return null;
    }

    if (this.hasIncompleteTemplateParameterTracking) return new NameType(this.s.slice(begin, this.pos - 1));

    if (this.permitForwardTemplateReferences && level === 0) {
      const ref = new ForwardTemplateReference(index);
      this.forwardTemplateRefs.push(ref);
      return ref;
    }

    const list = level < this.templateParams.length ? this.templateParams[level] : null;
    if (!list || index >= list.length) {
      // In a generic lambda, 'auto' parameters are mangled as template parameters.
      if (this.parsingLambdaParamsAtLevel === level && level <= this.templateParams.length) {
        if (level === this.templateParams.length) this.templateParams.push(null);
        return new NameType('auto');
      }
      return null;
    }
    return list[index];
  }

  private isTemplateParamDecl(): boolean {
    return this.look() === 'T' && 'yptnk'.indexOf(this.look(1)) >= 0 && this.look(1) !== '\0';
  }

  private inventTemplateParamName(kind: TemplateParamKind, params: TemplateParamList | null): Node {
    const index = this.numSyntheticTemplateParameters[kind]++;
    const n = new SyntheticTemplateParamName(kind, index);
    if (params) params.push(n);
    return n;
  }

  /** <template-param-decl> ::= Ty | Tk <name> | Tn <type> | Tt <template-param-decl>* E | Tp <template-param-decl> */
  private parseTemplateParamDecl(params: TemplateParamList | null): Node | null {
    if (this.consumeIf('Ty')) return new TypeTemplateParamDecl(this.inventTemplateParamName(TemplateParamKind.Type, params));
    if (this.consumeIf('Tk')) {
      const saved = this.hasIncompleteTemplateParameterTracking;
      this.hasIncompleteTemplateParameterTracking = true;
      let constraint: Node | null;
      try {
        constraint = this.parseName();
      } finally {
        this.hasIncompleteTemplateParameterTracking = saved;
      }
      if (!constraint) return null;
      const name = this.inventTemplateParamName(TemplateParamKind.Type, params);
      return new ConstrainedTypeTemplateParamDecl(constraint, name);
    }
    if (this.consumeIf('Tn')) {
      const name = this.inventTemplateParamName(TemplateParamKind.NonType, params);
      const type = this.parseType();
      return type ? new NonTypeTemplateParamDecl(name, type) : null;
    }
    if (this.consumeIf('Tt')) return this.parseTemplateTemplateParamDecl(params);
    if (this.consumeIf('Tp')) {
      const p = this.parseTemplateParamDecl(params);
      return p ? new TemplateParamPackDecl(p) : null;
    }
    return null;
  }

  private parseTemplateTemplateParamDecl(params: TemplateParamList | null): Node | null {
    const name = this.inventTemplateParamName(TemplateParamKind.Template, params);
    const begin = this.names.length;
    return this.withScopedTemplateParamList((inner) => {
      let requires: Node | null = null;
      while (!this.consumeIf('E')) {
        const p = this.parseTemplateParamDecl(inner);
        if (!p) return null;
        this.names.push(p);
        if (this.consumeIf('Q')) {
          requires = this.parseConstraintExpr();
          if (!requires || !this.consumeIf('E')) return null;
          break;
        }
      }
      return new TemplateTemplateParamDecl(name, this.popTrailing(begin), requires);
    });
  }

  /** <template-arg> ::= <type> | X <expression> E | <expr-primary> | J <template-arg>* E | LZ <encoding> E */
  private parseTemplateArg(): Node | null {
    this.enter();
    try {
      return this.parseTemplateArgInner();
    } finally {
      this.depth--;
    }
  }

  private parseTemplateArgInner(): Node | null {
    switch (this.look()) {
      case 'X': {
        this.pos++;
        const arg = this.parseExpr();
        if (!arg || !this.consumeIf('E')) return null;
        return arg;
      }
      case 'J': {
        this.pos++;
        const begin = this.names.length;
        while (!this.consumeIf('E')) {
          const arg = this.parseTemplateArg();
          if (!arg) return null;
          this.names.push(arg);
        }
        return new TemplateArgumentPack(this.popTrailing(begin));
      }
      case 'L': {
        if (this.look(1) === 'Z') {
          this.pos += 2;
          const arg = this.parseEncoding();
          if (!arg || !this.consumeIf('E')) return null;
          return arg;
        }
        return this.parseExprPrimary();
      }
      case 'T': {
        if (!this.isTemplateParamDecl()) return this.parseType();
        const param = this.parseTemplateParamDecl(null);
        if (!param) return null;
        const arg = this.parseTemplateArg();
        return arg ? new TemplateParamQualifiedArg(param, arg) : null;
      }
      default:
        return this.parseType();
    }
  }

  /** <template-args> ::= I <template-arg>* [Q <requires-clause expr>] E */
  private parseTemplateArgs(tagTemplates = false): Node | null {
    if (!this.consumeIf('I')) return null;
    if (tagTemplates) {
      this.templateParams.length = 0;
      this.templateParams.push(this.outerTemplateParams);
      this.outerTemplateParams.length = 0;
    }
    const begin = this.names.length;
    let requires: Node | null = null;
    while (!this.consumeIf('E')) {
      const arg = this.parseTemplateArg();
      if (!arg) return null;
      this.names.push(arg);
      if (tagTemplates) this.outerTemplateParams.push(this.templateTableEntry(arg));
      if (this.consumeIf('Q')) {
        requires = this.parseConstraintExpr();
        if (!requires || !this.consumeIf('E')) return null;
        break;
      }
    }
    return new TemplateArgs(this.popTrailing(begin), requires);
  }

  private templateTableEntry(arg: Node): Node {
    let entry = arg;
    if (entry instanceof TemplateParamQualifiedArg) entry = entry.arg;
    if (arg instanceof TemplateArgumentPack) entry = new ParameterPack(arg.elements);
    return entry;
  }

  // -- Expressions --

  private parseConstraintExpr(): Node | null {
    const saved = this.hasIncompleteTemplateParameterTracking;
    this.hasIncompleteTemplateParameterTracking = true;
    try {
      return this.parseExpr();
    } finally {
      this.hasIncompleteTemplateParameterTracking = saved;
    }
  }

  private parseExprList(terminator: string, parse: () => Node | null): Node[] | null {
    const begin = this.names.length;
    while (!this.consumeIf(terminator)) {
      const e = parse();
      if (!e) return null;
      this.names.push(e);
    }
    return this.popTrailing(begin);
  }

  /** <expression> */
  private parseExpr(): Node | null {
    this.enter();
    try {
      return this.parseExprInner();
    } finally {
      this.depth--;
    }
  }

  private parseExprInner(): Node | null {
    const global = this.consumeIf('gs');
    const info = this.parseOperatorEncoding();
    if (info) return this.parseOperatorExpr(info, global);

    if (this.numLeft() < 2) return null;
    const c = this.look();
    if (c === 'L') return this.parseExprPrimary();
    if (c === 'T') return this.parseTemplateParam();
    if (c === 'f') {
      if (this.look(1) === 'p' || (this.look(1) === 'L' && isDigit(this.look(2)))) return this.parseFunctionParam();
      return this.parseFoldExpr();
    }
    if (this.consumeIf('il')) {
      const inits = this.parseExprList('E', () => this.parseBracedExpr());
      return inits ? new InitListExpr(null, inits) : null;
    }
    if (this.consumeIf('mc')) return this.parsePointerToMemberConversionExpr(Prec.Unary);
    if (this.consumeIf('nx')) {
      const ex = this.parseExpr();
      return ex ? new EnclosingExpr('noexcept ', ex, Prec.Unary) : null;
    }
    if (c === 'r' && (this.look(1) === 'q' || this.look(1) === 'Q')) return this.parseRequiresExpr();
    if (this.consumeIf('so')) return this.parseSubobjectExpr();
    if (this.consumeIf('sp')) {
      const child = this.parseExpr();
      return child ? new ParameterPackExpansion(child) : null;
    }
    if (this.consumeIf('sZ')) return this.parseSizeofPack();
    if (this.consumeIf('sP')) {
      const args = this.parseExprList('E', () => this.parseTemplateArg());
      return args ? new EnclosingExpr('sizeof... ', new NodeArrayNode(args)) : null;
    }
    if (this.consumeIf('tl')) {
      const ty = this.parseType();
      if (!ty) return null;
      const inits = this.parseExprList('E', () => this.parseBracedExpr());
      return inits ? new InitListExpr(ty, inits) : null;
    }
    if (this.consumeIf('tr')) return new NameType('throw');
    if (this.consumeIf('tw')) {
      const ex = this.parseExpr();
      return ex ? new ThrowExpr(ex) : null;
    }
    if (this.consumeIf('u')) return this.parseVendorExpr();
    return this.parseUnresolvedName(global);
  }

  private parseSizeofPack(): Node | null {
    if (this.look() === 'T') {
      const r = this.parseTemplateParam();
      return r ? new SizeofParamPackExpr(r) : null;
    }
    const fp = this.parseFunctionParam();
    return fp ? new EnclosingExpr('sizeof... ', fp) : null;
  }

  /** u <source-name> <template-arg>* E : vendor extended expression (incl. __uuidof). */
  private parseVendorExpr(): Node | null {
    const name = this.parseSourceName();
    if (!name) return null;
    let isUUID = false;
    let uuid: Node | null = null;
    if (name.getBaseName() === '__uuidof') {
      if (this.consumeIf('t')) {
        uuid = this.parseType();
        isUUID = true;
      } else if (this.consumeIf('z')) {
        uuid = this.parseExpr();
        isUUID = true;
      }
    }
    let args: Node[] | null;
    if (isUUID) {
      if (!uuid) return null;
      args = [uuid];
    } else {
      args = this.parseExprList('E', () => this.parseTemplateArg());
      if (!args) return null;
    }
    return new CallExpr(name, args, false, Prec.Postfix);
  }

  private parseBinaryExpr(kind: string, prec: Prec): Node | null {
    const lhs = this.parseExpr();
    if (!lhs) return null;
    const rhs = this.parseExpr();
    return rhs ? new BinaryExpr(lhs, kind, rhs, prec) : null;
  }

  private parsePrefixExpr(kind: string, prec: Prec): Node | null {
    const e = this.parseExpr();
    return e ? new PrefixExpr(kind, e, prec) : null;
  }

  private parseOperatorExpr(info: OperatorInfo, global: boolean): Node | null {
    const sym = info.symbol;
    switch (info.kind) {
      case OpKind.Binary:
        return this.parseBinaryExpr(sym, info.prec);
      case OpKind.Prefix:
        return this.parsePrefixExpr(sym, info.prec);
      case OpKind.Postfix: {
        if (this.consumeIf('_')) return this.parsePrefixExpr(sym, info.prec);
        const ex = this.parseExpr();
        return ex ? new PostfixExpr(ex, sym, info.prec) : null;
      }
      case OpKind.Array: {
        const base = this.parseExpr();
        if (!base) return null;
        const index = this.parseExpr();
        return index ? new ArraySubscriptExpr(base, index, info.prec) : null;
      }
      case OpKind.Member: {
        const lhs = this.parseExpr();
        if (!lhs) return null;
        const rhs = this.parseExpr();
        return rhs ? new MemberExpr(lhs, sym, rhs, info.prec) : null;
      }
      case OpKind.New:
        return this.parseNewExpr(info, global);
      case OpKind.Del: {
        const ex = this.parseExpr();
        return ex ? new DeleteExpr(ex, global, info.flag, info.prec) : null;
      }
      case OpKind.Call: {
        const callee = this.parseExpr();
        if (!callee) return null;
        const args = this.parseExprList('E', () => this.parseExpr());
        return args ? new CallExpr(callee, args, info.flag, info.prec) : null;
      }
      case OpKind.CCast:
        return this.parseCastExpr(info);
      case OpKind.Conditional: {
        const cond = this.parseExpr();
        if (!cond) return null;
        const lhs = this.parseExpr();
        if (!lhs) return null;
        const rhs = this.parseExpr();
        return rhs ? new ConditionalExpr(cond, lhs, rhs, info.prec) : null;
      }
      case OpKind.NamedCast: {
        const ty = this.parseType();
        if (!ty) return null;
        const ex = this.parseExpr();
        return ex ? new CastExpr(sym, ty, ex, info.prec) : null;
      }
      case OpKind.OfIdOp: {
        const arg = info.flag ? this.parseType() : this.parseExpr();
        return arg ? new EnclosingExpr(sym, arg, info.prec) : null;
      }
      default:
        return null;
    }
  }

  /** [gs] nw|na <expression>* _ <type> [pi <expression>*] E */
  private parseNewExpr(info: OperatorInfo, global: boolean): Node | null {
    const exprList = this.parseExprList('_', () => this.parseExpr());
    if (!exprList) return null;
    const ty = this.parseType();
    if (!ty) return null;
    const haveInits = this.consumeIf('pi');
    const begin = this.names.length;
    while (!this.consumeIf('E')) {
      if (!haveInits) return null;
      const init = this.parseExpr();
      if (!init) return null;
      this.names.push(init);
    }
    return new NewExpr(exprList, ty, this.popTrailing(begin), global, info.flag, info.prec);
  }

  /** cv <type> <expression> | cv <type> _ <expression>* E */
  private parseCastExpr(info: OperatorInfo): Node | null {
    const saved = this.tryToParseTemplateArgs;
    this.tryToParseTemplateArgs = false;
    let ty: Node | null;
    try {
      ty = this.parseType();
    } finally {
      this.tryToParseTemplateArgs = saved;
    }
    if (!ty) return null;
    const begin = this.names.length;
    const isMany = this.consumeIf('_');
    while (!this.consumeIf('E')) {
      const e = this.parseExpr();
      if (!e) return null;
      this.names.push(e);
      if (!isMany) break;
    }
    const exprs = this.popTrailing(begin);
    if (!isMany && exprs.length !== 1) return null;
    return new ConversionExpr(ty, exprs, info.prec);
  }

  /** <function-param> ::= fpT | fp <CV> [<number>] _ | fL <number> p <CV> [<number>] _ */
  private parseFunctionParam(): Node | null {
    if (this.consumeIf('fpT')) return new NameType('this');
    if (this.consumeIf('fp')) {
      this.parseCVQualifiers();
      const num = this.parseNumber();
      if (!this.consumeIf('_')) return null;
      return new FunctionParam(num);
    }
    if (this.consumeIf('fL')) {
      if (this.parseNumber() === '') return null;
      if (!this.consumeIf('p')) return null;
      this.parseCVQualifiers();
      const num = this.parseNumber();
      if (!this.consumeIf('_')) return null;
      return new FunctionParam(num);
    }
    return null;
  }

  /** <fold-expr> ::= fL|fR <op> <expr> <expr> | fl|fr <op> <expr> */
  private parseFoldExpr(): Node | null {
    if (!this.consumeIf('f')) return null;
    let isLeftFold = false;
    let hasInitializer = false;
    switch (this.look()) {
      case 'L':
        isLeftFold = true;
        hasInitializer = true;
        break;
      case 'R':
        hasInitializer = true;
        break;
      case 'l':
        isLeftFold = true;
        break;
      case 'r':
        break;
      default:
        return null;
    }
    this.pos++;
    const info = this.parseOperatorEncoding();
    if (!info) return null;
    if (!(info.kind === OpKind.Binary || (info.kind === OpKind.Member && info.name.endsWith('*')))) return null;
    let pack = this.parseExpr();
    if (!pack) return null;
    let init: Node | null = null;
    if (hasInitializer) {
      init = this.parseExpr();
      if (!init) return null;
    }
    if (isLeftFold && init) [pack, init] = [init, pack];
    return new FoldExpr(isLeftFold, info.symbol, pack, init);
  }

  /** <braced-expression> ::= <expression> | di <field> <braced-expr> | dx <index> <braced-expr> | dX <begin> <end> <braced-expr> */
  private parseBracedExpr(): Node | null {
    if (this.look() === 'd') {
      switch (this.look(1)) {
        case 'i': {
          this.pos += 2;
          const field = this.parseSourceName();
          if (!field) return null;
          const init = this.parseBracedExpr();
          return init ? new BracedExpr(field, init, false) : null;
        }
        case 'x': {
          this.pos += 2;
          const index = this.parseExpr();
          if (!index) return null;
          const init = this.parseBracedExpr();
          return init ? new BracedExpr(index, init, true) : null;
        }
        case 'X': {
          this.pos += 2;
          const first = this.parseExpr();
          if (!first) return null;
          const last = this.parseExpr();
          if (!last) return null;
          const init = this.parseBracedExpr();
          return init ? new BracedRangeExpr(first, last, init) : null;
        }
      }
    }
    return this.parseExpr();
  }

  private parsePointerToMemberConversionExpr(prec: Prec): Node | null {
    const ty = this.parseType();
    if (!ty) return null;
    const expr = this.parseExpr();
    if (!expr) return null;
    const offset = this.parseNumber(true);
    if (!this.consumeIf('E')) return null;
    return new PointerToMemberConversionExpr(ty, expr, offset, prec);
  }

  /** so <type> <expr> [<offset>] (_ [<number>])* [p] E */
  private parseSubobjectExpr(): Node | null {
    const ty = this.parseType();
    if (!ty) return null;
    const expr = this.parseExpr();
    if (!expr) return null;
    const offset = this.parseNumber(true);
    const begin = this.names.length;
    while (this.consumeIf('_')) this.names.push(new NameType(this.parseNumber()));
    const onePastTheEnd = this.consumeIf('p');
    if (!this.consumeIf('E')) return null;
    return new SubobjectExpr(ty, expr, offset, this.popTrailing(begin), onePastTheEnd);
  }

  /** rq <requirement>+ E | rQ <bare-function-type> _ <requirement>+ E */
  private parseRequiresExpr(): Node | null {
    let params: Node[] = [];
    if (this.consumeIf('rQ')) {
      const p = this.parseExprList('_', () => this.parseType());
      if (!p) return null;
      params = p;
    } else if (!this.consumeIf('rq')) {
      return null;
    }
    const begin = this.names.length;
    do {
      const req = this.parseRequirement();
      if (!req) return null;
      this.names.push(req);
    } while (!this.consumeIf('E'));
    return new RequiresExpr(params, this.popTrailing(begin));
  }

  private parseRequirement(): Node | null {
    if (this.consumeIf('X')) {
      const expr = this.parseExpr();
      if (!expr) return null;
      const noexcept = this.consumeIf('N');
      let typeReq: Node | null = null;
      if (this.consumeIf('R')) {
        typeReq = this.parseName();
        if (!typeReq) return null;
      }
      return new ExprRequirement(expr, noexcept, typeReq);
    }
    if (this.consumeIf('T')) {
      const type = this.parseType();
      return type ? new TypeRequirement(type) : null;
    }
    if (this.consumeIf('Q')) {
      const nested = this.parseExpr();
      return nested ? new NestedRequirement(nested) : null;
    }
    return null;
  }

  /** <expr-primary> ::= L <type> <value> E | L <mangled-name> E | L <string type> E | LDnE | L <lambda> E */
  private parseExprPrimary(): Node | null {
    if (!this.consumeIf('L')) return null;
    const c = this.look();
    const intType = INTEGER_LITERAL_TYPES[c];
    if (intType !== undefined && c !== '\0') {
      this.pos++;
      return this.parseIntegerLiteral(intType);
    }
    switch (c) {
      case 'b':
        if (this.consumeIf('b0E')) return new BoolExpr(false);
        if (this.consumeIf('b1E')) return new BoolExpr(true);
        return null;
      case 'f':
        this.pos++;
        return this.parseFloatingLiteral(FloatKind.Float);
      case 'd':
        this.pos++;
        return this.parseFloatingLiteral(FloatKind.Double);
      case 'e':
        this.pos++;
        return this.parseFloatingLiteral(FloatKind.LongDouble);
      case '_':
        if (this.consumeIf('_Z')) {
          const r = this.parseEncoding();
          if (r && this.consumeIf('E')) return r;
        }
        return null;
      case 'A': {
        const t = this.parseType();
        if (!t || !this.consumeIf('E')) return null;
        return new StringLiteral(t);
      }
      case 'D':
        if (this.consumeIf('Dn') && (this.consumeIf('0'), this.consumeIf('E'))) return new NameType('nullptr');
        return null;
      case 'T':
        return null;
      case 'U': {
        if (this.look(1) !== 'l') return null;
        const t = this.parseUnnamedTypeName(null);
        if (!t || !this.consumeIf('E')) return null;
        return new LambdaExpr(t);
      }
      default: {
        const t = this.parseType();
        if (!t) return null;
        const n = this.parseNumber(true);
        if (n === '' || !this.consumeIf('E')) return null;
        return new EnumLiteral(t, n);
      }
    }
  }

  private parseIntegerLiteral(type: string): Node | null {
    const n = this.parseNumber(true);
    if (n !== '' && this.consumeIf('E')) return new IntegerLiteral(type, n);
    return null;
  }

  private parseFloatingLiteral(kind: FloatKind): Node | null {
    const n = FLOAT_MANGLED_SIZE[kind];
    if (this.numLeft() <= n) return null;
    const data = this.s.slice(this.pos, this.pos + n);
    for (const ch of data) if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return null;
    this.pos += n;
    if (!this.consumeIf('E')) return null;
    return new FloatLiteral(kind, data);
  }
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/** Demangles an Itanium name (as llvm::itaniumDemangle); null if it cannot be demangled. */
function itaniumDemangle(name: string): string | null {
  if (name.length === 0) return null;
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
