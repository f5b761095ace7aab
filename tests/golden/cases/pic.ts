// The position-independent option cases (-pie, -shared), compared with Debian's wasm-ld-19
// (option-cases.debian.test.ts) and, those not marked `wasm19Only`, with wasm-ld 21
// (option-cases.test.ts): the dylink.0 section, the imports (env.memory, the table, __memory_base,
// __table_base, __stack_pointer, functions called directly, GOT.mem and GOT.func globals), this
// module's own GOT globals, exports, the element segment at __table_base, the one data segment at
// __memory_base, the start function, and the bodies of the functions the linker writes
// (__wasm_apply_data_relocs, __wasm_apply_global_relocs, __wasm_call_ctors, __wasm_init_memory,
// __wasm_start); then the option errors and the relocations PIC output refuses. The objects' own
// code is left out: its relocations are written compact by wlink (README); the run test
// (dylink-run.test.ts) checks what it computes. Objects: pic-*.o and abs-addr.o in cases/sources.ts.
import { SectionKey } from './sources';

/** dylink.0, type, import, function, memory, global, export, start, elem, data. */
const PIC_SECTIONS: SectionKey[] = ['dylink.0', 1, 2, 3, 5, 6, 7, 8, 9, 11];
const BODIES = ['__wasm_call_ctors', '__wasm_apply_data_relocs', '__wasm_apply_global_relocs', '__wasm_init_memory', '__wasm_start'];

/**
 * `wasm21Only`: wasm-ld 19 reads a shared library in a static link (and under -r writes an object
 * with symbol index -1); 21 refuses it, as wlink does.
 * `wasm19Only`: wasm-ld 21 makes __wasm_apply_data_relocs late (last among the exports) and only
 * when some data needs relocating; 19, which wlink follows, always makes it, exported second.
 */
export const PIC_CASES: { name: string; argv: string[]; sections?: SectionKey[]; bodies?: string[]; wasm19Only?: true; wasm21Only?: true }[] = [
  { name: '-shared: dylink.0, env and GOT imports, data at __memory_base, slots at __table_base', argv: ['--experimental-pic', '-shared',
    'pic-lib.o', '--allow-undefined'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared without --experimental-pic: a warning', argv: ['-shared', 'pic-lib.o', '--allow-undefined'], sections: PIC_SECTIONS,
    bodies: BODIES, wasm19Only: true },
  { name: '-shared --no-export-dynamic: __wasm_call_ctors still exported', argv: ['--experimental-pic', '-shared', '--no-export-dynamic',
    'pic-lib.o', '--allow-undefined'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared --soname: the name section\'s module name', argv: ['--experimental-pic', '-shared', '--soname=libpic.so', 'pic-lib.o',
    '--allow-undefined'], sections: ['name'], wasm19Only: true },
  { name: '-pie: defined symbols need no GOT, own GOT entries rebased by __wasm_apply_global_relocs', argv: ['--experimental-pic', '-pie',
    'pic-lib.o', '--allow-undefined', '--no-entry', '--export=use'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie --export-all', argv: ['--experimental-pic', '-pie', 'pic-lib.o', '--allow-undefined', '--no-entry', '--export-all'],
    sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie --import-memory --export-dynamic', argv: ['--experimental-pic', '-pie', 'pic-lib.o', '--allow-undefined', '--no-entry',
    '--import-memory', '--export-dynamic'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared with only .bss and bulk memory: __wasm_init_memory at __memory_base, __wasm_start', argv: ['--experimental-pic', '-shared',
    'pic-bss-bulk.o'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared with only .bss, without bulk memory: written as zeroes', argv: ['--experimental-pic', '-shared', 'pic-bss.o'],
    sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie with only .bss: not written', argv: ['--experimental-pic', '-pie', 'pic-bss.o', '--no-entry', '--export=zero_at'],
    sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie against a shared library: its functions and data imported, GOT entries, NEEDED', argv: ['--experimental-pic', '-pie',
    'pic-user.o', 'libpic.so', '--no-entry', '--export=main_fn'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie: a shared library before the object that uses it', argv: ['--experimental-pic', '-pie', 'libpic.so', 'pic-user.o',
    '--no-entry', '--export=main_fn'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared against a shared library', argv: ['--experimental-pic', '-shared', 'pic-user.o', 'libpic.so'], sections: PIC_SECTIONS,
    bodies: BODIES, wasm19Only: true },
  { name: '-pie: -l finds libNAME.so', argv: ['--experimental-pic', '-pie', 'pic-user.o', '-L.', '-lpic', '--no-entry', '--export=main_fn'],
    sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-pie -Bstatic: -l looks for libNAME.a only', argv: ['--experimental-pic', '-pie', 'pic-user.o', '-L.', '-Bstatic', '-lpic',
    '--no-entry'] },
  { name: '-pie: a shared library defines what an object already defines', argv: ['--experimental-pic', '-pie', 'pic-lib.o', 'libpic.so',
    '--allow-undefined', '--no-entry', '--export=use'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: 'a call to a shared library\'s function with another signature', argv: ['--experimental-pic', '-pie', 'pic-badcall.o', 'libpic.so',
    '--no-entry'] },
  { name: 'the same, the library first', argv: ['--experimental-pic', '-pie', 'libpic.so', 'pic-badcall.o', '--no-entry'] },
  { name: 'import-dynamic without -pie or -shared: calls imported, GOT.mem/GOT.func imports, __wasm_apply_data_relocs for pointers to undefined symbols, dylink.0',
    argv: ['dyn-imports.o', '--unresolved-symbols=import-dynamic'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: 'import-dynamic without -pie or -shared, --export-dynamic --experimental-pic', argv: ['dyn-imports.o', '--unresolved-symbols=import-dynamic',
    '--export-dynamic', '--experimental-pic'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: 'import-dynamic without -pie or -shared: an absolute address of an undefined symbol in code', argv: ['dyn-imports-abs.o',
    '--unresolved-symbols=import-dynamic'] },
  { name: '-r with a shared library', argv: ['-r', 'pic-user.o', 'libpic.so'], wasm21Only: true },
  { name: 'a static link with a shared library', argv: ['pic-user.o', 'libpic.so', '--no-entry'], wasm21Only: true },
  { name: '-pie --emit-relocs', argv: ['--experimental-pic', '-pie', 'pic-bss.o', '--emit-relocs', '--no-entry', '--export=zero_at'],
    sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared -Bsymbolic: no GOT imports for its own definitions', argv: ['--experimental-pic', '-shared', '-Bsymbolic', 'pic-lib.o',
    '--allow-undefined'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-Bsymbolic without -shared: a warning', argv: ['-Bsymbolic', 'abs-addr.o', '--no-entry', '--export=f'] },
  { name: '-pie --unresolved-symbols=import-dynamic: undefined symbols imported without errors', argv: ['--experimental-pic', '-pie',
    'pic-lib.o', '--unresolved-symbols=import-dynamic', '--no-entry', '--export=use'], sections: PIC_SECTIONS, bodies: BODIES, wasm19Only: true },
  { name: '-shared --unresolved-symbols=import-dynamic without --experimental-pic: two warnings', argv: ['-shared', 'pic-lib.o',
    '--unresolved-symbols=import-dynamic'], sections: PIC_SECTIONS, wasm19Only: true },
  { name: 'a call with another signature than the library\'s, --no-shlib-sigcheck', argv: ['--experimental-pic', '-pie', 'pic-badcall.o',
    'libpic.so', '--no-entry', '--export=bad', '--no-shlib-sigcheck'], sections: PIC_SECTIONS, wasm19Only: true },
  { name: '-shared: undefined symbols are errors', argv: ['--experimental-pic', '-shared', 'pic-lib.o'] },
  { name: '-pie: the entry point is required', argv: ['--experimental-pic', '-pie', 'pic-lib.o', '--allow-undefined'] },
  { name: '-shared -pie', argv: ['-shared', '-pie', 'pic-lib.o'] },
  { name: '-pie --export-table', argv: ['--experimental-pic', '-pie', '--export-table', 'pic-lib.o'] },
  { name: '-shared --export-memory', argv: ['--experimental-pic', '-shared', '--export-memory', 'pic-lib.o'] },
  { name: '-pie --global-base', argv: ['--experimental-pic', '-pie', '--global-base=2048', 'pic-lib.o'] },
  { name: '-shared --table-base', argv: ['--experimental-pic', '-shared', '--table-base=5', 'pic-lib.o'] },
  { name: '-r -pie', argv: ['-r', '-pie', 'pic-lib.o'] },
  { name: '-pie --no-pie: the last wins', argv: ['-pie', '--no-pie', 'abs-addr.o', '--no-entry', '--export=f'] },
  { name: '-shared: absolute addresses in code need -fPIC', argv: ['--experimental-pic', '-shared', 'abs-addr.o'] },
  { name: '-pie: table slots in code need -fPIC', argv: ['--experimental-pic', '-pie', 'fnptr.o'] },
  { name: '-shared: a __memory_base-relative address of an undefined symbol is 0', argv: ['--experimental-pic', '-shared', 'pic-rel-undef.o',
    '--allow-undefined'], wasm19Only: true },
];
