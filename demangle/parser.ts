// The demangler's recursive-descent parser over a mangled name: builds the AST of nodes.ts and
// expressions.ts, keeping the substitution (S_) and template-parameter (T_) tables.
// Part of demangle/demangle.ts.
import {
  AbiTagAttr, ArrayType, BinaryFPType, BitIntType, ClosureTypeName, ConstrainedTypeTemplateParamDecl,
  ConversionOperatorType, CtorDtorName, CtorVtableSpecialName, DemangleError, DotSuffix, DtorName,
  DynamicExceptionSpec, ElaboratedTypeSpefType, EnableIfAttr, ExpandedSpecialSubstitution, ExplicitObjectParameter,
  FLOAT_MANGLED_SIZE, FloatKind, FloatLiteral, ForwardTemplateReference, FunctionEncoding, FunctionType,
  GlobalQualifiedName, IntegerLiteral, LiteralOperator, LocalName, MAX_DEPTH, ModuleEntity,
  ModuleName, NameType, NameWithTemplateArgs, Node, NodeArrayNode, NoexceptSpec,
  NonTypeTemplateParamDecl, ObjCProtoName, ParameterPack, ParameterPackExpansion, PixelVectorType,
  PointerToMemberType, PointerType, PostfixQualifiedType, Prec, Qual, QualType, ScopedName, RefKind, RefQual,
  ReferenceType, SpecialName, SpecialSubKind, SpecialSubstitution, StructuredBindingName, SyntheticTemplateParamName,
  TemplateArgs, TemplateArgumentPack, TemplateParamKind, TemplateParamPackDecl, TemplateParamQualifiedArg,
  TemplateTemplateParamDecl, TransformedType, TypeTemplateParamDecl, UnnamedTypeName, VectorType, VendorExtQualType,
} from './nodes';
import {
  BUILTIN_TYPES, D_BUILTIN_TYPES, FIXED_POINT_SIZES, INTEGER_LITERAL_TYPES, OPERATORS, OpKind, OperatorInfo,
} from './operators';
import {
  ArraySubscriptExpr, BinaryExpr, BoolExpr, BracedExpr, BracedRangeExpr, CallExpr, CastExpr, ConditionalExpr,
  ConversionExpr, DeleteExpr, EnclosingExpr, EnumLiteral, ExprRequirement, FoldExpr, FunctionParam, InitListExpr,
  LambdaExpr, MemberExpr, NestedRequirement, NewExpr, PointerToMemberConversionExpr, PostfixExpr, PrefixExpr,
  RequiresExpr, SizeofParamPackExpr, StringLiteral, SubobjectExpr, ThrowExpr, TypeRequirement,
} from './expressions';

// Parser
// ---------------------------------------------------------------------------

/** Information about a <name> that matters when it names a function (<encoding>). */
export interface NameState {
  ctorDtorConversion: boolean;
  endsWithTemplateArgs: boolean;
  cvQualifiers: Qual;
  referenceQualifier: RefQual;
  forwardTemplateRefsBegin: number;
  hasExplicitObjectParameter: boolean;
}

export type TemplateParamList = Node[];


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

export class Parser {
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
    if (result && isMemberLikeFriend) result = new ScopedName(scope!, result, '::friend ');
    else if (result && scope) result = new ScopedName(scope, result);
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
        soFar = new ScopedName(soFar, qual);
      }
      const base = this.parseBaseUnresolvedName();
      return base ? new ScopedName(soFar, base) : null;
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
        if (soFar) soFar = new ScopedName(soFar, qual);
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
    return base ? new ScopedName(soFar!, base) : null;
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
