// The section headers of a written wasm module, for the writers that describe a module after
// writing it (--emit-relocs needs section indexes, the link map needs offsets and sizes).
import { lebEnd, readU32 } from './leb128';
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
  let pos = 8;
  while (pos < end) {
    const id = buf[pos];
    const size = readU32(buf, pos + 1);
    const sectionEnd = lebEnd + size;
    let payload = lebEnd;
    let name = '';
    if (id === SectionId.Custom) {
      const n = readU32(buf, payload);
      name = new TextDecoder().decode(buf.subarray(lebEnd, lebEnd + n));
      payload = lebEnd + n;
    }
    sections.push({ id, name, start: pos, payload, end: sectionEnd });
    pos = sectionEnd;
  }
  return sections;
}
