// Golden tests: link every program of tests/golden/programs with the linker under test, using the
// exact wasm-ld argv that clang's driver produced for the reference link (only -o differs), and
// compare the result with what the reference wasm-ld (@yowasp/clang) produced.
//
// The inputs and the reference output come from scripts/golden-cache.mjs (run in beforeAll; the
// first run compiles everything and takes a minute or more, later runs hit .cache/golden).
// The linker under test is $WLINK_CMD if set, else `node bin/wlink.js`; with
// WLINK_CMD=scripts/wasm-ld-yowasp.mjs both sides are the same linker, which checks the harness.
//
// All links and runs happen in beforeAll (in parallel, one per core); the tests only compare.
// Each program also makes a relocatable round trip: `wlink -r` of its own objects, linked by the
// reference wasm-ld with the rest of the argv, must run like the reference.
// Linked outputs are kept in .cache/golden-out/ for inspection.

import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import wabtInit from 'wabt';
import { parseObject } from '../../formats/object';
import { readS32, readU32 } from '../../formats/leb128';
import { Reloc, RELOC_NAMES, SymFlag, SymKind } from '../../formats/wasm';
import {
  PROGRAMS_DIR, REPO_ROOT, RUN_WASM, WasmSummary, inspectWasm, linkerCommand, readCacheIndex, readLinkJson, withOutput,
} from './inspect';
import { compareDebugInfo, DebugInfoComparison, Symbolizer } from './dwarf-compare';

const OUT_DIR = path.join(REPO_ROOT, '.cache', 'golden-out');
const LINK_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 60_000;

/** Every feature clang 21 may emit for wasm32 (and a few more): validation is about linking. */
const WABT_FEATURES = {
  exceptions: true, mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true, threads: true,
  multi_value: true, tail_call: true, bulk_memory: true, reference_types: true, annotations: true,
  code_metadata: true, gc: true, memory64: true, extended_const: true, relaxed_simd: true, function_references: true,
};

const PROGRAMS = fs.existsSync(PROGRAMS_DIR)
  ? fs.readdirSync(PROGRAMS_DIR).filter((n) => fs.existsSync(path.join(PROGRAMS_DIR, n, 'golden.json'))).sort()
  : [];

interface ProcResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface Golden {
  run?: 'command' | { reactor: unknown[][] };
  args?: string[];
  cflags?: string[];
}

/** Programs compiled with -g: their DWARF is checked (see dwarf-compare.ts). */
const hasDebugInfo = (g: Golden) => (g.cflags ?? []).includes('-g');

interface Prepared {
  cacheDir: string;
  command: string[];
  cwd: string;
  link: ProcResult;
  refBytes: Uint8Array;
  refRun: ProcResult;
  outPath: string;
  /** Set when the link succeeded and wrote the output. */
  outBytes?: Uint8Array;
  outRun?: ProcResult;
  /** null: valid; a string: wabt's complaint. */
  validation?: string | null;
  /** Both linkers with --emit-relocs: their links and relocation lists (type offset symbol addend). */
  emitRelocs?: { ours: ProcResult; ref: ProcResult; oursRelocs?: string[] | string; refRelocs?: string[] | string };
  golden?: Golden;
  /** Programs with debug info: see compareDebugInfo. */
  dwarf?: DebugInfoComparison;
  /** `wlink -r` of the program's own inputs, then the reference wasm-ld links the rest with it. */
  relocatable?: { link: ProcResult; command: string[]; finalLink?: ProcResult; run?: ProcResult };
}

/** The relocation sections of a linked module, one line per entry, with symbols by name; an error message if unreadable. */
function relocationLines(file: string): string[] | string {
  let obj;
  try {
    obj = parseObject(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    return String((e as Error).message);
  }
  const lines: string[] = [];
  for (const rs of obj.relocs) {
    const section = rs.targetSection === obj.codeSectionIndex ? 'CODE' : rs.targetSection === obj.dataSectionIndex ? 'DATA' : `#${rs.targetSection}`;
    for (let i = 0; i < rs.type.length; i++) {
      const target = rs.type[i] === Reloc.TYPE_INDEX_LEB ? `type ${rs.index[i]}` : obj.symbols.names[rs.index[i]];
      lines.push(`${section} ${RELOC_NAMES[rs.type[i]]} ${rs.offset[i]} ${target} ${rs.addend[i]}`);
    }
  }
  return lines;
}

/** --emit-relocs with both linkers on the same argv; the relocation lists are compared by the test. */
async function emitRelocsPair(name: string, p: Prepared, argv: string[], refArgv: string[], linker: string[]) {
  const ours = path.join(OUT_DIR, `${name}.er.wasm`);
  const ref = path.join(OUT_DIR, `${name}.er-ref.wasm`);
  const [a, b] = await Promise.all([
    runProcess([...linker, ...withOutput(argv, ours), '--emit-relocs'], p.cwd, LINK_TIMEOUT_MS),
    runProcess([process.execPath, YOWASP_WASM_LD, ...withOutput(refArgv, ref), '--emit-relocs'], p.cwd, LINK_TIMEOUT_MS),
  ]);
  p.emitRelocs = { ours: a, ref: b };
  if (a.status === 0) p.emitRelocs.oursRelocs = relocationLines(ours);
  if (b.status === 0) p.emitRelocs.refRelocs = relocationLines(ref);
}

/**
 * Programs where the reference wasm-ld's --emit-relocs fails: it crashes on an assertion with C++
 * comdats (cpp_*) and weak symbols (weak), and writes symbol index -1 for relocations against
 * undefined weak functions (archive_pull), which makes its output unreadable. wlink's output is
 * then checked on its own (relocationValueErrors).
 */
const REF_EMIT_RELOCS_BROKEN = ['archive_pull', 'cpp_O0', 'cpp_Os', 'cpp_classes', 'cpp_export_dynamic', 'weak'];

/**
 * Checks each relocated field of a linked module against its relocation: function, global,
 * table and type indexes, and data addresses (a defined data symbol is absolute, or an offset in an
 * output segment, which starts at its i32.const).
 */
function relocationValueErrors(file: string): string[] {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const obj = parseObject(bytes);
  const t = obj.symbols;
  const segmentVA = obj.segments.map((s) => readS32(bytes, s.offsetExprStart + 1));
  const address = (sym: number) => (t.flags[sym] & SymFlag.Absolute ? 0 : segmentVA[t.index[sym]]) + t.offset[sym];
  const errors: string[] = [];
  for (const rs of obj.relocs) {
    // Offsets count from the payload (for a custom section: after its name).
    const custom = obj.customSections.find((c) => c.sectionIndex === rs.targetSection);
    const base = rs.targetSection === obj.codeSectionIndex ? obj.codeSectionStart
      : rs.targetSection === obj.dataSectionIndex ? obj.dataSectionStart : custom!.start;
    for (let i = 0; i < rs.type.length; i++) {
      const type = rs.type[i];
      const at = base + rs.offset[i];
      const sym = rs.index[i];
      let want: number | null = null;
      let got = 0;
      switch (type) {
        case Reloc.TYPE_INDEX_LEB: want = sym; got = readU32(bytes, at); break;
        case Reloc.FUNCTION_INDEX_LEB: case Reloc.GLOBAL_INDEX_LEB: case Reloc.TABLE_NUMBER_LEB: {
          // GLOBAL_INDEX against data reads a GOT global: not the symbol's own index.
          const kind = type === Reloc.FUNCTION_INDEX_LEB ? SymKind.Function : type === Reloc.GLOBAL_INDEX_LEB ? SymKind.Global : SymKind.Table;
          if (t.kind[sym] === kind && !(t.flags[sym] & SymFlag.Undefined)) { want = t.index[sym]; got = readU32(bytes, at); }
          break;
        }
        case Reloc.MEMORY_ADDR_SLEB: case Reloc.MEMORY_ADDR_LEB: case Reloc.MEMORY_ADDR_I32:
          if (!(t.flags[sym] & SymFlag.Undefined)) {
            want = (address(sym) + rs.addend[i]) | 0;
            got = type === Reloc.MEMORY_ADDR_I32 ? new DataView(bytes.buffer, bytes.byteOffset).getInt32(at, true)
              : type === Reloc.MEMORY_ADDR_SLEB ? readS32(bytes, at) : readU32(bytes, at) | 0;
          }
          break;
        default: break;
      }
      if (want !== null && want !== got) errors.push(`${RELOC_NAMES[type]} at ${rs.offset[i]} against ${t.names[sym]}: ${got}, expected ${want}`);
    }
  }
  return errors;
}

const SYMBOLIZE = path.join(REPO_ROOT, 'scripts', 'symbolize-yowasp.mjs');

/** @yowasp's llvm-symbolizer (addresses as arguments: the golden programs are small). */
const yowaspSymbolizer: Symbolizer = async (file, addresses) => {
  const res = await runProcess([process.execPath, SYMBOLIZE, file, ...addresses], path.dirname(file), LINK_TIMEOUT_MS);
  if (res.status !== 0) throw new Error(`symbolize-yowasp failed on ${file}: ${res.stderr.slice(0, 2000)}`);
  return res.stdout;
};

/** Programs whose objects `wlink -r` does not take yet, with the expected error. */
const RELOCATABLE_UNSUPPORTED: Record<string, RegExp> = {};

const YOWASP_WASM_LD = path.join(REPO_ROOT, 'scripts', 'wasm-ld-yowasp.mjs');

/**
 * The relocatable round trip: `wlink -r` combines the program's own objects and .wat units into
 * one object; the reference wasm-ld links it with the rest of the reference argv (crt1, libraries)
 * and the result must run like the reference.
 */
async function relocatableRoundTrip(name: string, p: Prepared, argv: string[], golden: Golden, linker: string[]) {
  const own = argv.filter((a) => /^[^-/].*\.(o|wat)$/.test(a));
  const combined = path.join(OUT_DIR, `${name}.r.o`);
  const command = [...linker, '-r', ...own, '-o', combined];
  const link = await runProcess(command, p.cwd, LINK_TIMEOUT_MS);
  p.relocatable = { link, command };
  if (link.status !== 0) return;
  const finalOut = path.join(OUT_DIR, `${name}.r.wasm`);
  let placed = false;
  const finalArgv = withOutput(argv, finalOut).flatMap((a) => {
    if (!own.includes(a)) return [a];
    if (placed) return [];
    placed = true;
    return [combined];
  });
  p.relocatable.finalLink = await runProcess([process.execPath, YOWASP_WASM_LD, ...finalArgv], p.cwd, LINK_TIMEOUT_MS);
  if (p.relocatable.finalLink.status === 0) p.relocatable.run = await runModule(finalOut, golden, p.cwd);
}

function runProcess(cmd: string[], cwd: string, timeoutMs: number): Promise<ProcResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

function runModule(file: string, golden: Golden, cwd: string): Promise<ProcResult> {
  const run = golden.run ?? 'command';
  const args = run === 'command'
    ? [RUN_WASM, file, ...(golden.args ?? [])]
    : [RUN_WASM, '--reactor', file, JSON.stringify(run.reactor)];
  return runProcess([process.execPath, ...args], cwd, RUN_TIMEOUT_MS);
}

/** Runs `worker` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await worker(item);
  }));
}

function shellQuote(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ');
}

const prepared = new Map<string, Prepared>();
let setupError: string | null = null;

beforeAll(async () => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs')], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cache.status !== 0) {
    setupError = `scripts/golden-cache.mjs failed (exit ${cache.status}); see its output above`;
    return;
  }
  const index = readCacheIndex();
  const wabt = await wabtInit();
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const linker = linkerCommand();

  await pool(PROGRAMS, os.cpus().length, async (name) => {
    const cacheDir = index[name];
    if (!cacheDir) return; // reported by the tests
    const golden = JSON.parse(fs.readFileSync(path.join(cacheDir, 'golden.json'), 'utf8')) as Golden;
    const outPath = path.join(OUT_DIR, `${name}.wasm`);
    const linkJson = readLinkJson(cacheDir);
    const command = [...linker, ...withOutput(linkJson.wlinkArgv ?? linkJson.argv, outPath)];
    const refPath = path.join(cacheDir, 'ref.wasm');
    const [link, refRun] = await Promise.all([
      runProcess(command, cacheDir, LINK_TIMEOUT_MS),
      runModule(refPath, golden, cacheDir),
    ]);
    const p: Prepared = { cacheDir, command, cwd: cacheDir, link, refBytes: fs.readFileSync(refPath), refRun, outPath };
    if (link.status === 0 && fs.existsSync(outPath)) {
      // A copy with a buffer of its own: a small file's Buffer is a view into Node's shared pool, and
      // wabt reads the whole underlying ArrayBuffer.
      p.outBytes = new Uint8Array(fs.readFileSync(outPath));
      try {
        const module = wabt.readWasm(p.outBytes, { readDebugNames: false, ...WABT_FEATURES });
        try {
          module.validate();
          p.validation = null;
        } finally {
          module.destroy();
        }
      } catch (e) {
        p.validation = String((e as Error)?.message ?? e);
      }
      p.outRun = await runModule(outPath, golden, cacheDir);
    }
    if (hasDebugInfo(golden) && p.outBytes) p.dwarf = await compareDebugInfo(refPath, outPath, yowaspSymbolizer);
    p.golden = golden;
    if (!process.env.WLINK_CMD) {
      await relocatableRoundTrip(name, p, linkJson.wlinkArgv ?? linkJson.argv, golden, linker);
      await emitRelocsPair(name, p, linkJson.wlinkArgv ?? linkJson.argv, linkJson.argv, linker);
    }
    prepared.set(name, p);
  });
}, 30 * 60_000);

function get(name: string): Prepared {
  if (setupError) throw new Error(setupError);
  const p = prepared.get(name);
  if (!p) throw new Error(`${name} is not in the golden cache (did scripts/golden-cache.mjs build it?)`);
  return p;
}

/** The linked output, or an error pointing at the failed link. */
function linked(name: string): { p: Prepared; out: Uint8Array } {
  const p = get(name);
  if (!p.outBytes) throw new Error(`not linked: see the "links" test of ${name}`);
  return { p, out: p.outBytes };
}

const summaries = new Map<Uint8Array, WasmSummary>();
function summary(bytes: Uint8Array): WasmSummary {
  let s = summaries.get(bytes);
  if (!s) summaries.set(bytes, (s = inspectWasm(bytes)));
  return s;
}

/** Compares two lists as sets (missing/extra) first, then in order, so both kinds of
 *  difference show up as readable diffs. */
function expectSameList(actual: string[], expected: string[]): void {
  const a = new Set(actual);
  const e = new Set(expected);
  expect({ missing: expected.filter((x) => !a.has(x)), extra: actual.filter((x) => !e.has(x)) })
    .toEqual({ missing: [], extra: [] });
  expect(actual).toEqual(expected); // same order (wasm-ld's is deterministic)
}

test('there are golden programs', () => {
  expect(PROGRAMS.length).toBeGreaterThanOrEqual(16);
});

describe.each(PROGRAMS)('%s', (name) => {
  test('links with the reference argv (exit 0)', () => {
    const p = get(name);
    if (p.link.status !== 0 || !p.outBytes) {
      throw new Error([
        `linker ${p.link.timedOut ? 'timed out' : `exited with ${p.link.status}${p.link.signal ? ` (${p.link.signal})` : ''}`}` +
          (p.link.status === 0 ? ` but wrote no ${p.outPath}` : ''),
        `cwd: ${p.cwd}`,
        `command: ${shellQuote(p.command)}`,
        `stderr:\n${p.link.stderr.slice(0, 4000)}`,
      ].join('\n'));
    }
  });

  test('output validates (wabt)', () => {
    const { p } = linked(name);
    if (p.validation) throw new Error(`wabt rejects ${p.outPath}:\n${p.validation}`);
  });

  test('runs like the reference (stdout, exit code / reactor results)', () => {
    const { p } = linked(name);
    const run = p.outRun!;
    expect({ exitCode: run.status, stdout: run.stdout }).toEqual({ exitCode: p.refRun.status, stdout: p.refRun.stdout });
  });

  test('same imports', () => {
    const { p, out } = linked(name);
    const fmt = (s: WasmSummary) => s.imports.map((i) => `${i.module}.${i.name} (${i.kind})`);
    expectSameList(fmt(summary(out)), fmt(summary(p.refBytes)));
  });

  test('same exports', () => {
    const { p, out } = linked(name);
    const fmt = (s: WasmSummary) => s.exports.map((e) => `${e.name} (${e.kind})`);
    expectSameList(fmt(summary(out)), fmt(summary(p.refBytes)));
  });

  test('same function names in the name section', () => {
    const { p, out } = linked(name);
    const actual = new Set(summary(out).functionNames);
    const expected = new Set(summary(p.refBytes).functionNames);
    expect({
      missing: [...expected].filter((n) => !actual.has(n)).sort(),
      extra: [...actual].filter((n) => !expected.has(n)).sort(),
    }).toEqual({ missing: [], extra: [] });
  });

  test('functions in the same order as the reference (file order, archive members as pulled)', () => {
    const { p, out } = linked(name);
    expect(summary(out).functionNames).toEqual(summary(p.refBytes).functionNames);
  });

  test('wlink -r of its objects, linked by the reference wasm-ld, runs like the reference', () => {
    const p = get(name);
    const r = p.relocatable;
    if (!r) return; // WLINK_CMD set: the round trip checks wlink itself
    if (RELOCATABLE_UNSUPPORTED[name]) {
      expect(r.link.stderr).toMatch(RELOCATABLE_UNSUPPORTED[name]);
      expect(r.link.status).toBe(1);
      return;
    }
    if (r.link.status !== 0) throw new Error(`${shellQuote(r.command)} failed:\n${r.link.stderr.slice(0, 4000)}`);
    if (r.finalLink!.status !== 0) throw new Error(`the reference wasm-ld rejected the -r output:\n${r.finalLink!.stderr.slice(0, 4000)}`);
    expect({ exitCode: r.run!.status, stdout: r.run!.stdout }).toEqual({ exitCode: p.refRun.status, stdout: p.refRun.stdout });
  });

  test('--emit-relocs: the same relocations as the reference wasm-ld\'s (type, offset, symbol, addend)', () => {
    const e = get(name).emitRelocs;
    if (!e) return; // WLINK_CMD set
    if (e.ours.status !== 0) throw new Error(`wlink --emit-relocs failed:\n${e.ours.stderr.slice(0, 2000)}`);
    if (typeof e.oursRelocs === 'string') throw new Error(`wlink's --emit-relocs output does not parse: ${e.oursRelocs}`);
    expect(e.oursRelocs!.length).toBeGreaterThan(0);
    expect(relocationValueErrors(path.join(OUT_DIR, `${name}.er.wasm`))).toEqual([]);
    const refBroken = e.ref.status !== 0 || typeof e.refRelocs === 'string';
    // A reference failure is expected only where it is known; a fixed reference gets compared.
    expect({ name, refBroken }).toEqual({ name, refBroken: REF_EMIT_RELOCS_BROKEN.includes(name) });
    if (!refBroken) expectSameList(e.oursRelocs as string[], e.refRelocs as string[]);
  });

  test('debug info (-g programs): the same source positions for every byte of the code DWARF describes', () => {
    const { p } = linked(name);
    if (!hasDebugInfo(p.golden!)) return;
    const d = p.dwarf!;
    expect(d.problems).toEqual([]);
    // Not vacuous: the program's own functions are described, and other (libc) bodies did shrink.
    expect(d.described).toEqual(expect.arrayContaining(['summarize', 'print_histogram']));
    expect(d.compacted.length).toBeGreaterThan(0);
    expect(d.compacted.filter((f) => d.described.includes(f))).toEqual([]);
  });

  test('code section no larger than the reference', () => {
    const { p, out } = linked(name);
    const ref = summary(p.refBytes).codeSize;
    const actual = summary(out).codeSize;
    if (actual > ref) throw new Error(`code section is ${actual} bytes, the reference's ${ref} (+${actual - ref})`);
  });
});
