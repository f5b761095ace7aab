// Linking one option case with a linker and reading back what is compared: the first error, the
// warnings, and for outputs a summary (imports, exports, functions), validity and, as the case or
// the output kind asks, sections, -r's linking data or --emit-relocs' (CaseLinks, made per case
// directory).
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { parseObject, symbolName } from '../../../formats/object';
import { Reader } from '../../../formats/reader';
import { RELOC_NAMES } from '../../../formats/wasm';
import { functionBodies, inspectWasm, readSections } from '../inspect';
import { SectionKey, TIMEOUT_MS } from './sources';

export interface Outcome {
  /** The first error, without the tool's name (null: linked). */
  error: string | null;
  /** The names of the custom sections, for the cases that ask. */
  customSections?: string[];
  summary: ReturnType<typeof inspectWasm> | null;
  /** -r output: its data segments in order (name, alignment, bytes). */
  segments?: string[];
  /** -r output: the symbol table (kind, name, flags, index or segment/offset/size), init functions, relocations, custom sections (name and bytes), target features, COMDAT groups. */
  symbols?: string[];
  initFuncs?: string[];
  relocations?: string[];
  customs?: string[];
  features?: string[];
  comdats?: string[];
  /** -r output: the type and element sections' bytes (type order, table slots) and the table import's size. */
  types?: string;
  elements?: string;
  tableImportMin?: number;
  /** Whether the output validates (WebAssembly.validate). */
  valid?: boolean;
  /** The warnings, without the tool's name (left out when there are none). */
  warnings?: string[];
  /** For the cases that ask: the section ids, the import section's bytes and the global names. */
  detail?: { sections: number[]; imports: string; globalNames: string[] };
  /** --emit-relocs output: its sections and relocations (its symbols, segments and init functions as -r's). */
  sections?: string[];
  relocs?: string[];
  /** The payloads of the sections a case names, in hex ('' when absent). */
  payloads?: Record<string, string>;
  /** The bodies of the functions a case names (by the name section), in hex ('' when absent). */
  bodies?: Record<string, string>;
}

function linkIn(dir: string, command: string[], argv: string[], output: string, customSections = false, payloads: SectionKey[] = [], detail = false,
  bodies: string[] = []): Outcome {
  const outcome = linkOnlyIn(dir, command, argv, output);
  if (outcome.warnings!.length === 0) delete outcome.warnings;
  if (outcome.error !== null) return outcome;
  const all = readSections(new Uint8Array(fs.readFileSync(path.join(dir, output))));
  if (customSections) outcome.customSections = all.filter((s) => s.id === 0).map((s) => s.name!);
  if (payloads.length > 0) {
    const bytes = fs.readFileSync(path.join(dir, output));
    outcome.payloads = Object.fromEntries(payloads.map((key) => {
      // 'names': the name section without its module name (the output file's name, which differs).
      const name = key === 'names' ? 'name' : key;
      const s = all.find((x) => (typeof name === 'number' ? x.id === name : x.id === 0 && x.name === name));
      if (!s) return [String(key), ''];
      let start = s.payloadStart;
      if (key === 'names' && bytes[start] === 0) {
        const r = new Reader(bytes, start + 1, s.end);
        const size = r.u32();
        start = r.pos + size;
      }
      return [String(key), bytes.subarray(start, s.end).toString('hex')];
    }));
  }
  if (detail) outcome.detail = detailOf(new Uint8Array(fs.readFileSync(path.join(dir, output))));
  if (bodies.length > 0) {
    const all = functionBodies(new Uint8Array(fs.readFileSync(path.join(dir, output))));
    outcome.bodies = Object.fromEntries(bodies.map((name) => [name, Buffer.from(all.find((b) => b.name === name)?.bytes ?? []).toString('hex')]));
  }
  return outcome;
}

function detailOf(bytes: Uint8Array): NonNullable<Outcome['detail']> {
  const sections = readSections(bytes);
  const imports = sections.find((s) => s.id === 2);
  const globalNames: string[] = [];
  const names = sections.find((s) => s.id === 0 && s.name === 'name');
  if (names) {
    const r = new Reader(bytes, names.payloadStart, names.end);
    while (!r.atEnd) {
      const sub = r.u8();
      const end = r.u32() + r.pos;
      if (sub === 7) for (let n = r.u32(); n > 0; n--) globalNames.push(`${r.u32()} ${r.name()}`);
      r.pos = end;
    }
  }
  return {
    sections: sections.map((s) => s.id),
    imports: imports ? Buffer.from(bytes.subarray(imports.payloadStart, imports.end)).toString('hex') : '', globalNames,
  };
}

function linkOnlyIn(dir: string, command: string[], argv: string[], output: string): Outcome {
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', output], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  const warnings = r.stderr.split('\n').filter((l) => /warning: /.test(l)).map((l) => l.replace(/^.*?warning: /, ''));
  if (r.status !== 0) {
    const first = r.stderr.split('\n').find((l) => /error: /.test(l)) ?? r.stderr;
    return { error: first.replace(/^.*?error: /, ''), summary: null, warnings };
  }
  const bytes = new Uint8Array(fs.readFileSync(path.join(dir, output)));
  const summary = inspectWasm(bytes);
  delete (summary as Partial<typeof summary>).codeSize; // wlink writes compact LEBs: smaller code
  delete (summary as Partial<typeof summary>).totalSize;
  // wasm-ld 21 (the reference) also defines __wasm_first_page_end, which --export-all exports;
  // wlink follows wasm-ld 19 there (README, "Behaviour and known differences").
  summary.exports = summary.exports.filter((e) => e.name !== '__wasm_first_page_end');
  const valid = WebAssembly.validate(bytes);
  if (argv.includes('-r')) {
    const section = (id: number) => {
      const s = readSections(bytes).find((x) => x.id === id);
      return s ? Buffer.from(bytes.subarray(s.payloadStart, s.end)).toString('hex') : '';
    };
    const obj = parseObject(bytes);
    const table = obj.imports.find((i) => i.kind === 1 && i.field === '__indirect_function_table');
    return { error: null, summary, valid, ...relocatableParts(bytes), types: section(1), elements: section(9), tableImportMin: table?.limits?.min, warnings };
  }
  if (argv.includes('--emit-relocs')) return { error: null, summary, valid, warnings, ...linkingOf(bytes) };
  return { error: null, summary, valid, warnings };
}

/** What --emit-relocs adds to a module, read back as an object: sections, symbols (kind, flags, index or segment, offset, size), relocations. */
function linkingOf(bytes: Uint8Array): Pick<Outcome, 'sections' | 'symbols' | 'segments' | 'initFuncs' | 'relocs'> {
  const obj = parseObject(bytes);
  const t = obj.symbols;
  const symbols = t.names.map((name, i) => `${t.kind[i]} ${name} flags=${t.flags[i]} ${t.index[i]} ${t.offset[i]} ${t.size[i]}`);
  const relocs = obj.relocs.flatMap((rs) => [...rs.type].map((type, i) => `#${rs.targetSection} ${RELOC_NAMES[type]} ${rs.offset[i]} ${rs.index[i]} ${rs.addend[i]}`));
  return {
    sections: readSections(bytes).map((s) => (s.id === 0 ? s.name! : String(s.id))),
    symbols, segments: obj.segments.map((seg) => `${seg.name} ${seg.alignLog2} ${seg.segFlags}`),
    initFuncs: obj.initFuncs.map((f) => `${f.priority} ${f.symbol}`), relocs,
  };
}

/** What a -r output's linking, reloc.* and other custom sections hold, for comparison. */
function relocatableParts(bytes: Uint8Array): Pick<Outcome, 'segments' | 'symbols' | 'initFuncs' | 'relocations' | 'customs' | 'features' | 'comdats'> {
  const obj = parseObject(bytes);
  const hex = (start: number, size: number) => Buffer.from(bytes.subarray(start, start + size)).toString('hex');
  const t = obj.symbols;
  const symbols = Array.from({ length: t.count }, (_, i) => {
    const where = t.kind[i] === 1 ? `${t.index[i]}/${t.offset[i]}/${t.size[i]}` : `${t.index[i]}`;
    return `${t.kind[i]} ${t.kind[i] === 3 ? '' : symbolName(t, i)} ${t.flags[i]} ${where}`;
  });
  return {
    // Not their flags: wlink carries RETAIN and STRINGS into -r output, which wasm-ld 19-21 drop (README).
    segments: obj.segments.map((seg) => `${seg.name} ${seg.alignLog2} ${hex(seg.dataStart, seg.size)}`),
    symbols,
    initFuncs: obj.initFuncs.map((f) => `${f.priority} ${f.symbol}`),
    relocations: obj.relocs.flatMap((rs) => Array.from(rs.type, (type, r) => `${rs.targetSection} ${type} ${rs.offset[r]} ${rs.index[r]} ${rs.addend[r]}`)),
    customs: obj.customSections.map((c) => `${c.name} ${hex(c.start, c.size)}`),
    features: obj.targetFeatures.map((f) => `${String.fromCharCode(f.prefix)}${f.name}`),
    comdats: obj.comdats.map((c) => `${c.name}: ${c.entries.map((e) => `${e.kind}/${e.index}`).join(' ')}`),
  };
}

/** Links `argv` and calls each of `calls` (exported functions without arguments) in the module. */
function callAllIn(dir: string, command: string[], argv: string[], output: string, calls: string[]): number[] {
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', output], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.stderr).toBe('');
  const exports = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(path.join(dir, output)))).exports as Record<string, () => number>;
  return calls.map((name) => exports[name]());
}

/** The links of one case directory. */
export interface CaseLinks {
  link(command: string[], argv: string[], output: string, customSections?: boolean, payloads?: SectionKey[], detail?: boolean, bodies?: string[]): Outcome;
  callAll(command: string[], argv: string[], output: string, calls: string[]): number[];
}

export function caseLinks(dir: string): CaseLinks {
  return {
    link: (command, argv, output, customSections = false, payloads = [], detail = false, bodies = []) =>
      linkIn(dir, command, argv, output, customSections, payloads, detail, bodies),
    callAll: (command, argv, output, calls) => callAllIn(dir, command, argv, output, calls),
  };
}
