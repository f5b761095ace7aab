// The --shared-memory option cases, compared with wasm-ld 21 (option-cases.test.ts) and with
// Debian's wasm-ld-19 (option-cases.debian.test.ts): passive segments and the DataCount section,
// the memory's limits and shared flag (defined or imported), __wasm_init_memory's body (the code
// section is compared whole: the objects' own code has no relocations), its flag word, the TLS
// globals, and the errors: missing atomics or bulk memory, an input that disallows shared memory,
// the maximum memory's rules, -r. Objects: shm*.o in cases/sources.ts.
import { SectionKey } from './sources';

/** Type, import, function, memory, global, export, start, code, data and DataCount, byte for byte. */
const ALL: SectionKey[] = [1, 2, 3, 5, 6, 7, 8, 10, 11, 12];
const EXPORTS = ['--export=table', '--export=counter', '--export=other', '--export=zero'];

/** `wasm19Only`: wasm-ld 21 words the error otherwise; wlink follows 19 (README). */
export const SHARED_MEMORY_CASES: { name: string; argv: string[]; sections?: SectionKey[]; wasm19Only?: true }[] = [
  { name: '--shared-memory: passive segments, DataCount, __wasm_init_memory, max = initial', argv: ['shm-feat.o', '--shared-memory', ...EXPORTS], sections: ALL },
  { name: '--shared-memory --max-memory', argv: ['shm-feat.o', '--shared-memory', '--max-memory=1048576', ...EXPORTS], sections: ALL },
  { name: '--shared-memory --import-memory', argv: ['shm-feat.o', '--shared-memory', '--import-memory', ...EXPORTS], sections: ALL },
  { name: '--shared-memory --import-memory --max-memory', argv: ['shm-feat.o', '--shared-memory', '--import-memory', '--max-memory=327680', ...EXPORTS],
    sections: ALL },
  { name: '--shared-memory --import-memory=MODULE,NAME --initial-memory', argv: ['shm-feat.o', '--shared-memory', '--import-memory=mod,mem',
    '--initial-memory=196608', '--max-memory=262144', ...EXPORTS], sections: ALL },
  { name: '--shared-memory without .bss', argv: ['shm-nobss-feat.o', '--shared-memory', '--export=counter'], sections: ALL },
  { name: '--shared-memory: several segments of one kind (--no-merge-data-segments)', argv: ['shm-feat.o', '--shared-memory', '--no-merge-data-segments',
    ...EXPORTS], sections: ALL },
  { name: '--shared-memory --no-entry --export', argv: ['shm-feat.o', '--shared-memory', '--no-entry', '--export=counter'], sections: ALL },
  { name: '--shared-memory --stack-first', argv: ['shm-feat.o', '--shared-memory', '--stack-first', ...EXPORTS], sections: ALL },
  { name: '--shared-memory --no-growable-memory', argv: ['shm-feat.o', '--shared-memory', '--no-growable-memory', ...EXPORTS], sections: ALL },
  { name: '--shared-memory with no data: no start function, no flag', argv: ['shm-feat.o', '--shared-memory'], sections: ALL },
  { name: '--shared-memory --no-gc-sections: the TLS globals and __wasm_init_tls are kept', argv: ['shm-feat.o', '--shared-memory', '--no-gc-sections'],
    sections: ALL },
  { name: '--shared-memory: references to the TLS globals and __wasm_init_tls', argv: ['shm-tls-refs-feat.o', '--shared-memory'] },
  { name: '--shared-memory --export of the TLS globals, __wasm_init_tls and the flag', argv: ['shm-feat.o', '--shared-memory', '--export=counter',
    '--export=__tls_base', '--export=__tls_size', '--export=__tls_align', '--export=__wasm_init_tls', '--export=__wasm_init_memory_flag'] },
  { name: '--shared-memory --emit-relocs: .bss written as a passive segment, still zeroed, never dropped', argv: ['shm-feat.o', '--shared-memory', '--emit-relocs',
    ...EXPORTS], sections: ALL },
  { name: '--shared-memory --export-all: __tls_size is an exported global without mutable-globals', argv: ['shm-feat.o', '--shared-memory', '--export-all'] },
  { name: '--shared-memory --export-all with mutable-globals', argv: ['shm-feat.o', '--shared-memory', '--export-all', '--extra-features=mutable-globals'] },
  { name: '--shared-memory --features=atomics,bulk-memory, inputs without features', argv: ['plain.o', 'shm.o', '--shared-memory',
    '--features=atomics,bulk-memory', ...EXPORTS], sections: ALL },
  { name: '--shared-memory: inputs without atomics or bulk memory', argv: ['shm.o', '--shared-memory'] },
  { name: '--shared-memory: an input without bulk memory', argv: ['shm-atomics-only.o', '--shared-memory'] },
  { name: '--shared-memory: an input that disallows shared memory', argv: ['shm-disallowed.o', '--shared-memory'] },
  { name: '--shared-memory --features=atomics', argv: ['shm-feat.o', '--shared-memory', '--features=atomics'] },
  { name: '--shared-memory --no-check-features without the features', argv: ['shm.o', '--shared-memory', '--no-check-features', ...EXPORTS] },
  { name: '--shared-memory --import-memory --no-check-features: .bss written, still zeroed', argv: ['shm.o', '--shared-memory', '--import-memory',
    '--no-check-features', ...EXPORTS], sections: ALL },
  { name: '--shared-memory --max-memory too small', argv: ['shm-feat.o', '--shared-memory', '--max-memory=65536', ...EXPORTS] },
  { name: '--shared-memory --max-memory not page-aligned', argv: ['shm-feat.o', '--shared-memory', '--max-memory=131073'], wasm19Only: true },
  { name: '--shared-memory --max-memory with --no-growable-memory', argv: ['shm-feat.o', '--shared-memory', '--max-memory=131072', '--no-growable-memory'] },
  { name: '-r --shared-memory', argv: ['-r', 'shm-feat.o', '--shared-memory'] },
];
