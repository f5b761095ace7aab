// Opcode numbering of MIR. A plain instruction's tag is its wasm opcode byte, so Emit writes it
// unchanged; tags 0xe0..0xf1 (unused by core wasm, which jumps from 0xd6 to the 0xfb..0xfe
// prefixes) are MIR's own and carry something symbolic that only the linker can resolve.
// The tables below say, per tag / per prefixed sub-opcode, which immediates follow; the builder
// uses them to validate and Emit to lower, so both agree by construction.

/** Core single-byte opcodes. */
export const enum Opcode {
  Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b, Br = 0x0c,
  BrIf = 0x0d, BrTable = 0x0e, Return = 0x0f, Call = 0x10, CallIndirect = 0x11, Drop = 0x1a, Select = 0x1b,
  SelectT = 0x1c, LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24,
  TableGet = 0x25, TableSet = 0x26,
  I32Load = 0x28, I64Load = 0x29, F32Load = 0x2a, F64Load = 0x2b, I32Load8S = 0x2c, I32Load8U = 0x2d,
  I32Load16S = 0x2e, I32Load16U = 0x2f, I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33,
  I64Load32S = 0x34, I64Load32U = 0x35, I32Store = 0x36, I64Store = 0x37, F32Store = 0x38, F64Store = 0x39,
  I32Store8 = 0x3a, I32Store16 = 0x3b, I64Store8 = 0x3c, I64Store16 = 0x3d, I64Store32 = 0x3e,
  MemorySize = 0x3f, MemoryGrow = 0x40, I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,
  I32Eqz = 0x45, I32Eq = 0x46, I32Ne = 0x47, I32LtS = 0x48, I32LtU = 0x49, I32GtS = 0x4a, I32GtU = 0x4b,
  I32LeS = 0x4c, I32LeU = 0x4d, I32GeS = 0x4e, I32GeU = 0x4f,
  I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtS = 0x53, I64LtU = 0x54, I64GtS = 0x55, I64GtU = 0x56,
  I64LeS = 0x57, I64LeU = 0x58, I64GeS = 0x59, I64GeU = 0x5a,
  F32Eq = 0x5b, F32Ne = 0x5c, F32Lt = 0x5d, F32Gt = 0x5e, F32Le = 0x5f, F32Ge = 0x60,
  F64Eq = 0x61, F64Ne = 0x62, F64Lt = 0x63, F64Gt = 0x64, F64Le = 0x65, F64Ge = 0x66,
  I32Clz = 0x67, I32Ctz = 0x68, I32Popcnt = 0x69, I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32DivS = 0x6d,
  I32DivU = 0x6e, I32RemS = 0x6f, I32RemU = 0x70, I32And = 0x71, I32Or = 0x72, I32Xor = 0x73, I32Shl = 0x74,
  I32ShrS = 0x75, I32ShrU = 0x76, I32Rotl = 0x77, I32Rotr = 0x78,
  I64Clz = 0x79, I64Ctz = 0x7a, I64Popcnt = 0x7b, I64Add = 0x7c, I64Sub = 0x7d, I64Mul = 0x7e, I64DivS = 0x7f,
  I64DivU = 0x80, I64RemS = 0x81, I64RemU = 0x82, I64And = 0x83, I64Or = 0x84, I64Xor = 0x85, I64Shl = 0x86,
  I64ShrS = 0x87, I64ShrU = 0x88, I64Rotl = 0x89, I64Rotr = 0x8a,
  F32Abs = 0x8b, F32Neg = 0x8c, F32Ceil = 0x8d, F32Floor = 0x8e, F32Trunc = 0x8f, F32Nearest = 0x90,
  F32Sqrt = 0x91, F32Add = 0x92, F32Sub = 0x93, F32Mul = 0x94, F32Div = 0x95, F32Min = 0x96, F32Max = 0x97,
  F32Copysign = 0x98,
  F64Abs = 0x99, F64Neg = 0x9a, F64Ceil = 0x9b, F64Floor = 0x9c, F64Trunc = 0x9d, F64Nearest = 0x9e,
  F64Sqrt = 0x9f, F64Add = 0xa0, F64Sub = 0xa1, F64Mul = 0xa2, F64Div = 0xa3, F64Min = 0xa4, F64Max = 0xa5,
  F64Copysign = 0xa6,
  I32WrapI64 = 0xa7, I32TruncF32S = 0xa8, I32TruncF32U = 0xa9, I32TruncF64S = 0xaa, I32TruncF64U = 0xab,
  I64ExtendI32S = 0xac, I64ExtendI32U = 0xad, I64TruncF32S = 0xae, I64TruncF32U = 0xaf, I64TruncF64S = 0xb0,
  I64TruncF64U = 0xb1, F32ConvertI32S = 0xb2, F32ConvertI32U = 0xb3, F32ConvertI64S = 0xb4,
  F32ConvertI64U = 0xb5, F32DemoteF64 = 0xb6, F64ConvertI32S = 0xb7, F64ConvertI32U = 0xb8,
  F64ConvertI64S = 0xb9, F64ConvertI64U = 0xba, F64PromoteF32 = 0xbb, I32ReinterpretF32 = 0xbc,
  I64ReinterpretF64 = 0xbd, F32ReinterpretI32 = 0xbe, F64ReinterpretI64 = 0xbf,
  I32Extend8S = 0xc0, I32Extend16S = 0xc1, I64Extend8S = 0xc2, I64Extend16S = 0xc3, I64Extend32S = 0xc4,
  RefNull = 0xd0, RefIsNull = 0xd1, RefFunc = 0xd2,
  MiscPrefix = 0xfc, SimdPrefix = 0xfd, AtomicsPrefix = 0xfe,
}

/**
 * MIR's own tags. `data` holds what the comment says; "x" means `data` is an index into the
 * function's `extra` slice (relative to the function's extra start) where the listed words sit.
 */
export const enum MirTag {
  /** call of a function symbol. data: FuncSym. */
  CallSym = 0xe0,
  /** i32.const (i64.const on wasm64) of the function's table slot. data: FuncSym. */
  FuncAddr = 0xe1,
  /** i32.const (i64.const) of a data symbol's address + addend. x: [DataSym, addend]. */
  DataAddr = 0xe2,
  /** i32.const (i64.const) of an anonymous constant's address + addend. x: [ConstId, addend]. */
  ConstAddr = 0xe3,
  /** global.get of the stack pointer. data: the unit's `__stack_pointer` GlobalSym (for -r). */
  GlobalGetSp = 0xe4,
  /** global.set of the stack pointer. data: as GlobalGetSp. */
  GlobalSetSp = 0xe5,
  /** call_indirect. x: [SigId, TableSym]. */
  CallIndirectSig = 0xe6,
  /** global.get of a global symbol. data: GlobalSym. */
  GlobalGetSym = 0xe7,
  /** global.set of a global symbol. data: GlobalSym. */
  GlobalSetSym = 0xe8,
  /** ref.func of a function symbol. data: FuncSym. */
  RefFuncSym = 0xe9,
  /** 0xfc sub-opcode with immediates. x: [sub, immediates...] (see MISC_FMT). */
  MiscPrefix = 0xea,
  /** 0xfd sub-opcode with immediates. x: [sub, immediates...] (see SIMD_FMT). */
  SimdPrefix = 0xeb,
  /** 0xfe sub-opcode. x: [sub, align, offset] or [sub] for atomic.fence. */
  AtomicsPrefix = 0xec,
  /** Any prefixed op without immediates (saturating truncs, most SIMD). data: prefix << 24 | sub. */
  PrefixOp = 0xed,
  /** table.get of a table symbol. data: TableSym. */
  TableGetSym = 0xee,
  /** table.set of a table symbol. data: TableSym. */
  TableSetSym = 0xef,
  /** End of function: Emit writes the epilogue (if any) and `end`. data: 0. */
  EndFunc = 0xf0,
}

const MIR_TAG_FIRST = 0xe0;

/** How Emit lowers a tag (plain opcodes and MIR tags share one dense table). */
export const enum Imm {
  Invalid = 0,
  /** Opcode byte only; accepted by FunctionBuilder.op(). */
  None,
  /** Opcode byte only, but produced by a dedicated builder method (else, end). */
  Control,
  Return,
  BlockType,
  Label,
  BrTable,
  Local,
  I32,
  I64,
  F32,
  F64,
  MemArg,
  MemIdx,
  SelectT,
  HeapType,
  // MIR tags, one kind each.
  CallSym,
  FuncAddr,
  DataAddr,
  ConstAddr,
  GlobalGetSp,
  GlobalSetSp,
  CallIndirectSig,
  GlobalGetSym,
  GlobalSetSym,
  RefFuncSym,
  MiscPrefix,
  SimdPrefix,
  AtomicsPrefix,
  PrefixOp,
  TableGetSym,
  TableSetSym,
  EndFunc,
}

/** Immediate kind per tag byte. */
export const IMM = new Uint8Array(256);
/** Natural alignment (log2) of the plain loads and stores 0x28..0x3e. */
export const MEM_NATURAL_ALIGN = new Uint8Array(256);

(() => {
  const set = (lo: number, hi: number, k: Imm) => IMM.fill(k, lo, hi + 1);
  set(0x00, 0x01, Imm.None); // unreachable, nop
  set(0x02, 0x04, Imm.BlockType);
  IMM[0x05] = Imm.Control;
  IMM[0x0b] = Imm.Control;
  set(0x0c, 0x0d, Imm.Label);
  IMM[0x0e] = Imm.BrTable;
  IMM[0x0f] = Imm.Return;
  set(0x1a, 0x1b, Imm.None); // drop, select
  IMM[0x1c] = Imm.SelectT;
  set(0x20, 0x22, Imm.Local);
  set(0x28, 0x3e, Imm.MemArg);
  set(0x3f, 0x40, Imm.MemIdx);
  IMM[0x41] = Imm.I32;
  IMM[0x42] = Imm.I64;
  IMM[0x43] = Imm.F32;
  IMM[0x44] = Imm.F64;
  set(0x45, 0xc4, Imm.None); // numeric, conversions, sign extension
  IMM[0xd0] = Imm.HeapType;
  IMM[0xd1] = Imm.None; // ref.is_null
  // MIR tags in declaration order, 0xe0..0xf0.
  const tags = [
    Imm.CallSym, Imm.FuncAddr, Imm.DataAddr, Imm.ConstAddr, Imm.GlobalGetSp, Imm.GlobalSetSp, Imm.CallIndirectSig,
    Imm.GlobalGetSym, Imm.GlobalSetSym, Imm.RefFuncSym, Imm.MiscPrefix, Imm.SimdPrefix, Imm.AtomicsPrefix,
    Imm.PrefixOp, Imm.TableGetSym, Imm.TableSetSym, Imm.EndFunc,
  ];
  for (let i = 0; i < tags.length; i++) IMM[MIR_TAG_FIRST + i] = tags[i];
  const natural = [2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 3, 2, 3, 0, 1, 0, 1, 2];
  for (let i = 0; i < natural.length; i++) MEM_NATURAL_ALIGN[0x28 + i] = natural[i];
})();

/** Immediate format of a prefixed sub-opcode (what follows `prefix sub` in the binary). */
export const enum PFmt {
  Invalid = 0,
  /** No immediate: stored as MirTag.PrefixOp. */
  None,
  MemArg,
  /** memarg then lane byte (v128.loadN_lane / storeN_lane). */
  MemArgLane,
  /** 16 literal bytes (v128.const). */
  Bytes16,
  /** 16 lane indexes < 32 (i8x16.shuffle). */
  Shuffle,
  /** one lane index byte (extract_lane / replace_lane). */
  Lane,
  /** memory.fill: one memory index. */
  MemIdx,
  /** memory.copy: destination and source memory index. */
  MemIdx2,
  /** table.grow/size/fill: one table symbol. */
  Table,
  /** table.copy: destination and source table symbols. */
  Table2,
  /** atomic.fence: one zero byte. */
  Fence,
}

export const SIMD_MAX_SUB = 0x113;
/** Format per SIMD (0xfd) sub-opcode, including relaxed SIMD 0x100..0x113. */
export const SIMD_FMT = new Uint8Array(SIMD_MAX_SUB + 1);
/** Natural alignment (log2) of SIMD memory ops. */
export const SIMD_ALIGN = new Uint8Array(SIMD_MAX_SUB + 1);
/** Lane count of SIMD lane ops (extract/replace and load/store lane). */
export const SIMD_LANES = new Uint8Array(SIMD_MAX_SUB + 1);

const MISC_MAX_SUB = 17;
export const MISC_FMT = new Uint8Array(MISC_MAX_SUB + 1);

export const ATOMICS_MAX_SUB = 0x4e;
export const ATOMICS_FMT = new Uint8Array(ATOMICS_MAX_SUB + 1);
/** Atomics require exactly natural alignment; this is it (log2). */
export const ATOMICS_ALIGN = new Uint8Array(ATOMICS_MAX_SUB + 1);

(() => {
  SIMD_FMT.fill(PFmt.None);
  // Holes in the SIMD opcode space (never assigned or withdrawn).
  for (const h of [0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xb3, 0xb4, 0xbb, 0xc2, 0xc5, 0xc6, 0xcf, 0xd0, 0xd2,
    0xd3, 0xd4, 0xe2, 0xee]) SIMD_FMT[h] = PFmt.Invalid;
  // v128.load, loadNxM_s/u, loadN_splat, v128.store.
  const memAlign = [4, 3, 3, 3, 3, 3, 3, 0, 1, 2, 3, 4];
  for (let i = 0; i < memAlign.length; i++) {
    SIMD_FMT[i] = PFmt.MemArg;
    SIMD_ALIGN[i] = memAlign[i];
  }
  SIMD_FMT[0x0c] = PFmt.Bytes16;
  SIMD_FMT[0x0d] = PFmt.Shuffle;
  // extract/replace lane: i8x16 s,u,replace; i16x8 s,u,replace; i32x4, i64x2, f32x4, f64x2 extract,replace.
  const lanes = [16, 16, 16, 8, 8, 8, 4, 4, 2, 2, 4, 4, 2, 2];
  for (let i = 0; i < lanes.length; i++) {
    SIMD_FMT[0x15 + i] = PFmt.Lane;
    SIMD_LANES[0x15 + i] = lanes[i];
  }
  // load8/16/32/64_lane then store8/16/32/64_lane.
  for (let i = 0; i < 8; i++) {
    SIMD_FMT[0x54 + i] = PFmt.MemArgLane;
    SIMD_ALIGN[0x54 + i] = i & 3;
    SIMD_LANES[0x54 + i] = 16 >> (i & 3);
  }
  SIMD_FMT[0x5c] = PFmt.MemArg; // v128.load32_zero
  SIMD_ALIGN[0x5c] = 2;
  SIMD_FMT[0x5d] = PFmt.MemArg; // v128.load64_zero
  SIMD_ALIGN[0x5d] = 3;

  MISC_FMT.fill(PFmt.None, 0, 8); // saturating truncations
  // memory.init, data.drop, table.init and elem.drop name segments, which MIR has no symbol for.
  MISC_FMT[10] = PFmt.MemIdx2;
  MISC_FMT[11] = PFmt.MemIdx;
  MISC_FMT[14] = PFmt.Table2;
  MISC_FMT.fill(PFmt.Table, 15, 18);

  ATOMICS_FMT[0x00] = PFmt.MemArg; // memory.atomic.notify
  ATOMICS_ALIGN[0x00] = 2;
  ATOMICS_FMT[0x01] = PFmt.MemArg; // memory.atomic.wait32
  ATOMICS_ALIGN[0x01] = 2;
  ATOMICS_FMT[0x02] = PFmt.MemArg; // memory.atomic.wait64
  ATOMICS_ALIGN[0x02] = 3;
  ATOMICS_FMT[0x03] = PFmt.Fence;
  // loads 0x10..0x16, stores 0x17..0x1d: i32, i64, i32 8u, i32 16u, i64 8u, i64 16u, i64 32u.
  const ls = [2, 3, 0, 1, 0, 1, 2];
  for (let i = 0; i < 14; i++) {
    ATOMICS_FMT[0x10 + i] = PFmt.MemArg;
    ATOMICS_ALIGN[0x10 + i] = ls[i % 7];
  }
  // read-modify-write groups (add, sub, and, or, xor, xchg, cmpxchg), 7 widths each as above.
  for (let i = 0; i < 49; i++) {
    ATOMICS_FMT[0x1e + i] = PFmt.MemArg;
    ATOMICS_ALIGN[0x1e + i] = ls[i % 7];
  }
})();

/** Saturating truncations (0xfc 0..7). */
export const enum MiscOp {
  I32TruncSatF32S = 0, I32TruncSatF32U = 1, I32TruncSatF64S = 2, I32TruncSatF64U = 3,
  I64TruncSatF32S = 4, I64TruncSatF32U = 5, I64TruncSatF64S = 6, I64TruncSatF64U = 7,
}

/**
 * SIMD sub-opcodes with immediates, plus a few common plain ones. Any other plain SIMD op is
 * passed to FunctionBuilder.simd() by its sub-opcode number from the SIMD spec.
 */
export const enum SimdOp {
  V128Load = 0x00, V128Load8x8S = 0x01, V128Load8x8U = 0x02, V128Load16x4S = 0x03, V128Load16x4U = 0x04,
  V128Load32x2S = 0x05, V128Load32x2U = 0x06, V128Load8Splat = 0x07, V128Load16Splat = 0x08,
  V128Load32Splat = 0x09, V128Load64Splat = 0x0a, V128Store = 0x0b, V128Const = 0x0c, I8x16Shuffle = 0x0d,
  I8x16Swizzle = 0x0e, I8x16Splat = 0x0f, I16x8Splat = 0x10, I32x4Splat = 0x11, I64x2Splat = 0x12,
  F32x4Splat = 0x13, F64x2Splat = 0x14,
  I8x16ExtractLaneS = 0x15, I8x16ExtractLaneU = 0x16, I8x16ReplaceLane = 0x17, I16x8ExtractLaneS = 0x18,
  I16x8ExtractLaneU = 0x19, I16x8ReplaceLane = 0x1a, I32x4ExtractLane = 0x1b, I32x4ReplaceLane = 0x1c,
  I64x2ExtractLane = 0x1d, I64x2ReplaceLane = 0x1e, F32x4ExtractLane = 0x1f, F32x4ReplaceLane = 0x20,
  F64x2ExtractLane = 0x21, F64x2ReplaceLane = 0x22,
  V128Not = 0x4d, V128And = 0x4e, V128Or = 0x50, V128Xor = 0x51, V128AnyTrue = 0x53,
  V128Load8Lane = 0x54, V128Load16Lane = 0x55, V128Load32Lane = 0x56, V128Load64Lane = 0x57,
  V128Store8Lane = 0x58, V128Store16Lane = 0x59, V128Store32Lane = 0x5a, V128Store64Lane = 0x5b,
  V128Load32Zero = 0x5c, V128Load64Zero = 0x5d,
  I8x16Add = 0x6e, I16x8Add = 0x8e, I16x8Mul = 0x95, I32x4Add = 0xae, I32x4Sub = 0xb1, I32x4Mul = 0xb5,
  I64x2Add = 0xce, F32x4Add = 0xe4, F32x4Mul = 0xe6, F64x2Add = 0xf0, F64x2Mul = 0xf2,
}

/** Threads proposal (0xfe). RMW groups repeat with the 7 widths of I32AtomicRmwAdd..I64AtomicRmw32AddU. */
export const enum AtomicOp {
  MemoryAtomicNotify = 0x00, MemoryAtomicWait32 = 0x01, MemoryAtomicWait64 = 0x02, AtomicFence = 0x03,
  I32AtomicLoad = 0x10, I64AtomicLoad = 0x11, I32AtomicLoad8U = 0x12, I32AtomicLoad16U = 0x13,
  I64AtomicLoad8U = 0x14, I64AtomicLoad16U = 0x15, I64AtomicLoad32U = 0x16,
  I32AtomicStore = 0x17, I64AtomicStore = 0x18, I32AtomicStore8 = 0x19, I32AtomicStore16 = 0x1a,
  I64AtomicStore8 = 0x1b, I64AtomicStore16 = 0x1c, I64AtomicStore32 = 0x1d,
  I32AtomicRmwAdd = 0x1e, I64AtomicRmwAdd = 0x1f, I32AtomicRmw8AddU = 0x20, I32AtomicRmw16AddU = 0x21,
  I64AtomicRmw8AddU = 0x22, I64AtomicRmw16AddU = 0x23, I64AtomicRmw32AddU = 0x24,
  I32AtomicRmwSub = 0x25, I64AtomicRmwSub = 0x26, I32AtomicRmwAnd = 0x2c, I64AtomicRmwAnd = 0x2d,
  I32AtomicRmwOr = 0x33, I64AtomicRmwOr = 0x34, I32AtomicRmwXor = 0x3a, I64AtomicRmwXor = 0x3b,
  I32AtomicRmwXchg = 0x41, I64AtomicRmwXchg = 0x42, I32AtomicRmwCmpxchg = 0x48, I64AtomicRmwCmpxchg = 0x49,
}
