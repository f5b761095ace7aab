// Incremental relink for a link session (api.ts). After a full link, the session keeps the link
// state and a snapshot of its units. When only function bodies were recompiled
// (Unit.redefine) and each new body refers to exactly the same symbols, signatures and constants,
// in the same order, as the body it replaces, then GC keeps the same functions and layout assigns
// the same indexes, slots, types and addresses: only those bodies' bytes change. The relink
// lowers just the changed live functions and splices them into the previous module's code
// section; everything else is copied as it was. That output is byte-identical to a from-scratch
// link of the same inputs (tests compare the two on random edits).
//
// Anything else (a new symbol, data or constant, a changed input file, a reference that differs,
// kept DWARF whose code offsets would move, --print-gc-sections, --emit-relocs, --build-id) takes
// the full link.
import { emitFunction } from '../codegen/emit';
import { MirFunc } from '../codegen/ids';
import { RefKind } from '../codegen/mir';
import { Unit } from '../codegen/unit';
import { ByteWriter } from '../formats/byte-writer';
import { putU32, readU32, sizeU32 } from '../formats/leb128';
import { ObjFile } from './core/context';
import { LinkOutcome } from './driver';
import { refRelocType } from './resolve/unit-view';
import { UnitEmitTarget } from './output/unit-emit';

/** What must be unchanged in a unit for the patch path. */
interface UnitSnapshot {
  unit: Unit;
  symCount: number;
  dataCount: number;
  globalCount: number;
  relocCount: number;
  symFlags: Uint32Array;
  dataBytes: (Uint8Array | null)[];
  globalInit: (number | bigint)[];
}

export interface SessionState {
  outcome: LinkOutcome;
  units: UnitSnapshot[];
  /** Mir sizes at the last link: bodies redefined since start at or after instCount. */
  instCount: number;
  sigCount: number;
  constCount: number;
  funcCount: number;
}

export function snapshot(outcome: LinkOutcome, units: Unit[]): SessionState {
  const mir = outcome.ctx.mir;
  return {
    outcome,
    units: units.map((unit) => ({
      unit, symCount: unit.symCount, dataCount: unit.dataCount, globalCount: unit.globalCount, relocCount: unit.relocCount,
      symFlags: unit.symFlags.slice(0, unit.symCount), dataBytes: unit.dataBytes.slice(), globalInit: unit.globalInit.slice(),
    })),
    instCount: mir?.instCount ?? 0,
    sigCount: mir?.sigCount ?? 0,
    constCount: mir?.constCount ?? 0,
    funcCount: mir?.funcCount ?? 0,
  };
}

function unitUnchanged(s: UnitSnapshot): boolean {
  const u = s.unit;
  if (u.symCount !== s.symCount || u.dataCount !== s.dataCount || u.globalCount !== s.globalCount || u.relocCount !== s.relocCount) return false;
  for (let i = 0; i < s.symCount; i++) if (u.symFlags[i] !== s.symFlags[i]) return false;
  for (let d = 0; d < s.dataCount; d++) if (u.dataBytes[d] !== s.dataBytes[d]) return false;
  for (let g = 0; g < s.globalCount; g++) if (u.globalInit[g] !== s.globalInit[g]) return false;
  return true;
}

/**
 * The relinked module when only function bodies changed as described above; null when the full
 * link is needed. `units` is the session's current unit list.
 */
export function tryPatch(state: SessionState, units: Unit[]): Uint8Array | null {
  const { ctx, plan, code, bytes } = state.outcome;
  const mir = ctx.mir;
  if (!plan || !code || code.keepDebug || !mir || ctx.options.printGcSections || ctx.options.emitRelocs || ctx.options.buildId) return null;
  if (mir.sigCount !== state.sigCount || mir.constCount !== state.constCount || mir.funcCount !== state.funcCount) return null;
  if (units.length !== state.units.length || units.some((u, i) => u !== state.units[i].unit)) return null;
  if (!state.units.every(unitUnchanged)) return null;

  // Changed bodies: their references must be the ones GC and layout saw.
  const changed: number[] = []; // output function positions k
  for (const file of ctx.files) {
    if (!file.unit) continue;
    const funcMir = file.unit.funcMir;
    for (let i = 0; i < funcMir.length; i++) {
      if (mir.fInstStart[funcMir[i]] < state.instCount) continue;
      if (!sameReferences(file, i)) return null;
      if (file.funcLive[i] && !file.funcDiscarded[i]) changed.push(file.funcOut[i] - plan.numImportedFunctions);
    }
  }
  state.instCount = mir.instCount;
  if (changed.length === 0) return bytes;
  changed.sort((a, b) => a - b);
  return splice(state, changed);
}

/** True when function i of a unit file refers to the same targets, in order, as its view recorded. */
function sameReferences(file: ObjFile, i: number): boolean {
  const rs = file.codeRelocs!;
  const n = file.unit!.unit.symCount;
  let r = file.funcRelocStart[i];
  const end = file.funcRelocStart[i + 1];
  let same = true;
  file.unit!.mir.forEachReference(file.unit!.funcMir[i] as MirFunc, (kind: RefKind, id: number) => {
    const index = kind === RefKind.Const ? n + id : id;
    if (r >= end || rs.type[r] !== refRelocType(kind, file.unit!.unit.memory64) || rs.index[r] !== index) same = false;
    r++;
  });
  return same && r === end;
}

/**
 * The new module in one allocation: the changed bodies are lowered first (into a small buffer), so
 * the new code section's size is known; then the old module is copied around them in runs, and the
 * function body offsets kept for the next relink move with their bytes.
 */
function splice(state: SessionState, changed: number[]): Uint8Array {
  const { ctx, plan, code, bytes } = state.outcome;
  const reloc = code!.reloc;
  const offsets = reloc.offsets;
  const payload = code!.payloadStart;
  const n = plan!.funcFile.length;
  const entryStart = (k: number) => offsets.funcBodyOffset[k] - sizeU32(offsets.funcBodyEnd[k] - offsets.funcBodyOffset[k]);

  const bodies = new ByteWriter(changed.length * 256);
  const bodyEnd: number[] = [];
  const targets = new Map<number, UnitEmitTarget>();
  const oldPayloadSize = readU32(bytes, code!.sectionStart + 1);
  let payloadSize = oldPayloadSize;
  for (const k of changed) {
    const file = ctx.files[plan!.funcFile[k]];
    let target = targets.get(file.id);
    if (!target) targets.set(file.id, target = new UnitEmitTarget(reloc, file, file.unit!.unit));
    const at = bodies.pos;
    emitFunction(file.unit!.mir, file.unit!.funcMir[plan!.funcIndex[k]] as MirFunc, target, bodies);
    bodyEnd.push(bodies.pos);
    const size = bodies.pos - at;
    payloadSize += sizeU32(size) + size - (offsets.funcBodyEnd[k] - entryStart(k));
  }

  const oldPayloadEnd = payload + oldPayloadSize;
  const start = code!.sectionStart;
  const out = new Uint8Array(start + 1 + sizeU32(payloadSize) + payloadSize + bytes.length - oldPayloadEnd);
  out.set(bytes.subarray(0, start + 1)); // everything before the code section, and its id
  let pos = putU32(out, start + 1, payloadSize);
  const newPayload = pos;
  /** Copies old entries [from, k) and moves their offsets with them. */
  const copyRun = (from: number, k: number) => {
    const a = from === 0 ? 0 : entryStart(from); // entry 0's run includes the function count
    const b = offsets.funcBodyEnd[k - 1];
    const delta = pos - newPayload - a;
    out.set(bytes.subarray(payload + a, payload + b), pos);
    pos += b - a;
    for (let j = from; j < k; j++) { offsets.funcBodyOffset[j] += delta; offsets.funcBodyEnd[j] += delta; }
  };
  let next = 0; // first function not yet written
  let bodyAt = 0;
  changed.forEach((k, c) => {
    if (k > next) copyRun(next, k);
    else if (next === 0) pos = putU32(out, pos, n); // the count, when entry 0 itself changed
    const size = bodyEnd[c] - bodyAt;
    pos = putU32(out, pos, size);
    out.set(bodies.buf.subarray(bodyAt, bodyEnd[c]), pos);
    offsets.funcBodyOffset[k] = pos - newPayload;
    pos += size;
    offsets.funcBodyEnd[k] = pos - newPayload;
    bodyAt = bodyEnd[c];
    next = k + 1;
  });
  if (next < n) copyRun(next, n);
  const newEnd = pos;
  out.set(bytes.subarray(oldPayloadEnd), pos);
  state.outcome = { ...state.outcome, bytes: out, code: { ...code!, payloadStart: newPayload, sectionEnd: newEnd } };
  return out;
}
