// The section headers of a written wasm module, for the writers that describe a module after
// writing it (--emit-relocs needs section indexes, the link map needs offsets and sizes).
import { Reader } from './reader';
import { SectionId } from './wasm';

export interface ModuleSection {
  id: number;
  /** A custom section's name; '' for the others. */
  name: string;
  /** Offset of the id byte. */
  start: number;
  /** Offset of the payload: after the size, and for a custom section after its name. */
  payload: number;
  end: number;
}

/** The sections of the module in buf[0, end), in order. */
export function readModuleSections(buf: Uint8Array, end = buf.length): ModuleSection[] {
  const sections: ModuleSection[] = [];
  const r = new Reader(buf, 8, end);
  while (!r.atEnd) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const sectionEnd = r.pos + size;
    let name = '';
    if (id === SectionId.Custom) name = r.name();
    sections.push({ id, name, start, payload: r.pos, end: sectionEnd });
    r.pos = sectionEnd;
  }
  return sections;
}
