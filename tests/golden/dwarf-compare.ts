// Compares what the DWARF of two linked modules says about their code: for every byte of every
// function the debug info describes, the source frames (file, line, column, inlining chain, enclosing
// subprogram) llvm-symbolizer gives must be the same in both, although the bodies sit at different
// offsets (wlink compacts the LEBs of bodies no debug info describes; wasm-ld does not). The bodies
// DWARF describes must also be byte-identical. Used by the golden tests (with @yowasp's
// llvm-symbolizer) and by scripts/debian-corpus.sh (with Debian's), as a command:
//
//   node dist/tests/golden/dwarf-compare.js REFERENCE.wasm OURS.wasm [LLVM-SYMBOLIZER]
//
// which prints `dwarf_same yes|no`, `described N`, `compacted N` and `detail:` lines.
import { spawn } from 'child_process';
import fs from 'fs';
import { FunctionBody, functionBodies } from './inspect';

/** Runs llvm-symbolizer (--output-style=JSON --inlines) on code addresses of a module; returns its stdout. */
export type Symbolizer = (file: string, addresses: string[]) => Promise<string>;

export interface DebugInfoComparison {
  /** Functions whose body DWARF describes (they must be byte-identical to the reference's). */
  described: string[];
  /** Functions whose body is smaller than the reference's (compact LEBs). */
  compacted: string[];
  /** Differences, readable; empty when the debug info says the same of both modules. */
  problems: string[];
}

type Frame = { FileName: string; Line: number; Column: number; Discriminator: number; StartFileName: string; StartLine: number };

/** The frames at function+offset code addresses, one line each ("name+offset: frames"). */
async function frames(symbolizer: Symbolizer, file: string, bodies: FunctionBody[], at: { fn: number; offset: number }[]): Promise<string[]> {
  const out = await symbolizer(file, at.map((a) => '0x' + (bodies[a.fn].start + a.offset).toString(16)));
  // An array when the addresses were arguments, one object per line when they came on stdin.
  const results = (out.trimStart().startsWith('[') ? JSON.parse(out) : out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))) as { Symbol?: Frame[] }[];
  if (results.length !== at.length) throw new Error(`llvm-symbolizer answered ${results.length} of ${at.length} addresses for ${file}`);
  // FunctionName and StartAddress are left out: for wasm, llvm-symbolizer sometimes takes them from
  // the name section with addresses off by the code section's file offset (seen on wasm-ld's output).
  // The source position, the inlining chain and the enclosing subprogram's declaration line come from
  // DWARF alone.
  return results.map((r, i) => `${bodies[at[i].fn].name}+${at[i].offset}: ` + JSON.stringify((r.Symbol ?? []).map((fr) =>
    [fr.FileName, fr.Line, fr.Column, fr.Discriminator, fr.StartFileName, fr.StartLine])));
}

/** Pairs the functions of two modules: by index when their name lists agree, else by (unique) name. */
function pairFunctions(ref: FunctionBody[], ours: FunctionBody[]): [number, number][] {
  if (ref.length === ours.length && ref.every((b, k) => b.name === ours[k].name)) return ref.map((_, k) => [k, k]);
  const count = new Map<string, number>();
  for (const b of ref) count.set(b.name, (count.get(b.name) ?? 0) + 1);
  const oursByName = new Map(ours.map((b, k) => [b.name, k]));
  return ref.flatMap((b, k) => (count.get(b.name) === 1 && oursByName.has(b.name) ? [[k, oursByName.get(b.name)!] as [number, number]] : []));
}

/** See the file comment. At most `maxAddresses` addresses per module: bodies are sampled beyond that. */
export async function compareDebugInfo(refFile: string, ourFile: string, symbolizer: Symbolizer, maxAddresses = 200_000): Promise<DebugInfoComparison> {
  const ref = functionBodies(new Uint8Array(fs.readFileSync(refFile)));
  const ours = functionBodies(new Uint8Array(fs.readFileSync(ourFile)));
  const problems: string[] = [];
  const pairs = pairFunctions(ref, ours);
  if (pairs.length !== ref.length || ref.length !== ours.length) problems.push(`function lists differ: ${ref.length} in the reference, ${ours.length} in ours, ${pairs.length} paired`);
  // Which bodies DWARF describes: llvm-symbolizer finds a source file for their first byte.
  const starts = await frames(symbolizer, refFile, ref, pairs.map(([r]) => ({ fn: r, offset: 0 })));
  const described = pairs.filter((_, i) => !starts[i].includes(': [["",'));
  let bytes = 0;
  for (const [r] of described) bytes += ref[r].end - ref[r].start + 1;
  const stride = Math.max(1, Math.ceil(bytes / maxAddresses));
  const at = (side: 0 | 1) => described.flatMap((p) => {
    const n = ref[p[0]].end - ref[p[0]].start + 1;
    return Array.from({ length: Math.ceil(n / stride) }, (_, i) => ({ fn: p[side], offset: i * stride }));
  });
  const [refFrames, ourFrames] = await Promise.all([frames(symbolizer, refFile, ref, at(0)), frames(symbolizer, ourFile, ours, at(1))]);
  for (let i = 0; i < refFrames.length && problems.length < 20; i++) {
    if (refFrames[i] !== ourFrames[i]) problems.push(`reference ${refFrames[i]}\n     ours ${ourFrames[i]}`);
  }
  for (const [r, o] of described) {
    if (Buffer.compare(ref[r].bytes, ours[o].bytes) !== 0 && problems.length < 40) problems.push(`${ref[r].name}: described by DWARF, but its body differs from the reference's`);
  }
  const compacted = pairs.filter(([r, o]) => ours[o].bytes.length < ref[r].bytes.length).map(([r]) => ref[r].name);
  return { described: described.map(([r]) => ref[r].name), compacted, problems };
}

/** A native llvm-symbolizer, addresses on stdin. */
function nativeSymbolizer(exe: string): Symbolizer {
  return (file, addresses) => new Promise((resolve, reject) => {
    const child = spawn(exe, [`--obj=${file}`, '--output-style=JSON', '--inlines', '--functions=linkage'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${exe} exited with ${code}`))));
    child.stdin.end(addresses.join('\n') + '\n');
  });
}

if (require.main === module) {
  const [ref, ours, exe = 'llvm-symbolizer'] = process.argv.slice(2);
  compareDebugInfo(ref, ours, nativeSymbolizer(exe)).then((d) => {
    const lines = [`dwarf_same ${d.problems.length === 0 ? 'yes' : 'no'}`, `described ${d.described.length}`, `compacted ${d.compacted.length}`];
    for (const p of d.problems) lines.push(`detail: ${p.replace(/\n\s*/g, ' | ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  }, (e: Error) => {
    process.stderr.write(`dwarf-compare: ${e.message}\n`);
    process.exit(2);
  });
}
