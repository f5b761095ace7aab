// Output data segments, as wasm-ld's createOutputSegments makes them for a final link and for -r:
// input segments grouped by output name (rules.ts outputSegmentName), each placed at its alignment
// after the previous one of its group; at -O1 and above, the STRINGS segments (byte-aligned) of a
// group share one merged chunk of unique strings, placed where the first of them was; the groups
// then stably sorted by kind (.tdata, .rodata, .data, others, .bss). Under -r a segment of a COMDAT
// group stays a segment of its own, so that the final link can still keep or drop it alone.
//
// Fills the per-file `segPieces` of merged segments; the caller places the segments in memory.
import { SegmentFlag } from '../../formats/wasm';
import { LinkContext, ObjFile } from './context';
import { StringMerger } from './merge-strings';
import { OutputSegment } from './plan';
import { outputSegmentName, segmentOrder } from './rules';

/** A merged string chunk: its bytes, and its address once placed. */
export interface MergedChunk {
  bytes: Uint8Array;
  va: number;
}

/**
 * The output segments of the kept input segments (live ones in a final link, every one not in a
 * discarded COMDAT copy under -r), in output order; merged chunks are appended to `mergedChunks`.
 */
export function createOutputSegments(ctx: LinkContext, mergedChunks: MergedChunk[]): OutputSegment[] {
  const relocatable = ctx.options.relocatable;
  const byName = new Map<string, OutputSegment>();
  const mergers = new Map<OutputSegment, { chunk: number; merger: StringMerger }>();
  const list: OutputSegment[] = [];
  const merge = ctx.options.optLevel > 0;
  for (const file of ctx.files) {
    const segs = file.obj.segments;
    const inComdat = relocatable ? comdatSegments(file) : null;
    for (let i = 0; i < segs.length; i++) {
      if (file.segDiscarded[i] || (!relocatable && !file.segLive[i])) continue;
      const seg = segs[i];
      const name = outputSegmentName(ctx, seg);
      let out = inComdat?.[i] ? undefined : byName.get(name);
      if (!out) {
        out = { name, alignLog2: 0, size: 0, va: 0, isBss: !relocatable && name.startsWith('.bss'), isTls: name === '.tdata', files: [], segs: [], offsets: [] };
        if (!inComdat?.[i]) byName.set(name, out);
        list.push(out);
      }
      if (merge && seg.segFlags & SegmentFlag.Strings && seg.alignLog2 === 0 && seg.size > 0) {
        // All string segments of an output segment share one merged chunk, placed where the first was.
        let m = mergers.get(out);
        if (!m) {
          m = { chunk: mergedChunks.length, merger: new StringMerger() };
          mergedChunks.push({ bytes: new Uint8Array(0), va: 0 });
          mergers.set(out, m);
          out.files.push(-1);
          out.segs.push(m.chunk);
        }
        const pieces = m.merger.add(file.obj.bytes, seg.dataStart, seg.size);
        if (!pieces) ctx.diag.error(`${file.name}: string is not null terminated in segment ${seg.name}`);
        else file.segPieces[i] = { pieces, chunk: m.chunk };
        continue;
      }
      out.files.push(file.id);
      out.segs.push(i);
    }
  }
  for (const [, m] of mergers) mergedChunks[m.chunk].bytes = m.merger.finish();
  for (const out of list) {
    for (let k = 0; k < out.files.length; k++) {
      const f = out.files[k];
      const alignLog2 = f < 0 ? 0 : ctx.files[f].obj.segments[out.segs[k]].alignLog2;
      const size = f < 0 ? mergedChunks[out.segs[k]].bytes.length : ctx.files[f].obj.segments[out.segs[k]].size;
      out.size = alignTo(out.size, 2 ** alignLog2);
      out.offsets.push(out.size);
      out.size += size;
      if (alignLog2 > out.alignLog2) out.alignLog2 = alignLog2;
    }
  }
  return list.map((s, i) => [s, i] as const)
    .sort((a, b) => segmentOrder(a[0].name) - segmentOrder(b[0].name) || a[1] - b[1]).map((p) => p[0]);
}

export function alignTo(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

/** Which of a file's data segments belong to a COMDAT group. */
function comdatSegments(file: ObjFile): Uint8Array {
  const marks = new Uint8Array(file.obj.segments.length);
  for (const c of file.obj.comdats) for (const e of c.entries) if (e.kind === 0) marks[e.index] = 1;
  return marks;
}
