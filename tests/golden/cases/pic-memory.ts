// Position-independent output (-pie, -shared) with --shared-memory, thread-local data, the
// extended-const feature and wasm64, compared with Debian's wasm-ld-19 (option-cases.debian.test.ts)
// and, those not marked `wasm19Only`, with wasm-ld 21 (option-cases.test.ts): dylink.0 (its EXPORT_INFO of thread-local exports), the imports (i64 bases and GOT
// entries in wasm64), this module's own GOT globals (mutable, or with extended-const initialised by
// `global.get __memory_base` + offset), the passive or per-offset data segments, the start function,
// and the bodies of the functions the linker writes. Objects: pic-*.o, w64-pic*.o in cases/sources.ts.
//
// wasm-ld 21 makes __wasm_apply_data_relocs late and only when some data needs relocating (19, which
// wlink follows, always makes it, exported second), and rebases a pointer in data to one of its own
// symbols from __memory_base where 19 reads the symbol's GOT entry; single-threaded, 21 relocates
// pointers held in .tdata at __memory_base, 19 at its (immutable, 0) __tls_base; and 21 fails an
// assertion on --shared-memory with extended-const and thread-local GOT entries. So these cases are
// `wasm19Only` (as cases/pic.ts's), but for the errors; the run tests (dylink-run.test.ts) check what
// the modules compute against wasm-ld 21's.
import { SectionKey } from './sources';

/** dylink.0, type, import, function, memory, global, export, start, elem, data. */
const SECTIONS: SectionKey[] = ['dylink.0', 1, 2, 3, 5, 6, 7, 8, 9, 11];
const BODIES = ['__wasm_call_ctors', '__wasm_apply_data_relocs', '__wasm_apply_global_relocs', '__wasm_init_memory', '__wasm_start',
  '__wasm_init_tls', '__wasm_apply_tls_relocs', '__wasm_apply_global_tls_relocs'];

const PIC = ['--experimental-pic'];
const SHM = ['--shared-memory'];
const EXT = ['--extra-features=extended-const'];
const LIB = ['pic-lib.o', '--allow-undefined'];
const LIB_SHM = ['pic-lib-shm.o', '--allow-undefined'];
const PIE_LIB = ['--no-entry', '--export=use'];
const TLS = ['pic-tls-feat.o'];
const PIE_TLS = ['--no-entry', '--export=get_tls'];

type Case = { name: string; argv: string[]; sections?: SectionKey[]; bodies?: string[]; wasm19Only?: true };

/** A case compared with wasm-ld 19 (21 writes __wasm_apply_data_relocs differently, see above). */
function as19(name: string, argv: string[]): Case {
  return { name, argv, sections: SECTIONS, bodies: BODIES, wasm19Only: true };
}

export const PIC_MEMORY_CASES: Case[] = [
  // --shared-memory: passive segments copied in at __memory_base by __wasm_init_memory (the flag's
  // address in a local), no combined segment, the largest memory as the maximum; __wasm_start.
  as19('-shared --shared-memory: __wasm_init_memory at __memory_base, __wasm_start', [...PIC, '-shared', ...SHM, ...LIB_SHM]),
  as19('-pie --shared-memory', [...PIC, '-pie', ...SHM, ...LIB_SHM, ...PIE_LIB]),
  { name: '-shared --shared-memory --max-memory', argv: [...PIC, '-shared', ...SHM, '--max-memory=131072', ...LIB_SHM], sections: SECTIONS,
    bodies: BODIES, wasm19Only: true },
  as19('-shared --shared-memory with only .bss: memory.fill at __memory_base', [...PIC, '-shared', ...SHM, 'pic-bss-shm.o']),
  // Thread-local data with --shared-memory: .tdata relocated per thread at __tls_base, thread-local GOT
  // entries set by __wasm_apply_global_tls_relocs, EXPORT_INFO for the exported thread-local symbols.
  as19('-shared --shared-memory, thread-local data: __wasm_apply_tls_relocs, EXPORT_INFO', [...PIC, '-shared', ...SHM, ...TLS]),
  as19('-pie --shared-memory, thread-local data', [...PIC, '-pie', ...SHM, ...TLS, ...PIE_TLS]),
  // Single-threaded thread-local data in PIC: one combined segment, __tls_base an immutable 0 (as both wasm-lds).
  as19('-shared, thread-local data without shared memory', [...PIC, '-shared', ...TLS]),
  as19('-pie, thread-local data without shared memory', [...PIC, '-pie', ...TLS, ...PIE_TLS]),
  { name: '-pie: thread-local data needs atomics and bulk memory', argv: [...PIC, '-pie', 'pic-tls.o', ...PIE_TLS] },
  // extended-const: each segment at __memory_base + its offset, own GOT entries initialised the same
  // way (immutable), no __wasm_apply_global_relocs.
  as19('-pie with extended-const: segments and GOT entries at __memory_base + offset', [...PIC, '-pie', ...EXT, ...LIB, ...PIE_LIB]),
  as19('-shared with extended-const', [...PIC, '-shared', ...EXT, ...LIB]),
  as19('-shared --shared-memory with extended-const', [...PIC, '-shared', ...SHM, ...EXT, ...LIB_SHM]),
  as19('-shared with extended-const, thread-local data without shared memory', [...PIC, '-shared', ...EXT, ...TLS]),
  { name: '-shared --shared-memory with extended-const, thread-local data', argv: [...PIC, '-shared', ...SHM, ...EXT, ...TLS],
    sections: SECTIONS, bodies: BODIES, wasm19Only: true },
  // wasm64: i64 __memory_base, __table_base and GOT imports, 64-bit relative relocations, i64 arithmetic.
  as19('-mwasm64 -shared', ['-mwasm64', ...PIC, '-shared', 'w64-pic.o', '--allow-undefined']),
  as19('-mwasm64 -pie', ['-mwasm64', ...PIC, '-pie', 'w64-pic.o', '--allow-undefined', ...PIE_LIB]),
  as19('-mwasm64 -shared --shared-memory', ['-mwasm64', ...PIC, '-shared', ...SHM, 'w64-pic-shm.o', '--allow-undefined']),
  as19('-mwasm64 -pie with extended-const', ['-mwasm64', ...PIC, '-pie', ...EXT, 'w64-pic.o', '--allow-undefined', ...PIE_LIB]),
  as19('-mwasm64 -shared --shared-memory, thread-local data', ['-mwasm64', ...PIC, '-shared', ...SHM, 'w64-pic-tls-feat.o']),
  as19('-mwasm64 -pie, thread-local data without shared memory', ['-mwasm64', ...PIC, '-pie', 'w64-pic-tls-feat.o', ...PIE_TLS]),
];
