// FunctionBuilder: the typed instruction API a compiler calls to produce the MIR of one function.
// Instructions append one (tag, data) pair to the builder's scratch arrays (no object per
// instruction); finish() copies them into the link-wide Mir store. Every reference to a function,
// data, a constant, a global, a table, the stack pointer or a signature is kept symbolic.
//
// Validation is the cheap kind only: balanced blocks, label depths, local indexes, symbol kinds,
// immediates in range (alignment, lanes, constants). Operand types are not checked.
import { SymKind, ValType, VALTYPE_NAMES } from '../formats/wasm';
import {
  BLOCK_TYPE_EMPTY, BLOCK_TYPE_SIG, BlockType, ConstId, DataSym, FuncSym, GlobalSym, Local, MirFunc, NO_LOCAL, NO_SYM,
  SigId, TableSym,
} from './ids';
import { FuncFlag, FunctionScratch } from './mir';
import {
  ATOMICS_ALIGN, ATOMICS_FMT, ATOMICS_MAX_SUB, AtomicOp, IMM, Imm, MEM_NATURAL_ALIGN, MiscOp, MirTag,
  Opcode, PFmt, SIMD_ALIGN, SIMD_FMT, SIMD_LANES, SIMD_MAX_SUB, SimdOp,
} from './opcodes';
import type { CodegenError } from './errors';
import type { Mir } from './mir';

/**
 * What a builder needs of the unit it builds for (codegen/unit.ts's Unit, which hands builders out
 * typed with itself, so that `fb.unit` is the whole Unit to a compiler).
 */
export interface BuilderUnit {
  readonly id: number;
  readonly mir: Mir;
  readonly symSig: Int32Array;
  readonly memory64: boolean;
  readonly symName: string[];
  error(detail: string, func?: string): CodegenError;
  isKind(sym: number, kind: SymKind): boolean;
  stackPointer(): GlobalSym;
  table(name?: string): TableSym;
  attachFunction(sym: FuncSym, f: MirFunc): void;
}

const enum Ctrl { Block, Loop, If, Else }

// Scratch views for float bit patterns (pure conversion buffers, no state kept between calls).
const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new Uint32Array(f64.buffer);

export class FunctionBuilder<U extends BuilderUnit = BuilderUnit> {
  readonly sig: SigId;
  private s: FunctionScratch;
  private ctrl: Ctrl[] = [];
  private numLocals: number;
  private runs: number[] = [];
  private frameLocal = NO_LOCAL;
  private saveLocal = NO_LOCAL;
  private frameSize = 0;
  private frameAlign = 0;
  private branchesToFunctionLabel = false;
  private done = false;

  /** Use Unit.function() / Unit.redefine(). */
  constructor(readonly unit: U, readonly sym: FuncSym, private readonly replace?: MirFunc) {
    this.sig = unit.symSig[sym] as SigId;
    this.numLocals = unit.mir.sigParams[this.sig];
    this.s = unit.mir.takeScratch();
  }

  get name(): string {
    return this.unit.symName[this.sym];
  }

  // ---- locals and frame ------------------------------------------------------------------

  /** Parameter i as a local. */
  param(i: number): Local {
    if (!(Number.isInteger(i) && i >= 0 && i < this.unit.mir.sigParams[this.sig])) throw this.fail(`unknown parameter ${i}`);
    return i as Local;
  }

  /** Declares `count` locals of `type`; returns the first. */
  local(type: ValType, count = 1): Local {
    if (VALTYPE_NAMES[type] === undefined) throw this.fail(`invalid local type 0x${type.toString(16)}`);
    if (!(Number.isInteger(count) && count >= 1)) throw this.fail(`invalid local count ${count}`);
    const first = this.numLocals as Local;
    const r = this.runs;
    if (r.length > 0 && r[r.length - 1] === type) r[r.length - 2] += count;
    else r.push(count, type);
    this.numLocals += count;
    return first;
  }

  /**
   * Gives the function a stack frame of `size` bytes aligned to `align` (a power of two), carved
   * from `__stack_pointer` by a prologue and released before every exit. Returns the local holding
   * the frame's lowest address (read-only for the body). Sizes are rounded up to 16 so that the
   * stack pointer keeps the 16-byte alignment of the C ABI.
   */
  frame(size: number, align = 16): Local {
    if (this.frameLocal !== NO_LOCAL) throw this.fail('frame declared twice');
    if (!(Number.isInteger(size) && size >= 0 && size < 0x40000000)) throw this.fail(`frame size ${size} out of range`);
    if (!(Number.isInteger(align) && align > 0 && (align & (align - 1)) === 0 && align <= 0x10000000)) {
      throw this.fail(`frame alignment ${align} is not a power of two`);
    }
    this.frameSize = (size + 15) & ~15;
    this.frameAlign = Math.max(align, 16);
    this.unit.stackPointer();
    const addr = this.unit.memory64 ? ValType.I64 : ValType.I32;
    if (this.frameAlign > 16) this.saveLocal = this.local(addr);
    this.frameLocal = this.local(addr);
    return this.frameLocal;
  }

  // ---- control ---------------------------------------------------------------------------

  block(type: BlockType | ValType = BLOCK_TYPE_EMPTY): void {
    this.put(Opcode.Block, this.blockType(type));
    this.ctrl.push(Ctrl.Block);
  }

  loop(type: BlockType | ValType = BLOCK_TYPE_EMPTY): void {
    this.put(Opcode.Loop, this.blockType(type));
    this.ctrl.push(Ctrl.Loop);
  }

  if_(type: BlockType | ValType = BLOCK_TYPE_EMPTY): void {
    this.put(Opcode.If, this.blockType(type));
    this.ctrl.push(Ctrl.If);
  }

  else_(): void {
    const c = this.ctrl;
    if (c.length === 0 || c[c.length - 1] !== Ctrl.If) throw this.fail('else without if');
    c[c.length - 1] = Ctrl.Else;
    this.put(Opcode.Else, 0);
  }

  end(): void {
    if (this.ctrl.length === 0) throw this.fail('unbalanced end');
    this.ctrl.pop();
    this.put(Opcode.End, 0);
  }

  br(depth: number): void {
    this.put(Opcode.Br, this.label(depth));
  }

  brIf(depth: number): void {
    this.put(Opcode.BrIf, this.label(depth));
  }

  brTable(depths: ArrayLike<number>, defaultDepth: number): void {
    const n = depths.length;
    const s = this.room(n + 2);
    const x = s.xn;
    s.extra[x] = n;
    for (let i = 0; i < n; i++) s.extra[x + 1 + i] = this.label(depths[i]);
    s.extra[x + 1 + n] = this.label(defaultDepth);
    s.xn += n + 2;
    this.put(Opcode.BrTable, x);
  }

  return_(): void {
    this.put(Opcode.Return, 0);
  }

  unreachable(): void {
    this.put(Opcode.Unreachable, 0);
  }

  nop(): void {
    this.put(Opcode.Nop, 0);
  }

  drop(): void {
    this.put(Opcode.Drop, 0);
  }

  /** select; with a type, the typed form (needed for v128 and reference operands). */
  select(type?: ValType): void {
    if (type === undefined) return this.put(Opcode.Select, 0);
    if (VALTYPE_NAMES[type] === undefined) throw this.fail(`invalid select type 0x${type.toString(16)}`);
    this.put(Opcode.SelectT, type);
  }

  call(f: FuncSym): void {
    this.put(MirTag.CallSym, this.funcSym(f));
  }

  /** call_indirect through `table` (default: the indirect function table) with signature `sig`. */
  callIndirect(sig: SigId, table?: TableSym): void {
    this.checkSig(sig);
    this.putX2(MirTag.CallIndirectSig, sig, this.tableSym(table));
  }

  // ---- variables -------------------------------------------------------------------------

  localGet(l: Local): void {
    this.put(Opcode.LocalGet, this.localIndex(l, false));
  }

  localSet(l: Local): void {
    this.put(Opcode.LocalSet, this.localIndex(l, true));
  }

  localTee(l: Local): void {
    this.put(Opcode.LocalTee, this.localIndex(l, true));
  }

  globalGet(g: GlobalSym): void {
    this.put(MirTag.GlobalGetSym, this.sym_(g, SymKind.Global, 'global'));
  }

  globalSet(g: GlobalSym): void {
    this.put(MirTag.GlobalSetSym, this.sym_(g, SymKind.Global, 'global'));
  }

  stackPointerGet(): void {
    this.put(MirTag.GlobalGetSp, this.unit.stackPointer());
  }

  stackPointerSet(): void {
    this.put(MirTag.GlobalSetSp, this.unit.stackPointer());
  }

  // ---- memory ----------------------------------------------------------------------------

  /** A plain load (i32.load .. i64.load32_u); `p2align` is log2 of the alignment, default natural. */
  load(op: Opcode, offset = 0, p2align?: number): void {
    if (!(op >= Opcode.I32Load && op <= Opcode.I64Load32U)) throw this.fail(`opcode 0x${op.toString(16)} is not a load`);
    this.memArg(op, offset, p2align);
  }

  /** A plain store (i32.store .. i64.store32). */
  store(op: Opcode, offset = 0, p2align?: number): void {
    if (!(op >= Opcode.I32Store && op <= Opcode.I64Store32)) throw this.fail(`opcode 0x${op.toString(16)} is not a store`);
    this.memArg(op, offset, p2align);
  }

  memorySize(memory = 0): void {
    this.put(Opcode.MemorySize, this.u32(memory, 'memory index'));
  }

  memoryGrow(memory = 0): void {
    this.put(Opcode.MemoryGrow, this.u32(memory, 'memory index'));
  }

  memoryFill(memory = 0): void {
    this.putX2(MirTag.MiscPrefix, 11, this.u32(memory, 'memory index'));
  }

  memoryCopy(dst = 0, src = 0): void {
    this.putX3(MirTag.MiscPrefix, 10, this.u32(dst, 'memory index'), this.u32(src, 'memory index'));
  }

  // ---- constants and numeric -------------------------------------------------------------

  /** i32.const; accepts signed or unsigned 32-bit integers. */
  i32Const(v: number): void {
    if (!(Number.isInteger(v) && v >= -0x80000000 && v <= 0xffffffff)) throw this.fail(`i32 constant ${v} out of range`);
    this.put(Opcode.I32Const, v >>> 0);
  }

  /** i64.const; a safe-integer number or a bigint in [-2^63, 2^64). */
  i64Const(v: number | bigint): void {
    let lo: number;
    let hi: number;
    if (typeof v === 'bigint') {
      if (v < -(1n << 63n) || v >= 1n << 64n) throw this.fail(`i64 constant ${v} out of range`);
      lo = Number(v & 0xffffffffn);
      hi = Number((v >> 32n) & 0xffffffffn);
    } else {
      if (!Number.isSafeInteger(v)) throw this.fail(`i64 constant ${v} is not a safe integer (use a bigint)`);
      lo = v >>> 0;
      hi = Math.floor(v / 4294967296) >>> 0;
    }
    this.putX2(Opcode.I64Const, lo, hi);
  }

  f32Const(v: number): void {
    f32[0] = v;
    this.put(Opcode.F32Const, f32Bits[0]);
  }

  /** f32.const from raw bits (NaN payloads survive). */
  f32ConstBits(bits: number): void {
    this.put(Opcode.F32Const, this.u32(bits, 'f32 bits'));
  }

  f64Const(v: number): void {
    f64[0] = v;
    this.putX2(Opcode.F64Const, f64Bits[0], f64Bits[1]);
  }

  f64ConstBits(lo: number, hi: number): void {
    this.putX2(Opcode.F64Const, this.u32(lo, 'f64 bits'), this.u32(hi, 'f64 bits'));
  }

  /**
   * Any instruction without immediates: numeric ops, comparisons, conversions, sign extension,
   * drop, select, nop, unreachable, ref.is_null.
   */
  op(o: Opcode): void {
    if (IMM[o] !== Imm.None || o >= MirTag.CallSym) throw this.fail(`opcode 0x${o.toString(16)} is not an immediate-free instruction`);
    this.put(o, 0);
  }

  /** Saturating truncations (0xfc 0..7). */
  misc(sub: MiscOp): void {
    if (!(sub >= 0 && sub <= 7 && Number.isInteger(sub))) throw this.fail(`misc sub-opcode ${sub} is not immediate-free`);
    this.put(MirTag.PrefixOp, ((Opcode.MiscPrefix << 24) | sub) >>> 0);
  }

  // ---- addresses (symbolic) --------------------------------------------------------------

  /** The function's table slot as a pointer (i32.const; i64.const on wasm64). */
  funcAddr(f: FuncSym): void {
    this.put(MirTag.FuncAddr, this.funcSym(f));
  }

  dataAddr(d: DataSym, addend = 0): void {
    this.putX2(MirTag.DataAddr, this.sym_(d, SymKind.Data, 'data'), this.addend(addend));
  }

  constAddr(c: ConstId, addend = 0): void {
    if (!(Number.isInteger(c) && c >= 0 && c < this.unit.mir.constCount)) throw this.fail(`unknown constant ${c}`);
    this.putX2(MirTag.ConstAddr, c, this.addend(addend));
  }

  // ---- reference types -------------------------------------------------------------------

  refNull(heapType: ValType = ValType.FuncRef): void {
    if (heapType !== ValType.FuncRef && heapType !== ValType.ExternRef) throw this.fail(`invalid heap type 0x${heapType.toString(16)}`);
    this.put(Opcode.RefNull, heapType);
  }

  refFunc(f: FuncSym): void {
    this.put(MirTag.RefFuncSym, this.funcSym(f));
  }

  tableGet(table?: TableSym): void {
    this.put(MirTag.TableGetSym, this.tableSym(table));
  }

  tableSet(table?: TableSym): void {
    this.put(MirTag.TableSetSym, this.tableSym(table));
  }

  tableGrow(table?: TableSym): void {
    this.putX2(MirTag.MiscPrefix, 15, this.tableSym(table));
  }

  tableSize(table?: TableSym): void {
    this.putX2(MirTag.MiscPrefix, 16, this.tableSym(table));
  }

  tableFill(table?: TableSym): void {
    this.putX2(MirTag.MiscPrefix, 17, this.tableSym(table));
  }

  tableCopy(dst?: TableSym, src?: TableSym): void {
    this.putX3(MirTag.MiscPrefix, 14, this.tableSym(dst), this.tableSym(src));
  }

  // ---- SIMD ------------------------------------------------------------------------------

  /** Any SIMD instruction without immediates, by sub-opcode (SimdOp or the spec's number). */
  simd(sub: SimdOp | number): void {
    if (this.simdFmt(sub) !== PFmt.None) throw this.fail(`SIMD sub-opcode 0x${sub.toString(16)} is not immediate-free`);
    this.put(MirTag.PrefixOp, ((Opcode.SimdPrefix << 24) | sub) >>> 0);
  }

  /** v128 loads/stores, extending loads, splat and zero loads. */
  simdMem(sub: SimdOp, offset = 0, p2align?: number): void {
    if (this.simdFmt(sub) !== PFmt.MemArg) throw this.fail(`SIMD sub-opcode 0x${sub.toString(16)} takes no memarg`);
    this.putX3(MirTag.SimdPrefix, sub, this.align(p2align, SIMD_ALIGN[sub]), this.u32(offset, 'offset'));
  }

  /** extract_lane / replace_lane. */
  simdLane(sub: SimdOp, lane: number): void {
    if (this.simdFmt(sub) !== PFmt.Lane) throw this.fail(`SIMD sub-opcode 0x${sub.toString(16)} takes no lane`);
    this.putX2(MirTag.SimdPrefix, sub, this.lane(lane, SIMD_LANES[sub]));
  }

  /** v128.loadN_lane / v128.storeN_lane. */
  simdMemLane(sub: SimdOp, lane: number, offset = 0, p2align?: number): void {
    if (this.simdFmt(sub) !== PFmt.MemArgLane) throw this.fail(`SIMD sub-opcode 0x${sub.toString(16)} takes no memarg and lane`);
    const a = this.align(p2align, SIMD_ALIGN[sub]);
    const o = this.u32(offset, 'offset');
    const l = this.lane(lane, SIMD_LANES[sub]);
    const s = this.room(4);
    const x = s.xn;
    s.extra[x] = sub;
    s.extra[x + 1] = a;
    s.extra[x + 2] = o;
    s.extra[x + 3] = l;
    s.xn += 4;
    this.put(MirTag.SimdPrefix, x);
  }

  v128Const(bytes: ArrayLike<number>): void {
    this.bytes16(SimdOp.V128Const, bytes, 256, 'v128 byte');
  }

  i8x16Shuffle(lanes: ArrayLike<number>): void {
    this.bytes16(SimdOp.I8x16Shuffle, lanes, 32, 'shuffle lane');
  }

  // ---- atomics ---------------------------------------------------------------------------

  /** Atomic loads, stores, read-modify-write, wait and notify (always naturally aligned). */
  atomic(sub: AtomicOp, offset = 0): void {
    if (!(Number.isInteger(sub) && sub >= 0 && sub <= ATOMICS_MAX_SUB && ATOMICS_FMT[sub] === PFmt.MemArg)) {
      throw this.fail(`atomic sub-opcode 0x${sub.toString(16)} takes no memarg`);
    }
    this.putX3(MirTag.AtomicsPrefix, sub, ATOMICS_ALIGN[sub], this.u32(offset, 'offset'));
  }

  atomicFence(): void {
    const s = this.room(1);
    s.extra[s.xn] = 3;
    this.put(MirTag.AtomicsPrefix, s.xn++);
  }

  // ---- finish ----------------------------------------------------------------------------

  /** Closes the body and stores it in the Mir; the builder cannot be used afterwards. */
  finish(): MirFunc {
    if (this.ctrl.length > 0) throw this.fail(`unbalanced block: ${this.ctrl.length} still open at the end`);
    this.put(MirTag.EndFunc, 0);
    this.done = true;
    const unit = this.unit;
    const mir = unit.mir;
    let flags = unit.memory64 ? FuncFlag.Mem64 : 0;
    let wrapType = 0;
    if (this.frameLocal !== NO_LOCAL) {
      flags |= FuncFlag.Frame;
      if (this.saveLocal !== NO_LOCAL) flags |= FuncFlag.SaveSp;
      if (this.branchesToFunctionLabel) {
        // A branch to the function label would skip the epilogue: wrap the body in a block of the
        // function's result type so such branches land just before it.
        flags |= FuncFlag.Wrap;
        const results = mir.sigResultTypes(this.sig);
        wrapType = results.length === 0 ? BLOCK_TYPE_EMPTY
          : results.length === 1 ? results[0]
          : (BLOCK_TYPE_SIG | mir.signature([], results)) >>> 0;
      }
    }
    const s = this.s;
    const f = mir.addFunction({
      unit: unit.id,
      sym: this.sym,
      sig: this.sig,
      tags: s.tags.subarray(0, s.n),
      data: s.data.subarray(0, s.n),
      extra: s.extra.subarray(0, s.xn),
      localRuns: Uint32Array.from(this.runs),
      flags,
      frameSize: this.frameSize,
      frameAlign: this.frameAlign,
      frameLocal: this.frameLocal,
      saveLocal: this.saveLocal,
      spSym: flags & FuncFlag.Frame ? unit.stackPointer() : NO_SYM,
      wrapType,
    }, this.replace);
    mir.giveScratch(s);
    unit.attachFunction(this.sym, f);
    return f;
  }

  // ---- internals -------------------------------------------------------------------------

  private fail(detail: string): Error {
    return this.unit.error(detail, this.name);
  }

  private put(tag: number, data: number): void {
    if (this.done) throw this.fail('instruction after finish');
    const s = this.s;
    if (s.n === s.tags.length) s.room(0);
    s.tags[s.n] = tag;
    s.data[s.n++] = data;
  }

  /** Reserves `x` extra words (and one instruction) and returns the scratch. */
  private room(x: number): FunctionScratch {
    if (this.done) throw this.fail('instruction after finish');
    this.s.room(x);
    return this.s;
  }

  private putX2(tag: number, a: number, b: number): void {
    const s = this.room(2);
    const x = s.xn;
    s.extra[x] = a;
    s.extra[x + 1] = b;
    s.xn = x + 2;
    this.put(tag, x);
  }

  private putX3(tag: number, a: number, b: number, c: number): void {
    const s = this.room(3);
    const x = s.xn;
    s.extra[x] = a;
    s.extra[x + 1] = b;
    s.extra[x + 2] = c;
    s.xn = x + 3;
    this.put(tag, x);
  }

  private bytes16(sub: number, bytes: ArrayLike<number>, limit: number, what: string): void {
    if (bytes.length !== 16) throw this.fail(`${what}s: expected 16, got ${bytes.length}`);
    for (let i = 0; i < 16; i++) {
      const b = bytes[i];
      if (!(Number.isInteger(b) && b >= 0 && b < limit)) throw this.fail(`${what} ${b} out of range`);
    }
    const s = this.room(5);
    const x = s.xn;
    s.extra[x] = sub;
    for (let w = 0; w < 4; w++) {
      const i = w * 4;
      s.extra[x + 1 + w] = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;
    }
    s.xn = x + 5;
    this.put(MirTag.SimdPrefix, x);
  }

  private memArg(op: Opcode, offset: number, p2align: number | undefined): void {
    this.putX2(op, this.align(p2align, MEM_NATURAL_ALIGN[op]), this.u32(offset, 'offset'));
  }

  private align(p2align: number | undefined, natural: number): number {
    if (p2align === undefined) return natural;
    if (!(Number.isInteger(p2align) && p2align >= 0 && p2align <= natural)) {
      throw this.fail(`alignment 2**${p2align} exceeds the natural alignment 2**${natural}`);
    }
    return p2align;
  }

  private lane(lane: number, lanes: number): number {
    if (!(Number.isInteger(lane) && lane >= 0 && lane < lanes)) throw this.fail(`lane ${lane} out of range (0..${lanes - 1})`);
    return lane;
  }

  private simdFmt(sub: number): PFmt {
    return Number.isInteger(sub) && sub >= 0 && sub <= SIMD_MAX_SUB ? SIMD_FMT[sub] : PFmt.Invalid;
  }

  private u32(v: number, what: string): number {
    if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) throw this.fail(`${what} ${v} out of range`);
    return v;
  }

  private addend(v: number): number {
    if (!(Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff)) throw this.fail(`addend ${v} out of range`);
    return v >>> 0;
  }

  private label(depth: number): number {
    if (!(Number.isInteger(depth) && depth >= 0 && depth <= this.ctrl.length)) {
      throw this.fail(`branch depth ${depth} out of range (${this.ctrl.length} blocks open)`);
    }
    if (depth === this.ctrl.length) this.branchesToFunctionLabel = true;
    return depth;
  }

  private localIndex(l: Local, write: boolean): number {
    if (!(Number.isInteger(l) && l >= 0 && l < this.numLocals)) throw this.fail(`unknown local ${l}`);
    if (write && (l === this.frameLocal || l === this.saveLocal)) throw this.fail(`local ${l} holds the stack frame and is read-only`);
    return l;
  }

  private blockType(t: BlockType | ValType): number {
    if ((t & BLOCK_TYPE_SIG) !== 0) {
      const sig = (t & ~BLOCK_TYPE_SIG) as SigId;
      this.checkSig(sig);
      // Use the compact forms when the signature allows: they need no type index.
      const mir = this.unit.mir;
      if (mir.sigParams[sig] === 0 && mir.sigResults[sig] === 0) return BLOCK_TYPE_EMPTY;
      if (mir.sigParams[sig] === 0 && mir.sigResults[sig] === 1) return mir.sigResultTypes(sig)[0];
      return (BLOCK_TYPE_SIG | sig) >>> 0;
    }
    if (t !== BLOCK_TYPE_EMPTY && VALTYPE_NAMES[t] === undefined) throw this.fail(`invalid block type 0x${t.toString(16)}`);
    return t;
  }

  private checkSig(sig: SigId): void {
    if (!(Number.isInteger(sig) && sig >= 0 && sig < this.unit.mir.sigCount)) throw this.fail(`unknown signature ${sig}`);
  }

  private sym_(sym: number, kind: SymKind, what: string): number {
    if (!this.unit.isKind(sym, kind)) throw this.fail(`unknown ${what} symbol ${sym}`);
    return sym;
  }

  private funcSym(f: FuncSym): number {
    return this.sym_(f, SymKind.Function, 'function');
  }

  private tableSym(t: TableSym | undefined): number {
    return t === undefined ? this.unit.table() : this.sym_(t, SymKind.Table, 'table');
  }
}
