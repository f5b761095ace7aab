// The link-wide MIR store (docs/architecture.md, "Data model"): every function that a compiler built in memory, as one
// struct of arrays that lives as long as the link session. An instruction is (tag: u8, data: u32);
// wider immediates sit in `extra`. Each function owns a contiguous slice of each array, described
// by its function record. `data` values that point into `extra` are relative to the function's
// extra start, so a finished function is copied in with two `set` calls and never fixed up.
//
// The store also interns what is shared across units: signatures (the linker gives each a type
// index) and anonymous constants (deduplicated by content; the linker places them in .rodata).
// GC reads a function's outgoing references with forEachReference, without lowering it.
import { BLOCK_TYPE_SIG, ConstId, MirFunc, SigId, SymIndex } from './ids';
import { IMM, Imm, MirTag, MISC_FMT, PFmt } from './opcodes';

/** What an outgoing reference of a function (or of a data item's relocation) points at. */
export const enum RefKind {
  /** Direct call (id: FuncSym). */
  Call = 0,
  /** Address taken: the function needs a table slot (id: FuncSym). */
  FuncAddr = 1,
  /** ref.func: the function must be declared in an elem segment (id: FuncSym). */
  RefFunc = 2,
  /** Address of a data symbol (id: DataSym). */
  Data = 3,
  /** Address of an anonymous constant (id: ConstId). */
  Const = 4,
  /** The stack pointer (id: the unit's `__stack_pointer` GlobalSym). */
  StackPointer = 5,
  /** A global symbol (id: GlobalSym). */
  Global = 6,
  /** A signature needing a type index: call_indirect or a block type (id: SigId). */
  Signature = 7,
  /** A table symbol (id: TableSym). */
  Table = 8,
}

export type RefCallback = (kind: RefKind, id: number) => void;

/** Function record flags. */
export const enum FuncFlag {
  /** Has a stack frame: Emit writes the prologue and an epilogue before every exit. */
  Frame = 1,
  /** Body is wrapped in a block so that branches to the function label run the epilogue. */
  Wrap = 2,
  /** wasm64: addresses, the stack pointer and table slots are i64. */
  Mem64 = 4,
  /** Over-aligned frame: the incoming stack pointer is saved in its own local. */
  SaveSp = 8,
}

/** A finished function as the builder hands it over (slices of the builder's scratch arrays). */
export interface FunctionParts {
  unit: number;
  sym: SymIndex;
  sig: SigId;
  tags: Uint8Array;
  data: Uint32Array;
  extra: Uint32Array;
  /** Run-length locals (count, value type) pairs, parameters excluded. */
  localRuns: Uint32Array;
  flags: number;
  frameSize: number;
  frameAlign: number;
  frameLocal: number;
  saveLocal: number;
  spSym: SymIndex;
  /** Block type of the wrapper block (FuncFlag.Wrap). */
  wrapType: number;
}

function grown<T extends Uint8Array | Uint32Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = a.length * 2;
  while (cap < need) cap *= 2;
  const next = new (a.constructor as { new (n: number): T })(cap);
  next.set(a);
  return next;
}

export class Mir {
  // Instructions.
  tags = new Uint8Array(4096);
  data = new Uint32Array(4096);
  instCount = 0;
  extra = new Uint32Array(1024);
  extraCount = 0;
  localRuns = new Uint32Array(256);
  localRunWords = 0;
  /** Instruction words left behind by redefined functions (a compaction would reclaim them). */
  garbage = 0;

  // Function records.
  funcCount = 0;
  fInstStart = new Uint32Array(64);
  fInstEnd = new Uint32Array(64);
  fExtraStart = new Uint32Array(64);
  fExtraEnd = new Uint32Array(64);
  fLocalStart = new Uint32Array(64);
  fLocalEnd = new Uint32Array(64);
  fSig = new Uint32Array(64);
  fUnit = new Uint32Array(64);
  fSym = new Int32Array(64);
  fFlags = new Uint8Array(64);
  fFrameSize = new Uint32Array(64);
  fFrameAlign = new Uint32Array(64);
  fFrameLocal = new Uint32Array(64);
  fSaveLocal = new Uint32Array(64);
  fSpSym = new Int32Array(64);
  fWrapType = new Uint32Array(64);

  // Signatures: types[sigStart .. +params+results], params first.
  sigCount = 0;
  sigTypes = new Uint8Array(256);
  sigTypesLen = 0;
  sigStart = new Uint32Array(64);
  sigParams = new Uint32Array(64);
  sigResults = new Uint32Array(64);
  private sigByKey = new Map<string, SigId>();

  // Constants: bytes[constStart .. +constLen], alignment in bytes.
  constCount = 0;
  constBytes = new Uint8Array(1024);
  constBytesLen = 0;
  constStart = new Uint32Array(64);
  constLen = new Uint32Array(64);
  constAlign = new Uint32Array(64);
  private constByKey = new Map<string, ConstId>();

  /** Unit names by unit id, for messages. */
  unitNames: string[] = [];

  private scratch: FunctionScratch[] = [];

  registerUnit(name: string): number {
    this.unitNames.push(name);
    return this.unitNames.length - 1;
  }

  /** Interns a signature; equal signatures get the same id. */
  signature(params: ArrayLike<number>, results: ArrayLike<number>): SigId {
    let key = '';
    for (let i = 0; i < params.length; i++) key += String.fromCharCode(params[i]);
    key += ':';
    for (let i = 0; i < results.length; i++) key += String.fromCharCode(results[i]);
    const known = this.sigByKey.get(key);
    if (known !== undefined) return known;
    const id = this.sigCount++ as SigId;
    if (id === this.sigStart.length) {
      this.sigStart = grown(this.sigStart, id + 1);
      this.sigParams = grown(this.sigParams, id + 1);
      this.sigResults = grown(this.sigResults, id + 1);
    }
    const n = params.length + results.length;
    this.sigTypes = grown(this.sigTypes, this.sigTypesLen + n);
    this.sigStart[id] = this.sigTypesLen;
    this.sigParams[id] = params.length;
    this.sigResults[id] = results.length;
    for (let i = 0; i < params.length; i++) this.sigTypes[this.sigTypesLen++] = params[i];
    for (let i = 0; i < results.length; i++) this.sigTypes[this.sigTypesLen++] = results[i];
    this.sigByKey.set(key, id);
    return id;
  }

  sigParamTypes(sig: SigId): Uint8Array {
    const s = this.sigStart[sig];
    return this.sigTypes.subarray(s, s + this.sigParams[sig]);
  }

  sigResultTypes(sig: SigId): Uint8Array {
    const s = this.sigStart[sig] + this.sigParams[sig];
    return this.sigTypes.subarray(s, s + this.sigResults[sig]);
  }

  /**
   * Interns an anonymous constant. Equal contents share one id; the alignment kept is the largest
   * asked for, so every user's requirement holds.
   */
  constant(bytes: Uint8Array, align = 1): ConstId {
    const key = latin1Key(bytes);
    const known = this.constByKey.get(key);
    if (known !== undefined) {
      if (align > this.constAlign[known]) this.constAlign[known] = align;
      return known;
    }
    const id = this.constCount++ as ConstId;
    if (id === this.constStart.length) {
      this.constStart = grown(this.constStart, id + 1);
      this.constLen = grown(this.constLen, id + 1);
      this.constAlign = grown(this.constAlign, id + 1);
    }
    this.constBytes = grown(this.constBytes, this.constBytesLen + bytes.length);
    this.constBytes.set(bytes, this.constBytesLen);
    this.constStart[id] = this.constBytesLen;
    this.constLen[id] = bytes.length;
    this.constAlign[id] = align;
    this.constBytesLen += bytes.length;
    this.constByKey.set(key, id);
    return id;
  }

  constContents(c: ConstId): Uint8Array {
    return this.constBytes.subarray(this.constStart[c], this.constStart[c] + this.constLen[c]);
  }

  /** Appends a finished function (or replaces `replace`'s body, for an incremental recompile). */
  addFunction(p: FunctionParts, replace?: MirFunc): MirFunc {
    let f: MirFunc;
    if (replace !== undefined) {
      f = replace;
      this.garbage += this.fInstEnd[f] - this.fInstStart[f];
    } else {
      f = this.funcCount++ as MirFunc;
      if (f === this.fInstStart.length) this.growFuncs(f + 1);
    }
    const n = p.tags.length;
    this.tags = grown(this.tags, this.instCount + n);
    this.data = grown(this.data, this.instCount + n);
    this.tags.set(p.tags, this.instCount);
    this.data.set(p.data, this.instCount);
    this.fInstStart[f] = this.instCount;
    this.instCount += n;
    this.fInstEnd[f] = this.instCount;

    this.extra = grown(this.extra, this.extraCount + p.extra.length);
    this.extra.set(p.extra, this.extraCount);
    this.fExtraStart[f] = this.extraCount;
    this.extraCount += p.extra.length;
    this.fExtraEnd[f] = this.extraCount;

    this.localRuns = grown(this.localRuns, this.localRunWords + p.localRuns.length);
    this.localRuns.set(p.localRuns, this.localRunWords);
    this.fLocalStart[f] = this.localRunWords;
    this.localRunWords += p.localRuns.length;
    this.fLocalEnd[f] = this.localRunWords;

    this.fUnit[f] = p.unit;
    this.fSym[f] = p.sym;
    this.fSig[f] = p.sig;
    this.fFlags[f] = p.flags;
    this.fFrameSize[f] = p.frameSize;
    this.fFrameAlign[f] = p.frameAlign;
    this.fFrameLocal[f] = p.frameLocal;
    this.fSaveLocal[f] = p.saveLocal;
    this.fSpSym[f] = p.spSym;
    this.fWrapType[f] = p.wrapType;
    return f;
  }

  private growFuncs(need: number): void {
    this.fInstStart = grown(this.fInstStart, need);
    this.fInstEnd = grown(this.fInstEnd, need);
    this.fExtraStart = grown(this.fExtraStart, need);
    this.fExtraEnd = grown(this.fExtraEnd, need);
    this.fLocalStart = grown(this.fLocalStart, need);
    this.fLocalEnd = grown(this.fLocalEnd, need);
    this.fSig = grown(this.fSig, need);
    this.fUnit = grown(this.fUnit, need);
    this.fSym = grown(this.fSym, need);
    this.fFlags = grown(this.fFlags, need);
    this.fFrameSize = grown(this.fFrameSize, need);
    this.fFrameAlign = grown(this.fFrameAlign, need);
    this.fFrameLocal = grown(this.fFrameLocal, need);
    this.fSaveLocal = grown(this.fSaveLocal, need);
    this.fSpSym = grown(this.fSpSym, need);
    this.fWrapType = grown(this.fWrapType, need);
  }

  /**
   * Calls `cb` for every outgoing reference of `f` (once per occurrence): what GC marks and what
   * layout must give an index. Reads only the tag and data arrays (and `extra` for the few tags
   * that keep their symbol there); allocates nothing.
   */
  forEachReference(f: MirFunc, cb: RefCallback): void {
    const tags = this.tags;
    const data = this.data;
    const extra = this.extra;
    const xb = this.fExtraStart[f];
    const flags = this.fFlags[f];
    if (flags & FuncFlag.Frame) cb(RefKind.StackPointer, this.fSpSym[f]);
    if (flags & FuncFlag.Wrap && this.fWrapType[f] & BLOCK_TYPE_SIG) {
      cb(RefKind.Signature, (this.fWrapType[f] & ~BLOCK_TYPE_SIG) >>> 0);
    }
    for (let i = this.fInstStart[f], end = this.fInstEnd[f]; i < end; i++) {
      const t = tags[i];
      if (t < MirTag.CallSym) {
        if (IMM[t] === Imm.BlockType && data[i] & BLOCK_TYPE_SIG) cb(RefKind.Signature, (data[i] & ~BLOCK_TYPE_SIG) >>> 0);
        continue;
      }
      const d = data[i];
      switch (t) {
        case MirTag.CallSym: cb(RefKind.Call, d); break;
        case MirTag.FuncAddr: cb(RefKind.FuncAddr, d); break;
        case MirTag.RefFuncSym: cb(RefKind.RefFunc, d); break;
        case MirTag.DataAddr: cb(RefKind.Data, extra[xb + d]); break;
        case MirTag.ConstAddr: cb(RefKind.Const, extra[xb + d]); break;
        case MirTag.GlobalGetSp: case MirTag.GlobalSetSp: cb(RefKind.StackPointer, d); break;
        case MirTag.GlobalGetSym: case MirTag.GlobalSetSym: cb(RefKind.Global, d); break;
        case MirTag.TableGetSym: case MirTag.TableSetSym: cb(RefKind.Table, d); break;
        case MirTag.CallIndirectSig:
          cb(RefKind.Signature, extra[xb + d]);
          cb(RefKind.Table, extra[xb + d + 1]);
          break;
        case MirTag.MiscPrefix: {
          const fmt = MISC_FMT[extra[xb + d]];
          if (fmt === PFmt.Table || fmt === PFmt.Table2) cb(RefKind.Table, extra[xb + d + 1]);
          if (fmt === PFmt.Table2) cb(RefKind.Table, extra[xb + d + 2]);
          break;
        }
        default: break;
      }
    }
  }

  /** Number of instructions of `f`, including the end marker. */
  instructionCount(f: MirFunc): number {
    return this.fInstEnd[f] - this.fInstStart[f];
  }

  /** Scratch arrays for a builder; recycled so that building many functions allocates little. */
  takeScratch(): FunctionScratch {
    return this.scratch.pop() ?? new FunctionScratch();
  }

  giveScratch(s: FunctionScratch): void {
    s.n = 0;
    s.xn = 0;
    this.scratch.push(s);
  }
}

/** A builder's private instruction arrays (builders may be open concurrently). */
export class FunctionScratch {
  tags = new Uint8Array(256);
  data = new Uint32Array(256);
  extra = new Uint32Array(64);
  n = 0;
  xn = 0;

  /** Makes room for one more instruction and `x` extra words. */
  room(x: number): void {
    if (this.n === this.tags.length) {
      this.tags = grown(this.tags, this.n + 1);
      this.data = grown(this.data, this.n + 1);
    }
    if (this.xn + x > this.extra.length) this.extra = grown(this.extra, this.xn + x);
  }
}

/** The bytes as a string of one char per byte: a Map key equal exactly when the bytes are. */
function latin1Key(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < bytes.length; i += 8192) key += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return key;
}
