// Pass 5 of driver.ts: write the module. Sections in wasm-ld's order: type, import, function, table, memory,
// tag, global, export, start, elem, code, data, custom sections (debug info and others),
// name, producers, target_features. Object code and data are copied and relocated here;
// synthetic function bodies are generated here, once every index is final.
import { ByteWriter } from '../../formats/byte-writer';
import { symbolName, symbolNameBytes } from '../../formats/object';
import { CustomSection, FuncType, NO_NAME, SymbolTable } from '../../formats/object-model';
import { readU32 } from '../../formats/leb128';
import { ExternalKind, Reloc, SectionId, SymKind, ValType } from '../../formats/wasm';
import type * as Emit from '../../codegen/emit';
import { fillBuildId, writeBuildIdSection } from './build-id';
import type { MirFunc } from '../../codegen/ids';
import { LinkContext, ObjFile, SyntheticFunction } from '../core/context';
import { nameBytes } from '../core/file-names';
import { baseName } from '../core/host';
import { displayName } from '../../demangle/demangle';
import { Plan } from '../core/plan';
import { inputFeatures, isTlsGot, liveInitFunctions, segmentWritten } from '../core/rules';
import { StringMerger, StringPieces } from '../core/merge-strings';
import { Relocator } from './relocate';
import { applyDataRelocsBody, applyGlobalRelocsBody, writeDylinkSection } from './pic-bodies';
import { initMemoryBody, initTlsBody } from './memory-bodies';
import { call, globalGet, ptrAdd, ptrConst } from './instructions';

import { isPic } from '../core/options';
import { SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { functionType } from '../core/synthetic';
import type * as UnitEmit from './unit-emit';
import type { UnitEmitTarget } from './unit-emit';
import type * as EmitRelocs from './emit-relocs';
import type { RelocEmitter } from './emit-relocs';

/** Where the code section landed: what an incremental relink (incremental.ts) patches. */
export interface CodeLayout {
  reloc: Relocator;
  /** Offsets in the module of the code section's id byte and of the byte after the section. */
  sectionStart: number;
  sectionEnd: number;
  /** Offset in the module of the section payload (its function count). */
  payloadStart: number;
  /** DWARF kept: code offsets are referenced from debug sections (no patching then). */
  keepDebug: boolean;
}

export function writeModule(ctx: LinkContext, plan: Plan, layoutOut?: { code?: CodeLayout }): Uint8Array {
  const numFuncs = plan.funcFile.length;
  const out = new ByteWriter(outputSizeEstimate(ctx, plan));
  out.bytes(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const reloc = new Relocator(ctx, plan, { funcBodyOffset: new Int32Array(numFuncs), funcBodyEnd: new Int32Array(numFuncs) });
  const customs = planCustomSections(ctx);
  const keepDebug = customs.some((g) => g.name.startsWith('.debug_'));
  // Loaded for --emit-relocs only (a plain link does not need it).
  const emitter = ctx.options.emitRelocs ? new (require('./emit-relocs') as typeof EmitRelocs).RelocEmitter(ctx, plan) : null;

  writeDylinkSection(ctx, plan, out);
  writeTypes(out, plan);
  writeImports(ctx, out, plan);
  section(out, SectionId.Function, numFuncs, (w) => {
    for (let k = 0; k < numFuncs; k++) w.u32(plan.typeIndex.get(outputFuncType(ctx, plan, k).key)!);
  });
  writeTables(ctx, out, plan);
  if (!ctx.options.importMemory) {
    section(out, SectionId.Memory, 1, (w) => writeLimits(w, plan.memoryPages, plan.maxMemoryPages, memoryFlags(ctx)));
  }
  section(out, SectionId.Tag, plan.tagFile.length, (w) => {
    for (let k = 0; k < plan.tagFile.length; k++) {
      const file = ctx.files[plan.tagFile[k]];
      w.u8(0);
      w.u32(plan.typeIndex.get(file.obj.types[file.obj.tagTypes[plan.tagIndex[k]]].key)!);
    }
  });
  writeGlobals(ctx, out, plan);
  section(out, SectionId.Export, plan.exports.length, (w) => {
    for (const e of plan.exports) {
      w.name(e.name);
      w.u8(e.kind);
      w.u32(e.index);
    }
  });
  if (plan.startFunction >= 0) {
    const at = out.beginSection(SectionId.Start);
    out.u32(plan.startFunction);
    out.endSection(at);
  }
  writeElems(ctx, out, plan);
  if (ctx.options.sharedMemory) {
    // DataCount: memory.init and data.drop in __wasm_init_memory name segments by index.
    const written = plan.segments.filter((seg) => segmentWritten(ctx, seg)).length;
    if (written > 0) {
      const at = out.beginSection(SectionId.DataCount);
      out.u32(written);
      out.endSection(at);
    }
  }
  const codeAt = out.pos;
  writeCode(ctx, out, plan, reloc, exactBodies(ctx, plan, customs, emitter !== null), emitter);
  if (layoutOut) {
    layoutOut.code = { reloc, sectionStart: codeAt, sectionEnd: out.pos, payloadStart: out.pos - codePayloadSize(out, codeAt), keepDebug };
  }
  const segPayload = writeData(ctx, plan, out, reloc);
  writeCustomSections(ctx, out, reloc, customs);
  if (emitter) emitter.write(out, reloc, segPayload, customs);
  const keep = (name: string) => !ctx.options.stripAll || ctx.options.keepSections.includes(name);
  if (keep('name')) writeNames(ctx, out, plan);
  if (keep('producers')) writeProducers(ctx, out);
  writeTargetFeatures(ctx, out);
  const buildId = ctx.options.buildId;
  if (!buildId) return out.finish();
  const at = writeBuildIdSection(out, buildId);
  const module = out.finish();
  fillBuildId(module, at, buildId, ctx.host.sha1 && ((b) => ctx.host.sha1!(b)));
  return module;
}

/**
 * Bytes the output will take at most, give or take the small sections: everything is written
 * into one buffer allocated once (growing it would copy the ~20 MB code section again).
 */
function outputSizeEstimate(ctx: LinkContext, plan: Plan): number {
  let size = 1 << 16;
  for (let k = 0; k < plan.funcFile.length; k++) {
    const f = plan.funcFile[k];
    // Body, its size LEB, a name-section entry and a function-section entry.
    size += 64 + (f === SYNTHETIC_FILE ? 64 : codeSizeEstimate(ctx.files[f], plan.funcIndex[k]));
  }
  for (const seg of plan.segments) size += 16 + seg.size;
  for (const file of ctx.files) for (const cs of file.obj.customSections) size += cs.size;
  return size + 64 * (plan.globalFile.length + plan.imports.length + plan.exports.length);
}

/** Writes a vector section (count + items) if it has items. */
function section(out: ByteWriter, id: SectionId, count: number, body: (w: ByteWriter) => void): void {
  if (count === 0) return;
  const at = out.beginSection(id);
  out.u32(count);
  body(out);
  out.endSection(at);
}

/** Limit flags: shared (2), 64-bit addresses (4). */
export const enum LimitFlag { Shared = 2, Is64 = 4 }

/** The output memory's limit flags: shared under --shared-memory, 64-bit under -m wasm64. */
function memoryFlags(ctx: LinkContext): number {
  return (ctx.options.sharedMemory ? LimitFlag.Shared : 0) | (ctx.options.wasm64 ? LimitFlag.Is64 : 0);
}

/**
 * Memory or table limits: flags (1: has a maximum, then `flags`' shared and 64-bit bits), the minimum
 * and the maximum (pages or elements; u64 LEBs when 64-bit, which take the same bytes for these values).
 */
function writeLimits(w: ByteWriter, min: number, max: number | null, flags = 0): void {
  w.u8((max === null ? 0 : 1) | (flags & (LimitFlag.Shared | LimitFlag.Is64)));
  w.u32(min);
  if (max !== null) w.u32(max);
}

/** The linker's own table (the indirect function table): 64-bit in a wasm64 link, as wasm-ld makes it. */
function tableFlags(ctx: LinkContext): number {
  return ctx.options.wasm64 ? LimitFlag.Is64 : 0;
}

function writeTypes(out: ByteWriter, plan: Plan): void {
  section(out, SectionId.Type, plan.types.length, (w) => {
    for (const t of plan.types) writeFuncType(w, t);
  });
}

/** One type-section entry: 0x60, params, results. */
export function writeFuncType(w: ByteWriter, t: FuncType): void {
  w.u8(0x60);
  w.u32(t.params.length);
  for (const p of t.params) w.u8(p);
  w.u32(t.results.length);
  for (const r of t.results) w.u8(r);
}

function writeImports(ctx: LinkContext, out: ByteWriter, plan: Plan): void {
  const mem = ctx.options.importMemory;
  section(out, SectionId.Import, plan.imports.length + (mem ? 1 : 0), (w) => {
    if (mem) {
      w.name(mem.module);
      w.name(mem.name);
      w.u8(ExternalKind.Memory);
      writeLimits(w, plan.memoryPages, plan.maxMemoryPages, memoryFlags(ctx));
    }
    for (const imp of plan.imports) {
      w.name(imp.module);
      w.name(imp.name);
      w.u8(imp.kind);
      switch (imp.kind) {
        case ExternalKind.Function: w.u32(imp.typeIndex); break;
        case ExternalKind.Global: w.u8(imp.valType); w.u8(imp.mutable ? 1 : 0); break;
        case ExternalKind.Table:
          if (imp.limits) {
            w.u8(imp.valType);
            writeLimits(w, imp.limits.min, imp.limits.max, imp.limits.flags);
          } else {
            w.u8(ValType.FuncRef);
            writeLimits(w, plan.tableLimits.min, null, tableFlags(ctx));
          }
          break;
        case ExternalKind.Tag: w.u8(0); w.u32(imp.typeIndex); break;
        default: break;
      }
    }
  });
}

function writeTables(ctx: LinkContext, out: ByteWriter, plan: Plan): void {
  section(out, SectionId.Table, plan.tableFile.length, (w) => {
    for (let k = 0; k < plan.tableFile.length; k++) {
      if (plan.tableFile[k] === SYNTHETIC_FILE) {
        w.u8(ValType.FuncRef);
        writeLimits(w, plan.tableLimits.min, plan.tableLimits.max, tableFlags(ctx));
      } else {
        const t = ctx.files[plan.tableFile[k]].obj.tables[plan.tableIndex[k]];
        w.u8(t.elemType);
        writeLimits(w, t.limits.min, t.limits.max, t.limits.flags);
      }
    }
  });
}

function writeGlobals(ctx: LinkContext, out: ByteWriter, plan: Plan): void {
  // GOT entries and exported data addresses are pointers, as wasm-ld writes them (i64 in wasm64).
  const wasm64 = ctx.options.wasm64;
  const ptrType = wasm64 ? ValType.I64 : ValType.I32;
  section(out, SectionId.Global, plan.globalFile.length + plan.gotSymbols.length + plan.dataAddressGlobals.length, (w) => {
    for (let k = 0; k < plan.globalFile.length; k++) {
      if (plan.globalFile[k] === SYNTHETIC_FILE) {
        const g = ctx.synthGlobals[plan.globalIndex[k]];
        w.u8(g.valType);
        w.u8(g.mutable ? 1 : 0);
        ptrConst(w, g.valType === ValType.I64, g.value);
        w.u8(0x0b);
      } else {
        const obj = ctx.files[plan.globalFile[k]].obj;
        const g = obj.globals[plan.globalIndex[k]];
        w.u8(g.valType);
        w.u8(g.mutable ? 1 : 0);
        w.bytes(obj.bytes.subarray(g.initStart, g.initEnd));
      }
    }
    for (const id of plan.gotSymbols) writeGotGlobal(ctx, plan, w, id);
    for (const id of plan.dataAddressGlobals) {
      w.u8(ptrType);
      w.u8(0);
      ptrConst(w, wasm64, plan.dataAddressOf(id));
      w.u8(0x0b);
    }
  });
}

/**
 * One of this module's own GOT entries, as wasm-ld writes it. It holds a thread-local symbol's address
 * (as wasm-ld 21); with --shared-memory that depends on the thread: the entry starts as the offset and
 * __wasm_apply_global_tls_relocs sets it. Position-independent, other entries are relative to a base:
 * with extended-const the initialiser adds it (`global.get __memory_base` or `__table_base`, plus the
 * value unless 0), else the entry is mutable and __wasm_apply_global_relocs adds it at start-up.
 */
function writeGotGlobal(ctx: LinkContext, plan: Plan, w: ByteWriter, id: SymId): void {
  const syms = ctx.syms;
  const wasm64 = ctx.options.wasm64;
  const tls = isTlsGot(ctx, id);
  const stub = syms.isStub[id] === 1;
  const func = syms.kind[id] === SymKind.Function;
  const pic = isPic(ctx.options);
  w.u8(wasm64 ? ValType.I64 : ValType.I32);
  w.u8(!stub && ((!plan.extendedConst && pic && !tls) || (ctx.options.sharedMemory && tls)) ? 1 : 0);
  const value = func ? Math.max(0, syms.tableIndex[id]) : tls && ctx.options.sharedMemory ? plan.dataAddressOf(id) : plan.dataVA(id);
  const defined = func ? !stub : syms.kind[id] === SymKind.Data && syms.state[id] === SymState.Defined && !tls;
  if (plan.extendedConst && defined) {
    globalGet(w, plan.globalIndexOf(func ? ctx.tableBase : ctx.memoryBase));
    if (value !== 0) {
      ptrConst(w, wasm64, value);
      ptrAdd(w, wasm64);
    }
  } else {
    ptrConst(w, wasm64, value);
  }
  w.u8(0x0b);
}

function writeElems(ctx: LinkContext, out: ByteWriter, plan: Plan): void {
  const entries = plan.tableEntries;
  if (entries.length === 0) return;
  const w = out;
  const at = out.beginSection(SectionId.Elem);
  w.u32(1);
  const table = plan.indirectTableIndex;
  if (table === 0) {
    w.u8(0);
  } else {
    w.u8(2);
    w.u32(table);
  }
  writeBaseExpr(ctx, plan, w, ctx.tableBase, isPic(ctx.options) ? 0 : ctx.options.tableBase); // a 64-bit table's offset is i64 (wasm64)
  if (table !== 0) w.u8(0); // elemkind funcref
  w.u32(entries.length);
  for (const id of entries) w.u32(plan.functionIndexOf(id));
  out.endSection(at);
}

/**
 * The offset expression of an active element or data segment: `i32.const offset`, or in
 * position-independent output the imported base (`global.get`; the one segment of each is at offset
 * 0), plus the offset when extended-const keeps the data segments apart.
 */
function writeBaseExpr(ctx: LinkContext, plan: Plan, w: ByteWriter, base: number, offset: number): void {
  if (isPic(ctx.options)) {
    globalGet(w, plan.globalIndexOf(base));
    if (offset !== 0) {
      ptrConst(w, ctx.options.wasm64, offset);
      ptrAdd(w, ctx.options.wasm64);
    }
  } else {
    ptrConst(w, ctx.options.wasm64, offset);
  }
  w.u8(0x0b);
}

function outputFuncType(ctx: LinkContext, plan: Plan, k: number) {
  const f = plan.funcFile[k];
  if (f === SYNTHETIC_FILE) return ctx.synthFuncs[plan.funcIndex[k]].type;
  const obj = ctx.files[f].obj;
  return obj.types[obj.functionTypes[plan.funcIndex[k]]];
}

/**
 * Which functions keep their input bytes (5-byte LEBs left padded): those whose code offsets other
 * sections point into. DWARF gives code addresses as FUNCTION_OFFSET relocations (function start +
 * offset in the body), so a body DWARF describes must not shrink; every other body gets compact LEBs,
 * and only its start moves, which those relocations follow. (wasm-ld pads all code unless told to
 * --compress-relocations, which it refuses when debug info is kept.) --emit-relocs keeps them all.
 * Returns null when every body is exact, else one flag per defined function.
 */
function exactBodies(ctx: LinkContext, plan: Plan, customs: CustomGroup[], emitRelocs: boolean): Uint8Array | null {
  if (emitRelocs) return null;
  const exact = new Uint8Array(plan.funcFile.length);
  for (const g of customs) {
    if (g.merged) continue; // merged strings carry no relocations
    for (const p of g.parts) {
      const file = ctx.files[p.file];
      const rs = file.customRelocs.get(file.obj.customSections[p.index].sectionIndex);
      if (!rs) continue;
      for (let r = 0; r < rs.type.length; r++) {
        if (rs.type[r] !== Reloc.FUNCTION_OFFSET_I32 && rs.type[r] !== Reloc.FUNCTION_OFFSET_I64) continue;
        const fi = plan.functionIndexOf(file.symIds[rs.index[r]]) - plan.numImportedFunctions;
        if (fi >= 0) exact[fi] = 1;
      }
    }
  }
  return exact;
}

/** `exact`: see exactBodies (null: all exact). */
function writeCode(ctx: LinkContext, out: ByteWriter, plan: Plan, reloc: Relocator, exact: Uint8Array | null, emitter: RelocEmitter | null): void {
  const n = plan.funcFile.length;
  if (n === 0) return;
  const w = out;
  const at = out.beginSection(SectionId.Code);
  // Body offsets are relative to the payload, which endSection may move as a whole.
  const payload = w.pos;
  w.u32(n);
  const targets = new Map<number, UnitEmitTarget>();
  for (let k = 0; k < n; k++) {
    const f = plan.funcFile[k];
    const sizeAt = w.reserveU32();
    const bodyAt = w.pos;
    if (f === SYNTHETIC_FILE) {
      w.bytes(syntheticBody(ctx, plan, reloc, ctx.synthFuncs[plan.funcIndex[k]]));
    } else {
      const file = ctx.files[f];
      if (file.unit) {
        // A compiler unit's function is lowered now, with final indexes (compact LEBs).
        let target = targets.get(f);
        if (!target) {
          // Loaded by links with compiler units only (docs/architecture.md, "Lazy loading").
          const { UnitEmitTarget } = require('./unit-emit') as typeof UnitEmit;
          targets.set(f, target = new UnitEmitTarget(reloc, file, file.unit.unit, emitter?.units ?? null));
        }
        target.func = k;
        (require('../../codegen/emit') as typeof Emit).emitFunction(file.unit.mir, file.unit.funcMir[plan.funcIndex[k]] as MirFunc, target, w);
      } else {
        reloc.copyFunction(file, plan.funcIndex[k], w, exact === null || exact[k] === 1);
      }
    }
    const size = w.pos - bodyAt;
    w.fillU32(sizeAt, size);
    reloc.offsets.funcBodyOffset[k] = w.pos - size - payload;
    reloc.offsets.funcBodyEnd[k] = w.pos - payload;
  }
  out.endSection(at);
}

/** Payload size of the section written at `at` (0 when nothing was written there). */
function codePayloadSize(out: ByteWriter, at: number): number {
  return out.pos === at ? 0 : readU32(out.buf, at + 1);
}

function codeSizeEstimate(file: ObjFile, i: number): number {
  if (!file.unit) return file.obj.codeSize[i];
  const mir = file.unit.mir;
  const f = file.unit.funcMir[i];
  return (mir.fInstEnd[f] - mir.fInstStart[f]) * 3 + 32;
}

/** Bodies of the functions the linker makes; written late because they need final indexes. */
function syntheticBody(ctx: LinkContext, plan: Plan, reloc: Relocator, f: SyntheticFunction): Uint8Array {
  const syms = ctx.syms;
  const w = new ByteWriter(64);
  // These write their locals and end themselves.
  if (f.sym === ctx.initMemory) initMemoryBody(ctx, plan, w);
  else if (f.sym === ctx.initTls) initTlsBody(ctx, plan, w);
  else if (f.sym === ctx.applyDataRelocs || f.sym === ctx.applyTlsRelocs) applyDataRelocsBody(ctx, plan, reloc, w, f.sym === ctx.applyTlsRelocs);
  else if (f.sym === ctx.applyGlobalRelocs || f.sym === ctx.applyGlobalTlsRelocs) applyGlobalRelocsBody(ctx, plan, w, f.sym === ctx.applyGlobalTlsRelocs);
  if (w.pos > 0) return w.finish();
  w.u32(0); // no locals
  if (syms.isStub[f.sym]) {
    w.u8(0x00); // unreachable
  } else if (f.sym === ctx.callCtors) {
    for (const init of initFunctions(ctx)) {
      call(w, plan.functionIndexOf(init));
      const results = functionType(ctx, init).results.length;
      for (let i = 0; i < results; i++) w.u8(0x1a);
    }
  } else if (f.wraps >= 0) {
    if (ctx.callCtors >= 0 && ctx.synthFuncs[syms.local[ctx.callCtors]].live) call(w, plan.functionIndexOf(ctx.callCtors));
    for (let i = 0; i < f.type.params.length; i++) {
      w.u8(0x20);
      w.u32(i);
    }
    call(w, plan.functionIndexOf(f.wraps));
    if (ctx.callDtors >= 0) call(w, plan.functionIndexOf(ctx.callDtors));
  } else if (f.sym === ctx.wasmStart) {
    call(w, plan.functionIndexOf(ctx.applyGlobalRelocs));
    call(w, plan.functionIndexOf(ctx.initMemory));
  }
  w.u8(0x0b);
  return w.finish();
}

/** Live init functions sorted by priority (stable: input order within a priority). */
function initFunctions(ctx: LinkContext): number[] {
  const list = liveInitFunctions(ctx).filter(({ id }) => {
    if (functionType(ctx, id).params.length === 0) return true;
    ctx.diag.error(`constructor functions cannot take arguments: ${ctx.syms.nameOf(id)}`);
    return false;
  });
  return list.sort((a, b) => a.priority - b.priority).map((e) => e.id);
}

/** Writes the data section; returns each output segment's offset in its payload (-1: not written). */
function writeData(ctx: LinkContext, plan: Plan, out: ByteWriter, reloc: Relocator): Int32Array {
  const payloadAt = new Int32Array(plan.segments.length).fill(-1);
  // .bss is left out of the file (memory starts zeroed, or __wasm_init_memory zeroes it) unless bssWritten.
  const written = plan.segments.filter((s) => segmentWritten(ctx, s));
  const passive = ctx.options.sharedMemory;
  if (written.length === 0) return payloadAt;
  const w = out;
  const section = out.beginSection(SectionId.Data);
  const payload = w.pos;
  w.u32(written.length);
  for (const seg of written) {
    if (passive) {
      w.u8(1); // passive: copied in by __wasm_init_memory
    } else {
      w.u8(0);
      writeBaseExpr(ctx, plan, w, ctx.memoryBase, seg.va);
    }
    w.u32(seg.size);
    w.reserve(seg.size);
    const start = w.pos;
    payloadAt[plan.segments.indexOf(seg)] = start - payload;
    w.buf.fill(0, start, start + seg.size);
    for (let k = 0; k < seg.files.length; k++) {
      if (seg.files[k] < 0) {
        w.buf.set(plan.mergedChunks[seg.segs[k]].bytes, start + seg.offsets[k]);
        continue;
      }
      const file = ctx.files[seg.files[k]];
      const i = seg.segs[k];
      const input = file.obj.segments[i];
      const at = start + seg.offsets[k];
      w.buf.set(file.obj.bytes.subarray(input.dataStart, input.dataStart + input.size), at);
      const rs = file.dataRelocs;
      if (rs && file.segRelocStart[i] < file.segRelocStart[i + 1]) {
        reloc.patchInPlace(file, rs, file.segRelocStart[i], file.segRelocStart[i + 1], w.buf, at, input.sectionOffset, file.segVA[i], 0);
      }
    }
    w.pos = start + seg.size;
  }
  out.endSection(section);
  return payloadAt;
}

const SYNTHESIZED_CUSTOM = new Set(['linking', 'name', 'producers', 'target_features', '.llvmbc', '.llvmcmd']);

function tombstoneFor(name: string): number {
  if (name === '.debug_ranges' || name === '.debug_loc') return 0xfffffffe;
  if (name.startsWith('.debug_')) return 0xffffffff;
  if (name.startsWith('llvm.func_attr.')) return 0xffffffff;
  return 0;
}

interface CustomGroup {
  name: string;
  parts: { file: number; index: number }[];
  size: number;
  /** Contents when the section's strings were merged (.debug_str), else null. */
  merged: Uint8Array | null;
}

/**
 * Custom sections with the same name are concatenated in input order (wasm-ld's rule), except
 * `.debug_str`, whose strings are merged. All offsets are fixed before any section is written,
 * because `.debug_info` (written first) refers into `.debug_str`.
 */
function writeCustomSections(ctx: LinkContext, out: ByteWriter, reloc: Relocator, groups: CustomGroup[]): void {
  for (const g of groups) {
    const w = out;
    const section = out.beginSection(SectionId.Custom);
    w.name(g.name);
    const base = w.pos;
    w.reserve(g.size);
    if (g.merged) w.buf.set(g.merged, base);
    const tomb = tombstoneFor(g.name);
    for (const p of g.parts) {
      const file = ctx.files[p.file];
      const cs = file.obj.customSections[p.index];
      const at = base + file.customOutOffset.get(cs.sectionIndex)!;
      if (!g.merged) w.buf.set(file.obj.bytes.subarray(cs.start, cs.start + cs.size), at);
      const rs = file.customRelocs.get(cs.sectionIndex);
      // Offsets of custom-section relocations count from the contents after the section name.
      if (rs && !g.merged) reloc.patchInPlace(file, rs, 0, rs.type.length, w.buf, at, 0, 0, tomb);
    }
    w.pos = base + g.size;
    out.endSection(section);
  }
}

/**
 * Whether an input custom section goes to the output (concatenated with those of its name), in a
 * final link as under -r: not when empty or one the linker synthesizes, and, as wasm-ld, stripping
 * removes debug info only (--keep-section concerns the synthesized sections, not input ones).
 */
export function copiesCustomSection(ctx: LinkContext, cs: CustomSection): boolean {
  if (cs.size === 0 || SYNTHESIZED_CUSTOM.has(cs.name) || cs.name.startsWith('reloc.')) return false;
  const o = ctx.options;
  return !((o.stripAll || o.stripDebug) && cs.name.startsWith('.debug_'));
}

function planCustomSections(ctx: LinkContext): CustomGroup[] {
  const byName = new Map<string, CustomGroup>();
  for (const file of ctx.files) {
    file.obj.customSections.forEach((cs, index) => {
      if (!copiesCustomSection(ctx, cs)) return;
      let g = byName.get(cs.name);
      if (!g) byName.set(cs.name, (g = { name: cs.name, parts: [], size: 0, merged: null }));
      g.parts.push({ file: file.id, index });
    });
  }
  for (const g of byName.values()) {
    g.merged = mergeCustomStrings(ctx, g.name, g.parts);
    if (g.merged) {
      g.size = g.merged.length;
      continue;
    }
    for (const p of g.parts) {
      const cs = ctx.files[p.file].obj.customSections[p.index];
      ctx.files[p.file].customOutOffset.set(cs.sectionIndex, g.size);
      g.size += cs.size;
    }
  }
  return [...byName.values()];
}

/**
 * The strings of the custom sections `parts` (all of one name) merged, as wasm-ld does at -O1 and
 * above for the DWARF string sections; each part's file gets its piece map (customPieces) and
 * offset 0. Null, and no change, when the name is not one of those or a part is not all strings.
 */
export function mergeCustomStrings(ctx: LinkContext, name: string, parts: { file: number; index: number }[]): Uint8Array | null {
  if (ctx.options.optLevel === 0 || !MERGED_CUSTOM.has(name)) return null;
  const merger = new StringMerger();
  const pieces: StringPieces[] = [];
  for (const p of parts) {
    const file = ctx.files[p.file];
    const cs = file.obj.customSections[p.index];
    if (file.customRelocs.has(cs.sectionIndex)) return null;
    const pc = merger.add(file.obj.bytes, cs.start, cs.size);
    if (!pc) return null;
    pieces.push(pc);
  }
  parts.forEach((p, k) => {
    const file = ctx.files[p.file];
    const cs = file.obj.customSections[p.index];
    file.customOutOffset.set(cs.sectionIndex, 0);
    file.customPieces.set(cs.sectionIndex, pieces[k]);
  });
  return merger.finish();
}

/** The custom sections wasm-ld merges as strings (it goes by the name alone). */
const MERGED_CUSTOM = new Set(['.debug_str', '.debug_str.dwo', '.debug_line_str']);

function writeNames(ctx: LinkContext, out: ByteWriter, plan: Plan): void {
  const syms = ctx.syms;
  const section = out.beginSection(SectionId.Custom);
  out.name('name');
  writeModuleName(ctx, out);
  // Functions: imports, then defined functions, in index order.
  const fn = out.beginSection(1);
  const countAt = out.reserveU32();
  let count = 0;
  for (const imp of plan.imports) {
    if (imp.kind !== ExternalKind.Function) continue;
    out.u32(syms.outIndex[imp.sym]);
    out.name(displayName(syms.nameOf(imp.sym), ctx.options.demangle));
    count++;
  }
  for (let k = 0; k < plan.funcFile.length; k++) {
    const f = plan.funcFile[k];
    const index = plan.numImportedFunctions + k;
    if (f === SYNTHETIC_FILE) {
      out.u32(index);
      out.name(displayName(ctx.synthFuncs[plan.funcIndex[k]].name, ctx.options.demangle)); // e.g. _Znwm.command_export
      count++;
      continue;
    }
    if (writeFunctionName(ctx, out, ctx.files[f], plan.funcIndex[k], index)) count++;
  }
  if (count > 0) {
    out.fillU32(countAt, count);
    out.endSection(fn);
  } else {
    out.pos = fn - 1; // no function names: no subsection
  }
  // Globals.
  const gl: [number, string][] = [];
  for (const imp of plan.imports) {
    if (imp.kind !== ExternalKind.Global) continue;
    // A GOT import is named by its symbol, demangled (wasm-ld's toString).
    if (imp.got) gl.push([plan.gotImportIndex.get(imp.sym)!, displayName(syms.nameOf(imp.sym), ctx.options.demangle)]);
    else gl.push([syms.outIndex[imp.sym], syms.nameOf(imp.sym)]);
  }
  for (let k = 0; k < plan.globalFile.length; k++) {
    const f = plan.globalFile[k];
    const index = plan.numImportedGlobals + k;
    if (f === SYNTHETIC_FILE) gl.push([index, ctx.synthGlobals[plan.globalIndex[k]].name]);
    else {
      const file = ctx.files[f];
      const local = file.globalName[plan.globalIndex[k]];
      if (local >= 0) gl.push([index, symbolName(file.obj.symbols, local)]);
    }
  }
  for (let k = 0; k < plan.gotSymbols.length; k++) {
    const id = plan.gotSymbols[k];
    // An undefined weak function's stub took the symbol over in wasm-ld, under the stub's name.
    const stub = syms.isStub[id] && syms.file[id] === SYNTHETIC_FILE ? ctx.synthFuncs[syms.local[id]].name : '';
    const name = stub.startsWith('undefined_weak:') ? stub : syms.nameOf(id);
    gl.push([plan.gotBase + k, `GOT.${syms.kind[id] === SymKind.Function ? 'func' : 'data'}.internal.${name}`]);
  }
  writeNameMap(out, NameSub.Global, gl);
  // Data segments that are in the file.
  const segs = plan.segments.filter((s) => segmentWritten(ctx, s));
  writeNameMap(out, NameSub.DataSegment, segs.map((s, i) => [i, s.name]));
  out.endSection(section);
}

/** Name-section subsections of index → name maps. */
export const enum NameSub { Global = 7, DataSegment = 9 }

/** A name-section subsection naming `entries` ([index, name], indexes ascending); none when empty. */
export function writeNameMap(out: ByteWriter, sub: NameSub, entries: [number, string][]): void {
  if (entries.length === 0) return;
  const at = out.beginSection(sub);
  out.u32(entries.length);
  for (const [index, name] of entries) { out.u32(index); out.name(name); }
  out.endSection(at);
}


/**
 * Writes a symbol's name for the name section. Most names cannot change under displayName, and
 * are copied as bytes from the input (decoding and re-encoding the ~40k names of a large link
 * was ~5% of its time).
 */
/** The name section's module subsection: the output's file name, as wasm-ld writes it. */
export function writeModuleName(ctx: LinkContext, out: ByteWriter): void {
  const mod = out.beginSection(0);
  const name = nameBytes(ctx.options.soname ?? baseName(ctx.host, ctx.options.output)); // its bytes, UTF-8 or not
  out.u32(name.length);
  out.bytes(name);
  out.endSection(mod);
}

/**
 * Names defined function `i` of `file`, output function `index`, in the name section's function
 * subsection: by the input's own name section, else by its symbol. False if it has neither.
 */
export function writeFunctionName(ctx: LinkContext, out: ByteWriter, file: ObjFile, i: number, index: number): boolean {
  const debugName = file.obj.functionDebugNames?.get(i + file.obj.numImportedFunctions);
  if (debugName !== undefined) {
    out.u32(index);
    out.name(debugName);
  } else if (file.funcName[i] >= 0) {
    out.u32(index);
    writeSymbolName(ctx, out, file.obj.symbols, file.funcName[i]);
  } else {
    return false;
  }
  return true;
}

function writeSymbolName(ctx: LinkContext, out: ByteWriter, t: SymbolTable, i: number): void {
  if (t.nameStart === undefined) symbolNameBytes(t); // a table built in memory: encode its names once
  const bytes = t.nameBytes!, at = t.nameStart![i], n = t.nameLength![i];
  if (at === NO_NAME || mayBeMangled(bytes, at, n) || isMainArgcArgv(bytes, at, n)) out.name(displayName(symbolName(t, i), ctx.options.demangle));
  else out.rawName(bytes, at, n);
}

/**
 * Whether demangle() could change a name: only Itanium manglings, which (after an optional '.')
 * are 1-4 underscores and 'Z', or one more underscore (demangle retries without it).
 */
function mayBeMangled(b: Uint8Array, start: number, length: number): boolean {
  let p = start;
  const end = start + length;
  if (p < end && b[p] === 0x2e /* . */) p++;
  const first = p;
  while (p < end && b[p] === 0x5f /* _ */) p++;
  return p > first && p - first <= 5 && p < end && b[p] === 0x5a /* Z */;
}

const MAIN_ARGC_ARGV = new TextEncoder().encode('__main_argc_argv');

function isMainArgcArgv(b: Uint8Array, start: number, length: number): boolean {
  if (length !== MAIN_ARGC_ARGV.length) return false;
  for (let k = 0; k < length; k++) if (b[start + k] !== MAIN_ARGC_ARGV[k]) return false;
  return true;
}

export function writeProducers(ctx: LinkContext, out: ByteWriter): void {
  const fields = new Map<string, { name: string; version: string }[]>();
  for (const name of ['language', 'processed-by', 'sdk']) fields.set(name, []);
  for (const file of ctx.files) {
    for (const f of file.obj.producers) {
      const list = fields.get(f.name);
      if (!list) continue;
      for (const v of f.values) if (!list.some((e) => e.name === v.name)) list.push(v);
    }
  }
  const used = [...fields].filter(([, v]) => v.length > 0);
  if (used.length === 0) return;
  const w = new ByteWriter(256);
  w.name('producers');
  w.u32(used.length);
  for (const [name, values] of used) {
    w.name(name);
    w.u32(values.length);
    for (const v of values) { w.name(v.name); w.name(v.version); }
  }
  out.section(SectionId.Custom, w);
}

/**
 * The features allowed in the output, all marked `+`, sorted: --features if given, else the union
 * of those the inputs use, plus --extra-features (the same in a final link and under -r).
 */
export function writeTargetFeatures(ctx: LinkContext, out: ByteWriter): void {
  if (ctx.options.stripAll && !ctx.options.keepSections.includes('target_features')) return;
  const set = new Set<string>(ctx.options.features ?? []);
  if (!ctx.options.features) for (const f of inputFeatures(ctx)) set.add(f);
  for (const f of ctx.options.extraFeatures) set.add(f);
  // Position-independent output imports mutable GOT globals: wasm-ld allows the feature whatever the inputs say.
  if (isPic(ctx.options)) set.add('mutable-globals');
  if (set.size === 0) return;
  const w = new ByteWriter(256);
  w.name('target_features');
  const list = [...set].sort();
  w.u32(list.length);
  for (const f of list) { w.u8(0x2b); w.name(f); }
  out.section(SectionId.Custom, w);
}
