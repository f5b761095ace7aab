// Reports must say what wasm-ld's say, in its order and wording: --print-gc-sections (`removing
// unused section FILE:(NAME)` on stdout) for plain objects and archive members, and --why-extract
// (which member each archive symbol pulled in, and for whom: a file, -u, --export or --entry), and
// -y/--trace-symbol (references, definitions, lazy definitions, the linker's own symbols and stubs), and
// the warnings of --warn-unresolved-symbols, --trace's list of files read, and the link map (-M, --Map).
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { linkerCommand, readCacheIndex, readLinkJson, REFERENCE_LD, REPO_ROOT, withOutput } from './inspect';

const PROGRAMS = ['gc_sections', 'archive_pull', 'cpp_classes'];
const WHY_EXTRACT_PROGRAMS = ['archive_pull', 'archive_search', 'cpp_classes', 'export_order'];
const TRACE_PROGRAMS = ['archive_pull', 'weak', 'sigmismatch', 'cpp_classes', 'ctors'];
const MAP_PROGRAMS = ['archive_pull', 'cpp_classes', 'weak', 'bss', 'sigmismatch'];
const UNRESOLVED_PROGRAM = 'multi_tu'; // main.o calls functions of vec.o, left out below
let scratch = '';

beforeAll(() => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), ...new Set([...PROGRAMS, ...WHY_EXTRACT_PROGRAMS, ...TRACE_PROGRAMS, ...MAP_PROGRAMS, UNRESOLVED_PROGRAM])], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cache.status !== 0) throw new Error('scripts/golden-cache.mjs failed');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-print-gc-'));
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function stdout(cmd: string[], argv: string[], cwd: string): string[] {
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...argv], { cwd, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n');
}

function run(cmd: string[], argv: string[], cwd: string): string[] {
  return stdout(cmd, argv, cwd).filter((l) => l.startsWith('removing unused section'));
}

test.each(PROGRAMS)('%s: same --print-gc-sections report as wasm-ld', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  const ref = run([process.execPath, REFERENCE_LD], [...withOutput(argv, path.join(scratch, `${program}-ref.wasm`)), '--print-gc-sections'], dir);
  const ours = run(linkerCommand(), [...withOutput(argv, path.join(scratch, `${program}-wl.wasm`)), '--print-gc-sections'], dir);
  expect(ref.length).toBeGreaterThan(0);
  expect(ours).toEqual(ref);
});

test.each(WHY_EXTRACT_PROGRAMS)('%s: same --why-extract report as wasm-ld (with -u and --export pulling members)', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  // Extra reasons: -u and --export of archive-only symbols where the program has them, and of a missing name.
  const extra = program === 'archive_pull' ? ['-u', 'unused_feature', '--export=square_area'] : ['-u', 'not_anywhere'];
  const report = (cmd: string[], out: string) => stdout(cmd, [...withOutput(argv, path.join(scratch, out)), '--why-extract=-', ...extra], dir)
    .filter((l) => l.includes('\t'));
  const ref = report([process.execPath, REFERENCE_LD], `${program}-we-ref.wasm`);
  const ours = report(linkerCommand(), `${program}-we-wl.wasm`);
  expect(ref[0]).toBe('reference\textracted\tsymbol');
  expect(ref.length).toBeGreaterThan(3);
  expect(ours).toEqual(ref);
});

/** Names traced in every program: the linker's own symbols, libc and libc++ ones, and the programs'. */
const TRACED = ['__stack_pointer', '__wasm_call_ctors', '__heap_base', '__dso_handle', '__indirect_function_table', 'malloc',
  'main', '__main_void', '_start', 'printf', 'puts', 'errno', '_ZdlPv', '__cxa_atexit', 'circle_area', 'square_area', 'scale',
  'weak_fn', 'strong_fn', 'not_anywhere'];

test.each(TRACE_PROGRAMS)('%s: same --trace (-t) list of files read as wasm-ld', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  const files = (cmd: string[], flag: string, out: string) => stdout(cmd, [...withOutput(argv, path.join(scratch, out)), flag], dir)
    .filter((l) => l.length > 0);
  const ref = files([process.execPath, REFERENCE_LD], '--trace', `${program}-t-ref.wasm`);
  expect(ref.length).toBeGreaterThan(3);
  expect(files(linkerCommand(), '-t', `${program}-t-wl.wasm`)).toEqual(ref);
});

test.each(TRACE_PROGRAMS)('%s: same -y/--trace-symbol report as wasm-ld', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  const args = TRACED.flatMap((name, k) => (k % 2 === 0 ? ['-y', name] : [`--trace-symbol=${name}`]));
  const report = (cmd: string[], out: string) => stdout(cmd, [...withOutput(argv, path.join(scratch, out)), ...args], dir)
    .filter((l) => l.length > 0);
  const ref = report([process.execPath, REFERENCE_LD], `${program}-y-ref.wasm`);
  const ours = report(linkerCommand(), `${program}-y-wl.wasm`);
  expect(ref.length).toBeGreaterThan(10);
  expect(ours).toEqual(ref);
});

test('--warn-unresolved-symbols: the same warnings as wasm-ld, and a module all the same', () => {
  const dir = readCacheIndex()[UNRESOLVED_PROGRAM];
  const argv = readLinkJson(dir).argv.filter((a) => a !== 'vec.o');
  const warnings = (cmd: string[], out: string) => {
    const r = spawnSync(cmd[0], [...cmd.slice(1), ...withOutput(argv, path.join(scratch, out)), '--warn-unresolved-symbols', '--export=not_anywhere'],
      { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    expect({ status: r.status, written: fs.existsSync(path.join(scratch, out)) }).toEqual({ status: 0, written: true });
    return r.stderr.split('\n').filter((l) => l.length > 0).map((l) => l.replace(/^[^:]*: /, ''));
  };
  const ref = warnings([process.execPath, REFERENCE_LD], 'unresolved-ref.wasm');
  const ours = warnings(linkerCommand(), 'unresolved-wl.wasm');
  expect(ref).toContain('warning: main.o: undefined symbol: vec_dot');
  expect(ours).toEqual(ref);
});

// wlink's code is compact where wasm-ld's is padded, which moves every offset: with -S on both sides
// and --compress-relocations for wasm-ld the two modules are the same bytes, and so must be the maps.
test.each(MAP_PROGRAMS)('%s: same link map (-M, --Map) as wasm-ld', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  const map = (cmd: string[], name: string, extra: string[]) => {
    fs.mkdirSync(path.join(scratch, name), { recursive: true });
    return stdout(cmd, [...withOutput(argv, path.join(scratch, name, 'out.wasm')), '-S', '-M', ...extra], dir);
  };
  const ref = map([process.execPath, REFERENCE_LD], `${program}-map-ref`, ['--compress-relocations']);
  const file = path.join(scratch, `${program}.map`);
  const ours = map(linkerCommand(), `${program}-map-wl`, [`--Map=${file}`]);
  expect(ref[0]).toMatch(/^\s+Addr\s+Off\s+Size Out\s+In\s+Symbol$/);
  expect(ref.length).toBeGreaterThan(100);
  expect(ours).toEqual(ref);
  expect(fs.readFileSync(file, 'utf8')).toBe(ours.join('\n'));
});
