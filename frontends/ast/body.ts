// Lowering of one function body of a @webassemblyjs/ast module into FunctionBuilder calls, in a
// single walk. The walk keeps its own stack of tasks instead of recursing, so that deeply nested
// blocks (a switch lowered to a thousand nested blocks) cannot overflow the JS stack, and it
// tracks the container nodes it is inside of, so that a cyclic AST is an error and not a hang.
//
// Folded operands (`(i32.add (local.get 0) (i32.const 1))`: instruction nodes among an Instr's
// args, a call's instrArgs, an if's test) are lowered before the instruction that holds them.
import { ValType } from '../../formats/wasm';
import type { FunctionBuilder } from '../../codegen/function-builder';
import type { BlockType, DataSym, FuncSym, GlobalSym, Local, SigId, TableSym } from '../../codegen/ids';
import { ATOMICS_ALIGN, ATOMICS_FMT, PFmt, SIMD_FMT } from '../../codegen/opcodes';
import { K } from '../instruction-names';
import { astInstruction, unsupportedReason } from './names';
import { AstNode, describe, isNode, Reader } from './read';

/** What a body needs from its module: symbols, signatures and the checks of memory and table references. */
export interface Scope {
  readonly r: Reader;
  funcSym(x: unknown, what: string): FuncSym;
  globalSym(x: unknown, what: string): GlobalSym;
  /** A Signature node or a reference to a TypeInstruction. */
  sig(x: unknown, what: string): SigId;
  blockType(x: unknown, what: string): BlockType | ValType;
  /** `name`, `name+N`, `name-N`: a function (no addend) or data plus an addend. */
  address(name: string, what: string): { func: FuncSym } | { data: DataSym; addend: number };
  /** Checks a memory index immediate (absent, 0, or the memory's name). */
  memory(x: unknown, what: string): number;
  /** Checks a table immediate; undefined is the indirect function table, the only table. */
  table(x: unknown, what: string): TableSym | undefined;
}

const enum Task { Visit, Emit, Then, Else, End }

const INSTRUCTION_NODES = new Set([
  'Instr', 'BlockInstruction', 'LoopInstruction', 'IfInstruction', 'CallInstruction', 'CallIndirectInstruction',
]);

function isInstruction(x: unknown): boolean {
  return isNode(x) && INSTRUCTION_NODES.has(x.type);
}

const MEMARG_KEYS = new Set(['offset', 'align']);

const V128_SHAPES: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 };

/**
 * Lowers `body` into `fb`. `params` are the inline signature's FuncParams (their `id` names the
 * parameter), or empty when the signature is a type reference.
 */
export function lowerBody(scope: Scope, fb: FunctionBuilder, params: readonly unknown[], body: readonly unknown[]): void {
  new Body(scope, fb).run(params, body);
}

class Body {
  private readonly r: Reader;
  private readonly labels: (string | undefined)[] = [];
  private readonly locals = new Map<string, Local>();
  /** Container nodes being lowered (a node met again inside itself is a cycle). */
  private readonly open = new Set<AstNode>();
  private readonly tasks: Task[] = [];
  private readonly items: unknown[] = [];

  constructor(private readonly s: Scope, private readonly fb: FunctionBuilder) {
    this.r = s.r;
  }

  run(params: readonly unknown[], body: readonly unknown[]): void {
    params.forEach((p, i) => {
      const id = typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined;
      if (id !== undefined && id !== null) this.nameLocal(this.r.name(id, `parameter ${i}`), this.fb.param(i));
    });
    let first = 0;
    while (first < body.length && this.isLocalDecl(body[first])) this.declareLocals(body[first++] as AstNode);
    this.pushList(body.slice(first));
    const { tasks, items } = this;
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      const item = items.pop();
      switch (task) {
        case Task.Visit: this.visit(item); break;
        case Task.Emit: this.open.delete(item as AstNode); this.emit(item as AstNode); break;
        case Task.Then: this.then(item as AstNode); break;
        case Task.Else: this.fb.else_(); break;
        case Task.End: this.open.delete(item as AstNode); this.labels.pop(); this.fb.end(); break;
      }
    }
  }

  // ---- locals ----------------------------------------------------------------------------

  private isLocalDecl(x: unknown): boolean {
    return isNode(x) && x.type === 'Instr' && x.id === 'local' && x.object === undefined;
  }

  /** `local` with ValtypeLiterals, or one Identifier and its ValtypeLiteral: `(local $x i32)`. */
  private declareLocals(n: AstNode): void {
    const args = this.r.list(n.args, 'local');
    if (args.length === 0) throw this.r.fail('local: expected value types');
    const named = isNode(args[0]) && args[0].type === 'Identifier';
    if (named && args.length !== 2) throw this.r.fail('local: a named local takes one value type');
    for (let i = named ? 1 : 0; i < args.length; i++) {
      const l = this.fb.local(this.r.valtype(args[i], 'local'));
      if (named) this.nameLocal(this.r.name(args[0], 'local'), l);
    }
  }

  private nameLocal(name: string, l: Local): void {
    if (this.locals.has(name)) throw this.r.fail(`duplicate local $${name}`);
    this.locals.set(name, l);
  }

  private local(x: unknown, what: string): Local {
    const ix = this.r.index(x, what);
    if (typeof ix === 'number') return ix as Local;
    const l = this.locals.get(ix);
    if (l === undefined) throw this.r.fail(`unknown local $${ix}`);
    return l;
  }

  // ---- the walk --------------------------------------------------------------------------

  private push(task: Task, item: unknown): void {
    this.tasks.push(task);
    this.items.push(item);
  }

  /** Schedules the instructions of `list` in order (the first one runs next). */
  private pushList(list: readonly unknown[]): void {
    for (let i = list.length - 1; i >= 0; i--) this.push(Task.Visit, list[i]);
  }

  private enter(n: AstNode): void {
    if (this.open.has(n)) throw this.r.fail(`the AST contains a cycle: ${n.type} inside itself`);
    this.open.add(n);
  }

  /** Schedules the node's own instruction after its folded operands, if it has any. */
  private folded(n: AstNode, operands: readonly unknown[]): void {
    const nested = operands.filter(isInstruction);
    if (nested.length === 0) return this.emit(n);
    this.enter(n);
    this.push(Task.Emit, n);
    this.pushList(nested);
  }

  private visit(x: unknown): void {
    const n = this.r.node(x, 'instruction');
    const r = this.r;
    switch (n.type) {
      case 'Instr': return this.folded(n, r.list(n.args, `${this.instrName(n)} args`));
      case 'CallInstruction': return this.folded(n, r.optList(n.instrArgs, 'call instrArgs'));
      case 'CallIndirectInstruction': return this.folded(n, r.optList(n.intrs, 'call_indirect intrs'));
      case 'BlockInstruction':
      case 'LoopInstruction': {
        const loop = n.type === 'LoopInstruction';
        const what = loop ? 'loop' : 'block';
        const body = r.list(n.instr, `${what} instr`);
        const label = r.optIdent(n.label, `${what} label`);
        this.enter(n);
        const type = this.s.blockType(loop ? n.resulttype : n.result, `${what} result`);
        if (loop) this.fb.loop(type);
        else this.fb.block(type);
        this.labels.push(label);
        this.push(Task.End, n);
        return this.pushList(body);
      }
      case 'IfInstruction':
        this.enter(n);
        this.push(Task.Then, n);
        return this.pushList(r.optList(n.test, 'if test'));
      case 'LeadingComment':
      case 'BlockComment':
        return;
      default:
        throw r.fail(`unsupported instruction node ${n.type}`);
    }
  }

  /** After an if's folded test: the if itself, its arms and its end. */
  private then(n: AstNode): void {
    const r = this.r;
    const consequent = r.list(n.consequent, 'if consequent');
    const alternate = r.optList(n.alternate, 'if alternate');
    const label = r.optIdent(n.testLabel, 'if label');
    this.fb.if_(this.s.blockType(n.result, 'if result'));
    this.labels.push(label);
    this.push(Task.End, n);
    if (alternate.length > 0) {
      this.pushList(alternate);
      this.push(Task.Else, undefined);
    }
    this.pushList(consequent);
  }

  // ---- one instruction -------------------------------------------------------------------

  private instrName(n: AstNode): string {
    const id = this.r.str(n.id, 'instruction id');
    if (n.object === undefined || n.object === null) return id;
    return `${this.r.str(n.object, `${id} object`)}.${id}`;
  }

  private label(x: unknown, what: string): number {
    const ix = this.r.index(x, what);
    if (typeof ix === 'number') return ix;
    const labels = this.labels;
    for (let i = labels.length - 1; i >= 0; i--) if (labels[i] === ix) return labels.length - 1 - i;
    throw this.r.fail(`unknown label $${ix}`);
  }

  private emit(n: AstNode): void {
    const { fb, s } = this;
    if (n.type === 'CallInstruction') return fb.call(s.funcSym(n.index, 'call'));
    if (n.type === 'CallIndirectInstruction') return fb.callIndirect(s.sig(n.signature, 'call_indirect'));
    const name = this.instrName(n);
    const entry = astInstruction(name);
    const kind: K = entry === undefined ? 0 : entry >>> 16;
    const code = entry === undefined ? 0 : entry & 0xffff;
    const why = name === 'local' ? 'locals are declared at the top of the function body' : unsupportedReason(kind);
    if (entry === undefined || why !== undefined) {
      throw this.r.fail(why === undefined ? `unknown instruction ${name}` : `unsupported instruction ${name}: ${why}`);
    }
    const imm = this.r.list(n.args, `${name} args`).filter((a) => !isInstruction(a));
    const arity = (min: number, max = min) => {
      if (imm.length < min || imm.length > max) {
        const want = min === max ? `${min}` : `${min} to ${max}`;
        throw this.r.fail(`${name}: expected ${want} immediate${max === 1 ? '' : 's'}, got ${imm.length}`);
      }
    };
    const fmt = kind === K.Simd ? SIMD_FMT[code] : kind === K.Atomic ? ATOMICS_FMT[code] : PFmt.None;
    const memArg = kind === K.Load || kind === K.Store || fmt === PFmt.MemArg || fmt === PFmt.MemArgLane;
    if (!memArg && n.namedArgs !== undefined && n.namedArgs !== null && Object.keys(n.namedArgs).length > 0) {
      throw this.r.fail(`${name}: takes no named arguments`);
    }
    const m = memArg ? this.memArg(n, name) : { offset: 0, p2align: undefined };
    switch (kind) {
      case K.Op: arity(0); return fb.op(code);
      case K.Misc: arity(0); return fb.misc(code);
      case K.Return: arity(0); return fb.return_();
      case K.Select:
        arity(0, 1);
        return imm.length === 0 ? fb.select() : fb.select(this.r.valtype(imm[0], name));
      case K.Br: arity(1); return fb.br(this.label(imm[0], name));
      case K.BrIf: arity(1); return fb.brIf(this.label(imm[0], name));
      case K.BrTable: {
        if (imm.length === 0) throw this.r.fail(`${name}: expected at least a default label`);
        const depths = imm.map((l) => this.label(l, name));
        return fb.brTable(depths.slice(0, -1), depths[depths.length - 1]);
      }
      case K.Call: arity(1); return fb.call(s.funcSym(imm[0], name));
      case K.CallIndirect: arity(1); return fb.callIndirect(s.sig(imm[0], name));
      case K.LocalGet: arity(1); return fb.localGet(this.local(imm[0], name));
      case K.LocalSet: arity(1); return fb.localSet(this.local(imm[0], name));
      case K.LocalTee: arity(1); return fb.localTee(this.local(imm[0], name));
      case K.GlobalGet: arity(1); return fb.globalGet(s.globalSym(imm[0], name));
      case K.GlobalSet: arity(1); return fb.globalSet(s.globalSym(imm[0], name));
      case K.Load: arity(0); return fb.load(code, m.offset, m.p2align);
      case K.Store: arity(0); return fb.store(code, m.offset, m.p2align);
      case K.MemorySize: arity(0, 1); return fb.memorySize(s.memory(imm[0], name));
      case K.MemoryGrow: arity(0, 1); return fb.memoryGrow(s.memory(imm[0], name));
      case K.MemoryFill: arity(0, 1); return fb.memoryFill(s.memory(imm[0], name));
      case K.MemoryCopy: arity(0, 2); return fb.memoryCopy(s.memory(imm[0], name), s.memory(imm[1], name));
      case K.I32Const: return this.i32Const(imm, name);
      case K.I64Const: arity(1); return fb.i64Const(this.r.i64(imm[0], name));
      case K.F32Const: arity(1); return fb.f32ConstBits(this.r.f32(imm[0], name));
      case K.F64Const: {
        arity(1);
        const [lo, hi] = this.r.f64(imm[0], name);
        return fb.f64ConstBits(lo, hi);
      }
      case K.RefNull: arity(0, 1); return fb.refNull(imm.length === 0 ? ValType.FuncRef : this.heapType(imm[0], name));
      case K.RefFunc: arity(1); return fb.refFunc(s.funcSym(imm[0], name));
      case K.TableGet: arity(0, 1); return fb.tableGet(s.table(imm[0], name));
      case K.TableSet: arity(0, 1); return fb.tableSet(s.table(imm[0], name));
      case K.TableSize: arity(0, 1); return fb.tableSize(s.table(imm[0], name));
      case K.TableGrow: arity(0, 1); return fb.tableGrow(s.table(imm[0], name));
      case K.TableFill: arity(0, 1); return fb.tableFill(s.table(imm[0], name));
      case K.TableCopy: arity(0, 2); return fb.tableCopy(s.table(imm[0], name), s.table(imm[1], name));
      case K.Simd:
        switch (fmt) {
          case PFmt.MemArg: arity(0); return fb.simdMem(code, m.offset, m.p2align);
          case PFmt.Lane: arity(1); return fb.simdLane(code, this.r.int(imm[0], `${name} lane`, 0, 255));
          case PFmt.MemArgLane:
            arity(1);
            return fb.simdMemLane(code, this.r.int(imm[0], `${name} lane`, 0, 255), m.offset, m.p2align);
          case PFmt.Bytes16: return fb.v128Const(this.v128(imm, name));
          case PFmt.Shuffle:
            arity(16);
            return fb.i8x16Shuffle(imm.map((l) => this.r.int(l, `${name} lane`, 0, 255)));
          default: arity(0); return fb.simd(code);
        }
      case K.Atomic:
        arity(0);
        if (fmt === PFmt.Fence) return fb.atomicFence();
        if (m.p2align !== undefined && m.p2align !== ATOMICS_ALIGN[code]) {
          throw this.r.fail(`${name}: atomics take their natural alignment ${2 ** ATOMICS_ALIGN[code]}`);
        }
        return fb.atomic(code, m.offset);
      default:
        throw this.r.fail(`unsupported instruction ${name}`);
    }
  }

  /** `i32.const N`, or `i32.const $sym` / `$sym+N` with an optional second NumberLiteral addend. */
  private i32Const(imm: readonly unknown[], name: string): void {
    const r = this.r;
    const a = imm[0];
    if (imm.length < 1 || imm.length > 2 || (imm.length === 2 && !(isNode(a) && a.type === 'Identifier'))) {
      throw r.fail(`${name}: expected a number, or a symbol and an optional addend; got ${imm.length} immediates`);
    }
    if (!(isNode(a) && a.type === 'Identifier')) return this.fb.i32Const(r.int(a, name, -0x80000000, 0xffffffff));
    const ref = this.s.address(r.str(a.value, `${name} symbol`), name);
    const extra = imm.length === 2 ? r.int(imm[1], `${name} addend`, -0x80000000, 0x7fffffff) : 0;
    if ('func' in ref) {
      if (extra !== 0) throw r.fail(`${name}: the address of a function takes no addend`);
      return this.fb.funcAddr(ref.func);
    }
    this.fb.dataAddr(ref.data, ref.addend + extra);
  }

  /** `offset` and `align` (bytes, a power of two) from namedArgs, as text-format memargs are. */
  private memArg(n: AstNode, name: string): { offset: number; p2align: number | undefined } {
    const named = n.namedArgs;
    if (named === undefined || named === null) return { offset: 0, p2align: undefined };
    if (typeof named !== 'object' || Array.isArray(named)) throw this.r.fail(`${name}: namedArgs: expected an object, got ${describe(named)}`);
    const o = named as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!MEMARG_KEYS.has(k)) throw this.r.fail(`${name}: unknown named argument ${k}`);
    // A hex offset above 2^31 comes out of @webassemblyjs's i32 parser negative: take it as unsigned.
    const offset = o.offset === undefined ? 0 : this.r.int(o.offset, `${name} offset`, -0x80000000, 0xffffffff) >>> 0;
    if (o.align === undefined) return { offset, p2align: undefined };
    const align = this.r.int(o.align, `${name} align`, 1, 2 ** 30);
    if ((align & (align - 1)) !== 0) throw this.r.fail(`${name}: align ${align} is not a power of two`);
    return { offset, p2align: Math.log2(align) };
  }

  private heapType(x: unknown, what: string): ValType {
    const h = isNode(x) && x.type === 'ValtypeLiteral' ? x.name : isNode(x) || typeof x === 'string' ? this.r.name(x, what) : x;
    if (h === 'func' || h === 'funcref' || h === 'anyfunc') return ValType.FuncRef;
    if (h === 'extern' || h === 'externref') return ValType.ExternRef;
    throw this.r.fail(`${what}: expected a heap type (func or extern), got ${describe(h)}`);
  }

  /** v128.const: 16 byte literals, or a shape (`i32x4`, as an Identifier or ValtypeLiteral) and its lanes. */
  private v128(imm: readonly unknown[], name: string): Uint8Array {
    const r = this.r;
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    const head = imm[0];
    const shapeName = isNode(head) && head.type === 'ValtypeLiteral' ? head.name
      : isNode(head) && (head.type === 'Identifier' || head.type === 'StringLiteral') ? head.value : undefined;
    const shape = shapeName === undefined ? 'i8x16' : String(shapeName);
    const lanes = shapeName === undefined ? imm : imm.slice(1);
    const count = Object.prototype.hasOwnProperty.call(V128_SHAPES, shape) ? V128_SHAPES[shape] : 0;
    if (count === 0) throw r.fail(`${name}: unknown shape ${describe(shapeName)}`);
    if (lanes.length !== count) throw r.fail(`${name}: ${shape} takes ${count} lanes, got ${lanes.length}`);
    lanes.forEach((l, i) => {
      const what = `${name} lane ${i}`;
      switch (shape) {
        case 'i8x16': bytes[i] = r.int(l, what, -0x80, 0xff); break;
        case 'i16x8': view.setUint16(2 * i, r.int(l, what, -0x8000, 0xffff), true); break;
        case 'i32x4': view.setUint32(4 * i, r.int(l, what, -0x80000000, 0xffffffff) >>> 0, true); break;
        case 'i64x2': view.setBigUint64(8 * i, BigInt.asUintN(64, r.i64(l, what)), true); break;
        case 'f32x4': view.setUint32(4 * i, r.f32(l, what), true); break;
        default: {
          const [lo, hi] = r.f64(l, what);
          view.setUint32(8 * i, lo, true);
          view.setUint32(8 * i + 4, hi, true);
        }
      }
    });
    return bytes;
  }
}
