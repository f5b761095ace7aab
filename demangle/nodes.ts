// Demangler AST: the nodes for names, types and literals, and how each prints itself (in two
// halves, printLeft/printRight, so that C declarator syntax comes out right), plus the output
// buffer and the limits shared by the demangler. Part of demangle/demangle.ts.

// ---------------------------------------------------------------------------
// Precedence and caches
// ---------------------------------------------------------------------------

export const enum Prec {
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

export const enum Cache {
  Yes,
  No,
  Unknown,
}

export const enum Qual {
  None = 0,
  Const = 1,
  Volatile = 2,
  Restrict = 4,
}

export const enum RefQual {
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
export const MAX_DEPTH = 2000;
export const MAX_OUTPUT = 1 << 20;

/** Bail-out used when a safety limit is hit. */
export class DemangleError extends Error {}

// ---------------------------------------------------------------------------
// Output buffer
// ---------------------------------------------------------------------------

export class OutputBuffer {
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

export abstract class Node {
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
export function printWithComma(ob: OutputBuffer, nodes: Node[]): void {
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

export class NodeArrayNode extends Node {
  constructor(readonly array: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    printWithComma(ob, this.array);
  }
}

export class DotSuffix extends Node {
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

export class VendorExtQualType extends Node {
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

export class QualType extends Node {
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

export class ConversionOperatorType extends Node {
  constructor(readonly ty: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('operator ');
    this.ty.print(ob);
  }
}

export class PostfixQualifiedType extends Node {
  constructor(readonly ty: Node, readonly postfix: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.ty.printLeft(ob);
    ob.add(this.postfix);
  }
}

export class NameType extends Node {
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

export class BitIntType extends Node {
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

export class ElaboratedTypeSpefType extends Node {
  constructor(readonly kindName: string, readonly child: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.kindName);
    ob.add(' ');
    this.child.print(ob);
  }
}

export class TransformedType extends Node {
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

export class AbiTagAttr extends Node {
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

export class EnableIfAttr extends Node {
  constructor(readonly conditions: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' [enable_if:');
    printWithComma(ob, this.conditions);
    ob.add(']');
  }
}

export class ObjCProtoName extends Node {
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

export class PointerType extends Node {
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

export const enum RefKind {
  LValue,
  RValue,
}

export class ReferenceType extends Node {
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

export class PointerToMemberType extends Node {
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

export class ArrayType extends Node {
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

export class FunctionType extends Node {
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

export class NoexceptSpec extends Node {
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

export class DynamicExceptionSpec extends Node {
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

export class ExplicitObjectParameter extends Node {
  constructor(readonly base: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('this ');
    this.base.print(ob);
  }
}

export class FunctionEncoding extends Node {
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

export class LiteralOperator extends Node {
  constructor(readonly opName: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('operator"" ');
    this.opName.print(ob);
  }
}

export class SpecialName extends Node {
  constructor(readonly special: string, readonly child: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.special);
    this.child.print(ob);
  }
}

export class CtorVtableSpecialName extends Node {
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

/** `scope::name` (nested and qualified names), or `scope::friend name` for member-like friends. */
export class ScopedName extends Node {
  constructor(readonly qual: Node, readonly name: Node, readonly separator: '::' | '::friend ' = '::') {
    super();
  }
  getBaseName(): string {
    return this.name.getBaseName();
  }
  printLeft(ob: OutputBuffer): void {
    this.qual.print(ob);
    ob.add(this.separator);
    this.name.print(ob);
  }
}

export class ModuleName extends Node {
  constructor(readonly parent: ModuleName | null, readonly name: Node, readonly isPartition = false) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.parent) this.parent.print(ob);
    if (this.parent || this.isPartition) ob.add(this.isPartition ? ':' : '.');
    this.name.print(ob);
  }
}

export class ModuleEntity extends Node {
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

export class LocalName extends Node {
  constructor(readonly encoding: Node, readonly entity: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.encoding.print(ob);
    ob.add('::');
    this.entity.print(ob);
  }
}

export class VectorType extends Node {
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

export class PixelVectorType extends Node {
  constructor(readonly dimension: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('pixel vector[');
    this.dimension.print(ob);
    ob.add(']');
  }
}

export class BinaryFPType extends Node {
  constructor(readonly dimension: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('_Float');
    this.dimension.print(ob);
  }
}

export const enum TemplateParamKind {
  Type,
  NonType,
  Template,
}

export class SyntheticTemplateParamName extends Node {
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

export class TemplateParamQualifiedArg extends Node {
  constructor(readonly param: Node, readonly arg: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    this.arg.print(ob);
  }
}

export class TypeTemplateParamDecl extends Node {
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

export class ConstrainedTypeTemplateParamDecl extends Node {
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

export class NonTypeTemplateParamDecl extends Node {
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

export class TemplateTemplateParamDecl extends Node {
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

export class TemplateParamPackDecl extends Node {
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
export class ParameterPack extends Node {
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

export class TemplateArgumentPack extends Node {
  constructor(readonly elements: Node[]) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    printWithComma(ob, this.elements);
  }
}

export class ParameterPackExpansion extends Node {
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

export class TemplateArgs extends Node {
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
export class ForwardTemplateReference extends Node {
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

export class NameWithTemplateArgs extends Node {
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

export class GlobalQualifiedName extends Node {
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

export const enum SpecialSubKind {
  allocator,
  basic_string,
  string,
  istream,
  ostream,
  iostream,
}

const SPECIAL_SUB_NAMES = ['allocator', 'basic_string', 'basic_string', 'basic_istream', 'basic_ostream', 'basic_iostream'];

/** std::allocator etc. as written in a ctor/dtor context (full template name). */
export class ExpandedSpecialSubstitution extends Node {
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
export class SpecialSubstitution extends ExpandedSpecialSubstitution {
  getBaseName(): string {
    const sv = SPECIAL_SUB_NAMES[this.ssk];
    return this.isInstantiation() ? sv.slice('basic_'.length) : sv;
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('std::');
    ob.add(this.getBaseName());
  }
}

export class CtorDtorName extends Node {
  constructor(readonly basename: Node, readonly isDtor: boolean, readonly variant: number) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    if (this.isDtor) ob.add('~');
    ob.add(this.basename.getBaseName());
  }
}

export class DtorName extends Node {
  constructor(readonly base: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('~');
    this.base.printLeft(ob);
  }
}

export class UnnamedTypeName extends Node {
  constructor(readonly count: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add("'unnamed");
    ob.add(this.count);
    ob.add("'");
  }
}

export class ClosureTypeName extends Node {
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

export class StructuredBindingName extends Node {
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

export class IntegerLiteral extends Node {
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

export const enum FloatKind {
  Float,
  Double,
  LongDouble,
}

/** Number of hex digits in the mangling of each floating-point type. */
export const FLOAT_MANGLED_SIZE = [8, 16, 32];

export class FloatLiteral extends Node {
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
