// Demangler AST: expression nodes (template arguments and decltype can hold expressions),
// with operator precedence for parenthesizing. Part of demangle/demangle.ts.
import { ClosureTypeName, Node, OutputBuffer, ParameterPackExpansion, Prec, printWithComma } from './nodes';

export class BinaryExpr extends Node {
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

export class ArraySubscriptExpr extends Node {
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

export class PostfixExpr extends Node {
  constructor(readonly child: Node, readonly operator: string, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.child.printAsOperand(ob, this.prec, true);
    ob.add(this.operator);
  }
}

export class ConditionalExpr extends Node {
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

export class MemberExpr extends Node {
  constructor(readonly lhs: Node, readonly kindName: string, readonly rhs: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    this.lhs.printAsOperand(ob, this.prec, true);
    ob.add(this.kindName);
    this.rhs.printAsOperand(ob, this.prec, false);
  }
}

export class SubobjectExpr extends Node {
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

export class EnclosingExpr extends Node {
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

export class CastExpr extends Node {
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

export class SizeofParamPackExpr extends Node {
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

export class CallExpr extends Node {
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

export class NewExpr extends Node {
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

export class DeleteExpr extends Node {
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

export class PrefixExpr extends Node {
  constructor(readonly prefix: string, readonly child: Node, prec: Prec) {
    super(prec);
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.prefix);
    this.child.printAsOperand(ob, this.prec);
  }
}

export class FunctionParam extends Node {
  constructor(readonly number: string) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('fp');
    ob.add(this.number);
  }
}

export class ConversionExpr extends Node {
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

export class PointerToMemberConversionExpr extends Node {
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

export class InitListExpr extends Node {
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

export class BracedExpr extends Node {
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

export class BracedRangeExpr extends Node {
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

export class FoldExpr extends Node {
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

export class ThrowExpr extends Node {
  constructor(readonly op: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('throw ');
    this.op.print(ob);
  }
}

export class BoolExpr extends Node {
  constructor(readonly value: boolean) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(this.value ? 'true' : 'false');
  }
}

export class StringLiteral extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('"<');
    this.type.print(ob);
    ob.add('>"');
  }
}

export class LambdaExpr extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add('[]');
    if (this.type instanceof ClosureTypeName) this.type.printDeclarator(ob);
    ob.add('{...}');
  }
}

export class EnumLiteral extends Node {
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

export class RequiresExpr extends Node {
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

export class ExprRequirement extends Node {
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

export class TypeRequirement extends Node {
  constructor(readonly type: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' typename ');
    this.type.print(ob);
    ob.add(';');
  }
}

export class NestedRequirement extends Node {
  constructor(readonly constraint: Node) {
    super();
  }
  printLeft(ob: OutputBuffer): void {
    ob.add(' requires ');
    this.constraint.print(ob);
    ob.add(';');
  }
}
