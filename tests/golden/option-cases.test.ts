// Small assembly objects linked by wlink and by the reference wasm-ld (scripts/wasm-ld-yowasp.mjs)
// under options whose effects are easy to get wrong: mutable globals imported or exported without
// the mutable-globals feature, when the indirect function table exists and where it is exported,
// when a command's exports get ctor-running wrappers, --export of __start_/__stop_ symbols, table
// symbols of MVP objects, -r output (its name section, symbol table, data segments, custom sections
// and merged strings), imports shared by several symbols, and function pointers. The objects are
// assembled at test time by @yowasp/clang for the MVP CPU (so they declare no target features);
// every expectation is what the reference wasm-ld does with the same argv: the same first error,
// or the same imports, exports and functions (and under -r, what the object's sections hold).

import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseObject, symbolName } from '../../formats/object';
import { inspectWasm, linkerCommand, readSections, REFERENCE_LD, REPO_ROOT } from './inspect';

const TIMEOUT_MS = 120_000;

/** COMDAT group grp's function `shared`, as both comdat-*.s define it. */
const COMDAT_SHARED = `
.section .text.shared,"G",@,grp,comdat
.weak shared
.hidden shared
shared:
  .functype shared () -> ()
  end_function
`;

/** Constructor `P_init` of priority `priority` and local data `P_data` holding `value`, as order-*.s have them. */
const ctorAndData = (p: string, priority: number, value: number) => `.section .text.${p}_init,"",@
${p}_init:
  .functype ${p}_init () -> ()
  end_function
.section .data.${p}_data,"",@
${p}_data:
  .int32 ${value}
  .size ${p}_data, 4
.section .init_array.${priority},"",@
.p2align 2
.int32 ${p}_init
`;

/** A global function `name` that returns the address of `target` (data, or a function's table slot). */
const addressGetter = (name: string, target: string) => `.globl ${name}
${name}:
  .functype ${name} () -> (i32)
  i32.const ${target}
  end_function
`;

const SOURCES: Record<string, string> = {
  // Just an entry point.
  'plain.s': `
.globl _start
_start:
  .functype _start () -> ()
  end_function
`,
  // A mutable global beside the entry point.
  'mutable.s': `
.globl _start
.globl counter
.globaltype counter, i32
counter:
_start:
  .functype _start () -> ()
  end_function
`,
  // Writes a mutable global imported from the host.
  'importer.s': `
.globaltype host_flag, i32
.import_module host_flag, env
.import_name host_flag, host_flag
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  global.set host_flag
  end_function
`,
  // Takes the address of a function: needs the indirect function table.
  'fnptr.s': `
.globl _start
.globl callee
callee:
  .functype callee () -> ()
  end_function
_start:
  .functype _start () -> ()
  i32.const callee
  drop
  end_function
`,
  // A constructor, run by __wasm_call_ctors.
  'ctor.s': `
.globl _start
.globl setup
setup:
  .functype setup () -> ()
  end_function
_start:
  .functype _start () -> ()
  end_function
.section .init_array,"",@
.p2align 2
.int32 setup
`,
  // Reads data placed in a section of its own, "foo": layout may define __start_foo / __stop_foo.
  'startstop.s': `
.globl _start
_start:
  .functype _start () -> ()
  i32.const 0
  i32.load foo
  drop
  end_function
.globl foo
.section foo,"",@
foo:
  .int32 42
  .size foo, 4
`,
  // Functions, a global and data without an entry point, for -r with the others.
  'library.s': `
.globl helper
helper:
  .functype helper () -> ()
  end_function
.globl twice
twice:
  .functype twice (i32) -> (i32)
  local.get 0
  local.get 0
  i32.add
  end_function
.globl level
.globaltype level, i32
level:
.globl table_data
.section .data.table_data,"",@
table_data:
  .int32 1
  .int32 2
  .int32 3
  .size table_data, 12
`,
  // PIC-style table addressing: __table_base plus a table index relative to it (TBREL) must give
  // the same function pointer as the absolute table index.
  'tbrel.s': `
.globaltype __table_base, i32, immutable
.globl via_base
via_base:
  .functype via_base () -> (i32)
  global.get __table_base
  i32.const target@TBREL
  i32.add
  end_function
.globl absolute
absolute:
  .functype absolute () -> (i32)
  i32.const target
  end_function
.hidden target
.globl target
target:
  .functype target () -> (i32)
  i32.const 7
  end_function
`,
  // A weak alias of a function: taking the address of either gives the same pointer.
  'alias.s': `
.globl direct_fn
direct_fn:
  .functype direct_fn () -> (i32)
  i32.const 1
  end_function
.functype alias_fn () -> (i32)
.weak alias_fn
alias_fn = direct_fn
.globl direct_ptr
direct_ptr:
  .functype direct_ptr () -> (i32)
  i32.const direct_fn
  end_function
.globl alias_ptr
alias_ptr:
  .functype alias_ptr () -> (i32)
  i32.const alias_fn
  end_function
`,
  // Several symbols importing env.shared: those of one type share an import.
  'dup-imports.s': `
.functype first_name (i32) -> ()
.import_module first_name, env
.import_name first_name, shared
.functype second_name (i32) -> ()
.import_module second_name, env
.import_name second_name, shared
.functype other_type () -> ()
.import_module other_type, env
.import_name other_type, shared
.globaltype value_a, i32, immutable
.import_module value_a, env
.import_name value_a, shared_value
.globaltype value_b, i32, immutable
.import_module value_b, env
.import_name value_b, shared_value
.globaltype value_mut, i32
.import_module value_mut, env
.import_name value_mut, shared_value
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  call first_name
  i32.const 2
  call second_name
  call other_type
  global.get value_a
  global.get value_b
  i32.add
  global.get value_mut
  i32.add
  drop
  end_function
`,
  // Data of several kinds, in an order wasm-ld changes: .bss last, .rodata first.
  'segments.s': `
.globl zeroed
.section .bss.zeroed,"",@
zeroed:
  .int32 0
  .size zeroed, 4
.globl counter_init
.section .data.counter_init,"",@
counter_init:
  .int32 5
  .size counter_init, 4
.globl message
.section .rodata.message,"",@
message:
  .int32 7
  .size message, 4
`,
  // Calls a weak C++ function nothing defines: the call goes to a trapping stub.
  'weak-call.s': `
.functype _Z3bari (i32) -> ()
.weak _Z3bari
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  call _Z3bari
  end_function
`,
  // Two weak definitions of one function with different signatures, each called by its object.
  'weak-sig-a.s': `
.weak shared_fn
shared_fn:
  .functype shared_fn (i32) -> ()
  end_function
.globl call_a
call_a:
  .functype call_a () -> ()
  i32.const 1
  call shared_fn
  end_function
`,
  'weak-sig-b.s': `
.weak shared_fn
shared_fn:
  .functype shared_fn (i32, i32) -> ()
  end_function
.globl call_b
call_b:
  .functype call_b () -> ()
  i32.const 1
  i32.const 2
  call shared_fn
  end_function
`,
  // Calls a C++ function nothing defines.
  'undefined-cpp.s': `
.functype _Z3fooi (i32) -> ()
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  call _Z3fooi
  end_function
`,
  // Calls through the indirect function table; an MVP object has no symbol for the table.
  'calls-indirect.s': `
.globl run_indirect
run_indirect:
  .functype run_indirect (i32) -> ()
  local.get 0
  call_indirect () -> ()
  end_function
`,
  // A constructor alone, made an archive member (libctor.a) by beforeAll.
  'ctor-member.s': `
.globl setup_member
setup_member:
  .functype setup_member () -> ()
  end_function
.section .init_array,"",@
.p2align 2
.int32 setup_member
`,
  // An MVP-style object (call_indirect through the imported table, which has no symbol) that
  // also defines a table with a symbol: wasm-ld wants a symbol for every table then.
  'mvp-tables.s': `
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  call_indirect () -> ()
  end_function
.globl extra
extra:
  .tabletype extra, externref
`,
  // Two objects with COMDAT group grp: the second's copy also holds `extra`, which only it defines, so
  // when its copy of the group is discarded its call to `extra` goes to a stub of extra's signature.
  'comdat-a.s': `${COMDAT_SHARED}.section .text.main,"",@
.globl _start
_start:
  .functype _start () -> ()
  call shared
  end_function
`,
  'comdat-b.s': `${COMDAT_SHARED}.section .text.extra,"G",@,grp,comdat
.weak extra
.hidden extra
extra:
  .functype extra (i32, i32) -> (i32)
  local.get 0
  local.get 1
  i32.add
  end_function
.section .text.main,"",@
.globl use_extra
use_extra:
  .functype use_extra () -> (i32)
  i32.const 1
  i32.const 2
  call extra
  end_function
`,
  // `__attribute__((used))` on a static function and a global one: wasm-ld keeps only the global one.
  'used-static.s': `
.no_dead_strip kept_local
.no_dead_strip kept_global
.globl kept_global
.globl _start
kept_local:
  .functype kept_local () -> ()
  end_function
kept_global:
  .functype kept_global () -> ()
  end_function
_start:
  .functype _start () -> ()
  end_function
`,
  // For -r: global symbols (one undefined), local functions and data, constructors of two priorities.
  'order-a.s': `
.functype b_func () -> (i32)
a_local:
  .functype a_local () -> (i32)
  i32.const a_data
  end_function
.globl a_func
a_func:
  .functype a_func () -> (i32)
  call a_local
  call b_func
  i32.add
  end_function
${ctorAndData('a', 200, 1)}`,
  // Defines what order-a.s calls; also made an archive member (liborder.a) by beforeAll.
  'order-b.s': `
b_local:
  .functype b_local () -> (i32)
  i32.const b_data
  end_function
.globl b_func
b_func:
  .functype b_func () -> (i32)
  call b_local
  end_function
${ctorAndData('b', 100, 2)}`,
  // Custom sections, DWARF ones addressed through section symbols (SECTION_OFFSET relocations).
  'sections-a.s': `
.globl sa
sa:
  .functype sa () -> ()
  end_function
.section .debug_abbrev,"",@
.Labbrev_a:
  .int8 1
  .int8 0
.section .debug_info,"",@
  .int32 .Labbrev_a
  .int32 .Labbrev_a+1
.section .custom_section.note,"",@
  .int8 7
`,
  'sections-b.s': `
${addressGetter('sb', 'sb')}.section .custom_section.note,"",@
  .int8 8
.section .debug_abbrev,"",@
.Labbrev_b:
  .int8 2
.section .debug_info,"",@
  .int32 .Labbrev_b
`,
  // Calls sig_fn with a signature other than sig-def.s's and takes its address.
  'sig-user.s': `
.functype sig_fn (i32) -> ()
.globl use_sig
use_sig:
  .functype use_sig () -> (i32)
  i32.const 1
  call sig_fn
  i32.const sig_fn
  end_function
`,
  'sig-def.s': `
.globl sig_fn
sig_fn:
  .functype sig_fn () -> ()
  end_function
${addressGetter('sig_ptr', 'sig_fn')}`,
  // Two objects with a data segment of the same name (of different alignments) and a retained one.
  'same-a.s': `
${addressGetter('get_a', 'local_x')}.section .data.same,"",@
.p2align 2
local_x:
  .int32 1
  .size local_x, 4
.section .rodata.kept,"R",@
kept_a:
  .int8 5
  .size kept_a, 1
`,
  'same-b.s': `
${addressGetter('get_b', 'local_y')}.section .rodata.kept,"R",@
kept_b:
  .int8 6
  .size kept_b, 1
.section .data.same,"",@
.p2align 3
local_y:
  .int64 2
  .size local_y, 8
.section .data.grouped,"G",@,grp,comdat
.globl in_group
in_group:
  .int32 3
  .size in_group, 4
`,
  // Mergeable strings: in a STRINGS data segment (one the tail of another) and in .debug_str.
  'strings-a.s': `
${addressGetter('get_str', 'tail_str')}.section .rodata.str1.1,"S",@
full_str:
  .asciz "hello"
  .size full_str, 6
tail_str:
  .asciz "llo"
  .size tail_str, 4
.section .debug_str,"S",@
.Ldstr_a:
  .asciz "shared"
.section .debug_info,"",@
  .int32 .Ldstr_a
`,
  'strings-b.s': `
${addressGetter('get_other', 'again')}.section .rodata.str1.1,"S",@
again:
  .asciz "hello"
  .size again, 6
.section .debug_str,"S",@
.Ldstr_b:
  .asciz "only_b"
.Ldstr_b2:
  .asciz "shared"
.section .debug_info,"",@
  .int32 .Ldstr_b2
`,
  // COMDAT groups in two objects, the later one's name first in byte order.
  'group-z.s': `
.section .data.zd,"G",@,zgrp,comdat
.globl zd
zd:
  .int32 1
  .size zd, 4
.section .text.zf,"G",@,zgrp,comdat
.globl zf
zf:
  .functype zf () -> ()
  end_function
`,
  'group-a.s': `
.section .text.af,"G",@,agrp,comdat
.globl af
af:
  .functype af () -> ()
  end_function
`,
};

const CASES: { name: string; argv: string[]; customSections?: true }[] = [
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
  { name: 'symbols that import the same thing share an import', argv: ['dup-imports.o', '--no-check-features'] },
  { name: 'weak definitions of different signatures: the loser\'s calls go to a stub', argv: ['weak-sig-a.o', 'weak-sig-b.o', '--no-entry', '--export=call_a', '--export=call_b'] },
  { name: 'the stub of an undefined weak C++ function, demangled', argv: ['weak-call.o'] },
  { name: 'the stub of an undefined weak C++ function, --no-demangle', argv: ['weak-call.o', '--no-demangle'] },
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
  { name: '-r with --compress-relocations', argv: ['-r', 'library.o', '--compress-relocations', '--strip-all'] },
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
];

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-options-'));
  for (const [name, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, name), text);
  const pairs = Object.keys(SOURCES).map((s) => `${s}=${s.replace(/\.s$/, '.o')}`);
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'),
    '--target=wasm32', '-mcpu=mvp', '-c', '--', ...pairs], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (cc.status !== 0) throw new Error(`assembling the test objects failed: ${cc.stderr}`);
  for (const [archive, member] of [['libctor.a', 'ctor-member.o'], ['liborder.a', 'order-b.o']]) {
    const ar = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), '--ar', archive, member],
      { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    if (ar.status !== 0) throw new Error(`making ${archive} failed: ${ar.stderr}`);
  }
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
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
}

function link(command: string[], argv: string[], output: string, customSections = false): Outcome {
  const outcome = linkOnly(command, argv, output);
  if (customSections && outcome.error === null) {
    outcome.customSections = readSections(new Uint8Array(fs.readFileSync(path.join(dir, output)))).filter((s) => s.id === 0).map((s) => s.name!);
  }
  return outcome;
}

function linkOnly(command: string[], argv: string[], output: string): Outcome {
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', output], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) {
    const first = r.stderr.split('\n').find((l) => /error: /.test(l)) ?? r.stderr;
    return { error: first.replace(/^.*?error: /, ''), summary: null };
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
    return { error: null, summary, valid, ...relocatableParts(bytes), types: section(1), elements: section(9), tableImportMin: table?.limits?.min };
  }
  return { error: null, summary, valid };
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

test.each(CASES)('$name: as the reference wasm-ld', ({ argv, customSections }) => {
  const ref = link([process.execPath, REFERENCE_LD], argv, 'ref.wasm', customSections);
  const ours = link(linkerCommand(), argv, 'ours.wasm', customSections);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);

/** Links `argv` and calls each of `calls` (exported functions without arguments) in the module. */
function callAll(command: string[], argv: string[], output: string, calls: string[]): number[] {
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', output], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.stderr).toBe('');
  const exports = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(path.join(dir, output)))).exports as Record<string, () => number>;
  return calls.map((name) => exports[name]());
}

// Function pointers: two ways to one function must give the same pointer, as with the reference.
test.each([
  { what: 'a table index relative to __table_base, and the absolute one', input: 'tbrel.o', calls: ['via_base', 'absolute'], extra: [] },
  { what: 'the same, with --table-base=5', input: 'tbrel.o', calls: ['via_base', 'absolute'], extra: ['--table-base=5'] },
  { what: 'a function and its weak alias', input: 'alias.o', calls: ['direct_ptr', 'alias_ptr'], extra: [] },
])('$what: one pointer', ({ input, calls, extra }) => {
  const argv = [input, '--no-entry', ...calls.map((c) => `--export=${c}`), ...extra];
  const ref = callAll([process.execPath, REFERENCE_LD], argv, 'ref.wasm', calls);
  expect(ref[0]).toBe(ref[1]);
  expect(callAll(linkerCommand(), argv, 'ours.wasm', calls)).toEqual(ref);
}, TIMEOUT_MS);
