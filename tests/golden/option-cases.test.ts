// Small assembly objects (cases/sources.ts) linked by wlink and by the reference wasm-ld
// (scripts/wasm-ld-yowasp.mjs) under options whose effects are easy to get wrong: mutable globals
// imported or exported without the mutable-globals feature, when the indirect function table exists
// and where it is exported, when a command's exports get ctor-running wrappers, --export of
// __start_/__stop_ symbols, table symbols of MVP objects, -r output (its name section, symbol table,
// data segments, custom sections and merged strings), imports shared by several symbols, function
// pointers, data symbols that reach past their segment, --emit-relocs' linking section, import
// attributes that disagree, tables of reference-types objects beside the indirect function table,
// the initial heap's limit, archives' odd members and .imports files. Every expectation is what the
// reference wasm-ld does with the same argv: the same first error and warnings, or the same imports,
// exports and functions (and, as a case asks, the same bytes of some sections; cases/outcome.ts).
// Where wasm-ld 21 (the reference) and 19 differ, wlink follows 19: those cases are in
// option-cases.debian.test.ts (npm run test-debian).
import { spawnSync } from 'child_process';
import fs from 'fs';
import { linkerCommand, REFERENCE_LD } from './inspect';
import { CaseLinks, caseLinks } from './cases/outcome';
import { SHARED_MEMORY_CASES } from './cases/shared-memory';
import { TLS_CASES } from './cases/tls';
import { WASM64_CASES } from './cases/wasm64';
import { PIC_CASES } from './cases/pic';
import { RPATH_CASES, STUB_CASES } from './cases/stubs';
import { PIC_MEMORY_CASES } from './cases/pic-memory';
import { prepareCaseDir, SectionKey, TIMEOUT_MS } from './cases/sources';

const CASES: { name: string; argv: string[]; customSections?: true; detail?: true; sections?: SectionKey[]; bodies?: string[] }[] = [
  { name: 'a mutable global exported without the feature', argv: ['mutable.o', '--export=counter'] },
  { name: 'a mutable global exported with --features=mutable-globals', argv: ['mutable.o', '--export=counter', '--features=mutable-globals'] },
  { name: 'a mutable global exported with --no-check-features', argv: ['mutable.o', '--export=counter', '--no-check-features'] },
  { name: '--export-all with a mutable global', argv: ['mutable.o', '--export-all'] },
  { name: 'a mutable global imported without the feature', argv: ['importer.o'] },
  { name: '--export-all when nothing needs a table', argv: ['plain.o', '--export-all'] },
  { name: '--export-table when nothing needs a table', argv: ['plain.o', '--export-table'] },
  { name: '--export-all --export-table', argv: ['plain.o', '--export-all', '--export-table'] },
  { name: '--export-table with an address-taken function', argv: ['fnptr.o', '--export-table'] },
  { name: '--import-table --export-table', argv: ['fnptr.o', '--import-table', '--export-table'] },
  { name: '--no-gc-sections without constructors', argv: ['plain.o', '--no-gc-sections', '--export=_start'] },
  { name: '--no-gc-sections with a constructor', argv: ['ctor.o', '--no-gc-sections', '--export=_start'] },
  { name: '--export of __start_ of a segment', argv: ['startstop.o', '--export=__start_foo'] },
  { name: '--export of __stop_ of a segment, --no-gc-sections', argv: ['startstop.o', '--export=__stop_foo', '--no-gc-sections'] },
  { name: '--export of __start_ of no segment', argv: ['startstop.o', '--export=__start_bar'] },
  { name: 'an MVP object with a second table', argv: ['mvp-tables.o', '--no-entry'] },
  { name: '-r: the name section, data segments in wasm-ld\'s order', argv: ['-r', 'library.o', 'startstop.o', 'segments.o'] },
  { name: '-r: functions and data read through @GOT get GOT.func.internal and GOT.data.internal globals, the table imported last',
    argv: ['-r', 'got-refs.o'], sections: [2, 6, 9, 10, 'names'] },
  { name: '-r: the same after a table reference, the table imported first', argv: ['-r', 'fnptr.o', 'got-refs.o'], sections: [2, 6, 9, 10, 'names'] },
  { name: 'symbols that import the same thing share an import', argv: ['dup-imports.o', '--no-check-features'] },
  { name: 'weak definitions of different signatures: the loser\'s calls go to a stub', argv: ['weak-sig-a.o', 'weak-sig-b.o', '--no-entry', '--export=call_a', '--export=call_b'] },
  { name: 'the stub of an undefined weak C++ function, demangled', argv: ['weak-call.o'] },
  { name: 'the stub of an undefined weak C++ function, --no-demangle', argv: ['weak-call.o', '--no-demangle'] },
  { name: 'two imports of one function from different modules', argv: ['import-bar.o', 'import-baz.o', '--export=call_foo', '--allow-undefined'] },
  { name: 'an import from module bar and one from env (the default)', argv: ['import-env.o', 'import-bar.o', '--export=call_foo_env', '--allow-undefined'] },
  { name: 'two explicit import names for one function', argv: ['import-name-a.o', 'import-name-b.o', '--export=call_second', '--allow-undefined'] },
  { name: 'an explicit import name and none: the explicit one is kept', argv: ['import-bar.o', 'import-name-b.o', '--export=call_second', '--allow-undefined'],
    sections: [2] },
  { name: '--initial-heap larger than what is left of 4 GiB after the stack', argv: ['plain.o', '--stack-first', '-z', 'stack-size=65536', '--initial-heap=4295032832'] },
  { name: '--initial-heap that fits, after the stack', argv: ['plain.o', '--stack-first', '-z', 'stack-size=65536', '--initial-heap=4294901760'], sections: [5] },
  { name: 'tables of a reference-types object: imported limits, the indirect table after them, exports', argv: ['tables-rt.o', 'calls-rt.o', '--allow-undefined',
    '--export-dynamic', '--no-entry'], sections: [2, 4, 7, 9] },
  { name: 'an MVP call_indirect beside defined tables: the indirect table is table 0', argv: ['calls-indirect.o', 'table-def-rt.o', 'calls-rt.o', '--export-dynamic', '--no-entry'],
    sections: [4, 7, 9] },
  { name: 'linker-made data symbols exported in wasm-ld\'s order, not --export\'s', argv: ['plain.o', '--export=__heap_base', '--export=__data_end',
    '--export=__global_base', '--export=__stack_low', '--export=__heap_end', '--export=__stack_high', '--export=__dso_handle'] },
  { name: '--build-id=none then --build-id: the last wins', argv: ['plain.o', '--build-id=none', '--build-id'], customSections: true },
  { name: '--build-id then --build-id=none: the last wins', argv: ['plain.o', '--build-id', '--build-id=none'], customSections: true },
  { name: 'a --whole-archive member\'s constructor is kept under GC', argv: ['plain.o', '--whole-archive', 'libctor.a', '--no-whole-archive'] },
  { name: 'an archive member no one refers to is not pulled in', argv: ['plain.o', 'libctor.a'] },
  { name: '-r: address-taken functions get table slots, an element segment and the table import', argv: ['-r', 'fnptr.o', 'library.o'] },
  { name: '-r: an MVP call_indirect imports the table', argv: ['-r', 'calls-indirect.o'] },
  { name: '-r: a function and its alias share one table slot', argv: ['-r', 'alias.o'] },
  { name: '-r: the type section in wasm-ld\'s order (call_indirect types, then imports, then definitions)', argv: ['-r', 'weak-sig-a.o', 'calls-indirect.o', 'importer.o'] },
  { name: 'a map file path that is a directory', argv: ['plain.o', '-Map=/'] },
  { name: 'an undefined C++ symbol, demangled in the error', argv: ['undefined-cpp.o'] },
  { name: 'an undefined C++ symbol, --no-demangle', argv: ['undefined-cpp.o', '--no-demangle'] },
  { name: '-r with --gc-sections', argv: ['-r', 'library.o', '--gc-sections'] },
  { name: '-r with --export-table', argv: ['-r', 'library.o', '--export-table'] },
  { name: '-r with --growable-table', argv: ['-r', 'library.o', '--growable-table'] },
  { name: '-r with --entry', argv: ['-r', 'library.o', '--entry=helper'] },
  { name: '-r with -u', argv: ['-r', 'library.o', '-u', 'helper'] },
  { name: '-r with --global-base', argv: ['-r', 'library.o', '--global-base=2048'] },
  { name: 'a function only in a discarded COMDAT copy: its calls go to a stub of its signature', argv: ['comdat-a.o', 'comdat-b.o', '--export=use_extra'] },
  { name: 'a no_strip local function is collected, a no_strip global one kept', argv: ['used-static.o'] },
  { name: 'an archive whose only member is not wasm: a warning, then no input files', argv: ['libnotes.a'] },
  { name: 'a non-wasm archive member beside an object: skipped with a warning', argv: ['plain.o', 'libnotes.a'] },
  { name: 'an archive without a .imports file', argv: ['undefined-cpp.o', 'libplain.a'] },
  { name: '-r with --compress-relocations', argv: ['-r', 'library.o', '--compress-relocations', '--strip-all'] },
  { name: 'a data symbol whose size reaches past the end of its segment', argv: ['data-end.o'] },
  { name: '--emit-relocs: wasm-ld\'s symbol table, segment info and init functions; .bss written', argv: ['emit.o', '--emit-relocs', '--allow-undefined'] },
  { name: '--emit-relocs with --no-gc-sections', argv: ['emit.o', '--emit-relocs', '--allow-undefined', '--no-gc-sections'] },
  { name: '--emit-relocs with an imported memory', argv: ['emit.o', '--emit-relocs', '--allow-undefined', '--import-memory'] },
  { name: '--emit-relocs with -wrap', argv: ['wrap.o', '--emit-relocs', '-wrap', 'foo'] },
  { name: '--no-gc-sections: undefined symbols no code uses are imported too', argv: ['undefined-uses.o', '--no-gc-sections', '--allow-undefined'] },
  { name: 'undefined symbols dead code uses are not imported', argv: ['undefined-uses.o', '--allow-undefined'] },
  { name: 'imported tables: one import per module, name and type, with the object\'s limits', argv: ['table-imports.o', '--allow-undefined', '--no-gc-sections'], detail: true },
  { name: 'the GOT entry of an undefined weak function makes the table and names the stub', argv: ['weak-got.o'], detail: true },
  { name: 'the same with --unresolved-symbols=ignore-all', argv: ['weak-got.o', '--unresolved-symbols=ignore-all'], detail: true },
  { name: '-r: global symbols in the order the link met them, then each file\'s locals; constructors by priority', argv: ['-r', 'order-a.o', 'order-b.o'] },
  { name: '-r: an archive\'s symbols are met first', argv: ['-r', 'liborder.a', 'order-a.o'] },
  { name: '-r: a section symbol for each custom section, after the others, and relocations against them', argv: ['-r', 'sections-b.o', 'sections-a.o'] },
  { name: '-r with --strip-all keeps custom sections but debug info', argv: ['-r', 'sections-a.o', 'sections-b.o', '--strip-all'] },
  { name: '-r: a signature-mismatch stub is a local symbol without a table slot', argv: ['-r', 'sig-user.o', 'sig-def.o'] },
  { name: '-r: data segments of one name share an output segment, but a COMDAT one', argv: ['-r', 'same-a.o', 'same-b.o'] },
  { name: '-r merges strings', argv: ['-r', 'strings-a.o', 'strings-b.o'] },
  { name: '-r -O0 does not merge strings', argv: ['-r', 'strings-a.o', 'strings-b.o', '-O0'] },
  { name: '-r with --features writes them as the target features', argv: ['-r', 'strings-a.o', '--features=atomics,bulk-memory'] },
  { name: '-r: COMDAT groups by name, functions before data', argv: ['-r', 'group-z.o', 'group-a.o'] },
  { name: 'an immutable global exported without mutable-globals: wasm-ld refuses any global', argv: ['immutable.o', '--export=konst'] },
  ...SHARED_MEMORY_CASES.filter((c) => !c.wasm19Only),
  ...TLS_CASES,
  ...WASM64_CASES.filter((c) => !c.debianOnly),
  ...PIC_CASES.filter((c) => !c.wasm19Only),
  ...STUB_CASES.filter((c) => !c.wasm19Only),
  ...RPATH_CASES.filter((c) => !c.dylinkOnly).map((c) => ({ ...c, customSections: true as const })),
  ...PIC_MEMORY_CASES.filter((c) => !c.wasm19Only),
];

let dir: string;
let cases: CaseLinks;

beforeAll(() => {
  dir = prepareCaseDir();
  cases = caseLinks(dir);
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test.each(CASES)('$name: as the reference wasm-ld', ({ argv, customSections, sections, detail, bodies }) => {
  const ref = cases.link([process.execPath, REFERENCE_LD], argv, 'ref.wasm', customSections, sections, detail, bodies);
  const ours = cases.link(linkerCommand(), argv, 'ours.wasm', customSections, sections, detail, bodies);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);


test.each(RPATH_CASES.filter((c) => c.dylinkOnly))('$name: dylink.0 as the reference wasm-ld', ({ argv }) => {
  const dylink = (command: string[], output: string) => {
    const o = cases.link(command, argv, output, false, ['dylink.0']);
    return { error: o.error, warnings: o.warnings, dylink: o.payloads?.['dylink.0'] };
  };
  const ref = dylink([process.execPath, REFERENCE_LD], 'ref.wasm');
  expect(ref.error).toBeNull();
  expect(ref.dylink).toMatch(/^.+$/);
  expect(dylink(linkerCommand(), 'ours.wasm')).toEqual(ref);
}, TIMEOUT_MS);

// The link map (-M) places a data symbol at its offset in its input segment, also in .bss. Code is
// compact in wlink's module and padded in wasm-ld's: --compress-relocations makes them the same.
test('the link map shows data symbols at their place in their input segments, as the reference', () => {
  const map = (command: string[], extra: string[]) => {
    const r = spawnSync(command[0], [...command.slice(1), 'map-offsets.o', '--no-gc-sections', '-S', '-M', ...extra, '-o', 'map.wasm'],
      { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const ref = map([process.execPath, REFERENCE_LD], ['--compress-relocations']);
  expect(ref).toMatch(/ 4\s+4\s+bss_sym\n/);
  expect(map(linkerCommand(), [])).toBe(ref);
}, TIMEOUT_MS);

// Function pointers: two ways to one function must give the same pointer, as with the reference.
test.each([
  { what: 'a table index relative to __table_base, and the absolute one', input: 'tbrel.o', calls: ['via_base', 'absolute'], extra: [] },
  { what: 'the same, with --table-base=5', input: 'tbrel.o', calls: ['via_base', 'absolute'], extra: ['--table-base=5'] },
  { what: 'a function and its weak alias', input: 'alias.o', calls: ['direct_ptr', 'alias_ptr'], extra: [] },
])('$what: one pointer', ({ input, calls, extra }) => {
  const argv = [input, '--no-entry', ...calls.map((c) => `--export=${c}`), ...extra];
  const ref = cases.callAll([process.execPath, REFERENCE_LD], argv, 'ref.wasm', calls);
  expect(ref[0]).toBe(ref[1]);
  expect(cases.callAll(linkerCommand(), argv, 'ours.wasm', calls)).toEqual(ref);
}, TIMEOUT_MS);

// wasm-ld reads the file beside an archive named with the extension `.imports` into the list
// --allow-undefined-file fills (lld's Driver.cpp; wasm-ld-19 does, lld's archive.ll tests it). The
// reference here runs under WASI, where that file is never found, so the expectation is the
// reference's link with the same list given as --allow-undefined-file.
test('the .imports file beside an archive: its symbols may stay undefined, as with --allow-undefined-file', () => {
  const ref = cases.link([process.execPath, REFERENCE_LD], ['undefined-cpp.o', 'libimp.a', '--allow-undefined-file=libimp.imports'], 'ref.wasm');
  expect(ref.error).toBeNull();
  expect(cases.link(linkerCommand(), ['undefined-cpp.o', 'libimp.a'], 'ours.wasm')).toEqual(ref);
}, TIMEOUT_MS);

// Beyond wasm-ld's words, each shared-memory feature error says what to do about it.
test.each([
  { argv: ['shm.o', '--shared-memory'], hint: '>>> recompile shm.o with -matomics -mbulk-memory (or -pthread)' },
  { argv: ['shm-disallowed.o', '--shared-memory'], hint: '>>> recompile shm-disallowed.o with -matomics -mbulk-memory (or -pthread)' },
  { argv: ['shm-feat.o', '--shared-memory', '--features=atomics'], hint: '>>> add bulk-memory to --features=' },
])('--shared-memory feature errors name what to recompile or add: $argv', ({ argv, hint }) => {
  const command = linkerCommand();
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', 'hint.wasm'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.status).toBe(1);
  const lines = r.stderr.split('\n');
  expect(lines[0]).toMatch(/^wlink: error: /);
  expect(lines[1]).toBe(hint);
}, TIMEOUT_MS);

// What position-independent links do not support yet ends in a clear error, exit status 1 and no
// output (the reference writes these modules, or crashes on the first: no comparison).
test.each([
  { argv: ['--experimental-pic', '-pie', 'pic-lib.o', '--allow-undefined', '--emit-relocs', '--no-entry', '--export=use'],
    error: '--emit-relocs: weak_fn is an undefined function reached only through its GOT entry, which the symbol table cannot name: not supported yet' },
])('position-independent, not supported yet: $error', ({ argv, error }) => {
  const command = linkerCommand();
  fs.rmSync(`${dir}/refused.wasm`, { force: true });
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', 'refused.wasm'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.status).toBe(1);
  expect(r.stderr.split('\n').find((l) => l.startsWith('wlink: error: '))).toBe(`wlink: error: ${error}`);
  expect(fs.existsSync(`${dir}/refused.wasm`)).toBe(false);
}, TIMEOUT_MS);
