// The objects of the option cases (option-cases.test.ts, option-cases.debian.test.ts): small
// assembly sources of our own, assembled at test time by @yowasp/clang for the MVP CPU (so they
// declare no target features; RT_SOURCES add reference-types, WASM64_SOURCES are wasm64 objects, and FEATURED objects get a hand-made
// target_features section), and the archives and files the cases link.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from '../inspect';
import { STUB_ARCHIVES, STUB_FILES, STUB_SOURCES } from './stubs';

export const TIMEOUT_MS = 120_000;

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

/** A global symbol `name` in its own section (thread-local if .tdata), 8-aligned, holding `values` as pointers of type `p`. */
const pointers = (section: string, name: string, p: 'i32' | 'i64', values: string[]) => `.section ${section},"${section.startsWith('.tdata') ? 'T' : ''}",@
.globl ${name}
.p2align 3
${name}:
${values.map((v) => `  .int${p.slice(1)} ${v}\n`).join('')}  .size ${name}, ${values.length * (p === 'i64' ? 8 : 4)}
`;

/**
 * Thread-local data for position-independent output (`p`: the pointer type, i64 in wasm64): `get_tls`
 * reads tls_a at its offset from __tls_base, hidden tls_b through this module's own GOT entry and
 * tls_a through its GOT entry (imported from GOT.mem in -shared); .tdata also holds pointers (to data,
 * into thread-local data, a function's slot), .tbss follows, and plain data holds a thread-local
 * address and its own.
 */
const picTlsSource = (p: 'i32' | 'i64') => `
.globaltype __tls_base, ${p}
.section .text.fn,"",@
fn:
  .functype fn () -> ()
  end_function
.section .text.get_tls,"",@
.globl get_tls
get_tls:
  .functype get_tls () -> (${p})
  global.get __tls_base
  ${p}.const tls_a@TLSREL
  ${p}.add
  global.get tls_b@GOT@TLS
  ${p}.add
  global.get tls_a@GOT@TLS
  ${p}.add
  end_function
.section .tdata.tls_a,"T",@
.globl tls_a
.p2align 2
tls_a:
  .int32 5
  .size tls_a, 4
.section .tdata.tls_b,"T",@
.globl tls_b
.hidden tls_b
.p2align 2
tls_b:
  .int32 6
  .size tls_b, 4
${pointers('.tdata.tls_ptrs', 'tls_ptrs', p, ['plain', 'tls_b+4', 'fn'])}.section .tbss.tls_z,"T",@
.globl tls_z
.p2align 3
tls_z:
  .skip 8
  .size tls_z, 8
${pointers('.data.plain', 'plain', p, ['tls_b', 'plain'])}`;

/** pic-lib.s's and w64-pic.s's local function `helper` (identity), and the label of their `use`. */
const PIC_HELPER_USE = `.section .text.helper,"",@
helper:
  .functype helper (i32) -> (i32)
  local.get 0
  end_function
.section .text.use,"",@
.globl use
use:
`;
/** pic-lib.s's and w64-pic.s's data: global lib_data (42) and local hidden_data (3, 8-aligned). */
const PIC_LIB_DATA = `.section .data.lib_data,"",@
.globl lib_data
.p2align 2
lib_data:
  .int32 42
  .size lib_data, 4
.section .data.hidden_data,"",@
.p2align 3
hidden_data:
  .int32 3
  .size hidden_data, 4
`;

/** An empty entry point, and a global 4-byte data symbol `counter` (7) in .data.counter, for the shm*.s sources. */
const ENTRY = `
.globl _start
_start:
  .functype _start () -> ()
  end_function
`;
const COUNTER = `.section .data.counter,"",@
.globl counter
.p2align 2
counter:
  .int32 7
  .size counter, 4
`;

/**
 * _start reads thread-local tls_b (.tbss) and tls_a (.tdata) at their offsets from __tls_base
 * (`p`: the pointer type, i64 in wasm64); tls_c is thread-local too, plain is not.
 */
const tlsSource = (p: 'i32' | 'i64') => `
.globaltype __tls_base, ${p}
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __tls_base
  ${p}.const tls_b@TLSREL
  ${p}.add
  i32.load 0
  global.get __tls_base
  ${p}.const tls_a@TLSREL+0
  ${p}.add
  i32.load 0
  i32.add
  end_function
.section .tdata.tls_a,"T",@
.globl tls_a
.p2align 2
tls_a:
  .int32 7
  .size tls_a, 4
.section .tbss.tls_b,"T",@
.globl tls_b
.p2align 4
tls_b:
  .skip 8
  .size tls_b, 8
.section .tdata.tls_c,"T",@
.globl tls_c
.p2align 3
tls_c:
  .int32 5
  .size tls_c, 4
.section .data.plain,"",@
.globl plain
plain:
  .int32 3
  .size plain, 4
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
  // An immutable global beside the entry point.
  'immutable.s': `
.globl _start
_start:
  .functype _start () -> ()
  end_function
.globl konst
.globaltype konst, i32, immutable
konst:
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
  // Functions and data, defined and undefined, read through their GOT entries (\`global.get x@GOT\`):
  // -r gives each a GOT.func.internal / GOT.data.internal global, and makes the table for the functions.
  'got-refs.s': `
.functype far_fn () -> ()
.globl near_fn
near_fn:
  .functype near_fn () -> ()
  end_function
.globl read_gots
read_gots:
  .functype read_gots () -> (i32)
  global.get far_fn@GOT
  global.get near_fn@GOT
  i32.add
  global.get far_data@GOT
  i32.add
  global.get near_data@GOT
  i32.add
  global.get near_fn@GOT
  i32.add
  end_function
.section .data.near_data,"",@
.globl near_data
.p2align 2
near_data:
  .int32 5
  .size near_data, 4
`,
  // Code and data using symbols no input defines, for --unresolved-symbols=import-dynamic without PIC:
  // a call, GOT entries, pointers in data (one with an addend, one to a function), a weak function.
  'dyn-imports.s': `
.functype ext_fn () -> ()
.functype weak_fn () -> ()
.weak weak_fn
.globl _start
_start:
  .functype _start () -> (i32)
  call ext_fn
  call weak_fn
  global.get ext_fn@GOT
  global.get ext_data@GOT
  i32.add
  i32.const own_fn
  i32.add
  i32.const 0
  i32.load ptrs
  i32.add
  end_function
own_fn:
  .functype own_fn () -> ()
  end_function
.section .data.ptrs,"",@
ptrs:
  .int32 ext_data+8
  .int32 own_data
  .int32 ext_fn
  .int32 own_fn
  .size ptrs, 16
.section .data.own_data,"",@
own_data:
  .int32 3
  .size own_data, 4
.size ext_data, 4
`,
  // An absolute address of an undefined symbol in code (the -fPIC error under import-dynamic).
  'dyn-imports-abs.s': `
.globl _start
_start:
  .functype _start () -> (i32)
  i32.const ext_data
  end_function
.size ext_data, 4
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
  // Calls `foo`, imported from module bar; import-baz.s and import-env.s import it from elsewhere.
  'import-bar.s': `
.functype foo () -> ()
.import_module foo, bar
.globl _start
_start:
  .functype _start () -> ()
  call foo
  end_function
`,
  'import-baz.s': `
.functype foo () -> ()
.import_module foo, baz
.globl call_foo
call_foo:
  .functype call_foo () -> ()
  call foo
  end_function
`,
  'import-env.s': `
.functype foo () -> ()
.globl call_foo_env
call_foo_env:
  .functype call_foo_env () -> ()
  call foo
  end_function
`,
  // Import `foo` from bar under two different explicit import names.
  'import-name-a.s': `
.functype foo () -> ()
.import_module foo, bar
.import_name foo, first
.globl _start
_start:
  .functype _start () -> ()
  call foo
  end_function
`,
  'import-name-b.s': `
.functype foo () -> ()
.import_module foo, bar
.import_name foo, second
.globl call_second
call_second:
  .functype call_second () -> ()
  call foo
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
  // A data symbol at the end of its segment whose size reaches past it (an empty label given a size).
  'data-end.s': `
.globl _start
_start:
  .functype _start () -> ()
  i32.const past_end
  drop
  end_function
.globl first, past_end
.section .data,"",@
first:
  .int32 42
  .size first, 4
past_end:
  .size past_end, 4
`,
  // For --emit-relocs: a local function, a constructor, a merged string, .bss, data the GC drops,
  // an undefined function and one of the linker's data symbols.
  'emit.s': `
.functype local_fn () -> ()
.functype ext (i32) -> ()
.globl _start
_start:
  .functype _start () -> ()
  i32.const str
  call ext
  i32.const cnt
  i32.load 0
  drop
  call local_fn
  i32.const __stack_low
  drop
  end_function
local_fn:
  .functype local_fn () -> ()
  end_function
.globl ctor
ctor:
  .functype ctor () -> ()
  end_function
.section .init_array,"",@
.p2align 2
.int32 ctor
.section .rodata.str1.1,"S",@
str:
  .asciz "hello"
  .size str, 6
.section .bss.cnt,"",@
.p2align 2
.globl cnt
cnt:
  .int32 0
  .size cnt, 4
.section .data.unused,"",@
.p2align 2
unused:
  .int32 str
  .size unused, 4
`,
  // Undefined symbols an object names: some used by live code, some by dead code, a global by none.
  'undefined-uses.s': `
.functype unused_fn (i64) -> (i64)
.functype used_fn () -> (i32)
.globl unused_global, used_global
.globaltype unused_global, i64, immutable
.globaltype used_global, i64, immutable
dead:
  .functype dead (i64) -> (i64)
  local.get 0
  call unused_fn
  end_function
.globl _start
_start:
  .functype _start () -> ()
  call used_fn
  drop
  global.get used_global
  drop
  end_function
`,
  // Three imported tables named env.t: two of one type (one import), one of another. (No code uses
  // them: table.get needs reference types, and these objects are MVP.)
  'table-imports.s': `
.tabletype t1, funcref
.import_module t1, env
.import_name t1, t
.globl t1
.tabletype t2, funcref
.import_module t2, env
.import_name t2, t
.globl t2
.tabletype t3, externref
.import_module t3, env
.import_name t3, t
.globl t3
.globl _start
_start:
  .functype _start () -> ()
  end_function
`,
  // The GOT entry of an undefined weak function (non-PIC: a global holding 0) and a call to it.
  'weak-got.s': `
.functype maybe () -> (i32)
.weak maybe
.globl get_addr
get_addr:
  .functype get_addr () -> (i32)
  global.get maybe@GOT
  end_function
.globl _start
_start:
  .functype _start () -> (i32)
  call get_addr
  call maybe
  drop
  end_function
`,
  // For -wrap foo: __wrap_foo calls the real foo.
  'wrap.s': `
.functype __real_foo () -> (i32)
.globl foo, _start, __wrap_foo
foo:
  .functype foo () -> (i32)
  i32.const 1
  end_function
_start:
  .functype _start () -> ()
  call foo
  drop
  end_function
__wrap_foo:
  .functype __wrap_foo () -> (i32)
  call __real_foo
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
  // Data in .rodata, .data (two input segments) and .bss, none of it used by code: the
  // --shared-memory cases export the symbols, so the code section holds no relocated bytes and can
  // be compared whole. FEATURED gives it the features shared memory needs.
  'shm.s': `${ENTRY}
.section .rodata.table,"",@
.globl table
.p2align 2
table:
  .int32 1
  .int32 2
  .int32 3
  .size table, 12
${COUNTER}
.section .data.other,"",@
.globl other
other:
  .int8 9
  .size other, 1
.section .bss.zero,"",@
.globl zero
.p2align 3
zero:
  .skip 40
  .size zero, 40
`,
  // The same without .bss.
  'shm-nobss.s': `${ENTRY}${COUNTER}`,
  // Refers to the TLS globals and __wasm_init_tls that --shared-memory defines, without TLS data.
  'shm-tls-refs.s': `
.globaltype __tls_base, i32
.globaltype __tls_size, i32, immutable
.functype __wasm_init_tls (i32) -> ()
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __tls_size
  call __wasm_init_tls
  global.get __tls_base
  end_function
`,
  // Thread-local data: .tdata (4-aligned), .tbss (16-aligned, between them) and .tdata again
  // (8-aligned), read by code through __tls_base plus TLS offsets; plain .data after them; and
  // `setup`, which gives a thread its block and returns __tls_size + __tls_align (those and
  // __wasm_init_tls exist with --shared-memory only: the single-threaded cases leave it out).
  'tls.s': tlsSource('i32'),
  'tls-setup.s': `
.functype __wasm_init_tls (i32) -> ()
.globaltype __tls_size, i32, immutable
.globaltype __tls_align, i32, immutable
.globl setup
setup:
  .functype setup (i32) -> (i32)
  local.get 0
  call __wasm_init_tls
  global.get __tls_size
  global.get __tls_align
  i32.add
  end_function
`,
  // Thread-local data whose address code reads from a GOT global (`@GOT@TLS`), after other .tdata.
  'tls-got.s': `
.globl _start
_start:
  .functype _start () -> (i32)
  global.get tls_g@GOT@TLS
  end_function
.section .tdata.tls_first,"T",@
.globl tls_first
tls_first:
  .int8 1
  .size tls_first, 1
.section .tdata.tls_g,"T",@
.globl tls_g
.p2align 2
tls_g:
  .int32 9
  .size tls_g, 4
`,
  // Only .tbss, 32-aligned, after 1-aligned .data: the .tdata segment is all zeroes.
  'tls-bss.s': `
.globaltype __tls_base, i32
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __tls_base
  i32.const tls_z@TLSREL
  i32.add
  i32.load 0
  end_function
.section .data.byte,"",@
.globl byte
byte:
  .int8 1
  .size byte, 1
.section .tbss.tls_z,"T",@
.globl tls_z
.p2align 5
tls_z:
  .skip 12
  .size tls_z, 12
`,
  // Data symbols after the start of their input segments, in .data and in .bss (link map offsets).
  'map-offsets.s': `
.globl _start
_start:
  .functype _start () -> ()
  end_function
.section .bss.b,"",@
.p2align 2
  .int32 0
.globl bss_sym
bss_sym:
  .int32 0
  .size bss_sym, 4
.section .data.d,"",@
  .int32 41
.globl data_sym
data_sym:
  .int32 42
  .size data_sym, 4
`,
  // Definitions of names the linker defines itself before it reads any input (duplicate symbol,
  // global type mismatch, a weak one that loses).
  'def-sp.s': `
.globaltype __stack_pointer, i32
__stack_pointer:
.globl __stack_pointer
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __stack_pointer
  end_function
`,
  'def-sp-weak.s': `
.globaltype __stack_pointer, i32
__stack_pointer:
.weak __stack_pointer
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __stack_pointer
  end_function
`,
  'def-tls-size.s': `
.globaltype __tls_size, i32
__tls_size:
.globl __tls_size
.globl _start
_start:
  .functype _start () -> (i32)
  global.get __tls_size
  end_function
`,
  // Pointers held in thread-local data: to plain data (and past its start), to thread-local data
  // itself (an offset from __tls_base), and to a function (a table slot). Its code has no
  // relocations, so the code section compares byte for byte.
  'tls-ptr.s': `
.globl _start
_start:
  .functype _start () -> (i32)
  i32.const 0
  end_function
.globl fn
fn:
  .functype fn () -> ()
  end_function
.section .data.target,"",@
.globl target
.p2align 2
target:
  .int32 1
  .int32 2
  .int32 3
  .size target, 12
.section .tdata.tls_p,"T",@
.globl tls_p
.p2align 2
tls_p:
  .int32 target
  .int32 target+8
  .int32 tls_p
  .int32 fn
  .size tls_p, 16
`,
  // Position-independent code (-fPIC style): calls, GOT reads of data and functions (defined,
  // undefined, weak undefined), __memory_base/__table_base-relative addresses, a constructor, a weak
  // definition, and data holding addresses of data and functions (defined, hidden, undefined, weak).
  'pic-lib.s': `
.globaltype __memory_base, i32, immutable
.globaltype __table_base, i32, immutable
.globaltype __stack_pointer, i32
.functype ext_fn (i32) -> (i32)
.functype weak_fn (i32) -> (i32)
.weak weak_fn
.weak weak_data
.section .text.weak_def,"",@
.weak weak_def
weak_def:
  .functype weak_def (i32) -> (i32)
  local.get 0
  i32.const 1
  i32.add
  end_function
${PIC_HELPER_USE}  .functype use (i32) -> (i32)
  local.get 0
  call weak_def
  local.get 0
  call ext_fn
  i32.add
  global.get weak_fn@GOT
  i32.add
  global.get weak_data@GOT
  i32.add
  global.get __table_base
  i32.const helper@TBREL
  i32.add
  i32.add
  global.get __memory_base
  i32.const hidden_data@MBREL
  i32.add
  i32.load 0
  i32.add
  global.get lib_data@GOT
  i32.load 0
  i32.add
  global.get ext_data@GOT
  i32.add
  global.get __stack_pointer
  i32.add
  end_function
.section .text.ctor,"",@
ctor:
  .functype ctor () -> ()
  end_function
.section .init_array.100,"",@
.p2align 2
.int32 ctor
${PIC_LIB_DATA}.section .data.ptrs,"",@
.globl ptrs
.p2align 2
ptrs:
  .int32 lib_data
  .int32 ext_data+4
  .int32 hidden_data
  .int32 helper
  .int32 ext_fn
  .int32 weak_fn
  .int32 weak_data
  .int32 weak_def
  .size ptrs, 32
.section .rodata.msg,"",@
.globl msg
msg:
  .int8 104
  .int8 0
  .size msg, 2
.section .bss.zeros,"",@
.globl zeros
.p2align 4
zeros:
  .skip 16
  .size zeros, 16
`,
  // Only .bss, read through a GOT entry of this module's own (a hidden symbol): with bulk memory, a
  // shared library's __wasm_init_memory zeroes it at __memory_base, and __wasm_start calls that and
  // __wasm_apply_global_relocs.
  'pic-bss.s': `
.globaltype __memory_base, i32, immutable
.section .text.zero_at,"",@
.globl zero_at
zero_at:
  .functype zero_at (i32) -> (i32)
  global.get only_bss@GOT
  local.get 0
  i32.add
  i32.load8_u 0
  global.get __memory_base
  i32.const only_bss@MBREL
  i32.add
  i32.add
  end_function
.section .bss.only_bss,"",@
.globl only_bss
.hidden only_bss
.p2align 3
only_bss:
  .skip 24
  .size only_bss, 24
`,
  // Uses what libpic.so (pic-lib.o linked -shared by the reference) defines: a call, a function whose
  // address alone it takes, data read through the GOT, and data holding the addresses of both.
  'pic-user.s': `
.functype use (i32) -> (i32)
.functype weak_def (i32) -> (i32)
.section .text.main_fn,"",@
.globl main_fn
main_fn:
  .functype main_fn () -> (i32)
  i32.const 1
  call use
  global.get weak_def@GOT
  i32.add
  global.get lib_data@GOT
  i32.load 0
  i32.add
  end_function
.section .data.refs,"",@
.globl refs
.p2align 2
refs:
  .int32 zeros
  .int32 use
  .size refs, 8
`,
  // Calls libpic.so's `use` with another signature.
  'pic-badcall.s': `
.functype use (i32, i32) -> (i32)
.section .text.bad,"",@
.globl bad
bad:
  .functype bad (i32) -> (i32)
  .local i32
  local.get 0
  local.tee 1
  local.get 1
  call use
  local.get 1
  i32.sub
  end_function
`,
  // An address relative to __memory_base of a symbol nothing defines.
  'pic-rel-undef.s': `
.globaltype __memory_base, i32, immutable
.section .text.f,"",@
.globl f
f:
  .functype f () -> (i32)
  global.get __memory_base
  i32.const missing@MBREL
  i32.add
  end_function
`,
  'pic-tls.s': picTlsSource('i32'),
  // Absolute addresses in code (not built with -fPIC).
  'abs-addr.s': `
.section .text.f,"",@
.globl f
f:
  .functype f () -> (i32)
  i32.const counter
  end_function
.section .data.counter,"",@
.globl counter
.p2align 2
counter:
  .int32 7
  .size counter, 4
`,
};

/** Assembled with reference-types: every table, the indirect function table too, has a symbol. */
const RT_SOURCES: Record<string, string> = {
  // An imported table, a defined funcref table and a defined externref table, all exported by -E.
  'tables-rt.s': `
.globl table_a
.tabletype table_a, funcref
.globl table_b
table_b:
  .tabletype table_b, funcref
.globl table_c
table_c:
  .tabletype table_c, externref
.globl call_tables
call_tables:
  .functype call_tables () -> ()
  i32.const 0
  call_indirect table_a, () -> ()
  i32.const 0
  call_indirect table_b, () -> ()
  end_function
`,
  // A defined table alone.
  'table-def-rt.s': `
.globl table_d
table_d:
  .tabletype table_d, funcref
`,
  // Calls through the indirect function table and puts a function in it.
  'calls-rt.s': `
.globl target_rt
target_rt:
  .functype target_rt () -> (i32)
  i32.const 1
  end_function
.globl call_rt
call_rt:
  .functype call_rt () -> (i32)
  i32.const target_rt
  call_indirect () -> (i32)
  end_function
`,
};

/**
 * wasm64 objects (assembled with --target=wasm64): every 64-bit relocation an instruction or data can
 * hold (MEMORY_ADDR_SLEB64, LEB64, I64, TABLE_INDEX_SLEB64, I64, MEMORY_ADDR_TLS_SLEB64), the i64
 * stack pointer, a 64-bit indirect function table, .bss and thread-local data. No call_indirect:
 * LLVM 21's assembler checks its operand against a 32-bit table (the C run test, wasm64-run.test.ts,
 * has indirect calls).
 */
const WASM64_SOURCES: Record<string, string> = {
  'w64.s': `${ENTRY}
.globaltype __stack_pointer, i64
.tabletype __indirect_function_table, funcref
.globl get_fn
get_fn:
  .functype get_fn () -> (i64)
  i64.const twice
  end_function
.globl twice
twice:
  .functype twice (i32) -> (i32)
  local.get 0
  i32.const 1
  i32.shl
  end_function
.globl load_counter
load_counter:
  .functype load_counter () -> (i32)
  i64.const 0
  i32.load counter
  end_function
.globl addr_bss
addr_bss:
  .functype addr_bss () -> (i64)
  i64.const bss+8
  end_function
.globl frame
frame:
  .functype frame () -> (i64)
  global.get __stack_pointer
  i64.const 16
  i64.sub
  end_function
.section .data.counter,"",@
.globl counter
.p2align 2
counter:
  .int32 7
  .size counter, 4
.section .bss.bss,"",@
.p2align 4
bss:
  .skip 64
  .size bss, 64
.section .data.ptrs,"",@
.globl ptrs
.p2align 3
ptrs:
  .int64 counter
  .int64 bss+16
  .size ptrs, 16
.section .data.fns,"",@
.globl fns
.p2align 3
fns:
  .int64 twice
  .size fns, 8
`,
  'w64-tls.s': tlsSource('i64'),
  'w64-pic-tls.s': picTlsSource('i64'),
  // wasm64 position-independent code: a call, addresses relative to __memory_base and __table_base
  // (MEMORY_ADDR_REL_SLEB64, TABLE_INDEX_REL_SLEB64), GOT reads of defined and undefined data, and
  // data holding 64-bit addresses of data and functions (defined, hidden, undefined; with an addend).
  // (No .bss: the cases with pic-lib.o have that.)
  'w64-pic.s': `
.globaltype __memory_base, i64, immutable
.globaltype __table_base, i64, immutable
.functype ext_fn (i32) -> (i32)
${PIC_HELPER_USE}  .functype use (i32) -> (i64)
  local.get 0
  call ext_fn
  drop
  global.get __memory_base
  i64.const hidden_data@MBREL
  i64.add
  global.get __table_base
  i64.const helper@TBREL
  i64.add
  i64.add
  global.get lib_data@GOT
  i64.add
  global.get ext_data@GOT
  i64.add
  end_function
${PIC_LIB_DATA}${pointers('.data.ptrs', 'ptrs', 'i64', ['lib_data', 'ext_data+4', 'hidden_data', 'helper', 'ext_fn'])}`,
  // GOT entries (i64 globals in wasm64) of an undefined weak function and of data.
  'w64-got.s': `
.functype weakfn () -> ()
.weak weakfn
.globl _start
_start:
  .functype _start () -> (i64)
  global.get weakfn@GOT
  global.get dat@GOT
  i64.add
  end_function
.section .data.dat,"",@
.globl dat
.p2align 2
dat:
  .int32 9
  .size dat, 4
`,
  // Addends beyond 32 bits (64-bit in the relocations), in code and in data.
  'w64-far.s': `
.globl _start
_start:
  .functype _start () -> (i64)
  i64.const arr+5000000000
  end_function
.section .data.ptr,"",@
.globl ptr
.p2align 3
ptr:
  .int64 arr+6000000000
  .size ptr, 8
.section .data.arr,"",@
.globl arr
arr:
  .int32 1
  .size arr, 4
`,
};

/**
 * Copies of assembled objects with a target_features section appended ([prefix, feature] pairs;
 * `=` is wasm-ld 19's required prefix), for the feature-policy cases.
 */
const FEATURED: Record<string, { from: string; features: [string, string][] }> = {
  'requires-foo.o': { from: 'plain.o', features: [['=', 'foo']] },
  'uses-foo.o': { from: 'library.o', features: [['+', 'foo']] },
  'disallows-foo.o': { from: 'library.o', features: [['-', 'foo']] },
  'no-features.o': { from: 'library.o', features: [] },
  'shm-feat.o': { from: 'shm.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'shm-nobss-feat.o': { from: 'shm-nobss.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'shm-tls-refs-feat.o': { from: 'shm-tls-refs.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'shm-atomics-only.o': { from: 'shm.o', features: [['+', 'atomics']] },
  'tls-feat.o': { from: 'tls.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'tls-setup-feat.o': { from: 'tls-setup.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'tls-bss-feat.o': { from: 'tls-bss.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'tls-got-feat.o': { from: 'tls-got.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'tls-ptr-feat.o': { from: 'tls-ptr.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'def-tls-size-feat.o': { from: 'def-tls-size.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'pic-bss-bulk.o': { from: 'pic-bss.o', features: [['+', 'bulk-memory'], ['+', 'mutable-globals']] },
  'pic-bss-shm.o': { from: 'pic-bss.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'pic-lib-shm.o': { from: 'pic-lib.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'pic-tls-feat.o': { from: 'pic-tls.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'w64-pic-shm.o': { from: 'w64-pic.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'w64-pic-tls-feat.o': { from: 'w64-pic-tls.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'shm-disallowed.o': { from: 'shm.o', features: [['+', 'atomics'], ['+', 'bulk-memory'], ['-', 'shared-mem']] },
  'w64-feat.o': { from: 'w64.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
  'w64-tls-feat.o': { from: 'w64-tls.o', features: [['+', 'atomics'], ['+', 'bulk-memory']] },
};

function appendTargetFeatures(bytes: Uint8Array, features: [string, string][]): Buffer {
  const leb = (n: number) => { const out: number[] = []; do { out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)); n >>>= 7; } while (n > 0); return out; };
  const name = (t: string) => { const b = Buffer.from(t); return [...leb(b.length), ...b]; };
  const payload = [...name('target_features'), ...leb(features.length), ...features.flatMap(([p, f]) => [p.charCodeAt(0), ...name(f)])];
  return Buffer.concat([bytes, Buffer.from([0, ...leb(payload.length), ...payload])]);
}

/** Sections a case compares byte for byte: standard ones by id, custom ones by name. */
export type SectionKey = number | string;

/** A new directory holding every case's objects, archives and files. */
export function prepareCaseDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-options-'));
  for (const [sources, flags] of [[{ ...SOURCES, ...STUB_SOURCES }, ['--target=wasm32']], [RT_SOURCES, ['--target=wasm32', '-mreference-types']],
    [WASM64_SOURCES, ['--target=wasm64']]] as const) {
    for (const [name, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, name), text);
    const pairs = Object.keys(sources).map((s) => `${s}=${s.replace(/\.s$/, '.o')}`);
    const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'),
      '-mcpu=mvp', ...flags, '-c', '--', ...pairs], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    if (cc.status !== 0) throw new Error(`assembling the test objects failed: ${cc.stderr}`);
  }
  for (const [name, { from, features }] of Object.entries(FEATURED)) {
    fs.writeFileSync(path.join(dir, name), appendTargetFeatures(fs.readFileSync(path.join(dir, from)), features));
  }
  // An archive whose only member is not wasm, and one with a `.imports` file beside it that lets
  // undefined-cpp.o's callee stay undefined (it is imported).
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an object\n');
  fs.writeFileSync(path.join(dir, 'libimp.imports'), '# allowed\n_Z3fooi\n');
  for (const [name, text] of Object.entries(STUB_FILES)) fs.writeFileSync(path.join(dir, name), text);
  for (const [lib, ...members] of [['libctor.a', 'ctor-member.o'], ['liborder.a', 'order-b.o'], ['libnotes.a', 'notes.txt'], ['libimp.a', 'ctor-member.o'],
    ['libplain.a', 'ctor-member.o'], ...STUB_ARCHIVES.map(([lib, m]) => [lib, ...m])]) {
    const made = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), '--ar', lib, ...members],
      { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    if (made.status !== 0) throw new Error(`making ${lib} failed: ${made.stderr}`);
  }
  // A shared library for the cases that link against one, made by the reference wasm-ld.
  const so = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'wasm-ld-yowasp.mjs'), '--experimental-pic', '-shared', 'pic-lib.o',
    '--allow-undefined', '-o', 'libpic.so'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (so.status !== 0) throw new Error(`making libpic.so failed: ${so.stderr}`);
  return dir;
}
