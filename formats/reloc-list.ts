// Relocation entries being built for an output reloc.* section, as parallel arrays, and the
// entries' encoding (Linking.md: type u8, offset u32, symbol index u32, addend s32 when the type has one).

import { ByteWriter } from './byte-writer';
import { relocHasAddend } from './wasm';

export class RelocList {
  type: number[] = [];
  offset: number[] = [];
  index: number[] = [];
  addend: number[] = [];

  add(type: number, offset: number, index: number, addend: number): void {
    this.type.push(type);
    this.offset.push(offset);
    this.index.push(index);
    this.addend.push(addend);
  }

  get length(): number {
    return this.type.length;
  }

  /** Writes the payload of a reloc.* section after its name: target section index, count, entries. */
  writePayload(w: ByteWriter, targetSection: number): void {
    w.u32(targetSection);
    w.u32(this.type.length);
    for (let i = 0; i < this.type.length; i++) {
      w.u8(this.type[i]);
      w.u32(this.offset[i]);
      w.u32(this.index[i]);
      if (!relocHasAddend(this.type[i])) continue;
      const a = this.addend[i];
      if ((a | 0) === a) w.s32(a);
      else w.s64(BigInt(a)); // a wasm64 addend beyond 32 bits
    }
  }
}
