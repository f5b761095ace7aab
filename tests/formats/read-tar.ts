// A small tar reader for the tests: members in order with PAX `path` records applied, every
// header's checksum and magic checked, and the two zero blocks at the end required.
import { TAR_BLOCK } from '../../formats/tar';

/** A field as text up to its first NUL. */
function field(h: Uint8Array, off: number, len: number): string {
  const f = h.subarray(off, off + len);
  const z = f.indexOf(0);
  return Buffer.from(z < 0 ? f : f.subarray(0, z)).toString('latin1');
}

export interface TarEntry {
  /** The member's name, its bytes as latin1 characters. */
  name: string;
  data: Uint8Array;
  mode: string;
  type: number;
}

/** The archive's members; throws on a bad checksum, magic, PAX record or ending. */
export function readTar(b: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let pax: string | null = null;
  let at = 0;
  const fail = (what: string) => { throw new Error(`bad tar at ${at}: ${what}`); };
  for (; at + TAR_BLOCK <= b.length;) {
    const h = b.subarray(at, at + TAR_BLOCK);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (parseInt(field(h, 148, 8), 8) !== sum) fail('checksum');
    if (field(h, 257, 6) !== 'ustar' || field(h, 263, 2) !== '00') fail('magic');
    const size = parseInt(field(h, 124, 12), 8);
    const data = b.subarray(at + TAR_BLOCK, at + TAR_BLOCK + size);
    at += TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
    if (h[156] === 0x78) {
      const m = /^(\d+) path=([^]*)\n$/.exec(Buffer.from(data).toString('latin1'));
      if (!m || Number(m[1]) !== data.length) fail('PAX record');
      pax = m![2];
      continue;
    }
    const prefix = field(h, 345, 155);
    out.push({ name: pax ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100)), data, mode: field(h, 100, 8), type: h[156] });
    pax = null;
  }
  if (b.length - at !== 2 * TAR_BLOCK || !b.subarray(at).every((x) => x === 0)) fail('the end is not two zero blocks');
  return out;
}
