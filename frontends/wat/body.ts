// Function bodies of a .wat unit, lowered token by token into FunctionBuilder calls: no tree is
// built. Flat instructions are lowered as they are read. A folded instruction `(op imm* operand*)`
// is lowered by skipping its immediates, lowering the operands (recursively), then returning to
// read the immediates and lower `op` itself; `(block ...)`, `(loop ...)` and `(if ... (then ...)
// (else ...))` open and close their block around their contents. Labels are resolved against a
// stack of the open blocks' names.
import { ValType } from '../../formats/wasm';
import { FunctionBuilder } from '../../codegen/function-builder';
import { BlockType, Local } from '../../codegen/ids';
import { AtomicOp, ATOMICS_ALIGN, ATOMICS_FMT, MiscOp, Opcode, PFmt, SIMD_FMT, SimdOp } from '../../codegen/opcodes';
import { INSTRUCTIONS, K } from '../instruction-names';
import { f32Lit, f64Lit, i64Lit, intLit, u32Lit } from './numbers';
import { FuncDecl, WatScope } from './scope';
import { Tok, Tokens } from './tokens';
import { literal, v128Const, valType } from './values';

/** Deepest nesting of blocks and folded instructions (keeps the recursion far from the stack limit). */
const MAX_DEPTH = 1000;

export class BodyLowering {
  private fb!: FunctionBuilder;
  /** Names of the open blocks, innermost last. */
  private labels: (string | undefined)[] = [];
  private locals = new Map<string, number>();
  private depth = 0;
  private v128 = new Uint8Array(16);
  private lanes = new Uint8Array(16);

  constructor(private readonly m: WatScope) {}

  lower(d: FuncDecl): void {
    const m = this.m;
    const t: Tokens = m.t;
    t.what = undefined;
    t.func = d.id !== undefined ? `$${d.id}` : `#${d.index}`;
    t.at = d.field;
    const fb = this.fb = m.unit.function(d.name, d.sig, WatScope.binding(d.exportName));
    this.labels.length = 0;
    this.depth = 0;
    const locals = this.locals;
    locals.clear();
    d.paramNames.forEach((n, i) => this.name(n, i, d.field));
    t.pos = d.body;
    while (t.isGroup(t.pos, 'local')) {
      const open = t.pos;
      t.pos += 2;
      if (t.isId(t.pos)) {
        const at = t.pos;
        const n = t.optId();
        this.name(n, fb.local(valType(t)), at);
      } else {
        while (t.pos < t.match[open]) fb.local(valType(t));
      }
      t.close(open);
    }
    this.instrs();
    this.expectClose(d.field);
    t.at = t.pos - 1;
    fb.finish();
  }

  private name(n: string | undefined, index: number, tok: number): void {
    if (n === undefined) return;
    if (this.locals.has(n)) this.m.t.fail(tok, `duplicate local $${n}`);
    this.locals.set(n, index);
  }

  /** Consumes the `)` of group `open`, explaining a stray `end`/`else` or a non-instruction. */
  private expectClose(open: number): void {
    const t: Tokens = this.m.t;
    const i = t.pos;
    if (i === t.match[open]) {
      t.pos++;
      return;
    }
    if (t.isKw(i, 'end') || t.isKw(i, 'else')) {
      t.fail(i, `unexpected \`${t.text(i)}\`: ${this.labels.length === 0 ? 'no block is open here' : 'a folded block ends at its `)`'}`);
    }
    t.fail(i, `expected an instruction or \`)\`, found ${t.describe(i)}`);
  }

  /** Instructions up to a `)`, `end` or `else` (not consumed). */
  private instrs(): void {
    const t: Tokens = this.m.t;
    for (;;) {
      const i = t.pos;
      const k = t.kind[i];
      if (k === Tok.LParen) this.folded();
      else if (k === Tok.Keyword && !t.isKw(i, 'end') && !t.isKw(i, 'else')) this.plain();
      else return;
    }
  }

  private deeper(tok: number): void {
    if (++this.depth > MAX_DEPTH) this.m.t.fail(tok, `blocks and folded instructions nested deeper than ${MAX_DEPTH}`);
  }

  /** Opens a block's label. */
  private enter(label: string | undefined, tok: number): void {
    this.deeper(tok);
    this.labels.push(label);
  }

  private leave(): void {
    this.depth--;
    this.labels.pop();
  }

  /** An optional label after `end` or `else`: must repeat the block's. */
  private endLabel(label: string | undefined): void {
    const t: Tokens = this.m.t;
    if (!t.isId(t.pos)) return;
    const n = t.idName(t.pos);
    if (n !== label) t.fail(t.pos, label === undefined ? `label $${n} on a block without a label` : `label $${n} does not match $${label}`);
    t.pos++;
  }

  private lookup(i: number): number {
    const t: Tokens = this.m.t;
    const code = t.kind[i] === Tok.Keyword ? INSTRUCTIONS.get(t.text(i)) : undefined;
    if (code === undefined) {
      t.fail(i, t.kind[i] === Tok.Keyword ? `unknown instruction ${t.describe(i)}` : `expected an instruction, found ${t.describe(i)}`);
    }
    return code;
  }

  private open(kind: K, bt: BlockType | ValType): void {
    if (kind === K.Block) this.fb.block(bt);
    else if (kind === K.Loop) this.fb.loop(bt);
    else this.fb.if_(bt);
  }

  /** `(instr ...)` at the cursor. */
  private folded(): void {
    const m = this.m;
    const t: Tokens = m.t;
    const open = t.pos;
    const i = open + 1;
    const close = t.match[open];
    const kind = this.lookup(i) >>> 16;
    if (kind === K.Block || kind === K.Loop || kind === K.If) {
      t.pos = i + 1;
      const label = t.optId();
      const bt = m.blockType();
      if (kind === K.If) {
        // Condition operands, then (then ...) and an optional (else ...).
        this.deeper(i);
        while (t.kind[t.pos] === Tok.LParen && !t.isGroup(t.pos, 'then')) this.folded();
        this.depth--;
        if (!t.isGroup(t.pos, 'then')) t.fail(t.pos, `expected (then ...), found ${t.describe(t.pos)}`);
      }
      t.at = i;
      this.open(kind, bt);
      this.enter(label, i);
      if (kind === K.If) {
        const th = t.pos;
        t.pos = th + 2;
        this.instrs();
        this.expectClose(th);
        if (t.isGroup(t.pos, 'else')) {
          const el = t.pos;
          t.at = el;
          this.fb.else_();
          t.pos = el + 2;
          this.instrs();
          this.expectClose(el);
        }
        if (t.pos !== close) t.fail(t.pos, `expected (else ...) or \`)\` after (then ...), found ${t.describe(t.pos)}`);
      } else {
        this.instrs();
      }
      this.expectClose(open);
      t.at = i;
      this.fb.end();
      this.leave();
      return;
    }
    if (kind === K.Else || kind === K.End || kind === K.Then) t.fail(i, `unexpected \`${t.text(i)}\``);
    // Operands first, then the instruction with its immediates.
    let imm = i + 1;
    while (imm < close) {
      const k = t.kind[imm];
      if (k === Tok.LParen && (t.isKw(imm + 1, 'type') || t.isKw(imm + 1, 'param') || t.isKw(imm + 1, 'result'))) imm = t.match[imm] + 1;
      else if (k === Tok.LParen || k === Tok.Annot) break;
      else imm++;
    }
    t.pos = imm;
    this.deeper(i);
    while (t.kind[t.pos] === Tok.LParen) this.folded();
    this.depth--;
    if (t.pos !== close) t.fail(t.pos, `expected an operand or \`)\`, found ${t.describe(t.pos)}`);
    t.pos = i;
    this.plain();
    if (t.pos !== imm) t.fail(t.pos, `unexpected ${t.describe(t.pos)} in ${t.text(i)}`);
    t.pos = close + 1;
  }

  /** A flat instruction at the cursor (a keyword), with its immediates; blocks up to their `end`. */
  private plain(): void {
    const m = this.m;
    const t: Tokens = m.t;
    const fb = this.fb;
    const i = t.pos++;
    const code = this.lookup(i);
    const op = code & 0xffff;
    const kind = (code >>> 16) as K;
    t.at = i;
    switch (kind) {
      case K.Op: return fb.op(op as Opcode);
      case K.Block: case K.Loop: case K.If: return this.flatBlock(i, kind);
      case K.Else: case K.End: case K.Then: return t.fail(i, `unexpected \`${t.text(i)}\``);
      case K.Br: return fb.br(this.label());
      case K.BrIf: return fb.brIf(this.label());
      case K.BrTable: {
        const depths: number[] = [];
        while (m.atIndex()) depths.push(this.label());
        const def = depths.pop();
        if (def === undefined) t.fail(t.pos, `expected a label, found ${t.describe(t.pos)}`);
        return fb.brTable(depths, def);
      }
      case K.Return: return fb.return_();
      case K.Call: return fb.call(m.funcs.items[m.index(m.funcs)].sym);
      case K.CallIndirect: {
        const table = m.table();
        return fb.callIndirect(m.typeUse(null), table);
      }
      case K.Select: {
        const types: ValType[] = [];
        while (t.isGroup(t.pos, 'result')) {
          const open = t.pos;
          t.pos += 2;
          while (t.pos < t.match[open]) types.push(valType(t));
          t.close(open);
        }
        if (types.length > 1) t.fail(i, 'select takes one result type');
        return types.length === 0 ? fb.op(Opcode.Select) : fb.select(types[0]);
      }
      case K.LocalGet: return fb.localGet(this.local());
      case K.LocalSet: return fb.localSet(this.local());
      case K.LocalTee: return fb.localTee(this.local());
      case K.GlobalGet: case K.GlobalSet: {
        const g = m.globals.items[m.index(m.globals)];
        if (g.isSp) return kind === K.GlobalGet ? fb.stackPointerGet() : fb.stackPointerSet();
        return kind === K.GlobalGet ? fb.globalGet(g.sym) : fb.globalSet(g.sym);
      }
      case K.I32Const: case K.I64Const: {
        const j = t.pos;
        const is64 = kind === K.I64Const;
        if (t.isId(j)) {
          if (is64 !== m.unit.memory64) t.fail(j, `addresses are ${m.unit.memory64 ? 'i64' : 'i32'} in this unit`);
          const a = m.address();
          return 'func' in a ? fb.funcAddr(a.func) : fb.dataAddr(a.data, a.addend);
        }
        t.pos++;
        const text = literal(t, j, is64 ? 'an i64' : 'an i32');
        if (is64) return fb.i64Const(i64Lit(text) ?? t.fail(j, `invalid i64 literal ${t.describe(j)}`));
        return fb.i32Const(intLit(text, 32) ?? t.fail(j, `invalid i32 literal ${t.describe(j)}`));
      }
      case K.F32Const: {
        const j = t.pos++;
        return fb.f32ConstBits(f32Lit(literal(t, j, 'an f32')) ?? t.fail(j, `invalid f32 literal ${t.describe(j)}`));
      }
      case K.F64Const: {
        const j = t.pos++;
        const b = f64Lit(literal(t, j, 'an f64')) ?? t.fail(j, `invalid f64 literal ${t.describe(j)}`);
        return fb.f64ConstBits(b[0], b[1]);
      }
      case K.Load: case K.Store: {
        m.memory();
        const [offset, align] = this.memArg();
        return kind === K.Load ? fb.load(op, offset, align) : fb.store(op, offset, align);
      }
      case K.MemorySize: m.memory(); return fb.memorySize();
      case K.MemoryGrow: m.memory(); return fb.memoryGrow();
      case K.MemoryFill: m.memory(); return fb.memoryFill();
      case K.MemoryCopy: m.memory(); m.memory(); return fb.memoryCopy();
      case K.RefNull: {
        const j = t.pos++;
        if (t.isKw(j, 'func')) return fb.refNull(ValType.FuncRef);
        if (t.isKw(j, 'extern')) return fb.refNull(ValType.ExternRef);
        return t.fail(j, `expected func or extern, found ${t.describe(j)}`);
      }
      case K.RefFunc: return fb.refFunc(m.funcs.items[m.index(m.funcs)].sym);
      case K.TableGet: return fb.tableGet(m.table());
      case K.TableSet: return fb.tableSet(m.table());
      case K.TableSize: return fb.tableSize(m.table());
      case K.TableGrow: return fb.tableGrow(m.table());
      case K.TableFill: return fb.tableFill(m.table());
      case K.TableCopy: {
        const dst = m.table();
        return fb.tableCopy(dst, m.table());
      }
      case K.Misc: return fb.misc(op as MiscOp);
      case K.Simd: return this.simd(op);
      case K.Atomic: return this.atomic(op);
      case K.Segment:
        return t.fail(i, `${t.text(i)} is not supported: data and element segments are placed by the linker`);
      case K.Unsupported:
        return t.fail(i, `${t.text(i)} is not supported: the CodeGen API has no tail calls, exceptions or typed function references`);
    }
  }

  /** `block`/`loop`/`if` in flat form, up to and including its `end`. */
  private flatBlock(i: number, kind: K): void {
    const m = this.m;
    const t: Tokens = m.t;
    const label = t.optId();
    const bt = m.blockType();
    t.at = i;
    this.open(kind, bt);
    this.enter(label, i);
    this.instrs();
    if (t.isKw(t.pos, 'else')) {
      if (kind !== K.If) t.fail(t.pos, '`else` without `if`');
      t.at = t.pos++;
      this.endLabel(label);
      this.fb.else_();
      this.instrs();
      if (t.isKw(t.pos, 'else')) t.fail(t.pos, '`else` without `if`');
    }
    if (!t.isKw(t.pos, 'end')) {
      const [line, col] = t.location(t.start[i]);
      t.fail(t.pos, `expected \`end\` of the ${t.text(i)} at ${line}:${col}, found ${t.describe(t.pos)}`);
    }
    t.at = t.pos++;
    this.endLabel(label);
    this.fb.end();
    this.leave();
  }

  /** A label: `$name` of an open block, or a depth. */
  private label(): number {
    const t: Tokens = this.m.t;
    const i = t.pos++;
    if (t.isId(i)) {
      const n = t.idName(i);
      const l = this.labels.lastIndexOf(n);
      if (l < 0) t.fail(i, `unknown label $${n}`);
      return this.labels.length - 1 - l;
    }
    const v = t.kind[i] === Tok.Num ? u32Lit(t.text(i)) : undefined;
    return v ?? t.fail(i, `expected a label, found ${t.describe(i)}`);
  }

  private local(): Local {
    const t: Tokens = this.m.t;
    const i = t.pos++;
    if (t.isId(i)) {
      const l = this.locals.get(t.idName(i));
      return (l ?? t.fail(i, `unknown local ${t.text(i)}`)) as Local;
    }
    const v = t.kind[i] === Tok.Num ? u32Lit(t.text(i)) : undefined;
    return (v ?? t.fail(i, `expected a local, found ${t.describe(i)}`)) as Local;
  }

  /** `offset=N`? `align=N`?: [offset, log2 alignment or undefined for natural]. */
  private memArg(): [number, number | undefined] {
    const t: Tokens = this.m.t;
    let offset = 0;
    let align: number | undefined;
    if (this.keywordWith('offset=')) {
      const v = u32Lit(t.text(t.pos).slice(7));
      if (v === undefined) t.fail(t.pos, `invalid or out-of-range ${t.describe(t.pos)}`);
      offset = v;
      t.pos++;
    }
    if (this.keywordWith('align=')) {
      const v = u32Lit(t.text(t.pos).slice(6));
      if (v === undefined || v === 0 || (v & (v - 1)) !== 0) t.fail(t.pos, `${t.describe(t.pos)}: alignment must be a power of two`);
      align = 31 - Math.clz32(v);
      t.pos++;
    }
    return [offset, align];
  }

  private keywordWith(prefix: string, i = this.m.t.pos): boolean {
    const t: Tokens = this.m.t;
    return t.kind[i] === Tok.Keyword && t.src.startsWith(prefix, t.start[i]);
  }

  private lane(): number {
    const t: Tokens = this.m.t;
    const i = t.pos++;
    const v = t.kind[i] === Tok.Num ? u32Lit(t.text(i)) : undefined;
    return v ?? t.fail(i, `expected a lane index, found ${t.describe(i)}`);
  }

  private simd(sub: number): void {
    const m = this.m;
    const t: Tokens = m.t;
    const fb = this.fb;
    switch (SIMD_FMT[sub] as PFmt) {
      case PFmt.MemArg: {
        m.memory();
        const [offset, align] = this.memArg();
        return fb.simdMem(sub as SimdOp, offset, align);
      }
      case PFmt.MemArgLane: {
        // memory index, memarg, lane: a leading number is the memory when a lane or memarg follows.
        const p = t.pos;
        const q = p + 1;
        const memargOrLane = t.kind[q] === Tok.Num || this.keywordWith('offset=', q) || this.keywordWith('align=', q);
        if (t.isId(p) || (t.kind[p] === Tok.Num && memargOrLane)) m.memory();
        const [offset, align] = this.memArg();
        return fb.simdMemLane(sub as SimdOp, this.lane(), offset, align);
      }
      case PFmt.Lane: return fb.simdLane(sub as SimdOp, this.lane());
      case PFmt.Bytes16:
        v128Const(t, this.v128);
        return fb.v128Const(this.v128);
      case PFmt.Shuffle:
        for (let l = 0; l < 16; l++) {
          const v = this.lane();
          if (v > 255) t.fail(t.pos - 1, `shuffle lane ${v} out of range (0..31)`);
          this.lanes[l] = v;
        }
        return fb.i8x16Shuffle(this.lanes);
      default: return fb.simd(sub);
    }
  }

  private atomic(sub: number): void {
    const m = this.m;
    const t: Tokens = m.t;
    if (ATOMICS_FMT[sub] === PFmt.Fence) return this.fb.atomicFence();
    m.memory();
    const at = t.pos;
    const [offset, align] = this.memArg();
    if (align !== undefined && align !== ATOMICS_ALIGN[sub]) {
      t.fail(at, `atomic accesses are naturally aligned (align=${1 << ATOMICS_ALIGN[sub]})`);
    }
    return this.fb.atomic(sub as AtomicOp, offset);
  }
}
