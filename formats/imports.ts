// The import table of an object: its imports as parallel columns, names as (offset, length) in the
// object's bytes (decoded only when printed), with lookups by kind. Objects built in memory
// (compiler units) have Import objects instead; importTableOf encodes those into a table once.
import { Columns } from './columns';
import type { Import, ImportTable, Limits, ObjectFile } from './object-model';
import { decodeUtf8, Reader } from './reader';
import { ExternalKind } from './wasm';

export function readLimits(s: Reader): Limits {
  const flags = s.u8();
  if (flags & ~0x7) s.fail(`invalid limits flags 0x${flags.toString(16)}`, s.pos - 1);
  const is64 = (flags & 4) !== 0;
  const min = is64 ? Number(s.u64()) : s.u32();
  const max = flags & 1 ? (is64 ? Number(s.u64()) : s.u32()) : null;
  return { flags, min, max };
}

export function newImportTable(bytes: Uint8Array, capacity: number): ImportTable {
  const c = new Columns(capacity, 5, 2);
  return {
    count: 0, type: c.u32(), moduleStart: c.u32(), moduleLength: c.u32(), fieldStart: c.u32(), fieldLength: c.u32(),
    kind: c.u8(), mutable: c.u8(), nameBytes: bytes, limits: new Map(), byKind: [[], [], [], [], []],
  };
}

export function parseImports(s: Reader, obj: ObjectFile): void {
  // One import section (parseObject checks the order), whose imports take a byte or more each.
  const n = s.count('import');
  const t = newImportTable(obj.bytes, n);
  for (let i = 0; i < n; i++) {
    t.moduleLength[i] = s.skipName();
    t.moduleStart[i] = s.pos - t.moduleLength[i];
    t.fieldLength[i] = s.skipName();
    t.fieldStart[i] = s.pos - t.fieldLength[i];
    const kind = s.u8();
    switch (kind) {
      case ExternalKind.Function:
        t.type[i] = s.u32();
        if (t.type[i] >= obj.types.length) s.fail(`import ${importDisplayName(t, i)}: type index ${t.type[i]} out of range`);
        obj.numImportedFunctions++;
        break;
      case ExternalKind.Table: t.type[i] = s.u8(); t.limits.set(i, readLimits(s)); obj.numImportedTables++; break;
      case ExternalKind.Memory: {
        const limits = readLimits(s);
        t.limits.set(i, limits);
        if (limits.flags & 4) obj.is64 = true;
        break;
      }
      case ExternalKind.Global: t.type[i] = s.u8(); t.mutable[i] = s.u8() === 1 ? 1 : 0; obj.numImportedGlobals++; break;
      case ExternalKind.Tag:
        if (s.u8() !== 0) s.fail('unsupported tag attribute');
        t.type[i] = s.u32();
        if (t.type[i] >= obj.types.length) s.fail(`import ${importDisplayName(t, i)}: type index ${t.type[i]} out of range`);
        obj.numImportedTags++;
        break;
      default: s.fail(`unknown import kind ${kind}`, s.pos - 1);
    }
    t.kind[i] = kind;
    t.byKind[kind].push(i);
  }
  t.count = n;
  obj.importTable = t;
}

export function importModuleName(t: ImportTable, i: number): string {
  return decodeUtf8(t.nameBytes.subarray(t.moduleStart[i], t.moduleStart[i] + t.moduleLength[i]));
}

export function importFieldName(t: ImportTable, i: number): string {
  return decodeUtf8(t.nameBytes.subarray(t.fieldStart[i], t.fieldStart[i] + t.fieldLength[i]));
}

function importDisplayName(t: ImportTable, i: number): string {
  return `${importModuleName(t, i)}.${importFieldName(t, i)}`;
}

/** Import index (in importTableOf(obj)) of the `index`-th import of `kind`, or -1. */
export function importOfKind(obj: ObjectFile, kind: ExternalKind, index: number): number {
  return importTableOf(obj).byKind[kind][index] ?? -1;
}

/** Whether an import of `kind` has field `field` (any module). */
export function hasImport(t: ImportTable, kind: ExternalKind, field: string): boolean {
  const want = new TextEncoder().encode(field);
  for (const i of t.byKind[kind]) {
    if (t.fieldLength[i] !== want.length) continue;
    let same = true;
    for (let k = 0; k < want.length && same; k++) same = t.nameBytes[t.fieldStart[i] + k] === want[k];
    if (same) return true;
  }
  return false;
}

/** The Import objects of an import table (made only when something asks for obj.imports). */
export function makeImportObjects(t: ImportTable): { all: Import[]; byKind: Import[][] } {
  const all: Import[] = [];
  const byKind: Import[][] = [[], [], [], [], []];
  for (let i = 0; i < t.count; i++) {
    const imp: Import = {
      module: importModuleName(t, i),
      field: importFieldName(t, i),
      kind: t.kind[i], type: t.type[i], mutable: t.mutable[i] === 1, limits: t.limits.get(i) ?? null,
    };
    all.push(imp);
    byKind[imp.kind].push(imp);
  }
  return { all, byKind };
}

/**
 * The import table of an object; an object built in memory (a compiler unit's view) has only
 * Import objects, whose names are then encoded once into a buffer of their own.
 */
export function importTableOf(obj: ObjectFile): ImportTable {
  if (obj.importTable) return obj.importTable;
  const enc = new TextEncoder();
  const imports = obj.imports;
  const encoded = imports.map((imp) => [enc.encode(imp.module), enc.encode(imp.field)]);
  const bytes = new Uint8Array(encoded.reduce((n, [m, f]) => n + m.length + f.length, 0));
  const t = newImportTable(bytes, imports.length);
  let at = 0;
  imports.forEach((imp, i) => {
    const [m, f] = encoded[i];
    bytes.set(m, at); t.moduleStart[i] = at; t.moduleLength[i] = m.length; at += m.length;
    bytes.set(f, at); t.fieldStart[i] = at; t.fieldLength[i] = f.length; at += f.length;
    t.kind[i] = imp.kind;
    t.type[i] = imp.type;
    t.mutable[i] = imp.mutable ? 1 : 0;
    if (imp.limits) t.limits.set(i, imp.limits);
    t.byKind[imp.kind].push(i);
  });
  t.count = imports.length;
  return (obj.importTable = t);
}
