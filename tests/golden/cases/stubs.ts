// The stub library option cases (wasm-ld's #STUB files, as Emscripten writes them for the functions
// its JavaScript provides), compared with wasm-ld 21 (option-cases.test.ts) and Debian's wasm-ld-19
// (option-cases.debian.test.ts): functions a stub lists imported, the symbols it says they need
// exported and pulled from archives (again for what those members need), by name or by import name,
// under GC or not, found by -l, with -r and -pie, and the errors: a dependency nothing defines, one
// that is itself undefined. The sources, stub files and archives are ours (sources.ts writes them).

/**
 * Objects (assembled like every source of cases/sources.ts): stub-main.o calls four host functions,
 * one by its import name and one only from dead code, and defines what they need; stub-alloc.o (in
 * libstuballoc.a) defines a dependency and calls another host function; stub-dep-*.o (in
 * libstubdeps.a) each define one dependency of stub-order.o's host functions.
 */
export const STUB_SOURCES: Record<string, string> = {
  'stub-main.s': `
.functype js_log (i32) -> ()
.functype js_now () -> (i32)
.import_name js_now, performance_now
.functype js_dead () -> ()
.functype js_plain () -> ()
.globl _start
_start:
  .functype _start () -> ()
  i32.const 1
  call js_log
  call js_now
  drop
  call js_plain
  end_function
.globl unused_fn
unused_fn:
  .functype unused_fn () -> ()
  call js_dead
  end_function
.globl log_write
log_write:
  .functype log_write (i32) -> ()
  end_function
.globl clock_scale
clock_scale:
  .functype clock_scale () -> (i32)
  i32.const 1000
  end_function
.globl dead_dep
dead_dep:
  .functype dead_dep () -> ()
  end_function
`,
  'stub-alloc.s': `
.functype js_free (i32) -> ()
.globl alloc_buffer
alloc_buffer:
  .functype alloc_buffer (i32) -> (i32)
  local.get 0
  call js_free
  local.get 0
  end_function
.globl free_buffer
free_buffer:
  .functype free_buffer (i32) -> ()
  end_function
`,
  'stub-order.s': `
.functype host_a () -> ()
.functype host_b () -> ()
.functype host_c () -> ()
.functype host_d () -> ()
.globl _start
_start:
  .functype _start () -> ()
  call host_a
  call host_b
  call host_c
  call host_d
  end_function
`,
  ...Object.fromEntries(['a', 'b', 'c', 'd'].map((x) => [`stub-dep-${x}.s`, `
.globl need_${x}
need_${x}:
  .functype need_${x} () -> ()
  end_function
`])),
  // A data symbol a stub lists: allowed to stay undefined (address 0), never imported.
  'stub-data.s': `
.globl _start
_start:
  .functype _start () -> (i32)
  i32.const js_table
  i32.load 0
  end_function
.size js_table, 4
`,
};

/** The stub libraries, as text files. */
export const STUB_FILES: Record<string, string> = {
  'libjs.so': '#STUB\n# functions the host provides\njs_log: log_write\nperformance_now: clock_scale, alloc_buffer\njs_free: free_buffer\n' +
    'js_dead: dead_dep\njs_unused: never_defined\njs_plain\n',
  // The first library to list a symbol decides what it needs: js_now's alloc_buffer is not pulled in.
  'libjs-first.so': '#STUB\nperformance_now: clock_scale\n',
  // Comments, spaces, CR LF line ends, a line listed twice (the last one's dependencies count).
  'libjs-odd.so': '#STUB\r\n  # indented comment\r\n js_log :  never_defined  \r\njs_plain:\r\njs_log:log_write ,  clock_scale\r\n' +
    'performance_now: clock_scale,,\r\n',
  'libjs-missing.so': '#STUB\njs_log: log_write, log_flush\n',
  'libjs-undef.so': '#STUB\njs_log: js_plain\n',
  'libhost.so': '#STUB\nhost_a: need_a\nhost_b: need_b\nhost_c: need_c\nhost_d: need_d\n',
  'libdata.so': '#STUB\njs_table: _start\n',
};

/** Archives: [name, members]. */
export const STUB_ARCHIVES: [string, string[]][] = [
  ['libstuballoc.a', ['stub-alloc.o']],
  ['libstubdeps.a', ['stub-dep-d.o', 'stub-dep-c.o', 'stub-dep-b.o', 'stub-dep-a.o']],
];

/**
 * `wasm19Only`: wasm-ld 19 and 21 visit a stub library's symbols in the order of their hash maps,
 * which differs (19's, which wlink follows, is LLVM's hash_value with a release build's seed); it
 * decides the order of the members pulled in, and so of the functions. The -pie case: 21 makes
 * __wasm_apply_data_relocs only when data needs relocating (cases/pic.ts).
 */
export const STUB_CASES: { name: string; argv: string[]; sections?: (number | string)[]; wasm19Only?: true }[] = [
  { name: 'a stub library: its functions imported, what they need exported, pulled from an archive and again for the member',
    argv: ['stub-main.o', 'libjs.so', 'libstuballoc.a'] },
  { name: 'a stub library before the objects', argv: ['libjs.so', 'stub-main.o', 'libstuballoc.a'] },
  { name: 'a stub library with --no-gc-sections: a host function only dead code calls is imported too',
    argv: ['stub-main.o', 'libjs.so', 'libstuballoc.a', '--no-gc-sections'] },
  { name: 'a stub library found by -l under -Bdynamic', argv: ['stub-main.o', '-L.', '-Bdynamic', '-ljs', 'libstuballoc.a'] },
  { name: 'a stub library is not found by -l without -Bdynamic', argv: ['stub-main.o', '-L.', '-ljs', 'libstuballoc.a'] },
  { name: 'two stub libraries list one symbol: the first decides what it needs', argv: ['stub-main.o', 'libjs-first.so', 'libjs.so', 'libstuballoc.a'] },
  { name: 'a stub library\'s comments, spaces, CR LF line ends and a symbol listed twice', argv: ['stub-main.o', 'libjs-odd.so', '--allow-undefined'] },
  { name: 'a stub library dependency nothing defines', argv: ['stub-main.o', 'libjs-missing.so', '--allow-undefined'] },
  { name: 'a stub library dependency that is itself undefined', argv: ['stub-main.o', 'libjs-undef.so'] },
  { name: 'what no stub library lists stays an undefined symbol', argv: ['stub-main.o', 'libjs-first.so'] },
  { name: 'a stub library lists what an archive member needs', argv: ['stub-main.o', 'libjs.so', 'libstuballoc.a', '--why-extract=why.txt'] },
  { name: 'a stub library pulls members in its own order', argv: ['stub-order.o', 'libhost.so', 'libstubdeps.a'], wasm19Only: true },
  { name: 'a stub library pulls members in its own order, --no-gc-sections', argv: ['stub-order.o', 'libhost.so', 'libstubdeps.a', '--no-gc-sections'],
    wasm19Only: true },
  { name: 'a stub library lists a data symbol: it may stay undefined', argv: ['stub-data.o', 'libdata.so'] },
  { name: '-r with a stub library: the members it pulls in', argv: ['-r', 'stub-main.o', 'libjs.so', 'libstuballoc.a'] },
  { name: '-pie with a stub library', argv: ['--experimental-pic', '-pie', 'stub-main.o', 'libjs.so', 'libstuballoc.a'], wasm19Only: true },
  { name: 'only a stub library', argv: ['libjs.so'] },
];

/**
 * --rpath (wasm-ld 21; 19 rejects the option, so these compare with 21 only): dylink.0's
 * RUNTIME_PATH, after the other subsections, one entry per --rpath in order (an empty one too);
 * nothing in a static link or -r. `dylinkOnly`: only the outcome's error, warnings and dylink.0 are
 * compared, 21 placing __wasm_apply_data_relocs differently (cases/pic.ts).
 */
export const RPATH_CASES: { name: string; argv: string[]; dylinkOnly?: true }[] = [
  { name: '-shared --rpath, repeated and in each spelling', argv: ['--experimental-pic', '-shared', 'pic-user.o', 'libpic.so', '--rpath', 'deps',
    '--rpath=$ORIGIN/deps', '-rpath', 'relative', '-rpath=lib/extra'], dylinkOnly: true },
  { name: '-pie --rpath= (empty)', argv: ['--experimental-pic', '-pie', 'pic-user.o', 'libpic.so', '--rpath=', '--no-entry', '--export=main_fn'],
    dylinkOnly: true },
  { name: '-shared --rpath without shared libraries', argv: ['--experimental-pic', '-shared', 'pic-lib.o', '--allow-undefined', '--rpath', 'deps'],
    dylinkOnly: true },
  { name: 'a static link with --rpath: no dylink.0', argv: ['plain.o', '--rpath', 'deps'] },
  { name: '-r with --rpath', argv: ['-r', 'library.o', '--rpath', 'deps'] },
];
