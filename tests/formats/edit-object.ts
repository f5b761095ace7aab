// Rewriting real objects section by section, for the tests that feed the parser and the linker
// damaged input: split an object into its sections, change one, put it back together. Built on the
// project's own Reader and ByteWriter.
import { ByteWriter } from '../../formats/byte-writer';
import { Reader } from '../../formats/reader';
import { relocHasAddend } from '../../formats/wasm';

export interface Section {
  id: number;
  /** Custom sections only. */
  name?: string;
  /** The payload after the name (custom sections) or the whole payload. */
  body: Uint8Array;
}

export function splitSections(bytes: Uint8Array): Section[] {
  const r = new Reader(bytes, 8);
  const out: Section[] = [];
  while (!r.atEnd) {
    const id = r.u8();
    const size = r.u32();
    const end = r.pos + size;
    const s = new Reader(bytes, r.pos, end);
    const name = id === 0 ? s.name() : undefined;
    out.push({ id, name, body: bytes.slice(s.pos, end) });
    r.pos = end;
  }
  return out;
}

export function joinSections(sections: Section[]): Uint8Array {
  const w = new ByteWriter();
  w.bytes(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  for (const s of sections) {
    const p = new ByteWriter();
    if (s.id === 0) p.name(s.name!);
    p.bytes(s.body);
    w.section(s.id, p);
  }
  return w.finish();
}

/** Index of the section with this id (and name, for custom sections). */
export function findSection(sections: Section[], id: number, name?: string): number {
  const i = sections.findIndex((s) => s.id === id && (name === undefined || s.name === name));
  if (i < 0) throw new Error(`no section ${id} ${name ?? ''}`);
  return i;
}

/** `body` with its leading count LEB replaced by `count` (a varuint32, possibly huge). */
export function withCount(body: Uint8Array, count: number): Uint8Array {
  const r = new Reader(body);
  r.u32();
  const w = new ByteWriter();
  w.u32(count);
  w.bytes(body.subarray(r.pos));
  return w.finish();
}

export interface RelocEntry {
  type: number;
  offset: number;
  index: number;
  addend: number;
}

export interface RelocSection {
  target: number;
  entries: RelocEntry[];
}

export function readRelocs(body: Uint8Array): RelocSection {
  const r = new Reader(body);
  const target = r.u32();
  const n = r.u32();
  const entries: RelocEntry[] = [];
  for (let i = 0; i < n; i++) {
    const type = r.u8();
    const offset = r.u32();
    const index = r.u32();
    entries.push({ type, offset, index, addend: relocHasAddend(type) ? r.s32() : 0 });
  }
  return { target, entries };
}

export function writeRelocs(rs: RelocSection): Uint8Array {
  const w = new ByteWriter();
  w.u32(rs.target);
  w.u32(rs.entries.length);
  for (const e of rs.entries) {
    w.u8(e.type);
    w.u32(e.offset);
    w.u32(e.index);
    if (relocHasAddend(e.type)) w.s32(e.addend);
  }
  return w.finish();
}

/** The object with the relocations of section `name` (e.g. `reloc.CODE`) changed by `edit`. */
export function editRelocs(bytes: Uint8Array, name: string, edit: (rs: RelocSection) => void): Uint8Array {
  const sections = splitSections(bytes);
  const s = sections[findSection(sections, 0, name)];
  const rs = readRelocs(s.body);
  edit(rs);
  s.body = writeRelocs(rs);
  return joinSections(sections);
}
