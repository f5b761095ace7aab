// The thread-local storage option cases, compared with wasm-ld 21 (option-cases.test.ts) and, those
// not marked `wasm21Only`, with Debian's wasm-ld-19 (option-cases.debian.test.ts): the .tdata output
// segment (.tdata and .tbss inputs merged, .tbss written as zeroes, its alignment), the TLS globals'
// values, __wasm_init_memory (which also sets __tls_base and never drops .tdata) and
// __wasm_init_tls, with and without --shared-memory. The code section is left out: the objects'
// code has relocations, which wlink writes compact (README); the run test
// (tls-run.test.ts) checks what the code computes. Objects: tls*.o in cases/sources.ts.
import { SectionKey } from './sources';

/** Type, import, function, memory, global, export, start, data and DataCount. */
const NO_CODE: SectionKey[] = [1, 2, 3, 5, 6, 7, 8, 11, 12];
const EXPORTS = ['--export=plain', '--export=tls_a', '--export=tls_b', '--export=tls_c'];

/**
 * `wasm21Only`: single-threaded, wasm-ld 19 gives thread-local symbols their addresses where 21
 * (and wlink) give their offsets from __tls_base (README).
 */
export const TLS_CASES: { name: string; argv: string[]; sections?: SectionKey[]; wasm21Only?: true }[] = [
  { name: 'TLS --shared-memory: one passive .tdata, __tls_base set by __wasm_init_memory, not dropped; __wasm_init_tls',
    argv: ['tls-feat.o', 'tls-setup-feat.o', '--shared-memory', '--export=setup', ...EXPORTS], sections: NO_CODE },
  { name: 'TLS --shared-memory --no-merge-data-segments: .tdata and .tbss still merge',
    argv: ['tls-feat.o', 'tls-setup-feat.o', '--shared-memory', '--no-merge-data-segments', '--export=setup', ...EXPORTS], sections: NO_CODE },
  { name: 'TLS --shared-memory --import-memory --stack-first', argv: ['tls-feat.o', 'tls-setup-feat.o', '--shared-memory', '--import-memory',
    '--stack-first', '--export=setup', ...EXPORTS], sections: NO_CODE },
  { name: 'TLS --shared-memory: only .tbss, aligned to 32', argv: ['tls-bss-feat.o', 'tls-setup-feat.o', '--shared-memory', '--export=setup',
    '--export=tls_z'], sections: NO_CODE },
  { name: 'TLS --shared-memory --export of the TLS globals', argv: ['tls-feat.o', '--shared-memory', '--export=__tls_base', '--export=__tls_size',
    '--export=__tls_align', '--export=__wasm_init_tls'], sections: NO_CODE },
  { name: 'TLS --shared-memory: a GOT global of thread-local data, mutable, set by __wasm_apply_global_tls_relocs from __wasm_init_tls',
    argv: ['tls-got-feat.o', 'tls-setup-feat.o', '--shared-memory', '--export=setup'], sections: NO_CODE },
  { name: 'TLS single-threaded: a GOT global of thread-local data holds its address', argv: ['tls-got-feat.o'], sections: NO_CODE },
  { name: 'TLS -r: thread-local data read through @GOT@TLS gets a GOT.data.internal global', argv: ['-r', 'tls-got-feat.o'],
    sections: [2, 6, 10, 'names'] },
  { name: 'TLS -r: thread-local data needs atomics and bulk memory', argv: ['-r', 'tls-got.o'] },
  { name: 'TLS: live thread-local data needs atomics and bulk memory', argv: ['tls-got.o'] },
  { name: 'TLS: --features= without bulk-memory', argv: ['tls-got-feat.o', '--features=atomics'] },
  { name: 'TLS: dead thread-local data needs neither', argv: ['tls.o', '--no-entry', '--export=plain'], sections: NO_CODE },
  { name: 'TLS: thread-local data and undefined symbols: the feature errors first', argv: ['tls-got.o', 'got-refs.o', '--export=read_gots'] },
  { name: 'TLS -r, --no-check-features', argv: ['-r', 'tls-got.o', '--no-check-features'], sections: [2, 6, 10, 'names'] },
  { name: 'TLS single-threaded: .tdata an active segment, __tls_base an immutable global at it', argv: ['tls-feat.o', ...EXPORTS],
    sections: NO_CODE, wasm21Only: true },
  { name: 'TLS single-threaded: only .tbss', argv: ['tls-bss-feat.o', '--export=tls_z'], sections: NO_CODE, wasm21Only: true },
  { name: 'TLS single-threaded: the layout, without thread-local symbols exported', argv: ['tls-feat.o', '--export=plain'], sections: NO_CODE },
  { name: 'TLS single-threaded: __wasm_init_tls is not defined', argv: ['tls-feat.o', 'tls-setup-feat.o', '--export=setup'] },
  { name: 'TLS --shared-memory: pointers in .tdata relocated in the segment; __wasm_init_tls calls the empty __wasm_apply_tls_relocs',
    argv: ['tls-ptr-feat.o', '--shared-memory', '--no-gc-sections', '--export=__wasm_init_tls'] },
  { name: 'TLS --shared-memory: relocated .tdata and a GOT global of thread-local data: both apply functions, in wasm-ld\'s order',
    argv: ['tls-ptr-feat.o', 'tls-got-feat.o', '--shared-memory', '--no-gc-sections', '--export=__wasm_init_tls'], sections: NO_CODE },
  { name: 'TLS single-threaded: pointers in .tdata, the one to thread-local data its offset', argv: ['tls-ptr-feat.o', '--no-gc-sections'],
    wasm21Only: true },
  { name: 'an input defining __stack_pointer: duplicate symbol against <internal>', argv: ['def-sp.o'] },
  { name: 'a weak definition of __stack_pointer loses to the linker\'s', argv: ['def-sp-weak.o'] },
  { name: '--shared-memory: an input defining __tls_size as a mutable global: global type mismatch', argv: ['def-tls-size-feat.o', '--shared-memory'] },
  { name: 'without --shared-memory __tls_size is the input\'s', argv: ['def-tls-size.o', '--export=__tls_size', '--features=mutable-globals'] },
];
